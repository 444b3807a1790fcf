// logistic: construction checks and the KL between two logistic laws by quadrature.
#include "kullback/parametric/logistic.hpp"

#include <cmath>
#include <string>

#include "checks.hpp"
#include "location_scale_terms.hpp"

namespace kullback {

logistic::logistic(double loc, double scale) : loc_(loc), scale_(scale) {
  const char* function = "kullback::logistic";
  detail::check_parameter(function, "loc", loc, detail::finite);
  detail::check_parameter(function, "scale", scale, detail::positive);
}

}  // namespace kullback

// ---- measures ------------------------------------------------------------------------------------
//
// No closed form of the KL between two logistic laws is known, so it is integrated numerically,
// written so that the integrand is non-negative and free of cancellation:
//   KL(p||q) = E_p[h(lambda)],  lambda = log q - log p,  h(x) = e^x - 1 - x >= 0
// (E_p[e^lambda - 1] = 0). In the standardised variable of p, z = (x - m1) / s1, with
// w = delta + rho z (rho = s1 / s2, delta = (m1 - m2) / s2) and log phi(y) = -2 log(2 cosh(y / 2)),
//   lambda = log rho + log phi(w) - log phi(z)
//          = log rho - 2 log1p(2 sinh^2(eta / 4) + tanh(z / 2) sinh(eta / 2)),  eta = w - z,
// the second form (cosh(a + b) / cosh(a) - 1 without subtraction) used while |eta| <= 2, so that
// lambda keeps its relative accuracy when p and q are nearly equal.
//
// Quadrature: the trapezoidal rule on the real line. The integrand is analytic in the strip
// |Im z| < pi min(1, 1 / rho) (the poles of phi(z) and phi(w)), so with step
// h = 0.3 min(1, 1 / rho) the discretisation error is ~exp(-2 pi^2 / 0.3) ~ 1e-29 relative; it
// decays like e^-|z| (p's tails) and e^(-rho |z - z0|) (q's tails, z0 = -delta / rho), so the
// range covers 50 + log(1 + rho) units of p and 50 / rho units of q around their centres. The
// terms are non-negative and added with Neumaier compensation.

namespace kullback {

namespace {

double log_phi(double y) {
  const double a = std::fabs(y);
  return -a - 2.0 * std::log1p(std::exp(-a));
}

double logistic_kl(double m1, double s1, double m2, double s2) {
  if (m1 == m2 && s1 == s2) return 0.0;
  const double rho = s1 / s2;
  const double t = (s1 - s2) / s2;
  const double delta = (m1 - m2) / s2;
  const double log_rho = std::fabs(t) <= 0.5 ? std::log1p(t) : std::log(s1) - std::log(s2);
  const double h = 0.3 * std::fmin(1.0, 1.0 / rho);
  const double z0 = -delta / rho;
  const double zp = 50.0 + std::log1p(rho);
  const double zq = 50.0 / rho;
  const double lo = std::fmin(-zp, z0 - zq);
  const double hi = std::fmax(zp, z0 + zq);
  const auto first = static_cast<long long>(std::floor(lo / h));
  const auto last = static_cast<long long>(std::ceil(hi / h));
  double sum = 0.0, carry = 0.0;
  for (long long j = first; j <= last; ++j) {
    const double z = static_cast<double>(j) * h;
    const double eta = delta + t * z;  // w - z
    const double lp = log_phi(z);
    double lambda;
    if (std::fabs(eta) <= 2.0) {
      const double s = std::sinh(0.25 * eta);
      lambda = log_rho - 2.0 * std::log1p(2.0 * s * s + std::tanh(0.5 * z) * std::sinh(0.5 * eta));
    } else {
      lambda = log_rho + log_phi(delta + rho * z) - lp;
    }
    const double density = std::exp(lp);
    const double term = lambda <= 1.0 ? density * detail::ls::expm1_minus_x(lambda)
                                      : std::exp(lp + lambda) - density * (1.0 + lambda);
    const double next = sum + term;
    carry += std::fabs(sum) >= std::fabs(term) ? (sum - next) + term : (term - next) + sum;
    sum = next;
  }
  return (sum + carry) * h;
}

}  // namespace

double kl(const logistic& p, const logistic& q) { return logistic_kl(p.loc(), p.scale(), q.loc(), q.scale()); }

double jeffreys(const logistic& p, const logistic& q) { return kl(p, q) + kl(q, p); }

}  // namespace kullback
