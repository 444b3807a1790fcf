// gumbel: construction checks and the closed-form KL between two Gumbel laws.
#include "kullback/parametric/gumbel.hpp"

#include <string>

#include "checks.hpp"
#include "location_scale_terms.hpp"

namespace kullback {

gumbel::gumbel(double loc, double scale) : loc_(loc), scale_(scale) {
  const char* function = "kullback::gumbel";
  detail::check_parameter(function, "loc", loc, detail::finite);
  detail::check_parameter(function, "scale", scale, detail::positive);
}

}  // namespace kullback

// ---- measures ------------------------------------------------------------------------------------

namespace kullback {

// KL = h(ell) + lgamma(rho) + gamma_E (rho - 1) with ell = lgamma(1 + rho) - delta and
// h(x) = e^x - 1 - x (torch's form rearranged: lgamma(1 + rho) - log rho = lgamma(rho)), two
// non-negative terms, each series-stable near p = q (location_scale_terms.hpp).
double kl(const gumbel& p, const gumbel& q) {
  const double s1 = p.scale(), s2 = q.scale();
  const double rho = s1 / s2;
  const double t = (s1 - s2) / s2;
  const double delta = (p.loc() - q.loc()) / s2;
  const double ell = detail::ls::lgamma_one_plus(t, rho) - delta;
  return detail::ls::gumbel_type_kl(ell, t, rho);
}

double jeffreys(const gumbel& p, const gumbel& q) { return kl(p, q) + kl(q, p); }

}  // namespace kullback
