// weibull: construction checks and the closed-form KL between two Weibull laws.
#include "kullback/parametric/weibull.hpp"

#include <cmath>
#include <string>

#include "checks.hpp"
#include "location_scale_terms.hpp"

namespace kullback {

weibull::weibull(double scale, double concentration) : scale_(scale), concentration_(concentration) {
  const char* function = "kullback::weibull";
  detail::check_parameter(function, "scale", scale, detail::positive);
  detail::check_parameter(function, "concentration", concentration, detail::positive);
}

}  // namespace kullback

// ---- measures ------------------------------------------------------------------------------------

namespace kullback {

// In y = log x both laws are Gumbel laws of minima with scales 1/k1, 1/k2, so with
// kappa = k2 / k1 (t = (k2 - k1) / k1) and ell = k2 log(l1 / l2) + lgamma(1 + kappa),
// KL = h(ell) + lgamma(kappa) + gamma_E (kappa - 1), h(x) = e^x - 1 - x: two non-negative terms.
double kl(const weibull& p, const weibull& q) {
  const double k1 = p.concentration(), k2 = q.concentration();
  const double l1 = p.scale(), l2 = q.scale();
  const double kappa = k2 / k1;
  const double t = (k2 - k1) / k1;
  const double x = (l1 - l2) / l2;
  const double log_l = std::fabs(x) <= 0.5 ? std::log1p(x) : std::log(l1) - std::log(l2);
  const double ell = k2 * log_l + detail::ls::lgamma_one_plus(t, kappa);
  return detail::ls::gumbel_type_kl(ell, t, kappa);
}

double jeffreys(const weibull& p, const weibull& q) { return kl(p, q) + kl(q, p); }

}  // namespace kullback
