// Generalised Jensen-Shannon divergence w KL(p||m) + (1 - w) KL(q||m), m = w p + (1 - w) q.
//
// With d = p - q: p - m = (1 - w) d and q - m = -w d, so each half is m phi(t) for a relative
// difference t computed from d directly; the terms never cancel, and js_distance = sqrt(js) is
// never the square root of a negative rounding error (scipy's jensenshannon NaN).
#include "kullback/discrete/jensen_shannon.hpp"

#include <string>

#include "../core/format_number.hpp"
#include "engine.hpp"

namespace kullback {
namespace {

struct js_measure {
  static constexpr std::size_t sums = 1;
  static constexpr bool logarithmic = true;
  static constexpr bool needs_log_ratio = false;
  double weight;
  bool distance;
  std::array<double, 1> term(const detail::pair_element& e) const {
    if (weight == 0.0 || weight == 1.0) return {0.0};
    const double m = weight * e.p + (1.0 - weight) * e.q;
    if (m == 0.0) return {0.0};
    const double toward_p = (1.0 - weight) * e.d / m;
    const double toward_q = -weight * e.d / m;
    return {weight * detail::kl_term_to_mixture(e.p, m, toward_p) +
            (1.0 - weight) * detail::kl_term_to_mixture(e.q, m, toward_q)};
  }
  double finish(const std::array<double, 1>& s, double log_base) const {
    return distance ? std::sqrt(s[0] / log_base) : s[0] / log_base;
  }
};

js_measure make_measure(const char* function, double weight, bool distance) {
  if (!(weight >= 0.0 && weight <= 1.0)) {
    throw invalid_argument(std::string(function) + ": weight = " + detail::format_number(weight) + ", but must be in [0, 1]");
  }
  return js_measure{weight, distance};
}

}  // namespace

double js(const distribution_view& p, const distribution_view& q, const options& opts) { return js(p, q, 0.5, opts); }

double js(const distribution_view& p, const distribution_view& q, double weight, const options& opts) {
  return detail::evaluate_pair("kullback::js", p, q, opts, make_measure("kullback::js", weight, false));
}

void js(const distribution_view& p, const distribution_view& q, double weight, std::span<double> out,
        const options& opts) {
  detail::evaluate_pairs("kullback::js", p, q, out, opts, make_measure("kullback::js", weight, false));
}

double js_distance(const distribution_view& p, const distribution_view& q, const options& opts) {
  return js_distance(p, q, 0.5, opts);
}

double js_distance(const distribution_view& p, const distribution_view& q, double weight, const options& opts) {
  return detail::evaluate_pair("kullback::js_distance", p, q, opts,
                               make_measure("kullback::js_distance", weight, true));
}

void js_distance(const distribution_view& p, const distribution_view& q, double weight, std::span<double> out,
                 const options& opts) {
  detail::evaluate_pairs("kullback::js_distance", p, q, out, opts,
                         make_measure("kullback::js_distance", weight, true));
}

}  // namespace kullback
