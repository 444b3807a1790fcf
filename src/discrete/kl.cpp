// KL(p||q), skew KL and Jeffreys through the generalised (Bregman) terms of accurate_terms.hpp.
#include "kullback/discrete/kl.hpp"

#include <string>

#include "../core/format_number.hpp"
#include "engine.hpp"
#include "kl_fast_path.hpp"
#include "kl_measure.hpp"

namespace kullback {
namespace {

// KL(p || m), m = alpha p + (1 - alpha) q: with p - m = (1 - alpha)(p - q), the term
// p log(p/m) - p + m is m phi((1 - alpha) d / m).
struct skew_kl_measure {
  static constexpr std::size_t sums = 1;
  static constexpr bool logarithmic = true;
  static constexpr bool needs_log_ratio = true;
  double alpha;
  std::array<double, 1> term(const detail::pair_element& e) const {
    if (alpha == 0.0) return {detail::kl_term(e.p, e.q, e.t, e.lr)};
    const double m = alpha * e.p + (1.0 - alpha) * e.q;
    if (m == 0.0) return {0.0};
    return {detail::kl_term_to_mixture(e.p, m, (1.0 - alpha) * e.d / m)};
  }
  double finish(const std::array<double, 1>& s, double log_base) const { return s[0] / log_base; }
};

// (p - q) log(p/q) >= 0 termwise; +inf where exactly one of p, q is 0.
struct jeffreys_measure {
  static constexpr std::size_t sums = 1;
  static constexpr bool logarithmic = true;
  static constexpr bool needs_log_ratio = true;
  std::array<double, 1> term(const detail::pair_element& e) const {
    if (e.p == 0.0 && e.q == 0.0) return {0.0};
    return {e.d * e.lr};
  }
  double finish(const std::array<double, 1>& s, double log_base) const { return s[0] / log_base; }
};

void check_skew_alpha(double alpha) {
  if (!(alpha >= 0.0 && alpha <= 1.0)) {
    throw invalid_argument("kullback::skew_kl: alpha = " + detail::format_number(alpha) + ", but must be in [0, 1]");
  }
}

}  // namespace

void kl(const distribution_view& p, const distribution_view& q, std::span<double> out, const options& opts) {
  if (detail::kl_fast_path_applies(p, q, opts)) {
    detail::kl_fast_path(p, q, out, opts);
    return;
  }
  detail::evaluate_pairs("kullback::kl", p, q, out, opts, detail::kl_measure{});
}

double kl(const distribution_view& p, const distribution_view& q, const options& opts) {
  double value = 0.0;
  detail::require_single_rows("kullback::kl", p, q);
  kl(p, q, std::span<double>(&value, 1), opts);
  return value;
}

double skew_kl(const distribution_view& p, const distribution_view& q, double alpha, const options& opts) {
  check_skew_alpha(alpha);
  return detail::evaluate_pair("kullback::skew_kl", p, q, opts, skew_kl_measure{alpha});
}

void skew_kl(const distribution_view& p, const distribution_view& q, double alpha, std::span<double> out,
             const options& opts) {
  check_skew_alpha(alpha);
  detail::evaluate_pairs("kullback::skew_kl", p, q, out, opts, skew_kl_measure{alpha});
}

double jeffreys(const distribution_view& p, const distribution_view& q, const options& opts) {
  return detail::evaluate_pair("kullback::jeffreys", p, q, opts, jeffreys_measure{});
}

void jeffreys(const distribution_view& p, const distribution_view& q, std::span<double> out, const options& opts) {
  detail::evaluate_pairs("kullback::jeffreys", p, q, out, opts, jeffreys_measure{});
}

}  // namespace kullback
