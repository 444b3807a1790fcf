// TV, Hellinger, Bhattacharyya, Pearson and Neyman chi-square, Cauchy-Schwarz.
//
// All terms are built from d = p - q (no cancellation) so nearly equal inputs keep their digits.
#include "kullback/discrete/distances.hpp"

#include "engine.hpp"

namespace kullback {
namespace {

using detail::pair_element;

struct tv_measure {
  static constexpr std::size_t sums = 1;
  static constexpr bool logarithmic = false;
  static constexpr bool needs_log_ratio = false;
  std::array<double, 1> term(const pair_element& e) const { return {std::fabs(e.d)}; }
  double finish(const std::array<double, 1>& s, double) const { return 0.5 * s[0]; }
};

// sqrt p - sqrt q = d / (sqrt p + sqrt q): no cancellation, no underflow of d^2.
inline double root_difference(const pair_element& e) {
  const double denominator = std::sqrt(e.p) + std::sqrt(e.q);
  return denominator > 0.0 ? e.d / denominator : 0.0;
}

// sums: [0] H^2 = 1/2 sum (sqrt p - sqrt q)^2, [1] BC = sum sqrt(p q).
// Near p = q, 1 - BC cancels, so H^2 is summed termwise; near disjoint supports BC is the accurate
// one (1 - H^2 would cancel). Each finish picks the well-conditioned sum.
struct hellinger_measure {
  static constexpr std::size_t sums = 2;
  static constexpr bool needs_log_ratio = false;
  std::array<double, 2> term(const pair_element& e) const {
    const double r = root_difference(e);
    return {0.5 * r * r, std::sqrt(e.p) * std::sqrt(e.q)};
  }
};

struct hellinger_distance : hellinger_measure {
  static constexpr bool logarithmic = false;
  double finish(const std::array<double, 2>& s, double) const { return std::sqrt(s[0]); }
};

struct bhattacharyya_distance : hellinger_measure {
  static constexpr bool logarithmic = true;
  double finish(const std::array<double, 2>& s, double log_base) const {
    const double value = s[0] < 0.5 ? -std::log1p(-s[0]) : -std::log(s[1]);
    return value / log_base;
  }
};

struct chi2_measure {
  static constexpr std::size_t sums = 1;
  static constexpr bool logarithmic = false;
  static constexpr bool needs_log_ratio = false;
  bool neyman;  // Neyman divides by p instead of q
  std::array<double, 1> term(const pair_element& e) const {
    const double denominator = neyman ? e.p : e.q;
    if (denominator == 0.0) return {e.d == 0.0 ? 0.0 : detail::infinity};
    return {e.d * (e.d / denominator)};
  }
  double finish(const std::array<double, 1>& s, double) const { return s[0]; }
};

// -log cos(theta), cos(theta) = <p, q> / (|p| |q|). With a = |p|, b = |q|,
//   1 - cos(theta) = (|p - q|^2 - (a - b)^2) / (2 a b),  a - b = sum (p - q)(p + q) / (a + b),
// both sums termwise from d, so nearly parallel inputs keep their digits; for small cos(theta)
// the direct -log cos(theta) is used instead.
struct cauchy_schwarz_measure {
  static constexpr std::size_t sums = 5;
  static constexpr bool logarithmic = true;
  static constexpr bool needs_log_ratio = false;
  std::array<double, 5> term(const pair_element& e) const {
    return {e.p * e.p, e.q * e.q, e.d * e.d, e.d * (e.p + e.q), e.p * e.q};
  }
  double finish(const std::array<double, 5>& s, double log_base) const {
    const double a = std::sqrt(s[0]);
    const double b = std::sqrt(s[1]);
    const double cosine = s[4] / (a * b);
    if (cosine < 0.5) return -std::log(cosine) / log_base;
    const double norm_gap = s[3] / (a + b);
    const double one_minus_cosine = 0.5 * (s[2] - norm_gap * norm_gap) / (a * b);
    return -std::log1p(-one_minus_cosine) / log_base;
  }
};

}  // namespace

#define KULLBACK_DEFINE_PAIR_MEASURE(name, measure)                                                          \
  double name(const distribution_view& p, const distribution_view& q, const options& opts) {                 \
    return detail::evaluate_pair("kullback::" #name, p, q, opts, measure);                                   \
  }                                                                                                          \
  void name(const distribution_view& p, const distribution_view& q, std::span<double> out, const options& opts) { \
    detail::evaluate_pairs("kullback::" #name, p, q, out, opts, measure);                                    \
  }

KULLBACK_DEFINE_PAIR_MEASURE(tv, tv_measure{})
KULLBACK_DEFINE_PAIR_MEASURE(hellinger, hellinger_distance{})
KULLBACK_DEFINE_PAIR_MEASURE(bhattacharyya, bhattacharyya_distance{})
KULLBACK_DEFINE_PAIR_MEASURE(chi2, chi2_measure{false})
KULLBACK_DEFINE_PAIR_MEASURE(neyman_chi2, chi2_measure{true})
KULLBACK_DEFINE_PAIR_MEASURE(cauchy_schwarz, cauchy_schwarz_measure{})

#undef KULLBACK_DEFINE_PAIR_MEASURE

}  // namespace kullback
