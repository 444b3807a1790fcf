// kullback/discrete/entropy.hpp: entropy and cross_entropy.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <cmath>
#include <random>
#include <vector>

#include "support/test_support.hpp"

namespace {

using namespace kullback;
using kullback_test::close_rel;
using kullback_test::inf;
using kullback_test::logs_of;
using kullback_test::naive_entropy;
using vec = std::vector<double>;

TEST(Entropy, UniformIsLogN) {
  for (std::size_t n : {1u, 2u, 3u, 7u, 10u, 64u, 4096u, 4097u, 100000u}) {
    const vec u(n, 1.0 / static_cast<double>(n));
    const double expected = std::log(static_cast<double>(n));
    EXPECT_TRUE(close_rel(entropy(u), expected, 1e-14, 1e-300)) << n;
    EXPECT_TRUE(close_rel(entropy(logits(vec(n, 3.0))), expected, 1e-14, 1e-300)) << n;
    EXPECT_TRUE(close_rel(entropy(counts(vec(n, 2.0))), expected, 1e-14, 1e-300)) << n;
    EXPECT_TRUE(close_rel(entropy(kullback_test::to_float(u)), expected, 1e-6, 1e-300)) << n;
  }
  EXPECT_EQ(entropy(vec{1.0}), 0.0);
}

TEST(Entropy, PointMassIsZero) {
  EXPECT_EQ(entropy(vec{0.0, 1.0, 0.0}), 0.0);
  EXPECT_EQ(entropy(logits(vec{-inf, 5.0, -inf})), 0.0);
  EXPECT_EQ(entropy(counts(vec{0.0, 0.0, 42.0})), 0.0);
}

TEST(Entropy, ZeroEntriesContributeNothing) {
  // 0 log 0 = 0: (1/2, 1/2, 0) has entropy log 2; (1/2, 1/4, 1/4, 0) has 3/2 log 2.
  EXPECT_TRUE(close_rel(entropy(vec{0.5, 0.5, 0.0}), std::log(2.0), 1e-15));
  EXPECT_TRUE(close_rel(entropy(vec{0.5, 0.0, 0.25, 0.25}), 1.5 * std::log(2.0), 1e-15));
  EXPECT_TRUE(close_rel(entropy(logits(vec{0.0, 0.0, -inf})), std::log(2.0), 1e-15));
}

TEST(Entropy, TwoPointClosedForm) {
  for (double a : {1e-10, 0.01, 0.3, 0.5, 0.75}) {
    const double b = 1.0 - a;
    const double expected = -a * std::log(a) - b * std::log(b);
    EXPECT_TRUE(close_rel(entropy(vec{a, b}), expected, 1e-14)) << a;
  }
}

TEST(Entropy, RandomMatchesNaiveSum) {
  std::mt19937_64 rng(31);
  for (int trial = 0; trial < 20; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 5000);
    const vec p = kullback_test::random_distribution(rng, n, trial);
    EXPECT_TRUE(close_rel(entropy(p), naive_entropy(p), 1e-13, 1e-300)) << trial;
  }
}

TEST(Entropy, LogBase) {
  EXPECT_TRUE(close_rel(entropy(vec(8, 0.125), {.base = log_base::two}), 3.0, 1e-15));
  EXPECT_TRUE(close_rel(entropy(vec(100, 0.01), {.base = log_base::ten}), 2.0, 1e-15));
  const vec p{0.1, 0.6, 0.3};
  EXPECT_TRUE(close_rel(entropy(p, {.base = log_base::two}), entropy(p) / std::log(2.0), 1e-15));
  EXPECT_TRUE(close_rel(cross_entropy(p, vec{0.2, 0.2, 0.6}, {.base = log_base::two}),
                        cross_entropy(p, vec{0.2, 0.2, 0.6}) / std::log(2.0), 1e-15));
}

TEST(Entropy, InputFormsAgree) {
  std::mt19937_64 rng(37);
  for (int trial = 0; trial < 10; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 2000);
    const vec p = kullback_test::random_distribution(rng, n, trial);
    const double expected = entropy(p);
    vec c(p), s(p);
    for (double& x : c) x *= 12345.0;
    for (double& x : s) x *= 0.3;
    EXPECT_TRUE(close_rel(entropy(logits(logs_of(p, -4.5))), expected, 1e-12, 1e-15)) << trial;
    EXPECT_TRUE(close_rel(entropy(log_probs(logs_of(p))), expected, 1e-12, 1e-15)) << trial;
    EXPECT_TRUE(close_rel(entropy(counts(c)), expected, 1e-12, 1e-15)) << trial;
    EXPECT_TRUE(close_rel(entropy(s, {.normalize = true}), expected, 1e-12, 1e-15)) << trial;
    EXPECT_TRUE(close_rel(entropy(kullback_test::to_float(p)), expected, 1e-5, 1e-7)) << trial;
  }
}

TEST(Entropy, CountsWithSmoothing) {
  // counts (0, 2) with s = 1 are (1/4, 3/4).
  const double expected = std::log(4.0) - 0.75 * std::log(3.0);
  EXPECT_TRUE(close_rel(entropy(counts(vec{0.0, 2.0}, 1.0)), expected, 1e-15));
  // All-zero counts become uniform with any smoothing.
  EXPECT_TRUE(close_rel(entropy(counts(vec(5, 0.0), 0.5)), std::log(5.0), 1e-15));
}

TEST(Entropy, LargeLogits) {
  // softmax(1e4 + (0, log 3)) = (1/4, 3/4).
  const double expected = std::log(4.0) - 0.75 * std::log(3.0);
  EXPECT_TRUE(close_rel(entropy(logits(vec{1e4, 1e4 + std::log(3.0)})), expected, 1e-11));
  EXPECT_TRUE(close_rel(entropy(logits(vec{-1e4, -1e4, -inf})), std::log(2.0), 1e-15));
  EXPECT_TRUE(close_rel(entropy(logits(std::vector<float>{1e4f, 1e4f, 1e4f})), std::log(3.0), 1e-15));
}

// Counts or normalize rows whose sum overflows double: log 2 for (1e308, 1e308), or an
// invalid_argument, never a silently wrong number.
TEST(Entropy, NormalisationWhoseSumOverflows) {
  EXPECT_TRUE(kullback_test::value_or_invalid_argument([] { return entropy(counts(vec{1e308, 1e308})); }, std::log(2.0), 1e-15));
  EXPECT_TRUE(kullback_test::value_or_invalid_argument([] { return entropy(vec{1e308, 1e308}, {.normalize = true}); },
                                                       std::log(2.0), 1e-15));
}

TEST(Entropy, Batches) {
  const std::vector<vec> rows{{0.5, 0.5, 0.0}, {1.0, 0.0, 0.0}, {0.2, 0.3, 0.5}, {1.0 / 3, 1.0 / 3, 1.0 / 3}};
  const vec data = kullback_test::stack(rows);
  vec out(4);
  entropy(matrix_view<const double>{data.data(), 4, 3}, out);
  for (std::size_t r = 0; r < 4; ++r) {
    EXPECT_TRUE(close_rel(out[r], naive_entropy(rows[r]), 1e-15)) << r;
    EXPECT_DOUBLE_EQ(out[r], entropy(rows[r])) << r;
  }
  vec one(1);
  entropy(rows[2], one);
  EXPECT_EQ(one[0], entropy(rows[2]));
  vec wrong(3);
  EXPECT_THROW(entropy(matrix_view<const double>{data.data(), 4, 3}, wrong), kullback::invalid_argument);
  EXPECT_THROW(entropy(matrix_view<const double>{data.data(), 4, 3}), kullback::invalid_argument);
}

// ---- cross_entropy ----

TEST(CrossEntropy, EqualsEntropyPlusKl) {
  std::mt19937_64 rng(41);
  for (int trial = 0; trial < 20; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 3000);
    const vec p = kullback_test::random_distribution(rng, n, trial);
    const vec q = kullback_test::dirichlet_like(rng, n);
    EXPECT_TRUE(close_rel(cross_entropy(p, q), entropy(p) + kl(p, q), 1e-13)) << trial;
    EXPECT_TRUE(close_rel(cross_entropy(p, p), entropy(p), 1e-14, 1e-300)) << trial;
    // Naive -sum p log q.
    long double s = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (p[i] > 0) s -= p[i] * std::log(static_cast<long double>(q[i]));
    }
    EXPECT_TRUE(close_rel(cross_entropy(p, q), static_cast<double>(s), 1e-13)) << trial;
  }
}

TEST(CrossEntropy, ClosedFormsAndZeros) {
  // H(p, uniform_n) = log n for every p.
  EXPECT_TRUE(close_rel(cross_entropy(vec{0.7, 0.2, 0.1, 0.0}, vec(4, 0.25)), std::log(4.0), 1e-15));
  // H(delta_i, q) = -log q_i.
  EXPECT_TRUE(close_rel(cross_entropy(vec{0.0, 1.0, 0.0}, vec{0.2, 0.3, 0.5}), -std::log(0.3), 1e-15));
  // p_i > 0 = q_i: +inf; p_i = 0 = q_i: nothing.
  EXPECT_EQ(cross_entropy(vec{0.5, 0.5}, vec{1.0, 0.0}), inf);
  EXPECT_TRUE(close_rel(cross_entropy(vec{1.0, 0.0}, vec{0.5, 0.5}), std::log(2.0), 1e-15));
  EXPECT_TRUE(close_rel(cross_entropy(vec{0.5, 0.5, 0.0}, vec{0.5, 0.5, 0.0}), std::log(2.0), 1e-15));
  EXPECT_EQ(cross_entropy(logits(vec{0.0, 0.0}), logits(vec{0.0, -inf})), inf);
}

TEST(CrossEntropy, FormsTypesAndBatches) {
  const vec p{0.1, 0.2, 0.3, 0.4}, q{0.25, 0.25, 0.4, 0.1};
  long double s = 0;
  for (std::size_t i = 0; i < 4; ++i) s -= p[i] * std::log(static_cast<long double>(q[i]));
  const double expected = static_cast<double>(s);
  EXPECT_TRUE(close_rel(cross_entropy(p, q), expected, 1e-15));
  EXPECT_TRUE(close_rel(cross_entropy(logits(logs_of(p, 1.0)), logits(logs_of(q, 2.0))), expected, 1e-14));
  EXPECT_TRUE(close_rel(cross_entropy(log_probs(logs_of(p)), log_probs(logs_of(q))), expected, 1e-14));
  EXPECT_TRUE(close_rel(cross_entropy(counts(vec{1, 2, 3, 4}), counts(vec{5, 5, 8, 2})), expected, 1e-14));
  EXPECT_TRUE(close_rel(cross_entropy(kullback_test::to_float(p), kullback_test::to_float(q)), expected, 1e-6));

  const vec pm = kullback_test::stack({p, q, p});
  vec out(3);
  cross_entropy(matrix_view<const double>{pm.data(), 3, 4}, q, out);  // rows vs one
  EXPECT_DOUBLE_EQ(out[0], cross_entropy(p, q));
  EXPECT_DOUBLE_EQ(out[1], cross_entropy(q, q));
  EXPECT_DOUBLE_EQ(out[2], cross_entropy(p, q));
  cross_entropy(p, matrix_view<const double>{pm.data(), 3, 4}, out);  // one vs rows
  EXPECT_DOUBLE_EQ(out[0], cross_entropy(p, p));
  EXPECT_DOUBLE_EQ(out[1], cross_entropy(p, q));
  cross_entropy(matrix_view<const double>{pm.data(), 3, 4}, matrix_view<const double>{pm.data(), 3, 4}, out);
  EXPECT_DOUBLE_EQ(out[1], entropy(q));
  vec wrong(2);
  EXPECT_THROW(cross_entropy(matrix_view<const double>{pm.data(), 3, 4}, q, wrong), kullback::invalid_argument);
}

}  // namespace
