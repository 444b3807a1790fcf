// kullback::normal, normal_batch and independent<normal_batch>: values, properties, batches,
// threads and bad input. (Accuracy against mpmath: parametric_accuracy_test.)
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "kullback/kullback.hpp"
#include "support/test_support.hpp"

namespace {

using kullback::normal;
using kullback::normal_batch;
using kullback_test::bits;
using kullback_test::close_rel;
using kullback_test::inf;
using kullback_test::nan;
using kullback_test::uniform01;

using kullback_test::error_of;

normal random_normal(std::mt19937_64& rng) { return {4.0 * uniform01(rng) - 2.0, 0.2 + 3.0 * uniform01(rng)}; }

TEST(Normal, RejectsBadParameters) {
  EXPECT_EQ(error_of([] { normal(0.0, -1.0); }), "kullback::normal: scale = -1, but must be > 0");
  EXPECT_EQ(error_of([] { normal(0.0, 0.0); }), "kullback::normal: scale = 0, but must be > 0");
  EXPECT_EQ(error_of([] { normal(nan, 1.0); }), "kullback::normal: loc = nan, but must be finite");
  EXPECT_EQ(error_of([] { normal(0.0, nan); }), "kullback::normal: scale = nan, but must be > 0");
  EXPECT_EQ(error_of([] { normal(0.0, inf); }), "kullback::normal: scale = inf, but must be finite");
  EXPECT_EQ(error_of([] { normal(inf, 1.0); }), "kullback::normal: loc = inf, but must be finite");
  const normal p(0, 1), q(1, 2);
  EXPECT_EQ(error_of([&] { kullback::renyi(p, q, -0.5); }), "kullback::renyi: alpha = -0.5, but must be >= 0 and finite");
  EXPECT_THROW(kullback::chernoff_coefficient(p, q, inf), kullback::invalid_argument);
}

TEST(Normal, TextbookValues) {
  const normal p(0.0, 1.0), q(1.0, 2.0);
  const double kl = std::log(2.0) + (1.0 + 1.0) / 8.0 - 0.5;
  EXPECT_TRUE(close_rel(kullback::kl(p, q), kl, 1e-15));
  EXPECT_TRUE(close_rel(kullback::wasserstein2(p, q), std::sqrt(2.0), 1e-15));
  // Bhattacharyya: (m1-m2)^2 / (4 (s1^2 + s2^2)) + 1/2 log((s1^2 + s2^2) / (2 s1 s2))
  const double b = 1.0 / 20.0 + 0.5 * std::log(5.0 / 4.0);
  EXPECT_TRUE(close_rel(kullback::bhattacharyya(p, q), b, 1e-15));
  EXPECT_TRUE(close_rel(kullback::hellinger(p, q), std::sqrt(1.0 - std::exp(-b)), 1e-15));
  EXPECT_TRUE(close_rel(kullback::chernoff_coefficient(p, q, 0.5), std::exp(-b), 1e-15));
  EXPECT_TRUE(close_rel(kullback::renyi(p, q, 0.5), 2.0 * b, 1e-15));
}

TEST(Normal, RenyiLimitsAndDivergence) {
  std::mt19937_64 rng(1);
  for (int i = 0; i < 50; ++i) {
    const normal p = random_normal(rng), q = random_normal(rng);
    EXPECT_EQ(kullback::renyi(p, q, 1.0), kullback::kl(p, q));
    EXPECT_EQ(kullback::renyi(p, q, 0.0), 0.0);
    EXPECT_EQ(kullback::chernoff_coefficient(p, q, 1.0), 1.0);
    // D_alpha is non-decreasing in alpha and continuous at 1 (its slope there can be ~100 KL)
    const double below = kullback::renyi(p, q, 1.0 - 1e-9);
    EXPECT_LE(below, kullback::kl(p, q));
    EXPECT_TRUE(close_rel(below, kullback::kl(p, q), 1e-6));
    EXPECT_LE(kullback::renyi(p, q, 0.3), kullback::renyi(p, q, 0.7) * (1 + 1e-15));  // non-decreasing in alpha
  }
  // alpha > 1: finite only while alpha s2^2 + (1 - alpha) s1^2 > 0
  const normal wide(0.0, 2.0), narrow(0.0, 1.0);
  EXPECT_EQ(kullback::renyi(wide, narrow, 5.0), inf);  // 5 - 4 * 4 < 0
  EXPECT_EQ(kullback::chernoff_coefficient(wide, narrow, 5.0), inf);
  EXPECT_TRUE(std::isfinite(kullback::renyi(narrow, wide, 5.0)));
  EXPECT_TRUE(std::isfinite(kullback::renyi(wide, narrow, 1.3)));  // 1.3 - 0.3 * 4 > 0
}

TEST(Normal, PropertiesOnRandomPairs) {
  std::mt19937_64 rng(2);
  for (int i = 0; i < 200; ++i) {
    const normal p = random_normal(rng), q = random_normal(rng);
    EXPECT_EQ(kullback::kl(p, p), 0.0);
    EXPECT_EQ(kullback::jeffreys(p, p), 0.0);
    EXPECT_EQ(kullback::renyi(p, p, 2.5), 0.0);
    EXPECT_EQ(kullback::bhattacharyya(p, p), 0.0);
    EXPECT_EQ(kullback::hellinger(p, p), 0.0);
    EXPECT_EQ(kullback::wasserstein2(p, p), 0.0);
    EXPECT_EQ(kullback::chernoff_coefficient(p, p, 0.3), 1.0);
    EXPECT_GT(kullback::kl(p, q), 0.0);
    EXPECT_GE(kullback::renyi(p, q, 0.4), 0.0);
    const double h = kullback::hellinger(p, q);
    EXPECT_TRUE(h >= 0.0 && h <= 1.0);
    EXPECT_TRUE(close_rel(kullback::jeffreys(p, q), kullback::jeffreys(q, p), 1e-15));
    EXPECT_TRUE(close_rel(kullback::bhattacharyya(p, q), kullback::bhattacharyya(q, p), 1e-14));
    EXPECT_TRUE(close_rel(kullback::hellinger(p, q), kullback::hellinger(q, p), 1e-14));
    EXPECT_EQ(kullback::wasserstein2(p, q), kullback::wasserstein2(q, p));
    EXPECT_TRUE(close_rel(kullback::jeffreys(p, q), kullback::kl(p, q) + kullback::kl(q, p), 1e-15));
  }
}

TEST(Normal, NearlyEqualScalesKeepRelativeAccuracy) {
  // KL(N(0, (1+h)^2) || N(0, 1)) = 1/2 [(1+h)^2 - 1 - 2 log(1+h)] = h^2 - h^3/3 + h^4/4 - h^5/5 ...
  for (double h : {1e-5, 1e-7, 1e-9, 1e-12}) {
    const double x = (1.0 + h) - 1.0;  // the h that 1 + h actually holds
    const double series = x * x * (1.0 - x / 3.0 + x * x / 4.0 - x * x * x / 5.0);
    EXPECT_TRUE(close_rel(kullback::kl(normal(0.0, 1.0 + h), normal(0.0, 1.0)), series, 1e-14)) << h;
  }
}

struct batch_data {
  std::size_t rows, cols;
  std::vector<double> m1, s1, m2, s2;
};

batch_data random_batch(std::size_t rows, std::size_t cols, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  batch_data b{rows, cols, {}, {}, {}, {}};
  for (std::size_t i = 0; i < rows * cols; ++i) {
    b.m1.push_back(2 * uniform01(rng) - 1);
    b.s1.push_back(0.2 + 2 * uniform01(rng));
    b.m2.push_back(2 * uniform01(rng) - 1);
    b.s2.push_back(0.2 + 2 * uniform01(rng));
  }
  return b;
}

TEST(NormalBatch, ElementwiseEqualsSinglesBitwise) {
  const auto b = random_batch(37, 11, 3);
  const normal_batch p({b.m1.data(), b.rows, b.cols}, {b.s1.data(), b.rows, b.cols});
  const normal_batch q({b.m2.data(), b.rows, b.cols}, {b.s2.data(), b.rows, b.cols});
  std::vector<double> out(b.rows * b.cols);
  auto check = [&](auto batch_fn, auto single_fn) {
    batch_fn(out);
    for (std::size_t i = 0; i < out.size(); ++i) {
      const normal a(b.m1[i], b.s1[i]), c(b.m2[i], b.s2[i]);
      ASSERT_EQ(bits(out[i]), bits(single_fn(a, c))) << i;
    }
  };
  check([&](std::span<double> o) { kullback::kl(p, q, o); }, [](auto a, auto c) { return kullback::kl(a, c); });
  check([&](std::span<double> o) { kullback::jeffreys(p, q, o); }, [](auto a, auto c) { return kullback::jeffreys(a, c); });
  check([&](std::span<double> o) { kullback::renyi(p, q, 0.7, o); }, [](auto a, auto c) { return kullback::renyi(a, c, 0.7); });
  check([&](std::span<double> o) { kullback::chernoff_coefficient(p, q, 2.0, o); },
        [](auto a, auto c) { return kullback::chernoff_coefficient(a, c, 2.0); });
  check([&](std::span<double> o) { kullback::bhattacharyya(p, q, o); }, [](auto a, auto c) { return kullback::bhattacharyya(a, c); });
  check([&](std::span<double> o) { kullback::hellinger(p, q, o); }, [](auto a, auto c) { return kullback::hellinger(a, c); });
  check([&](std::span<double> o) { kullback::wasserstein2(p, q, o); }, [](auto a, auto c) { return kullback::wasserstein2(a, c); });
}

TEST(NormalBatch, ScalarViewsBroadcast) {
  const auto b = random_batch(5, 4, 4);
  const double zero = 0.0, one = 1.0;
  const normal_batch p({b.m1.data(), 5, 4}, {b.s1.data(), 5, 4});
  const normal_batch standard({&zero, 1, 1}, {&one, 1, 1});
  const normal_batch unit_scale({b.m2.data(), 5, 4}, {&one, 1, 1});
  std::vector<double> out(20), back(20), mixed(20);
  kullback::kl(p, standard, out);
  kullback::kl(standard, p, back);
  kullback::kl(p, unit_scale, mixed);
  for (std::size_t i = 0; i < 20; ++i) {
    EXPECT_EQ(out[i], kullback::kl(normal(b.m1[i], b.s1[i]), normal(0, 1)));
    EXPECT_EQ(back[i], kullback::kl(normal(0, 1), normal(b.m1[i], b.s1[i])));
    EXPECT_EQ(mixed[i], kullback::kl(normal(b.m1[i], b.s1[i]), normal(b.m2[i], 1)));
  }
}

TEST(NormalBatch, IndependentSumsTheRow) {
  const auto b = random_batch(9, 64, 5);
  const double zero = 0.0, one = 1.0;
  const normal_batch p({b.m1.data(), b.rows, b.cols}, {b.s1.data(), b.rows, b.cols});
  const normal_batch q({&zero, 1, 1}, {&one, 1, 1});
  std::vector<double> kl(b.rows), h(b.rows), w(b.rows), c(b.rows);
  kullback::kl(kullback::independent(p), kullback::independent(q), kl);
  kullback::hellinger(kullback::independent(p), kullback::independent(q), h);
  kullback::wasserstein2(kullback::independent(p), kullback::independent(q), w);
  kullback::chernoff_coefficient(kullback::independent(p), kullback::independent(q), 0.5, c);
  for (std::size_t r = 0; r < b.rows; ++r) {
    long double vae = 0, bsum = 0, w2 = 0;
    for (std::size_t j = 0; j < b.cols; ++j) {
      const double m = b.m1[r * b.cols + j], s = b.s1[r * b.cols + j];
      vae += 0.5L * (static_cast<long double>(m) * m + static_cast<long double>(s) * s - 1 - 2 * std::log(static_cast<long double>(s)));
      bsum += kullback::bhattacharyya(normal(m, s), normal(0, 1));
      w2 += static_cast<long double>(m) * m + (static_cast<long double>(s) - 1) * (s - 1);
    }
    EXPECT_TRUE(close_rel(kl[r], static_cast<double>(vae), 1e-14));
    EXPECT_TRUE(close_rel(h[r], std::sqrt(-std::expm1(-static_cast<double>(bsum))), 1e-14));
    EXPECT_TRUE(close_rel(c[r], std::exp(-static_cast<double>(bsum)), 1e-13));
    EXPECT_TRUE(close_rel(w[r], std::sqrt(static_cast<double>(w2)), 1e-15));
  }
}

TEST(NormalBatch, ThreadCountDoesNotChangeBits) {
  kullback_test::thread_count_guard guard;
  const auto b = random_batch(3000, 16, 6);  // 48000 elements: above the parallel threshold
  const normal_batch p({b.m1.data(), b.rows, b.cols}, {b.s1.data(), b.rows, b.cols});
  const normal_batch q({b.m2.data(), b.rows, b.cols}, {b.s2.data(), b.rows, b.cols});
  std::vector<std::vector<double>> elem, rows;
  for (int threads : {1, 2, 3, 4}) {
    kullback::set_num_threads(threads);
    elem.emplace_back(b.rows * b.cols);
    rows.emplace_back(b.rows);
    kullback::renyi(p, q, 0.3, elem.back());
    kullback::kl(kullback::independent(p), kullback::independent(q), rows.back());
  }
  for (std::size_t t = 1; t < elem.size(); ++t) {
    for (std::size_t i = 0; i < elem[0].size(); ++i) ASSERT_EQ(bits(elem[t][i]), bits(elem[0][i]));
    for (std::size_t i = 0; i < rows[0].size(); ++i) ASSERT_EQ(bits(rows[t][i]), bits(rows[0][i]));
  }
}

TEST(NormalBatch, RejectsBadInput) {
  std::vector<double> loc{0, 1, 2, 3, 4, 5}, scale{1, 1, 1, 1, -2, 1};
  EXPECT_EQ(error_of([&] { normal_batch({loc.data(), 2, 3}, {scale.data(), 2, 3}); }),
            "kullback::normal_batch: scale[1][1] = -2, but must be > 0");
  loc[2] = nan;
  scale[4] = 1;
  EXPECT_EQ(error_of([&] { normal_batch({loc.data(), 2, 3}, {scale.data(), 2, 3}); }),
            "kullback::normal_batch: loc[0][2] = nan, but must be finite");
  loc[2] = 2;
  EXPECT_THROW(normal_batch({loc.data(), 2, 3}, {scale.data(), 3, 2}), kullback::invalid_argument);
  EXPECT_THROW(normal_batch({loc.data(), 0, 3}, {scale.data(), 0, 3}), kullback::invalid_argument);
  const normal_batch p({loc.data(), 2, 3}, {scale.data(), 2, 3});
  const normal_batch q({loc.data(), 3, 2}, {scale.data(), 3, 2});
  std::vector<double> out(6), short_out(5), rows_out(2);
  EXPECT_THROW(kullback::kl(p, q, out), kullback::invalid_argument);  // 2 x 3 vs 3 x 2
  EXPECT_EQ(error_of([&] { kullback::kl(p, p, short_out); }), "kullback::kl: out.size() = 5, but must be 6");
  EXPECT_THROW(kullback::kl(kullback::independent(p), kullback::independent(p), out), kullback::invalid_argument);
  EXPECT_NO_THROW(kullback::kl(kullback::independent(p), kullback::independent(p), rows_out));
  EXPECT_THROW(kullback::renyi(p, p, -1.0, out), kullback::invalid_argument);
}

}  // namespace

namespace {

// The scale term switches between a series (|t| <= 1/4) and logarithms: sweep across both and
// across the switch points against a long double evaluation (accurate to ~1e-19 / t^2 here).
TEST(Normal, KlAcrossTheSeriesSwitch) {
  for (double t = -0.9; t <= 3.0; t += 0.0137) {
    for (double edge : {0.0, 0.25, -0.25}) {
      const double tt = std::fabs(t - edge) < 0.01 ? edge + (t - edge) * 1e-3 : t;
      if (std::fabs(tt) < 1e-3) continue;
      const double s1 = 1.7 * (1.0 + tt), s2 = 1.7;
      const long double r = static_cast<long double>(s1) / s2;
      const long double want = 0.5L * (r * r - 1 - 2 * std::log(r)) + 0.5L * (0.3L / 1.7L) * (0.3L / 1.7L);
      EXPECT_TRUE(kullback_test::close_rel(kullback::kl(kullback::normal(0.3, s1), kullback::normal(0.0, s2)),
                                           static_cast<double>(want), 2e-14))
          << tt;
    }
  }
}

}  // namespace

namespace {

// The independent KL runs a SIMD kernel per row (vector log, lane-wise sums): compare it with the
// sum of the scalar values across the series switch, with a tail that is not a whole vector, and
// with a ratio s1/s2 outside the kernel's range (scalar fallback).
TEST(NormalBatch, IndependentKlKernelMatchesScalarSums) {
  std::vector<double> m1, s1, m2, s2;
  for (double t = -0.95; t <= 4.0; t += 0.0071) {
    m1.push_back(0.1 * t);
    s1.push_back(0.8 * (1.0 + t));
    m2.push_back(-0.2);
    s2.push_back(0.8);
  }
  for (std::size_t cols : {std::size_t{1}, std::size_t{3}, std::size_t{13}, std::size_t{64}, m1.size()}) {
    const std::size_t rows = m1.size() / cols;
    const kullback::normal_batch p({m1.data(), rows, cols}, {s1.data(), rows, cols});
    const kullback::normal_batch q({m2.data(), rows, cols}, {s2.data(), rows, cols});
    std::vector<double> out(rows);
    kullback::kl(kullback::independent(p), kullback::independent(q), out);
    for (std::size_t r = 0; r < rows; ++r) {
      long double sum = 0;
      for (std::size_t c = 0; c < cols; ++c) {
        const std::size_t i = r * cols + c;
        sum += kullback::kl(normal(m1[i], s1[i]), normal(m2[i], s2[i]));
      }
      EXPECT_TRUE(close_rel(out[r], static_cast<double>(sum), 1e-14)) << cols << " " << r;
    }
  }
  // r = 1e-310 (subnormal): the row falls back to the scalar loop
  std::vector<double> a{0, 0, 0, 0, 0, 0, 0, 0, 0}, sa{1, 1, 1, 1, 1e-300, 1, 1, 1, 1}, sb{1, 1, 1, 1, 1e10, 1, 1, 1, 1};
  const kullback::normal_batch p({a.data(), 1, 9}, {sa.data(), 1, 9}), q({a.data(), 1, 9}, {sb.data(), 1, 9});
  std::vector<double> out(1);
  kullback::kl(kullback::independent(p), kullback::independent(q), out);
  EXPECT_TRUE(close_rel(out[0], kullback::kl(normal(0, 1e-300), normal(0, 1e10)), 1e-15));
}

}  // namespace
