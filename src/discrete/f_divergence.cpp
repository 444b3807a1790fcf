// f-divergences sum q f(p/q) with a user generator, and the named generators.
#include "kullback/discrete/f_divergence.hpp"

#include <cmath>

#include "engine.hpp"

namespace kullback {
namespace {

struct f_measure {
  static constexpr std::size_t sums = 1;
  static constexpr bool logarithmic = false;
  static constexpr bool needs_log_ratio = false;
  const f_generator* generator;
  std::array<double, 1> term(const detail::pair_element& e) const {
    if (e.q == 0.0) return {e.p == 0.0 ? 0.0 : e.p * generator->slope_at_infinity};
    return {e.q * generator->f(e.p / e.q)};
  }
  double finish(const std::array<double, 1>& s, double) const { return s[0]; }
};

const f_measure& checked(const f_measure& m) {
  if (!m.generator->f) throw invalid_argument("kullback::f_divergence: generator.f is empty");
  if (std::isnan(m.generator->slope_at_infinity)) {
    throw invalid_argument("kullback::f_divergence: generator.slope_at_infinity is NaN");
  }
  return m;
}

}  // namespace

namespace generators {
f_generator kl() {
  return {[](double u) { return u > 0.0 ? u * std::log(u) : 0.0; }, detail::infinity, "kl"};
}
f_generator reverse_kl() {
  return {[](double u) { return u > 0.0 ? -std::log(u) : detail::infinity; }, 0.0, "reverse_kl"};
}
f_generator jeffreys() {
  return {[](double u) { return u > 0.0 ? (u - 1.0) * std::log(u) : detail::infinity; }, detail::infinity, "jeffreys"};
}
f_generator js() {
  return {[](double u) {
            const double tail = 0.5 * std::log(2.0 / (1.0 + u));
            return u > 0.0 ? 0.5 * u * std::log(2.0 * u / (1.0 + u)) + tail : tail;
          },
          0.5 * std::numbers::ln2, "js"};
}
f_generator tv() {
  return {[](double u) { return 0.5 * std::fabs(u - 1.0); }, 0.5, "tv"};
}
f_generator squared_hellinger() {
  return {[](double u) {
            const double r = std::sqrt(u) - 1.0;
            return 0.5 * r * r;
          },
          0.5, "squared_hellinger"};
}
f_generator pearson_chi2() {
  return {[](double u) { return (u - 1.0) * (u - 1.0); }, detail::infinity, "pearson_chi2"};
}
f_generator neyman_chi2() {
  return {[](double u) { return u > 0.0 ? (u - 1.0) * (u - 1.0) / u : detail::infinity; }, 1.0, "neyman_chi2"};
}
f_generator alpha(double a) {
  if (!std::isfinite(a)) throw invalid_argument("kullback::generators::alpha: alpha must be finite");
  const double slope = a < 1.0 ? 1.0 / (1.0 - a) : detail::infinity;
  return {[a](double u) {
            if (a == 1.0) return u > 0.0 ? u * std::log(u) - u + 1.0 : 1.0;
            if (a == 0.0) return u > 0.0 ? -std::log(u) + u - 1.0 : detail::infinity;
            if (u == 0.0) return a > 0.0 ? 1.0 / a : detail::infinity;
            return (std::pow(u, a) - 1.0 - a * (u - 1.0)) / (a * (a - 1.0));
          },
          slope, "alpha"};
}
}  // namespace generators

double f_divergence(const distribution_view& p, const distribution_view& q, const f_generator& generator,
                    const options& opts) {
  return detail::evaluate_pair("kullback::f_divergence", p, q, opts, checked(f_measure{&generator}));
}

void f_divergence(const distribution_view& p, const distribution_view& q, const f_generator& generator,
                  std::span<double> out, const options& opts) {
  detail::evaluate_pairs("kullback::f_divergence", p, q, out, opts, checked(f_measure{&generator}));
}

}  // namespace kullback
