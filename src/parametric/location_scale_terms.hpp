// Internal: scalar building blocks of the location-scale, heavy-tailed and cross-family closed
// forms, written so that nearly equal distributions keep full relative accuracy: each function
// returns a quantity that is O(x^2) near its zero from a series whose first order has cancelled
// symbolically, never as the difference of O(1) numbers.
#pragma once

#include <array>
#include <cmath>
#include <numbers>

#include <boost/math/special_functions/zeta.hpp>

#include "special_functions.hpp"

namespace kullback::detail::ls {

inline constexpr double euler_gamma = std::numbers::egamma;

// h(x) = expm1(x) - x = e^x - 1 - x >= 0. For |x| <= 1/2 from its Taylor series
// sum_{k>=2} x^k / k! (24 terms reach 0.5^24 / 24! ~ 1e-31); elsewhere the direct form loses at
// most a factor ~4 (at x = -1/2).
inline double expm1_minus_x(double x) {
  if (std::fabs(x) <= 0.5) {
    double term = x * x / 2.0;
    double sum = term;
    for (int k = 3; k <= 26; ++k) {
      term *= x / k;
      sum += term;
      if (std::fabs(term) <= 1e-18 * std::fabs(sum)) break;
    }
    return sum;
  }
  return std::expm1(x) - x;
}

// expm1(x) / x (1 at x = 0).
inline double expm1_over_x(double x) { return x == 0.0 ? 1.0 : std::expm1(x) / x; }

// zeta(k) for k = 2 .. 64, from Boost.Math once (the coefficients of the lgamma and digamma
// series around 1).
inline const std::array<double, 65>& zeta_table() {
  static const std::array<double, 65> table = [] {
    std::array<double, 65> z{};
    for (int k = 2; k <= 64; ++k) z[k] = boost::math::zeta(static_cast<double>(k), special::policy());
    return z;
  }();
  return table;
}

// sum_{k>=2} (-1)^k zeta(k) t^k w(k) for |t| <= 1/4 (0.25^k zeta(k) <= 1e-18 |first term| by k ~ 30).
template <class Weight>
double zeta_series(double t, Weight w) {
  const auto& z = zeta_table();
  double power = -t;
  double sum = 0.0;
  for (int k = 2; k <= 64; ++k) {
    power *= -t;  // (-t)^k = (-1)^k t^k
    const double term = z[k] * power * w(k);
    sum += term;
    if (std::fabs(term) <= 1e-18 * std::fabs(sum)) break;
  }
  return sum;
}

// lgamma(rho) + gamma_E (rho - 1) >= 0 (convex, zero with zero slope at rho = 1), with t = rho - 1
// supplied by the caller from a difference of the inputs. Near rho = 1 (|t| <= 1/4) from
// lgamma(1 + t) = -gamma_E t + sum_{k>=2} (-1)^k zeta(k) t^k / k; elsewhere directly (the two
// terms cancel by at most a factor ~3 at |t| = 1/4).
inline double lgamma_plus_euler(double t, double rho) {
  if (std::fabs(t) <= 0.25) return zeta_series(t, [](int k) { return 1.0 / k; });
  return special::lgamma(rho) + euler_gamma * (rho - 1.0);
}

// lgamma(1 + rho) with t = rho - 1: near rho = 1 as log1p(t) - gamma_E t + [lgamma(1 + t) + gamma_E t]
// (lgamma(2 + t) = log(1 + t) + lgamma(1 + t)), so that the rounding of 1 + rho does not cost the
// relative accuracy of the O(t) result; elsewhere directly.
inline double lgamma_one_plus(double t, double rho) {
  if (std::fabs(t) <= 0.25) return std::log1p(t) - euler_gamma * t + lgamma_plus_euler(t, rho);
  return special::lgamma(1.0 + rho);
}

// (a - 1) digamma(a) - lgamma(a) >= 0 for a > 0 (zero with zero slope at a = 1), t = a - 1.
// Near a = 1 from sum_{k>=2} (-1)^k zeta(k) t^k (1 - 1/k) (the series of t digamma(1 + t) minus
// that of lgamma(1 + t)); elsewhere directly.
inline double digamma_minus_lgamma(double t, double a) {
  if (std::fabs(t) <= 0.25) return zeta_series(t, [](int k) { return 1.0 - 1.0 / k; });
  return t * special::digamma(a) - special::lgamma(a);
}

// The KL closed form shared by gumbel (in the variable x) and weibull (in log x, where it is a
// Gumbel of minima): with rho the ratio of the scales (t = rho - 1) and
//   ell = lgamma(1 + rho) + (log-moment shift),   KL = h(ell) + lgamma(rho) + gamma_E (rho - 1),
// two non-negative terms (h(x) = e^x - 1 - x).
inline double gumbel_type_kl(double ell, double t, double rho) {
  return expm1_minus_x(ell) + lgamma_plus_euler(t, rho);
}

}  // namespace kullback::detail::ls
