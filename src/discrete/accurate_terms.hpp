// Internal: scalar building blocks that keep full relative accuracy when p and q nearly agree.
//
// Every divergence term is written through
//   d = p - q            (computed without cancellation by the row sources),
//   t = p / q - 1 = d/q  (the relative difference),
//   lr = log(p / q)      (the log ratio),
// so that a term which is O(t^2) is computed from t, never as the difference of two O(1) numbers.
#pragma once

#include <cmath>
#include <limits>

namespace kullback::detail {

inline constexpr double infinity = std::numeric_limits<double>::infinity();

// phi(t) = (1 + t) log1p(t) - t >= 0 for t >= -1, the KL generator u log u - u + 1 at u = 1 + t.
// Near t = 0 the two parts cancel to t^2/2, so there it is evaluated from s = t / (2 + t), for
// which log1p(t) = 2 atanh(s) and, after the cancellation is done symbolically,
//   phi = (2 s^2 + 2 (1 + s) s^3 P(s^2)) / (1 - s),  P(w) = sum_{j>=1} w^(j-1) / (2j + 1).
// On t in [-1/3, 1/2], |s| <= 1/5 and 13 terms of P reach 1e-17 relative.
inline bool phi_uses_series(double t) { return t >= -1.0 / 3.0 && t <= 0.5; }

inline double phi_series(double t) {
  const double s = t / (2.0 + t);
  const double w = s * s;
  double poly = 1.0 / 27.0;
  for (int j = 12; j >= 1; --j) poly = poly * w + 1.0 / (2.0 * j + 1.0);
  return (2.0 * w + 2.0 * (1.0 + s) * s * w * poly) / (1.0 - s);
}

inline double phi(double t) {
  if (phi_uses_series(t)) return phi_series(t);
  if (t <= -1.0) return 1.0;  // p = 0: the limit (1 + t) log1p(t) -> 0
  if (std::isinf(t)) return infinity;
  return (1.0 + t) * std::log1p(t) - t;
}

// Generalised KL term p log(p/q) - p + q >= 0: q where p = 0; +inf where q = 0 < p (lr = +inf).
// Away from p = q the direct form loses at most a factor ~9 to cancellation (on t outside
// [-1/3, 1/2] the two parts differ by at least 7%).
inline double kl_term(double p, double q, double t, double lr) {
  if (p == 0.0) return q;
  if (phi_uses_series(t)) return q * phi_series(t);
  return p * (lr - 1.0) + q;
}

// log(x / y) for x, y > 0, from the ratio while it is a normal number (one rounding), else from
// the two logarithms (then |log(x/y)| > 708, so their absolute error is relatively negligible).
inline double log_ratio(double x, double y) {
  const double ratio = x / y;
  if (std::isnormal(ratio) && std::isfinite(ratio)) return std::log(ratio);
  return std::log(x) - std::log(y);
}

// Generalised KL term x log(x/m) - x + m against a mixture m > 0, given t = (x - m)/m computed
// without cancellation (t may overflow when m is subnormal; the far form does not need it).
inline double kl_term_to_mixture(double x, double m, double t) {
  if (x == 0.0) return m;
  if (phi_uses_series(t)) return m * phi_series(t);
  return x * (log_ratio(x, m) - 1.0) + m;
}

// E1(x) = (expm1(x) - x) / x = x/2 + x^2/6 + ..., accurate near 0 through its series.
inline double expm1_excess_ratio(double x) {
  if (std::fabs(x) < 0.5) {
    double sum = 0.0;
    double term = 1.0;  // x^k / (k+2)! accumulated as term * x / (k + 2)
    for (int k = 2; k <= 24; ++k) {
      term *= x / k;
      sum += term;
      if (std::fabs(term) < 1e-18 * std::fabs(sum)) break;
    }
    return sum;
  }
  if (std::isinf(x)) return x > 0 ? infinity : 0.0;
  return (std::expm1(x) - x) / x;
}

// log(1 + x) / x, equal to 1 at x = 0.
inline double log1p_ratio(double x) { return x == 0.0 ? 1.0 : std::log1p(x) / x; }

}  // namespace kullback::detail
