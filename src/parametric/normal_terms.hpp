// Internal: the univariate Gaussian measures on raw parameters (no validation), shared by the
// single-distribution functions and the batch loops so that both give the same bits.
#pragma once

#include <cmath>

#include "gaussian_terms.hpp"

namespace kullback::detail::gauss {

// p = N(m1, s1^2), q = N(m2, s2^2): the whitened pair N(delta, r^2) vs N(0, 1).
struct univariate_pair {
  scale_ratio s;
  double delta;  // (m1 - m2) / s2
};

inline univariate_pair whiten(double m1, double s1, double m2, double s2) {
  return {make_scale_ratio(s1 - s2, s1, s2), (m1 - m2) / s2};
}

// KL(p||q) = 1/2 [(r^2 - 1 - log r^2) + delta^2]
inline double normal_kl(double m1, double s1, double m2, double s2) {
  const double inv = 1.0 / s2;  // one division; t and delta keep ~1 ulp relative accuracy
  const double t = (s1 - s2) * inv;
  const double delta = (m1 - m2) * inv;
  double scale_term;
  if (t >= -psi_series_bound && t <= psi_series_bound) {
    scale_term = 2.0 * t_minus_log1p(t) + t * t;  // no logarithm near r = 1
  } else {
    // |t| > 1/4: (r^2 - 1) - 2 log r cancels by at most a factor ~5 (at |t| = 1/4)
    const double r = s1 * inv;
    if (std::isnormal(r) && r < 1e150) {
      scale_term = (r * r - 1.0) - 2.0 * std::log(r);
    } else {
      scale_term = kl_scale_term(make_scale_ratio(s1 - s2, s1, s2));  // over/underflow of r or r^2
    }
  }
  return 0.5 * (scale_term + delta * delta);
}

inline double normal_jeffreys(double m1, double s1, double m2, double s2) {
  return normal_kl(m1, s1, m2, s2) + normal_kl(m2, s2, m1, s1);
}

// D_alpha(p||q) for alpha > 0, alpha != 1 (see renyi_scale_term):
//   1/2 k(beta, eps) + alpha delta^2 / (2 (1 + beta eps)).
inline double normal_renyi(const renyi_coefficients& rc, double m1, double s1, double m2, double s2) {
  const univariate_pair w = whiten(m1, s1, m2, s2);
  const double eps = w.s.eps();
  // 1 + beta eps = alpha + beta r^2: from eps near r = 1, from r^2 elsewhere.
  const double mixed = w.s.near() ? 1.0 + rc.beta * eps : rc.alpha + rc.beta * (w.s.r * w.s.r);
  const double scale_part = renyi_scale_term(rc, eps, 2.0 * w.s.log_r, mixed);
  if (std::isinf(scale_part)) return infinity;
  return 0.5 * scale_part + 0.5 * rc.alpha * (w.delta * w.delta) / mixed;
}

inline double normal_w2_squared(double m1, double s1, double m2, double s2) {
  const double dm = m1 - m2;
  const double ds = s1 - s2;
  return dm * dm + ds * ds;
}

inline double normal_w2(double m1, double s1, double m2, double s2) { return std::hypot(m1 - m2, s1 - s2); }

// From the Bhattacharyya distance B: Hellinger = sqrt(1 - e^-B), the coefficient = e^-B.
inline double hellinger_from_bhattacharyya(double b) { return std::sqrt(-std::expm1(-b)); }

}  // namespace kullback::detail::gauss
