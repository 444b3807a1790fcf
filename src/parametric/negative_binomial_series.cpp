// Negative binomial distributions with different total counts: no closed form, so the measures
// are sums over k = 0, 1, ... through pair_sums (discrete_terms.hpp), truncated by a proven bound.
//
// Terms. log q_k = lgamma(k + r2) - lgamma(k + 1) - lgamma(r2) + k log s2 + r2 log f2, and
//   t_k = log(p_k / q_k) = sum_{j<k} log1p((r1 - r2) / (j + r2)) + k log(s1/s2) + r1 log(f1/f2)
//         + (r1 - r2) log f2,
// the first sum being [lgamma(k + r1) - lgamma(r1)] - [lgamma(k + r2) - lgamma(r2)] written so
// that r1 - r2 is never lost to the rounding of k + r (Neumaier-summed as k grows), and the log
// ratios from log_ratio, so t_k keeps its accuracy for nearly equal parameters. Over the
// whole support sum q = 1 and sum q u = 0, so KL = sum q kl_kernel(u), c(a) - 1 =
// sum q power_kernel(a, u) and Jeffreys = sum q u t with every summand of one sign (>= 0, <= 0
// for a in [0, 1], >= 0 for a > 1): the partial sums grow monotonically in magnitude and the
// truncation error is the omitted tail alone.
//
// Tail bound. For j >= k the pmf ratios are p_{j+1}/p_j = s1 (j + r1)/(j + 1) <= rho1 =
// s1 max(1, (k + r1)/(k + 1)) (monotone in j), likewise rho2 for q, and q_{j+1}/q_j >=
// sigma2 = s2 min(1, (k + r2)/(k + 1)); |t_{j+1} - t_j| = |log(s1/s2) + log((j + r1)/(j + r2))|
// <= g = |log(s1/s2)| + |log((k + r1)/(k + r2))|. Hence, with G = rho/(1 - rho),
//   sum_{j>k} p_j |t_j| <= p_k (G1 |t_k| + g G1 / (1 - rho1)),   sum_{j>k} q_j <= q_k G2,
//   sum_{j>k} p_j^a q_j^(1-a) <= w_k Ga, Ga from rho_a = rho1^a sigma2^(1-a) (a > 1), and
// each omitted summand is bounded by these: q kl_kernel(u) = p t - p + q <= p |t| + q;
// |(p - q) t| <= (p + q) |t|; |q power_kernel| <= a p + (1 - a) q for a in [0, 1] and
// <= p^a q^(1-a) + a p + a q for a > 1. The sum stops once the ratios are below 1 and the bound
// is below 1e-17 of the partial sum (and, for the Chernoff coefficient, of the partial direct sum
// sum p^a q^(1-a)). For a > 1 the series diverges when s1^a s2^(1-a) >= 1 (handled by the caller).
#include "negative_binomial_series.hpp"

#include <cmath>
#include <string>

#include "../core/format_number.hpp"
#include "kullback/core/error.hpp"
#include "special_functions.hpp"

namespace kullback::detail::discrete {

pair_sums negative_binomial_series(const char* function, double r1, double s1, double r2, double s2,
                                   series_target target, double alpha) {
  namespace sp = special;
  const double f1 = 1.0 - s1, f2 = 1.0 - s2;
  const double log_s = log_ratio(s1, s2, (s1 - s2) / s2);
  const double log_f = log_ratio(f1, f2, (s2 - s1) / f2);
  const double constant = r1 * log_f + (r1 - r2) * std::log1p(-s2);
  const double log_s2 = std::log(s2), log_f2 = std::log1p(-s2), lgamma_r2 = sp::lgamma(r2);
  const double a = alpha;
  pair_sums s;
  neumaier_sum main, direct, rising;  // rising: sum_{j<k} log1p((r1 - r2) / (j + r2))
  // The summands decay like s^k past the modes ~ r s / (1 - s): about mode + 45 / -log(s) terms
  // reach 1e-17 (more for a > 1). Refused up front beyond 10^6 (probs within ~5e-5 of 1).
  constexpr double max_terms = 1e6;
  const double s_max = std::fmax(s1, s2), r_max = std::fmax(r1, r2);
  if (r_max * s_max / (1.0 - s_max) + 45.0 / -std::log(s_max) > max_terms) {
    throw invalid_argument(std::string(function) + ": probs = " + format_number(s_max) +
                           " with different total counts, but the series of the negative_binomial pair would need "
                           "more than 1e6 terms");
  }
  for (double k = 0.0;; k += 1.0) {
    if (k > max_terms) {
      throw invalid_argument(std::string(function) +
                             ": the series of the negative_binomial pair needs more than 1e6 terms");
    }
    const double log_q = sp::lgamma(k + r2) - sp::lgamma(k + 1.0) - lgamma_r2 + k * log_s2 + r2 * log_f2;
    if (k > 0.0) rising.add(std::log1p((r1 - r2) / (k - 1.0 + r2)));
    const double t = rising.value() + k * log_s + constant;
    const term x{std::exp(log_q), log_q, std::expm1(t), t};
    s.terms.push_back(x);
    const double p = std::exp(log_q + t), q = x.q;
    switch (target) {
      case series_target::kl: main.add(ordinary(x) ? q * kl_kernel(x.u) : p * t - p + q); break;
      case series_target::jeffreys: main.add((p - q) * t); break;
      case series_target::chernoff:
        main.add(std::fabs(q * power_kernel(a, x.u, t)));
        direct.add(std::exp(log_q + a * t));
        break;
    }
    const double rho1 = s1 * std::fmax(1.0, (k + r1) / (k + 1.0));
    const double rho2 = s2 * std::fmax(1.0, (k + r2) / (k + 1.0));
    if (!(rho1 < 1.0 && rho2 < 1.0)) continue;
    const double g1 = rho1 / (1.0 - rho1), g2 = rho2 / (1.0 - rho2);
    const double g = std::fabs(log_s) + std::fabs(std::log((k + r1) / (k + r2)));
    const double p_abs_t = p * (g1 * std::fabs(t) + g * g1 / (1.0 - rho1));
    double bound = 0.0, scale = main.value();
    switch (target) {
      case series_target::kl: bound = p_abs_t + q * g2; break;
      case series_target::jeffreys:
        bound = p_abs_t + q * (g2 * std::fabs(t) + g * g2 / (1.0 - rho2));
        break;
      case series_target::chernoff:
        if (a <= 1.0) {
          bound = a * p * g1 + (1.0 - a) * q * g2;
        } else {
          const double sigma2 = s2 * std::fmin(1.0, (k + r2) / (k + 1.0));
          const double rho_a = std::exp(a * std::log(rho1) + (1.0 - a) * std::log(sigma2));
          if (!(rho_a < 1.0)) continue;
          bound = std::exp(log_q + a * t) * rho_a / (1.0 - rho_a) + a * (p * g1 + q * g2);
        }
        scale = std::fmin(scale, direct.value());
        break;
    }
    if (bound <= 1e-17 * scale) break;
  }
  return s;  // the full support is listed up to the bound: p_zero = q_rest = P_T - Q_T = 0
}

}  // namespace kullback::detail::discrete
