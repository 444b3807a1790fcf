// Internal: scalar building blocks of the Gaussian closed forms, written so that nearly equal
// distributions keep full relative accuracy.
//
// Every Gaussian measure is reduced to independent one-dimensional terms between a whitened pair
//   p' = N(delta, r^2)  and  q' = N(0, 1)
// (univariate: r = s1 / s2, delta = (m1 - m2) / s2; multivariate: r^2 is an eigenvalue of
// Lq^-1 Sigma_p Lq^-T, or r is a diagonal entry of the triangular Lq^-1 Lp, see
// multivariate_normal.cpp). Each term is a function of
//   t   = r - 1                 computed from a difference of the inputs, never as r - 1,
//   eps = r^2 - 1 = t (2 + t)   its counterpart for variances,
//   log r                       log1p(t) near r = 1, a logarithm of the ratio elsewhere,
// so a term that is O(t^2) is evaluated from t, not as the difference of O(1) numbers.
#pragma once

#include <array>
#include <cmath>
#include <limits>

namespace kullback::detail::gauss {

inline constexpr double infinity = std::numeric_limits<double>::infinity();

// log(x / y) for x, y > 0 without overflow or underflow of the ratio.
inline double log_ratio(double x, double y) {
  const double ratio = x / y;
  if (std::isnormal(ratio) && std::isfinite(ratio)) return std::log(ratio);
  return std::log(x) - std::log(y);
}

// psi(t) = t - log1p(t) >= 0 for t > -1. For |t| <= 1/4 from s = t / (2 + t), with
// log1p(t) = 2 atanh(s) = 2 s + 2 s^3 P(s^2), P(w) = sum_{j>=1} w^(j-1) / (2j + 1), and
// t = 2 s / (1 - s): psi = 2 s^2 / (1 - s) - 2 s^3 P(s^2), where the O(s) parts have cancelled
// symbolically and the two remaining terms have the same sign for s < 0 and differ by a factor
// >= 25 for s > 0 (|s| <= 1/7, w <= 1/49: 10 terms of P reach 1e-18, evaluated in two halves to
// shorten the dependency chain). Elsewhere the direct form loses at most a factor ~10.
inline constexpr double psi_series_bound = 0.25;

inline double t_minus_log1p(double t) {
  if (t >= -psi_series_bound && t <= psi_series_bound) {
    const double s = t / (2.0 + t);
    const double w = s * s;
    const double w2 = w * w;
    // 2 s^2 / (1 - s) = s^2 (2 + t): no second division.
    // P(w) = (1/3 + w/5) + w^2 (1/7 + w/9) + w^4 (...): Estrin-like pairs.
    const double a0 = 1.0 / 3.0 + w * (1.0 / 5.0);
    const double a1 = 1.0 / 7.0 + w * (1.0 / 9.0);
    const double a2 = 1.0 / 11.0 + w * (1.0 / 13.0);
    const double a3 = 1.0 / 15.0 + w * (1.0 / 17.0);
    const double a4 = 1.0 / 19.0 + w * (1.0 / 21.0);
    const double poly = (a0 + w2 * a1) + (w2 * w2) * ((a2 + w2 * a3) + (w2 * w2) * a4);
    return w * (2.0 + t) - 2.0 * s * w * poly;
  }
  return t - std::log1p(t);
}

// The ratio r = s1 / s2 of two scales (standard deviations, or Cholesky diagonals) with
// t = r - 1 = diff / s2, where diff = s1 - s2 is supplied by the caller (exactly, or from a
// differential factorisation), and log r accurate in the relative sense.
struct scale_ratio {
  double t;
  double r;
  double log_r;
  bool near() const { return t >= -0.5 && t <= 0.5; }
  // eps = r^2 - 1
  double eps() const { return near() ? t * (2.0 + t) : r * r - 1.0; }
};

inline scale_ratio make_scale_ratio(double diff, double s1, double s2) {
  scale_ratio out;
  out.t = diff / s2;
  out.r = s1 / s2;
  out.log_r = out.near() ? std::log1p(out.t) : log_ratio(s1, s2);
  return out;
}

// r^2 - 1 - log r^2 >= 0 (twice the KL between N(0, r^2) and N(0, 1)):
// 2 psi(t) + t^2 near r = 1 (two non-negative terms), (r^2 - 1) - 2 log r elsewhere.
inline double kl_scale_term(const scale_ratio& s) {
  if (s.near()) return 2.0 * t_minus_log1p(s.t) + s.t * s.t;  // series for |t| <= 1/4, log1p beyond
  const double r2m1 = s.r * s.r - 1.0;
  if (std::isinf(r2m1)) return infinity;
  return r2m1 - 2.0 * s.log_r;
}

// Renyi-alpha between N(0, r^2) and N(0, 1), the scale part:
//   k(beta, eps) = [log(1 + beta eps) - beta log(1 + eps)] / beta,  beta = 1 - alpha,
// which is >= 0 for alpha > 0 (and D_alpha = k / 2 + alpha delta^2 / (2 (1 + beta eps))).
// For |eps| <= 1/4 and |beta eps| <= 1/4 from its power series
//   k = sum_{k>=2} (-1)^(k+1) c_k eps^k / k,  c_k = beta^(k-1) - 1,
// whose first order has cancelled symbolically; c_k = expm1((k-1) log|beta|) (or
// -|beta|^(k-1) - 1 for beta < 0 and k even) is accurate for alpha near 0, 1 and 2, with
// log|beta| = log1p(|beta| - 1) from the exact |beta| - 1. 40 terms reach 0.25^40 ~ 1e-24.
struct renyi_coefficients {
  static constexpr int terms = 40;
  double alpha = 0.0;
  double beta = 1.0;
  std::array<double, terms + 1> c{};  // c[k] for k = 2 .. terms

  explicit renyi_coefficients(double a) : alpha(a), beta(1.0 - a) {
    // |beta| - 1 exactly: -alpha for beta >= 0, alpha - 2 for beta < 0 (exact for alpha in [1, 4],
    // and relatively accurate for larger alpha, where no cancellation is possible).
    const double log_abs_beta = beta == 0.0 ? -infinity : std::log1p(beta >= 0.0 ? -a : a - 2.0);
    for (int k = 2; k <= terms; ++k) {
      const double e = (k - 1) * log_abs_beta;
      const bool positive_power = beta >= 0.0 || (k - 1) % 2 == 0;
      c[k] = positive_power ? std::expm1(e) : -std::exp(e) - 1.0;
    }
  }
};

// eps = r^2 - 1; log_lambda = log r^2; one_plus_beta_eps = 1 + beta eps computed by the caller
// without cancellation where possible (alpha + beta r^2 far from r = 1). Returns +inf when
// 1 + beta eps <= 0 (the mixed variance is not positive: the integral diverges).
inline double renyi_scale_term(const renyi_coefficients& rc, double eps, double log_lambda,
                               double one_plus_beta_eps) {
  const double beta = rc.beta;
  const double be = beta * eps;
  if (std::fabs(eps) <= 0.25 && std::fabs(be) <= 0.25) {
    double sum = 0.0;
    double power = eps;                    // eps^k
    double beta_power = std::fabs(eps);    // |eps| |beta eps|^(k-1)
    for (int k = 2; k <= renyi_coefficients::terms; ++k) {
      power *= eps;
      beta_power *= std::fabs(be);
      const double bound = std::fabs(power) + beta_power;  // >= |c_k eps^k|
      const double term = rc.c[k] * power / k;
      sum += (k % 2 == 0) ? -term : term;
      // c_k may vanish for some k (beta = -1): stop on the bound of the terms, not on a term.
      if (bound <= 1e-18 * std::fabs(sum) || bound == 0.0) break;
    }
    return sum;
  }
  if (!(one_plus_beta_eps > 0.0)) return infinity;
  if (std::fabs(be) < 0.5) {
    const double ratio = be == 0.0 ? 1.0 : std::log1p(be) / be;  // log1p(beta eps) / (beta eps)
    return eps * ratio - log_lambda;
  }
  return (std::log(one_plus_beta_eps) - beta * log_lambda) / beta;
}

}  // namespace kullback::detail::gauss
