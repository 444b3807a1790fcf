// Renyi, Tsallis and the Amari alpha divergence from one termwise sum
//   D_a = sum q f_a(p/q),  f_a(u) = (u^a - 1 - a (u - 1)) / (a (a - 1)) >= 0.
//
// Three regimes keep every term accurate (u = 1 + t, L = log u):
//  * a near 1 (|a - 1| <= 1/4): with b = a - 1,
//      q f_a(u) = (q phi(t) + p L E1(b L)) / a,   E1(x) = (expm1(x) - x) / x,
//    which is smooth through a = 1 (the KL term) and has no cancellation there;
//  * |t| small: the binomial series  f_a(1 + t) = sum_{k>=2} c_k t^k,
//      c_2 = 1/2,  c_{k+1} = c_k (a - k) / (k + 1);
//  * otherwise the direct form (p^a q^(1-a) - a p - (1 - a) q) / (a (a - 1)), which loses at most
//    ~80x eps to cancellation in this region.
// a < 1/2 uses the symmetry D_a(p||q) = D_(1-a)(q||p), so a near 0 is the a-near-1 case mirrored.
#include "kullback/discrete/alpha_family.hpp"

#include <string>

#include "../core/format_number.hpp"
#include "engine.hpp"

namespace kullback {
namespace {

using detail::infinity;
using detail::pair_element;

double power_mean_term(double p, double q, double a) {  // p^a q^(1-a) without spurious overflow
  const double ratio = p / q;
  if (std::isnormal(ratio) && std::isfinite(ratio)) {
    const double v = q * std::pow(ratio, a);
    if (std::isnormal(v) && std::isfinite(v)) return v;
  }
  const double v = std::pow(p, a) * std::pow(q, 1.0 - a);
  if (std::isnormal(v) && std::isfinite(v)) return v;
  return std::exp(a * std::log(p) + (1.0 - a) * std::log(q));
}

// q f_a(p/q) for p, q > 0 and a >= 1/2; b = a - 1 is passed in exactly (for the mirrored case
// b = -alpha, which 1 - alpha - 1 would round).
double alpha_term_upper(const pair_element& e, double a, double b) {
  if (std::fabs(b) <= 0.25) {
    return (detail::kl_term(e.p, e.q, e.t, e.lr) + e.p * e.lr * detail::expm1_excess_ratio(b * e.lr)) / a;
  }
  if (std::fabs(e.t) <= 0.1 && std::fabs((a - 2.0) * e.t) <= 0.5) {
    double coefficient = 0.5;
    double power = e.t * e.t;
    double sum = 0.0;
    for (int k = 2; k < 200; ++k) {
      const double term = coefficient * power;
      sum += term;
      if (std::fabs(term) <= 1e-17 * std::fabs(sum)) break;
      coefficient *= (a - k) / (k + 1);
      power *= e.t;
    }
    return e.q * sum;
  }
  return (power_mean_term(e.p, e.q, a) - a * e.p + b * e.q) / a / b;  // a b may overflow
}

// q f_a(p/q) with the zero-entry limits of the header.
double alpha_term(const pair_element& e, double a) {
  if (e.p == 0.0 && e.q == 0.0) return 0.0;
  if (e.p == 0.0) return a > 0.0 ? e.q / a : infinity;
  if (e.q == 0.0) return a < 1.0 ? e.p / (1.0 - a) : infinity;
  if (a >= 0.5) return alpha_term_upper(e, a, a - 1.0);
  const pair_element mirrored{e.q, e.p, -e.d, -e.d / e.p, -e.lr};
  return alpha_term_upper(mirrored, 1.0 - a, -a);
}

// Which of the three measures the sum D_a is finished into.
enum class alpha_output { divergence, tsallis, renyi };

// sums: [0] D_a; [1] S_a = sum p^a q^(1-a) directly, for Renyi with 0 < a < 1 only. There
// 1 + a(a - 1) D_a cancels when S_a is small (nearly disjoint supports), while the direct sum of
// positive terms is accurate; finish() takes whichever is well conditioned.
struct alpha_measure {
  static constexpr std::size_t sums = 2;
  static constexpr bool needs_log_ratio = true;
  double alpha;
  alpha_output output;
  std::array<double, 2> term(const pair_element& e) const {
    const bool direct = output == alpha_output::renyi && alpha < 1.0 && e.p > 0.0 && e.q > 0.0;
    return {alpha_term(e, alpha), direct ? power_mean_term(e.p, e.q, alpha) : 0.0};
  }
  double finish(const std::array<double, 2>& s, double log_base) const {
    const double d = s[0];
    switch (output) {
      case alpha_output::divergence:
        return d;
      case alpha_output::tsallis:
        return alpha * d;
      case alpha_output::renyi: {
        // log1p(x) / (a - 1) with x = a (a - 1) D, written as a D log1p(x)/x: no 0/0 at a = 1.
        const double x = alpha * (alpha - 1.0) * d;
        if (alpha < 1.0 && x < -0.5) return std::log(s[1]) / (alpha - 1.0) / log_base;
        // +inf also marks an overflow of D (alpha > 1), which renyi() re-evaluates in log space.
        if (x <= -1.0 || !std::isfinite(x)) return infinity;
        return alpha * d * detail::log1p_ratio(x) / log_base;
      }
    }
    return d;
  }
};

struct alpha_divergence_measure : alpha_measure {
  static constexpr bool logarithmic = false;
};
struct renyi_measure : alpha_measure {
  static constexpr bool logarithmic = true;
};

// Renyi of order 0: -log Q(supp p) = -log1p(-sum_{p_i = 0} q_i).
struct renyi_zero_measure {
  static constexpr std::size_t sums = 1;
  static constexpr bool logarithmic = true;
  static constexpr bool needs_log_ratio = true;
  std::array<double, 1> term(const pair_element& e) const { return {e.lr == -infinity ? e.q : 0.0}; }
  double finish(const std::array<double, 1>& s, double log_base) const {
    return s[0] >= 1.0 ? infinity : -std::log1p(-s[0]) / log_base;
  }
};

// Renyi of order infinity: log max_i p_i / q_i over the support of p.
struct renyi_infinity_measure {
  static constexpr std::size_t sums = 1;
  static constexpr bool logarithmic = true;
  static constexpr bool needs_log_ratio = true;
  static constexpr bool reduces_by_max = true;
  std::array<double, 1> term(const pair_element& e) const { return {e.p == 0.0 ? -infinity : e.lr}; }
  double finish(const std::array<double, 1>& s, double log_base) const { return s[0] / log_base; }
};

// Renyi of order alpha > 1 in log space, for rows where D_alpha overflows although
// log S_alpha = log sum exp(l_i), l_i = log q_i + alpha log(p_i / q_i), is finite:
// first the maximum l_max, then sum exp(l_i - l_max).
inline double log_power_term(const pair_element& e, double alpha) {
  if (e.q == 0.0) return e.p == 0.0 ? -infinity : infinity;
  if (e.p == 0.0) return -infinity;
  return std::log(e.q) + alpha * e.lr;
}

struct renyi_log_max_measure {
  static constexpr std::size_t sums = 1;
  static constexpr bool logarithmic = true;
  static constexpr bool needs_log_ratio = true;
  static constexpr bool reduces_by_max = true;
  double alpha;
  std::array<double, 1> term(const pair_element& e) const { return {log_power_term(e, alpha)}; }
  double finish(const std::array<double, 1>& s, double) const { return s[0]; }
};

struct renyi_log_sum_measure {
  static constexpr std::size_t sums = 1;
  static constexpr bool logarithmic = true;
  static constexpr bool needs_log_ratio = true;
  double alpha;
  double shift;
  std::array<double, 1> term(const pair_element& e) const { return {std::exp(log_power_term(e, alpha) - shift)}; }
  double finish(const std::array<double, 1>& s, double log_base) const {
    return (shift + std::log(s[0])) / (alpha - 1.0) / log_base;
  }
};

double renyi_in_log_space(const distribution_view& p, const distribution_view& q, double alpha, const options& opts) {
  options in_nats = opts;
  in_nats.base = log_base::e;
  const double shift = detail::evaluate_pair("kullback::renyi", p, q, in_nats, renyi_log_max_measure{alpha});
  if (!std::isfinite(shift)) return infinity;
  return detail::evaluate_pair("kullback::renyi", p, q, opts, renyi_log_sum_measure{alpha, shift});
}

void check_alpha(const char* function, double alpha, bool valid, const char* rule) {
  if (!valid) throw invalid_argument(std::string(function) + ": alpha = " + detail::format_number(alpha) + ", but " + rule);
}

template <class Evaluate>
auto with_renyi_measure(double alpha, const Evaluate& evaluate) {
  check_alpha("kullback::renyi", alpha, alpha >= 0.0, "must be in [0, inf]");
  if (alpha == 0.0) return evaluate(renyi_zero_measure{});
  if (alpha == infinity) return evaluate(renyi_infinity_measure{});
  return evaluate(renyi_measure{{alpha, alpha_output::renyi}});
}

}  // namespace

double renyi(const distribution_view& p, const distribution_view& q, double alpha, const options& opts) {
  detail::require_single_rows("kullback::renyi", p, q);
  double value = 0.0;
  renyi(p, q, alpha, std::span<double>(&value, 1), opts);
  return value;
}

void renyi(const distribution_view& p, const distribution_view& q, double alpha, std::span<double> out,
           const options& opts) {
  with_renyi_measure(alpha, [&](const auto& m) { detail::evaluate_pairs("kullback::renyi", p, q, out, opts, m); });
  if (!(alpha > 1.0 && std::isfinite(alpha))) return;
  for (std::size_t r = 0; r < out.size(); ++r) {
    if (out[r] == infinity) out[r] = renyi_in_log_space(p.row(r), q.row(r), alpha, opts);
  }
}

double tsallis(const distribution_view& p, const distribution_view& q, double alpha, const options& opts) {
  check_alpha("kullback::tsallis", alpha, alpha > 0.0 && std::isfinite(alpha), "must be > 0 and finite");
  return detail::evaluate_pair("kullback::tsallis", p, q, opts, alpha_divergence_measure{{alpha, alpha_output::tsallis}});
}

void tsallis(const distribution_view& p, const distribution_view& q, double alpha, std::span<double> out,
             const options& opts) {
  check_alpha("kullback::tsallis", alpha, alpha > 0.0 && std::isfinite(alpha), "must be > 0 and finite");
  detail::evaluate_pairs("kullback::tsallis", p, q, out, opts, alpha_divergence_measure{{alpha, alpha_output::tsallis}});
}

double alpha_divergence(const distribution_view& p, const distribution_view& q, double alpha, const options& opts) {
  check_alpha("kullback::alpha_divergence", alpha, std::isfinite(alpha), "must be finite");
  return detail::evaluate_pair("kullback::alpha_divergence", p, q, opts,
                               alpha_divergence_measure{{alpha, alpha_output::divergence}});
}

void alpha_divergence(const distribution_view& p, const distribution_view& q, double alpha, std::span<double> out,
                      const options& opts) {
  check_alpha("kullback::alpha_divergence", alpha, std::isfinite(alpha), "must be finite");
  detail::evaluate_pairs("kullback::alpha_divergence", p, q, out, opts,
                         alpha_divergence_measure{{alpha, alpha_output::divergence}});
}

}  // namespace kullback
