// The mpmath accuracy tests name measures as the reference tables do ("kl", "renyi", ...): this
// maps a name and its parameter to the public call, and defines the tables' pass metric.
#pragma once

#include <kullback/kullback.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace kullback_test {

inline double evaluate_measure(const std::string& m, double a, const kullback::distribution_view& p,
                               const kullback::distribution_view& q, const kullback::options& opts) {
  if (m == "entropy") return kullback::entropy(p, opts);
  if (m == "cross_entropy") return kullback::cross_entropy(p, q, opts);
  if (m == "kl") return kullback::kl(p, q, opts);
  if (m == "jeffreys") return kullback::jeffreys(p, q, opts);
  if (m == "js") return kullback::js(p, q, a, opts);
  if (m == "js_distance") return kullback::js_distance(p, q, a, opts);
  if (m == "skew_kl") return kullback::skew_kl(p, q, a, opts);
  if (m == "tv") return kullback::tv(p, q, opts);
  if (m == "hellinger") return kullback::hellinger(p, q, opts);
  if (m == "bhattacharyya") return kullback::bhattacharyya(p, q, opts);
  if (m == "chi2") return kullback::chi2(p, q, opts);
  if (m == "neyman_chi2") return kullback::neyman_chi2(p, q, opts);
  if (m == "cauchy_schwarz") return kullback::cauchy_schwarz(p, q, opts);
  if (m == "alpha_divergence") return kullback::alpha_divergence(p, q, a, opts);
  if (m == "tsallis") return kullback::tsallis(p, q, a, opts);
  if (m == "renyi") return kullback::renyi(p, q, a, opts);
  throw std::runtime_error("unknown measure '" + m + "' in the reference table");
}

// Relative error as the tables' pass rule sees it: 0 for a match of +inf or of an exact 0
// (|got| <= 1e-300), +inf for a mismatch of either or a NaN result.
inline double reference_relative_error(double got, double expected) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  if (std::isnan(got)) return inf;
  if (std::isinf(expected)) return got == expected ? 0.0 : inf;
  if (expected == 0.0) return std::fabs(got) <= 1e-300 ? 0.0 : inf;
  if (!std::isfinite(got)) return inf;
  return std::fabs(got - expected) / std::fabs(expected);
}

}  // namespace kullback_test
