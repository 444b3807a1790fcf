// Internal: the special functions of the parametric closed forms, from Boost.Math (header-only,
// kept out of the public headers). Evaluated in long double internally (Boost's default
// promote_double policy), so each result is correctly rounded or within an ulp or two of it —
// the closed forms subtract these values from each other, so their last bits matter.
//
// Errors: the families check their parameters at construction, so a domain error here is a
// kullback bug; overflow returns +inf instead of throwing (e.g. lgamma(1e308) is finite, but
// trigamma near 0 can overflow).
#pragma once

#include <cmath>

#include <boost/math/special_functions/bessel.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/polygamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

namespace kullback::detail::special {

using policy = boost::math::policies::policy<boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
                                             boost::math::policies::underflow_error<boost::math::policies::ignore_error>>;

// log |Gamma(x)| (thread-safe, unlike ::lgamma, which writes the global signgam).
inline double lgamma(double x) { return boost::math::lgamma(x, policy()); }
inline double digamma(double x) { return boost::math::digamma(x, policy()); }
inline double trigamma(double x) { return boost::math::trigamma(x, policy()); }
// psi^(n)(x), the n-th derivative of digamma.
inline double polygamma(int n, double x) { return boost::math::polygamma(n, x, policy()); }
// log Gamma(a) - log Gamma(b), a, b > 0. When a and b are close the two logarithms cancel, so
// the ratio Gamma(b) / Gamma(a) is evaluated directly by Boost's tgamma_delta_ratio (a - b is
// exact there by Sterbenz's lemma) and its logarithm taken; farther apart, or where the ratio
// over- or underflows, the plain difference has no cancellation to lose.
inline double lgamma_difference(double a, double b) {
  if (a == b) return 0.0;
  if (std::fabs(a - b) <= 0.5 * std::fmin(a, b)) {
    const double ratio = boost::math::tgamma_delta_ratio(b, a - b, policy());
    if (ratio > 0.0 && std::isfinite(ratio)) return -std::log(ratio);
  }
  return lgamma(a) - lgamma(b);
}
// log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b), a, b > 0; from Boost's beta where that
// neither over- nor underflows (it avoids the cancellation of the three logarithms).
inline double log_beta(double a, double b) {
  const double value = boost::math::beta(a, b, policy());
  if (value > 0.0 && std::isfinite(value)) return std::log(value);
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}
// Modified Bessel function of the first kind I_nu(x).
inline double bessel_i(double nu, double x) { return boost::math::cyl_bessel_i(nu, x, policy()); }

}  // namespace kullback::detail::special

// The regularized lower incomplete gamma function P(a, x) = gamma(a, x) / Gamma(a), a > 0, x >= 0
// (for a Poisson(x) variable X and whole n, P(X > n) = P(n + 1, x), without the cancellation of
// 1 - P(X <= n)).
namespace kullback::detail::special {
inline double gamma_p(double a, double x) { return boost::math::gamma_p(a, x, policy()); }
}  // namespace kullback::detail::special
