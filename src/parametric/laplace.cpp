// laplace: construction checks and the closed forms of every measure between two Laplace laws.
#include "kullback/parametric/laplace.hpp"

#include <cmath>
#include <string>

#include "checks.hpp"
#include "gaussian_terms.hpp"
#include "location_scale_terms.hpp"
#include "normal_terms.hpp"

namespace kullback {

laplace::laplace(double loc, double scale) : loc_(loc), scale_(scale) {
  const char* function = "kullback::laplace";
  detail::check_parameter(function, "loc", loc, detail::finite);
  detail::check_parameter(function, "scale", scale, detail::positive);
}

}  // namespace kullback

// ---- measures ------------------------------------------------------------------------------------
//
// Near p = q every measure is O(eps^2) in the parameter differences; each is assembled from terms
// that are themselves O(eps^2) (t - log1p(t), e^x - 1 - x, the Gaussian Renyi scale series), so
// the result keeps its relative accuracy.

namespace kullback {

namespace {

namespace g = detail::gauss;
namespace ls = detail::ls;

// D_a(p||q) for a > 0, a != 1. With r = b1 / b2 = 1 + t, C_a = C0 * B where
//   C0 = r^(1-a) / (a + (1-a) r)            (the d = 0 value; log C0 = -(1-a) k(1-a, t) with the
//                                            Gaussian Renyi scale term k, already series-stable)
//   B  = (e^f1 + e^f2) / 2 + (k/s) (e^f2 - e^f1) / 2.
// In B - 1 the linear parts cancel exactly (f1 + f2 = -k d, f2 - f1 = s d), leaving, with
// h(x) = e^x - 1 - x,
//   B - 1 = (h(f1) + h(f2)) / 2 + (k d / 2) [expm1(f1) expm1(s d) / (s d) + h(s d) / (s d)],
// used while |s d| <= 1; beyond, B from its definition scaled by e^max(f1, f2). Then
//   D_a = k(1-a, t) - log B / (1 - a).
double laplace_renyi(double m1, double b1, double m2, double b2, double alpha) {
  const g::renyi_coefficients rc(alpha);
  const double beta = rc.beta;
  const double t = (b1 - b2) / b2;
  const double r = b1 / b2;
  const double mix = alpha + beta * r;  // b1 k
  if (!(mix > 0.0)) return g::infinity;
  const double log_r = std::fabs(t) <= 0.5 ? std::log1p(t) : g::log_ratio(b1, b2);
  const double scale_part = g::renyi_scale_term(rc, t, log_r, std::fabs(t) <= 0.5 ? 1.0 + beta * t : mix);
  if (std::isinf(scale_part)) return g::infinity;
  const double d = std::fabs(m1 - m2);
  if (d == 0.0) return scale_part;
  const double u = d / b1;
  const double v = d / b2;
  const double f1 = -beta * v;
  const double f2 = -alpha * u;
  const double sd = beta * v - alpha * u;
  const double kd = alpha * u + beta * v;
  double log_b;
  if (std::fabs(sd) <= 1.0) {
    const double b_minus_1 = 0.5 * (ls::expm1_minus_x(f1) + ls::expm1_minus_x(f2)) +
                             0.5 * kd *
                                 (std::expm1(f1) * ls::expm1_over_x(sd) +
                                  (sd == 0.0 ? 0.0 : ls::expm1_minus_x(sd) / sd));
    log_b = std::log1p(b_minus_1);
  } else {
    const double fm = std::fmax(f1, f2);
    const double e1 = std::exp(f1 - fm);
    const double e2 = std::exp(f2 - fm);
    log_b = fm + std::log(0.5 * (e1 + e2) + 0.5 * (kd / sd) * (e2 - e1));
  }
  return scale_part - log_b / beta;
}

}  // namespace

// KL = (r - 1 - log r) + r h(-d / b1), h(x) = e^x - 1 - x: two non-negative terms
// (d / b2 + r expm1(-d / b1) = r (d / b1 + expm1(-d / b1)) = r h(-d / b1)).
double kl(const laplace& p, const laplace& q) {
  const double b1 = p.scale();
  const double b2 = q.scale();
  const double t = (b1 - b2) / b2;
  const double d = std::fabs(p.loc() - q.loc());
  const double r = b1 / b2;
  const double scale_term = std::fabs(t) <= 0.5 ? g::t_minus_log1p(t) : (r - 1.0) - g::log_ratio(b1, b2);
  return scale_term + r * ls::expm1_minus_x(-d / b1);
}

double jeffreys(const laplace& p, const laplace& q) { return kl(p, q) + kl(q, p); }

double renyi(const laplace& p, const laplace& q, double alpha) {
  detail::check_alpha("kullback::renyi", alpha);
  if (alpha == 1.0) return kl(p, q);
  if (alpha == 0.0) return 0.0;
  return laplace_renyi(p.loc(), p.scale(), q.loc(), q.scale(), alpha);
}

double chernoff_coefficient(const laplace& p, const laplace& q, double alpha) {
  detail::check_alpha("kullback::chernoff_coefficient", alpha);
  if (alpha == 1.0 || alpha == 0.0) return 1.0;
  return std::exp((alpha - 1.0) * laplace_renyi(p.loc(), p.scale(), q.loc(), q.scale(), alpha));
}

double bhattacharyya(const laplace& p, const laplace& q) {
  return 0.5 * laplace_renyi(p.loc(), p.scale(), q.loc(), q.scale(), 0.5);
}

double hellinger(const laplace& p, const laplace& q) { return g::hellinger_from_bhattacharyya(bhattacharyya(p, q)); }

}  // namespace kullback
