// Helpers shared by the unit and property tests: seeded random distributions, naive reference
// formulas (written independently of the library's termwise forms), and small utilities.
//
// Random numbers come from std::mt19937_64 (its output sequence is fixed by the standard) turned into
// uniforms by hand, so every test sees the same data on every standard library.
#pragma once

#include <gtest/gtest.h>
#include <kullback/kullback.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace kullback_test {

// The message of the kullback::invalid_argument thrown by f, or a marker when f does not throw one.
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const kullback::invalid_argument& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("<not a kullback::invalid_argument: ") + e.what() + ">";
  }
  return "<no exception>";
}


inline constexpr double inf = std::numeric_limits<double>::infinity();
inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Uniform in (0, 1), never exactly 0 or 1.
inline double uniform01(std::mt19937_64& rng) { return (static_cast<double>(rng() >> 11) + 0.5) * 0x1p-53; }

inline std::size_t uniform_index(std::mt19937_64& rng, std::size_t n) { return static_cast<std::size_t>(rng() % n); }

inline std::vector<double> normalized(std::vector<double> w) {
  const double total = std::accumulate(w.begin(), w.end(), 0.0);
  for (double& x : w) x /= total;
  return w;
}

// Dirichlet-like: normalised Exp(1)^shape weights (shape 1 is exactly Dirichlet(1, ..., 1)).
inline std::vector<double> dirichlet_like(std::mt19937_64& rng, std::size_t n, double shape = 1.0) {
  std::vector<double> w(n);
  for (double& x : w) x = std::pow(-std::log(uniform01(rng)), shape);
  return normalized(std::move(w));
}

// About zero_fraction of the entries are exactly 0 (at least one entry stays positive).
inline std::vector<double> sparse(std::mt19937_64& rng, std::size_t n, double zero_fraction = 0.5) {
  std::vector<double> w(n);
  for (double& x : w) x = uniform01(rng) < zero_fraction ? 0.0 : -std::log(uniform01(rng));
  w[uniform_index(rng, n)] = 1.0 + uniform01(rng);
  return normalized(std::move(w));
}

// Peaked: a few entries carry nearly all the mass, the rest span many orders of magnitude.
inline std::vector<double> peaked(std::mt19937_64& rng, std::size_t n) {
  std::vector<double> w(n);
  for (double& x : w) x = std::exp(-30.0 * uniform01(rng));
  w[uniform_index(rng, n)] = 1e3;
  return normalized(std::move(w));
}

// One of the three kinds, chosen by `kind` (0, 1, 2).
inline std::vector<double> random_distribution(std::mt19937_64& rng, std::size_t n, int kind) {
  switch (kind % 3) {
    case 0:
      return dirichlet_like(rng, n, 0.5 + 2.0 * uniform01(rng));
    case 1:
      return sparse(rng, n, 0.2 + 0.6 * uniform01(rng));
    default:
      return peaked(rng, n);
  }
}

// Sizes from 1 to max_n, log-uniform.
inline std::size_t random_size(std::mt19937_64& rng, std::size_t max_n) {
  const double x = std::exp(std::log(static_cast<double>(max_n)) * uniform01(rng));
  return std::clamp<std::size_t>(static_cast<std::size_t>(x), 1, max_n);
}

inline std::vector<double> logs_of(const std::vector<double>& p, double shift = 0.0) {
  std::vector<double> out(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) out[i] = p[i] > 0.0 ? std::log(p[i]) + shift : -inf;
  return out;
}

inline std::vector<float> to_float(const std::vector<double>& v) { return {v.begin(), v.end()}; }
inline std::vector<double> to_double(const std::vector<float>& v) { return {v.begin(), v.end()}; }

// Concatenates rows into one row-major buffer (row_stride = cols).
inline std::vector<double> stack(const std::vector<std::vector<double>>& rows) {
  std::vector<double> out;
  for (const auto& r : rows) out.insert(out.end(), r.begin(), r.end());
  return out;
}

inline kullback::matrix_view<const double> as_matrix(const std::vector<double>& data, std::size_t rows, std::size_t cols,
                                           std::size_t row_stride = 0) {
  return {data.data(), rows, cols, row_stride};
}

// ---- Naive reference formulas (sum of the textbook terms, long double accumulation). ----

inline double naive_kl(const std::vector<double>& p, const std::vector<double>& q) {
  long double s = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0.0) continue;
    if (q[i] == 0.0) return inf;
    s += static_cast<long double>(p[i]) * std::log(static_cast<long double>(p[i]) / q[i]);
  }
  return static_cast<double>(s);
}

inline double naive_entropy(const std::vector<double>& p) {
  long double s = 0;
  for (double x : p) {
    if (x > 0.0) s -= static_cast<long double>(x) * std::log(static_cast<long double>(x));
  }
  return static_cast<double>(s);
}

// S_a = sum_i p_i^a q_i^(1 - a) with the limits 0^x = 0 (x > 0), 0^0 = 1 and 0^x = inf (x < 0); for
// a = 0 the sum of q over the support of p (the Renyi-0 convention).
inline double naive_power_sum(const std::vector<double>& p, const std::vector<double>& q, double a) {
  long double s = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0.0 && q[i] == 0.0) continue;
    if (a == 0.0) {
      if (p[i] > 0.0) s += q[i];
    } else if (p[i] == 0.0) {
      if (a < 0.0) return inf;
    } else if (q[i] == 0.0) {
      if (a > 1.0) return inf;
      if (a == 1.0) s += p[i];
    } else {
      s += std::pow(static_cast<long double>(p[i]), static_cast<long double>(a)) *
           std::pow(static_cast<long double>(q[i]), static_cast<long double>(1.0 - a));
    }
  }
  return static_cast<double>(s);
}

// Relative (or, near zero, absolute) closeness.
inline ::testing::AssertionResult close_rel(double actual, double expected, double rel, double abs_floor = 0.0) {
  if (actual == expected) return ::testing::AssertionSuccess();
  if (std::isnan(actual) || std::isnan(expected) || std::isinf(actual) || std::isinf(expected)) {
    return ::testing::AssertionFailure() << "actual " << actual << " vs expected " << expected;
  }
  const double error = std::fabs(actual - expected);
  if (error <= rel * std::fabs(expected) || error <= abs_floor) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << std::setprecision(17) << "actual " << actual << " vs expected " << expected
                                       << " (relative error " << error / std::fabs(expected) << ", allowed " << rel
                                       << ")";
}

// For inputs whose handling is the library's choice: passes when f() returns a value within `rel` of
// `expected` (or equal to it, for infinities) or throws kullback::invalid_argument; fails on any other
// value, NaN included.
template <class F>
::testing::AssertionResult value_or_invalid_argument(F&& f, double expected, double rel) {
  double value = 0.0;
  try {
    value = f();
  } catch (const kullback::invalid_argument&) {
    return ::testing::AssertionSuccess();
  }
  return close_rel(value, expected, rel);
}

inline std::uint64_t bits(double x) { return std::bit_cast<std::uint64_t>(x); }

// Restores the default thread count when a test ends.
struct thread_count_guard {
  thread_count_guard() = default;
  thread_count_guard(const thread_count_guard&) = delete;
  thread_count_guard& operator=(const thread_count_guard&) = delete;
  ~thread_count_guard() { kullback::set_num_threads(0); }
};

}  // namespace kullback_test

