// Shannon entropy -sum p log p and cross-entropy -sum p log q.
#include "kullback/discrete/entropy.hpp"

#include "engine.hpp"

namespace kullback {
namespace {

struct entropy_measure {
  double term(double p, double log_p) const { return p > 0.0 ? -p * log_p : 0.0; }
};

// -p log q = -p log p + (p log(p/q) - p + q) - q + p: summed as entropy plus the generalised KL, two
// non-negative sums (the -q + p parts cancel over a distribution), so no term cancels another.
struct cross_entropy_measure {
  static constexpr std::size_t sums = 1;
  static constexpr bool logarithmic = true;
  static constexpr bool needs_log_ratio = true;
  std::array<double, 1> term(const detail::pair_element& e) const {
    const double self = e.p > 0.0 ? -e.p * std::log(e.p) : 0.0;
    return {self + detail::kl_term(e.p, e.q, e.t, e.lr)};
  }
  double finish(const std::array<double, 1>& s, double log_base) const { return s[0] / log_base; }
};

}  // namespace

double entropy(const distribution_view& p, const options& opts) {
  if (p.rows() != 1) throw invalid_argument("kullback::entropy: p must be a single distribution here; pass an output span for batches");
  double value = 0.0;
  entropy(p, std::span<double>(&value, 1), opts);
  return value;
}

void entropy(const distribution_view& p, std::span<double> out, const options& opts) {
  detail::evaluate_rows("kullback::entropy", p, out, opts, entropy_measure{});
}

double cross_entropy(const distribution_view& p, const distribution_view& q, const options& opts) {
  return detail::evaluate_pair("kullback::cross_entropy", p, q, opts, cross_entropy_measure{});
}

void cross_entropy(const distribution_view& p, const distribution_view& q, std::span<double> out,
                   const options& opts) {
  detail::evaluate_pairs("kullback::cross_entropy", p, q, out, opts, cross_entropy_measure{});
}

}  // namespace kullback
