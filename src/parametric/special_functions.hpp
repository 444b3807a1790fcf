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
#include <numbers>

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
// lgamma(a) - lgamma(b) with a bound on its absolute rounding error (in units of the double
// epsilon): ~1 when the ratio path is taken (the logarithm of a ratio near 1 is accurate in
// absolute, not relative, terms), |lgamma(a)| + |lgamma(b)| for the plain difference.
struct lgamma_difference_result {
  double value;
  double error_scale;
};
inline lgamma_difference_result lgamma_difference_with_error(double a, double b) {
  if (a == b) return {0.0, 0.0};
  if (std::fabs(a - b) <= 0.5 * std::fmin(a, b)) {
    const double ratio = boost::math::tgamma_delta_ratio(b, a - b, policy());
    if (ratio > 0.0 && std::isfinite(ratio)) {
      const double value = -std::log(ratio);
      return {value, 1.0 + std::fabs(value)};
    }
  }
  const double la = lgamma(a), lb = lgamma(b);
  return {la - lb, std::fabs(la) + std::fabs(lb)};
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

// trigamma(x) - 1/x > 0, x > 0 (~ 1/(2 x^2) for large x, where the plain difference would lose
// log2(2x) bits). With g(x) = trigamma(x) - 1/x, trigamma(x) = trigamma(x + 1) + 1/x^2 gives
// g(x) = g(x + 1) + 1 / (x^2 (x + 1)), a sum of positive terms, which moves x up to >= 10; there
// the asymptotic series 1/(2x^2) + sum_{k=1..11} B_2k / x^(2k+1) has truncation error < 1e-17
// relative (the next term is B_24 / x^25 ~ 9e4 / x^25).
inline double trigamma_minus_reciprocal(double x) {
  double sum = 0.0;
  while (x < 10.0) {
    sum += 1.0 / (x * x * (x + 1.0));
    x += 1.0;
  }
  constexpr double bernoulli[] = {1.0 / 6.0,        -1.0 / 30.0,         1.0 / 42.0,       -1.0 / 30.0,
                                  5.0 / 66.0,       -691.0 / 2730.0,     7.0 / 6.0,        -3617.0 / 510.0,
                                  43867.0 / 798.0, -174611.0 / 330.0, 854513.0 / 138.0};  // B_2 .. B_22
  const double y = 1.0 / (x * x);
  double series = 0.0;
  for (int k = 10; k >= 0; --k) series = bernoulli[k] + y * series;
  return sum + y * (0.5 + series / x);
}

// Modified Bessel functions of orders 0 and 1 for the von Mises family, without overflow for
// large x: below 20 from Boost; from 20 on from the asymptotic series
//   I_nu(x) = e^x / sqrt(2 pi x) * sum_k c_k(nu) / x^k,  c_k(nu) = prod_{j<=k} ((2j-1)^2 - 4 nu^2) / (k! 8^k),
// summed until the terms drop below 1e-17 of the sum (at x >= 20 the smallest term is ~e^(-2x),
// far below that). The series also give the differences that cancel for large x exactly as
// series with their own coefficients.
struct bessel_i01 {
  double log_i0;           // log I0(x)
  double ratio;            // R(x) = I1(x) / I0(x)
  double ratio_over_x;     // R(x) / x  (1/2 at x = 0)
  double ratio_derivative; // R'(x) = 1 - R/x - R^2 (1/2 at x = 0), ~ 1/(2 x^2) for large x
};
inline bessel_i01 bessel_i01_terms(double x) {
  constexpr double asymptotic_from = 20.0;
  if (x == 0.0) return {0.0, 0.0, 0.5, 0.5};
  if (x < asymptotic_from) {
    // 1 - R/x - R^2 = (I0^2 + I0 I2 - 2 I1^2) / (2 I0^2) would lose up to log2(2x^2) bits; by
    // the product formula for I_mu I_nu the numerator is the positive series
    // sum_m (2m)! / ((m!)^4 (m+1)^2) (x/2)^(2m), summed here (at most ~80 terms for x < 20).
    const double i0 = bessel_i(0.0, x), i1 = bessel_i(1.0, x);
    const double r = i1 / i0;
    const double y = 0.25 * x * x;
    double a = 1.0, numerator = 1.0;
    for (int m = 1; m < 200; ++m) {
      a *= (2.0 * m) * (2.0 * m - 1.0) / (static_cast<double>(m) * m * m * m) * y;
      const double term = a / ((m + 1.0) * (m + 1.0));
      numerator += term;
      if (term < 1e-17 * numerator) break;
    }
    return {std::log(i0), r, r / x, numerator / (2.0 * i0 * i0)};
  }
  // s0 = sum c_k(0) x^-k, s1 = sum c_k(1) x^-k; diff = s0 - s1 (coefficients c_k(0) - c_k(1) with
  // c_k(0) > 0 > c_k(1) for k >= 1, no cancellation); u = 2 (s0 - s1) - s0 / x, whose
  // coefficients of x^0 and x^-1 vanish exactly, and v = s0 / x - (s0 - s1).
  double c0 = 1.0, c1 = 1.0, s0 = 1.0, s1 = 1.0, diff = 0.0, u = 0.0, v = 0.0;
  double power = 1.0;  // x^-k
  const double inv = 1.0 / x;
  for (int k = 1; k <= 80; ++k) {
    const double odd = 2.0 * k - 1.0;
    const double c0_previous = c0;
    c0 *= odd * odd / (8.0 * k);
    c1 *= (odd * odd - 4.0) / (8.0 * k);
    power *= inv;
    const double d = (c0 - c1) * power;
    s0 += c0 * power;
    s1 += c1 * power;
    diff += d;
    u += (2.0 * (c0 - c1) - c0_previous) * power;
    v += (c0_previous - (c0 - c1)) * power;
    if (std::fabs(c0 * power) < 1e-17 * s0 && std::fabs(c1 * power) < 1e-17 * s0) break;
  }
  const double r = s1 / s0;
  const double one_minus_r = diff / s0;
  // R' = (1 - R)(1 + R) - R/x = u/s0 + (1 - R)(1/x - (1 - R)), with u/s0 = 2(1 - R) - 1/x.
  const double derivative = u / s0 + one_minus_r * (v / s0);
  return {x - 0.5 * std::log(2.0 * std::numbers::pi * x) + std::log(s0), r, r / x, derivative};
}

}  // namespace kullback::detail::special

// The regularized lower incomplete gamma function P(a, x) = gamma(a, x) / Gamma(a), a > 0, x >= 0
// (for a Poisson(x) variable X and whole n, P(X > n) = P(n + 1, x), without the cancellation of
// 1 - P(X <= n)).
namespace kullback::detail::special {
inline double gamma_p(double a, double x) { return boost::math::gamma_p(a, x, policy()); }
}  // namespace kullback::detail::special
