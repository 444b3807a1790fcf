// cauchy: construction checks and the closed-form KL between two Cauchy laws.
#include "kullback/parametric/cauchy.hpp"

#include <cmath>
#include <string>

#include "checks.hpp"

namespace kullback {

cauchy::cauchy(double loc, double scale) : loc_(loc), scale_(scale) {
  const char* function = "kullback::cauchy";
  detail::check_parameter(function, "loc", loc, detail::finite);
  detail::check_parameter(function, "scale", scale, detail::positive);
}

}  // namespace kullback

// ---- measures ------------------------------------------------------------------------------------

namespace kullback {

// KL = log1p(((g1 - g2)^2 + (m1 - m2)^2) / (4 g1 g2)): the argument of the logarithm minus one is
// a sum of squares of exact differences, so nearly equal pairs keep full relative accuracy
// (the ratio is formed in two divisions, larger scale first, to avoid overflow of g1 g2 and to
// give kl(p, q) == kl(q, p) bit for bit).
double kl(const cauchy& p, const cauchy& q) {
  const double lo = std::fmin(p.scale(), q.scale()), hi = std::fmax(p.scale(), q.scale());
  const double dg = hi - lo;
  const double dm = p.loc() - q.loc();
  return std::log1p(((dg * dg + dm * dm) / (4.0 * hi)) / lo);
}

double jeffreys(const cauchy& p, const cauchy& q) { return 2.0 * kl(p, q); }

}  // namespace kullback
