// Internal: log probability mass functions of the binomial and Poisson families, for the sums over
// a support (binomial with different total counts, and the cross pairs with poisson).
#pragma once

#include <cmath>
#include <limits>

#include "special_functions.hpp"

namespace kullback::detail::discrete {

// log C(n, k) + k log x + (n - k) log(1 - x), k whole; -inf off the support. log C(n, k) =
// -log(n + 1) - log B(k + 1, n - k + 1) with B from Boost's beta (no cancellation of three
// log-gammas while B is in range).
inline double binomial_log_pmf(double n, double x, double k) {
  constexpr double minus_inf = -std::numeric_limits<double>::infinity();
  if (k < 0.0 || k > n) return minus_inf;
  if (x == 0.0) return k == 0.0 ? 0.0 : minus_inf;
  if (x == 1.0) return k == n ? 0.0 : minus_inf;
  const double log_choose = -std::log1p(n) - special::log_beta(k + 1.0, n - k + 1.0);
  return log_choose + k * std::log(x) + (n - k) * std::log1p(-x);
}

// k log l - l - log k!; rate 0 is the point mass at 0.
inline double poisson_log_pmf(double rate, double k) {
  if (rate == 0.0) return k == 0.0 ? 0.0 : -std::numeric_limits<double>::infinity();
  return k * std::log(rate) - rate - special::lgamma(k + 1.0);
}

}  // namespace kullback::detail::discrete
