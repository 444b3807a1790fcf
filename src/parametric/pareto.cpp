// pareto: construction checks and the closed forms of every measure between two Pareto laws.
#include "kullback/parametric/pareto.hpp"

#include <cmath>
#include <string>

#include "checks.hpp"
#include "gaussian_terms.hpp"
#include "normal_terms.hpp"

namespace kullback {

pareto::pareto(double scale, double alpha) : scale_(scale), alpha_(alpha) {
  const char* function = "kullback::pareto";
  detail::check_parameter(function, "scale", scale, detail::positive);
  detail::check_parameter(function, "alpha", alpha, detail::positive);
}

}  // namespace kullback

// ---- measures ------------------------------------------------------------------------------------
//
// With rho = a2 / a1 = 1 + t (t = (a2 - a1) / a1 from the exact difference) and
// log(m1 / m2) = log1p((m1 - m2) / m2), every measure is the sum of a shape part and a scale part
// of the same sign, each O(eps^2) or O(eps) without cancellation.

namespace kullback {

namespace {

namespace g = detail::gauss;

double log_scale_ratio(double m1, double m2) {
  const double x = (m1 - m2) / m2;
  return std::fabs(x) <= 0.5 ? std::log1p(x) : g::log_ratio(m1, m2);
}

// D_a(p||q), a > 0, a != 1. log C_a = -(1 - a) k(1 - a, t) + (scale part), where the shape part
// (1 - a) log rho - log(a + (1 - a) rho) is the Gaussian Renyi scale term k (series-stable near
// rho = 1) and the scale part is -(1 - a) a2 log(m1 / m2) for m1 >= m2, a a1 log(m1 / m2) otherwise.
double pareto_renyi(double m1, double a1, double m2, double a2, double alpha) {
  if (alpha > 1.0 && m1 < m2) return g::infinity;
  const g::renyi_coefficients rc(alpha);
  const double beta = rc.beta;
  const double t = (a2 - a1) / a1;
  const double rho = a2 / a1;
  const double mix = alpha + beta * rho;  // A / a1
  if (!(mix > 0.0)) return g::infinity;
  const double log_rho = std::fabs(t) <= 0.5 ? std::log1p(t) : g::log_ratio(a2, a1);
  const double shape = g::renyi_scale_term(rc, t, log_rho, std::fabs(t) <= 0.5 ? 1.0 + beta * t : mix);
  if (std::isinf(shape)) return g::infinity;
  if (m1 == m2) return shape;
  const double lm = log_scale_ratio(m1, m2);
  return shape + (m1 > m2 ? a2 * lm : -alpha * a1 * lm / beta);
}

}  // namespace

// KL = a2 log(m1 / m2) + (rho - 1 - log rho), two non-negative terms.
double kl(const pareto& p, const pareto& q) {
  const double m1 = p.scale(), m2 = q.scale();
  if (m1 < m2) return g::infinity;
  const double a1 = p.alpha(), a2 = q.alpha();
  const double t = (a2 - a1) / a1;
  const double shape = std::fabs(t) <= 0.5 ? g::t_minus_log1p(t) : (a2 / a1 - 1.0) - g::log_ratio(a2, a1);
  return (m1 == m2 ? 0.0 : a2 * log_scale_ratio(m1, m2)) + shape;
}

double jeffreys(const pareto& p, const pareto& q) { return kl(p, q) + kl(q, p); }

double renyi(const pareto& p, const pareto& q, double alpha) {
  detail::check_alpha("kullback::renyi", alpha);
  if (alpha == 1.0) return kl(p, q);
  if (alpha == 0.0) return p.scale() > q.scale() ? q.alpha() * log_scale_ratio(p.scale(), q.scale()) : 0.0;
  return pareto_renyi(p.scale(), p.alpha(), q.scale(), q.alpha(), alpha);
}

double chernoff_coefficient(const pareto& p, const pareto& q, double alpha) {
  detail::check_alpha("kullback::chernoff_coefficient", alpha);
  if (alpha == 1.0) return 1.0;
  return std::exp((alpha - 1.0) * renyi(p, q, alpha));
}

double bhattacharyya(const pareto& p, const pareto& q) {
  return 0.5 * pareto_renyi(p.scale(), p.alpha(), q.scale(), q.alpha(), 0.5);
}

double hellinger(const pareto& p, const pareto& q) { return g::hellinger_from_bhattacharyya(bhattacharyya(p, q)); }

}  // namespace kullback
