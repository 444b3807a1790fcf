// kullback/discrete/kl.hpp: kl, skew_kl, jeffreys.
// Expected values are closed forms or naive sums written in this file (long double), never numbers
// taken from the library.
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
using kullback_test::naive_kl;
using vec = std::vector<double>;
using ld = long double;

// KL((a, 1-a) || (b, 1-b)), with 1-a and 1-b rounded to double as they are stored.
double two_point_kl(double a, double b) {
  const ld a1 = 1.0 - a, b1 = 1.0 - b;
  return static_cast<double>(a * std::log(static_cast<ld>(a) / b) + a1 * std::log(a1 / b1));
}

TEST(Kl, TwoPointClosedForm) {
  const double pairs[][2] = {{0.3, 0.6}, {0.9, 0.1}, {0.5, 0.25}, {1e-3, 0.5}, {0.999, 0.001}, {0.75, 0.5}};
  for (const auto& ab : pairs) {
    const double a = ab[0], b = ab[1];
    const vec p{a, 1.0 - a}, q{b, 1.0 - b};
    EXPECT_TRUE(close_rel(kl(p, q), two_point_kl(a, b), 2e-15)) << a << " " << b;
    EXPECT_TRUE(close_rel(kl(q, p), two_point_kl(b, a), 2e-15)) << a << " " << b;
  }
}

TEST(Kl, DyadicClosedForm) {
  // KL((1/2, 1/4, 1/4) || (1/4, 1/4, 1/2)) = 1/2 log 2 + 0 - 1/4 log 2 = 1/4 log 2.
  EXPECT_TRUE(close_rel(kl(vec{0.5, 0.25, 0.25}, vec{0.25, 0.25, 0.5}), 0.25 * std::log(2.0), 1e-15));
  // KL(delta || uniform_n) = log n; KL(uniform_n || uniform_n) = 0.
  for (std::size_t n : {2u, 3u, 10u, 4097u}) {
    vec delta(n, 0.0);
    delta[n / 2] = 1.0;
    const vec uniform(n, 1.0 / static_cast<double>(n));
    EXPECT_TRUE(close_rel(kl(delta, uniform), std::log(static_cast<double>(n)), 1e-15)) << n;
    EXPECT_EQ(kl(uniform, uniform), 0.0) << n;
    EXPECT_EQ(kl(uniform, delta), inf) << n;
  }
}

TEST(Kl, NearlyEqualTwoPointKeepsRelativeAccuracy) {
  // p = (1/2 + x/2, 1/2 - x/2), q = (1/2, 1/2):
  // KL = ((1+x) log(1+x) + (1-x) log(1-x)) / 2 = sum_{k>=1} x^(2k) / (2k (2k - 1)).
  for (double e : {1e-3, 1e-6, 1e-9}) {
    const double p0 = 0.5 + e;
    const double p1 = 1.0 - p0;            // exact
    const double x = 2.0 * (p0 - 0.5);     // exact
    double expected = 0.0;
    for (int k = 12; k >= 1; --k) expected += std::pow(x, 2 * k) / (2.0 * k * (2.0 * k - 1.0));
    EXPECT_TRUE(close_rel(kl(vec{p0, p1}, vec{0.5, 0.5}), expected, 1e-13)) << e;
    EXPECT_TRUE(close_rel(kl(logits(vec{std::log(p0), std::log(p1)}), logits(vec{0.0, 0.0})), expected, 1e-6)) << e;
  }
}

TEST(Kl, ZeroConventions) {
  // 0 log 0 = 0.
  EXPECT_TRUE(close_rel(kl(vec{1.0, 0.0}, vec{0.5, 0.5}), std::log(2.0), 1e-15));
  EXPECT_TRUE(close_rel(kl(vec{0.5, 0.5, 0.0}, vec{0.5, 0.25, 0.25}), 0.5 * std::log(2.0), 1e-15));
  EXPECT_EQ(kl(vec{0.0, 1.0, 0.0}, vec{0.0, 1.0, 0.0}), 0.0);
  // p_i > 0 = q_i: +inf exactly, in every form and type.
  EXPECT_EQ(kl(vec{0.5, 0.5}, vec{1.0, 0.0}), inf);
  EXPECT_EQ(kl(std::vector<float>{0.5f, 0.5f}, std::vector<float>{1.0f, 0.0f}), inf);
  EXPECT_EQ(kl(logits(vec{0.0, 0.0}), logits(vec{0.0, -inf})), inf);
  EXPECT_EQ(kl(log_probs(vec{std::log(0.5), std::log(0.5)}), log_probs(vec{0.0, -inf})), inf);
  EXPECT_EQ(kl(counts(vec{1.0, 1.0}), counts(vec{2.0, 0.0})), inf);
  EXPECT_EQ(kl(vec{2.0, 2.0}, vec{4.0, 0.0}, {.normalize = true}), inf);
  EXPECT_EQ(kl(vec{0.5, 0.5}, vec{1.0, 0.0}, {.base = log_base::two}), inf);
  // Even with an entry in a far chunk of a long row.
  vec p(10000, 1e-4), q(10000, 1e-4);
  q[9000] = 0.0;
  q[0] += 1e-4;
  EXPECT_EQ(kl(p, q), inf);
}

TEST(Kl, RandomPairsMatchNaiveSum) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 30; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 3000);
    const vec p = kullback_test::random_distribution(rng, n, trial);
    const vec q = kullback_test::dirichlet_like(rng, n);
    // Terms p log(p/q) of both signs: allow the naive sum's cancellation error.
    EXPECT_TRUE(close_rel(kl(p, q), naive_kl(p, q), 1e-12, 1e-15)) << "trial " << trial << ", n " << n;
  }
}

TEST(Kl, IdenticalIsZero) {
  std::mt19937_64 rng(3);
  const vec p = kullback_test::sparse(rng, 500);
  EXPECT_EQ(kl(p, p), 0.0);
  EXPECT_EQ(kl(logits(logs_of(p, 4.0)), logits(logs_of(p, 4.0))), 0.0);
  EXPECT_EQ(kl(log_probs(logs_of(p)), log_probs(logs_of(p))), 0.0);
  // Different shifts round log p differently: zero up to that rounding.
  EXPECT_LE(kl(logits(logs_of(p, 4.0)), logits(logs_of(p, -2.0))), 1e-15);
  EXPECT_EQ(skew_kl(p, p, 0.3), 0.0);
  EXPECT_EQ(jeffreys(p, p), 0.0);
}

TEST(Kl, LogBase) {
  const vec p{0.1, 0.2, 0.7}, q{0.3, 0.3, 0.4};
  const double nats = kl(p, q);
  EXPECT_TRUE(close_rel(kl(p, q, {.base = log_base::two}), nats / std::log(2.0), 1e-15));
  EXPECT_TRUE(close_rel(kl(p, q, {.base = log_base::ten}), nats / std::log(10.0), 1e-15));
  EXPECT_EQ(kl(p, q, {.base = log_base::e}), nats);
  // KL(delta || uniform_8) = 3 bits.
  EXPECT_TRUE(close_rel(kl(vec{1, 0, 0, 0, 0, 0, 0, 0}, vec(8, 0.125), {.base = log_base::two}), 3.0, 1e-15));
  EXPECT_TRUE(close_rel(skew_kl(p, q, 0.4, {.base = log_base::two}), skew_kl(p, q, 0.4) / std::log(2.0), 1e-15));
  EXPECT_TRUE(close_rel(jeffreys(p, q, {.base = log_base::ten}), jeffreys(p, q) / std::log(10.0), 1e-15));
}

// ---- skew_kl ----

TEST(SkewKl, EndpointsAndClosedForm) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 10; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 1000);
    const vec p = kullback_test::random_distribution(rng, n, trial);
    const vec q = kullback_test::dirichlet_like(rng, n);
    EXPECT_TRUE(close_rel(skew_kl(p, q, 0.0), kl(p, q), 1e-14, 1e-16)) << trial;
    EXPECT_EQ(skew_kl(p, q, 1.0), 0.0) << trial;
    // KL(p || a p + (1 - a) q) by the naive sum.
    for (double a : {0.1, 0.5, 0.9}) {
      vec m(n);
      for (std::size_t i = 0; i < n; ++i) m[i] = a * p[i] + (1.0 - a) * q[i];
      EXPECT_TRUE(close_rel(skew_kl(p, q, a), naive_kl(p, m), 1e-12, 1e-15)) << trial << " " << a;
    }
  }
}

TEST(SkewKl, TwoPointAndZeros) {
  // p = (0.8, 0.2), q = (0.2, 0.8), a = 0.25: m = (0.35, 0.65).
  const double expected = static_cast<double>(0.8L * std::log(0.8L / 0.35L) + 0.2L * std::log(0.2L / 0.65L));
  EXPECT_TRUE(close_rel(skew_kl(vec{0.8, 0.2}, vec{0.2, 0.8}, 0.25), expected, 1e-14));
  // q_i = 0 < p_i: infinite only at alpha = 0; for alpha > 0 the mixture covers p.
  const vec p{0.5, 0.5}, q{1.0, 0.0};
  EXPECT_EQ(skew_kl(p, q, 0.0), inf);
  // m = (1 - a/2, a/2): KL = 1/2 log(1/(2 - a)) + 1/2 log(1/a) = -1/2 log(1 - (1 - a)^2).
  for (double a : {0.01, 0.5, 0.99}) {
    const double closed = -0.5 * std::log1p(-(1.0 - a) * (1.0 - a));
    EXPECT_TRUE(close_rel(skew_kl(p, q, a), closed, 1e-14)) << a;
  }
  // p_i = 0: contributes nothing.
  EXPECT_TRUE(close_rel(skew_kl(vec{1.0, 0.0}, vec{0.0, 1.0}, 0.5), std::log(2.0), 1e-15));
}

// ---- jeffreys ----

TEST(Jeffreys, EqualsSumOfBothDirections) {
  std::mt19937_64 rng(8);
  for (int trial = 0; trial < 10; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 2000);
    const vec p = kullback_test::dirichlet_like(rng, n, 0.7);
    const vec q = kullback_test::dirichlet_like(rng, n, 1.3);
    EXPECT_TRUE(close_rel(jeffreys(p, q), kl(p, q) + kl(q, p), 1e-13)) << trial;
    EXPECT_TRUE(close_rel(jeffreys(p, q), jeffreys(q, p), 1e-14)) << trial;
  }
  // Two points: (a - b) log(a/b) + (b - a) log((1-a)/(1-b)).
  const ld a = 0.3L, b = 0.6L;
  const double closed = static_cast<double>((a - b) * std::log(a / b) + (b - a) * std::log((1 - a) / (1 - b)));
  EXPECT_TRUE(close_rel(jeffreys(vec{0.3, 0.7}, vec{0.6, 0.4}), closed, 1e-14));
}

TEST(Jeffreys, InfiniteWhenEitherSideHasAnUnmatchedZero) {
  EXPECT_EQ(jeffreys(vec{0.5, 0.5}, vec{1.0, 0.0}), inf);
  EXPECT_EQ(jeffreys(vec{1.0, 0.0}, vec{0.5, 0.5}), inf);
  // Shared zeros are fine: (1/2 - 1/4) log 2 + (1/2 - 3/4) log(2/3).
  const double closed = 0.25 * std::log(2.0) - 0.25 * std::log(2.0 / 3.0);
  EXPECT_TRUE(close_rel(jeffreys(vec{0.5, 0.5, 0.0}, vec{0.25, 0.75, 0.0}), closed, 1e-14));
}

// ---- batches and broadcasting ----

class KlBatch : public ::testing::Test {
 protected:
  static constexpr std::size_t rows = 5;
  static constexpr std::size_t cols = 9;
  void SetUp() override {
    std::mt19937_64 rng(21);
    for (std::size_t r = 0; r < rows; ++r) {
      ps.push_back(kullback_test::random_distribution(rng, cols, static_cast<int>(r)));
      qs.push_back(kullback_test::dirichlet_like(rng, cols));
    }
    p = kullback_test::stack(ps);
    q = kullback_test::stack(qs);
  }
  matrix_view<const double> pm() const { return {p.data(), rows, cols}; }
  matrix_view<const double> qm() const { return {q.data(), rows, cols}; }
  std::vector<vec> ps, qs;
  vec p, q;
};

TEST_F(KlBatch, RowsVersusRows) {
  vec out(rows), skew(rows), jef(rows);
  kl(pm(), qm(), out);
  skew_kl(pm(), qm(), 0.2, skew);
  jeffreys(pm(), qm(), jef);
  for (std::size_t r = 0; r < rows; ++r) {
    EXPECT_DOUBLE_EQ(out[r], kl(ps[r], qs[r])) << r;
    EXPECT_DOUBLE_EQ(skew[r], skew_kl(ps[r], qs[r], 0.2)) << r;
    EXPECT_DOUBLE_EQ(jef[r], jeffreys(ps[r], qs[r])) << r;
  }
}

TEST_F(KlBatch, OneRowBroadcastAgainstMany) {
  vec out(rows);
  kl(ps[2], qm(), out);  // p: one row, q: rows
  for (std::size_t r = 0; r < rows; ++r) EXPECT_DOUBLE_EQ(out[r], kl(ps[2], qs[r])) << r;
  kl(pm(), qs[3], out);  // p: rows, q: one row
  for (std::size_t r = 0; r < rows; ++r) EXPECT_DOUBLE_EQ(out[r], kl(ps[r], qs[3])) << r;
  jeffreys(ps[0], qm(), out);
  for (std::size_t r = 0; r < rows; ++r) EXPECT_DOUBLE_EQ(out[r], jeffreys(ps[0], qs[r])) << r;
  skew_kl(pm(), qs[1], 0.7, out);
  for (std::size_t r = 0; r < rows; ++r) EXPECT_DOUBLE_EQ(out[r], skew_kl(ps[r], qs[1], 0.7)) << r;
  // A single row with a one-element out.
  vec one(1);
  kl(ps[4], qs[4], one);
  EXPECT_EQ(one[0], kl(ps[4], qs[4]));
}

TEST_F(KlBatch, LogitsBatches) {
  const vec lp = logs_of(p, 1.0), lq = logs_of(q, -3.0);
  vec out(rows);
  kl(logits(matrix_view<const double>{lp.data(), rows, cols}), logits(matrix_view<const double>{lq.data(), rows, cols}),
     out);
  for (std::size_t r = 0; r < rows; ++r) EXPECT_TRUE(close_rel(out[r], kl(ps[r], qs[r]), 1e-12, 1e-15)) << r;
  const vec lq0(lq.begin(), lq.begin() + cols);
  kl(logits(matrix_view<const double>{lp.data(), rows, cols}), logits(lq0), out);
  for (std::size_t r = 0; r < rows; ++r) EXPECT_TRUE(close_rel(out[r], kl(ps[r], qs[0]), 1e-12, 1e-15)) << r;
}

TEST_F(KlBatch, OutSizeMismatchIsAnError) {
  vec wrong(rows + 1);
  EXPECT_THROW(kl(pm(), qm(), wrong), kullback::invalid_argument);
  EXPECT_THROW(skew_kl(pm(), qm(), 0.5, wrong), kullback::invalid_argument);
  EXPECT_THROW(jeffreys(pm(), qm(), wrong), kullback::invalid_argument);
  vec empty;
  EXPECT_THROW(kl(ps[0], qs[0], empty), kullback::invalid_argument);
  try {
    kl(pm(), qs[0], std::span<double>(wrong).first(2));
    FAIL();
  } catch (const kullback::invalid_argument& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("kullback::kl"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("out"));
  }
}

// ---- element types and input forms ----

TEST(Kl, FloatAgreesWithDouble) {
  std::mt19937_64 rng(13);
  for (int trial = 0; trial < 8; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 300);
    const vec p = kullback_test::dirichlet_like(rng, n);
    const vec q = kullback_test::dirichlet_like(rng, n);
    const auto pf = kullback_test::to_float(p), qf = kullback_test::to_float(q);
    // The same numbers in double: the same result (the float rows sum to 1 only to float precision).
    const options loose{.tolerance = 1e-5};
    EXPECT_TRUE(close_rel(kl(pf, qf), kl(kullback_test::to_double(pf), kullback_test::to_double(qf), loose), 1e-14))
        << trial;
    // The original doubles: agreement to float precision.
    EXPECT_TRUE(close_rel(kl(pf, qf), kl(p, q), 1e-5, 1e-7)) << trial;
    EXPECT_TRUE(close_rel(skew_kl(pf, qf, 0.3), skew_kl(p, q, 0.3), 1e-5, 1e-7)) << trial;
    EXPECT_TRUE(close_rel(jeffreys(pf, qf), jeffreys(p, q), 1e-5, 1e-7)) << trial;
    // Float logits.
    const auto lpf = kullback_test::to_float(logs_of(p, 2.0)), lqf = kullback_test::to_float(logs_of(q));
    EXPECT_TRUE(close_rel(kl(logits(lpf), logits(lqf)), kl(p, q), 1e-5, 1e-7)) << trial;
  }
}

TEST(Kl, AllInputFormsAgree) {
  std::mt19937_64 rng(17);
  for (int trial = 0; trial < 12; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 2000);
    const vec p = kullback_test::random_distribution(rng, n, trial);
    const vec q = kullback_test::dirichlet_like(rng, n);
    const double expected = kl(p, q);
    vec cp(p), cq(q), sp(p), sq(q);
    for (double& x : cp) x *= 1000.0;
    for (double& x : cq) x *= 1e6;
    for (double& x : sp) x *= 2.5;
    for (double& x : sq) x *= 0.125;
    const double shift_p = 3.25, shift_q = -11.5;
    EXPECT_TRUE(close_rel(kl(logits(logs_of(p, shift_p)), logits(logs_of(q, shift_q))), expected, 1e-12, 1e-15))
        << trial;
    EXPECT_TRUE(close_rel(kl(log_probs(logs_of(p)), log_probs(logs_of(q))), expected, 1e-12, 1e-15)) << trial;
    EXPECT_TRUE(close_rel(kl(counts(cp), counts(cq)), expected, 1e-12, 1e-15)) << trial;
    EXPECT_TRUE(close_rel(kl(sp, sq, {.normalize = true}), expected, 1e-12, 1e-15)) << trial;
    EXPECT_TRUE(close_rel(kl(probs(p), probs(q)), expected, 0.0)) << trial;
    // The same for the relatives.
    EXPECT_TRUE(close_rel(jeffreys(logits(logs_of(p, shift_p)), logits(logs_of(q, shift_q))), jeffreys(p, q), 1e-12,
                          1e-15))
        << trial;
    EXPECT_TRUE(close_rel(skew_kl(counts(cp), counts(cq), 0.5), skew_kl(p, q, 0.5), 1e-12, 1e-15)) << trial;
  }
}

TEST(Kl, IntegerCountsAreExactFrequencies) {
  const vec c1{3, 0, 5, 2}, c2{1, 1, 4, 4};
  const vec p{0.3, 0.0, 0.5, 0.2}, q{0.1, 0.1, 0.4, 0.4};
  EXPECT_TRUE(close_rel(kl(counts(c1), counts(c2)), naive_kl(p, q), 1e-15));
  EXPECT_TRUE(close_rel(kl(counts(c1), counts(c2)), kl(p, q), 1e-15));
}

TEST(Kl, CountsWithSmoothing) {
  const vec c1{3, 0, 5, 2}, c2{0, 4, 4, 2};
  EXPECT_EQ(kl(counts(c1), counts(c2)), inf);
  for (double s : {0.5, 1.0, 1e-3, 7.0}) {
    vec p(c1.size()), q(c2.size());
    double zp = 0, zq = 0;
    for (std::size_t i = 0; i < c1.size(); ++i) {
      zp += c1[i] + s;
      zq += c2[i] + s;
    }
    for (std::size_t i = 0; i < c1.size(); ++i) {
      p[i] = (c1[i] + s) / zp;
      q[i] = (c2[i] + s) / zq;
    }
    EXPECT_TRUE(close_rel(kl(counts(c1, s), counts(c2, s)), naive_kl(p, q), 1e-14)) << s;
    EXPECT_TRUE(close_rel(jeffreys(counts(c1, s), counts(c2, s)), jeffreys(p, q), 1e-14)) << s;
  }
  // Smoothing may differ between the two arguments.
  const vec p{3.0 / 10.0, 0.0, 5.0 / 10.0, 2.0 / 10.0};
  const vec q{1.0 / 14.0, 5.0 / 14.0, 5.0 / 14.0, 3.0 / 14.0};
  EXPECT_TRUE(close_rel(kl(counts(c1), counts(c2, 1.0)), naive_kl(p, q), 1e-14));
}

TEST(Kl, MaskedLogits) {
  // -inf logits are exact zeros (masked tokens).
  const vec a{std::log(0.2) + 5.0, std::log(0.8) + 5.0, -inf};
  const vec b{std::log(0.5), std::log(0.25), std::log(0.25)};
  const vec p{0.2, 0.8, 0.0}, q{0.5, 0.25, 0.25};
  EXPECT_TRUE(close_rel(kl(logits(a), logits(b)), naive_kl(p, q), 1e-14));
  // A masked q entry under p's mass: +inf.
  EXPECT_EQ(kl(logits(b), logits(a)), inf);
  // Masked in both: as if the entry were absent.
  const vec a2{0.0, 1.0, -inf, 2.0}, b2{0.5, 0.5, -inf, 0.0};
  EXPECT_TRUE(close_rel(kl(logits(a2), logits(b2)), kl(logits(vec{0.0, 1.0, 2.0}), logits(vec{0.5, 0.5, 0.0})), 1e-15));
  // Float masks.
  const std::vector<float> af{0.0f, -std::numeric_limits<float>::infinity(), 1.0f}, bf{0.0f, 0.0f, 1.0f};
  const double e = std::exp(1.0);
  const vec pf{1.0 / (1.0 + e), 0.0, e / (1.0 + e)}, qf{1.0 / (2.0 + e), 1.0 / (2.0 + e), e / (2.0 + e)};
  EXPECT_TRUE(close_rel(kl(logits(af), logits(bf)), naive_kl(pf, qf), 1e-14));
}

// softmax computed independently: exp(x - max) / sum.
vec softmax(const vec& x) {
  double m = -inf;
  for (double v : x) m = std::max(m, v);
  vec p(x.size());
  ld z = 0;
  for (std::size_t i = 0; i < x.size(); ++i) z += std::exp(static_cast<ld>(x[i] - m));
  for (std::size_t i = 0; i < x.size(); ++i) p[i] = static_cast<double>(std::exp(static_cast<ld>(x[i] - m)) / z);
  return p;
}

TEST(Kl, LargeLogitOffsetsDoNotOverflow) {
  // Offsets of 1e4 (exp would overflow); the differences below are exact in double and in float.
  const vec shape_a{0.0, -1.0, -2.5, -40.0}, shape_b{-3.0, 0.0, -0.5, -1.0};
  vec a(4), b(4);
  for (std::size_t i = 0; i < 4; ++i) {
    a[i] = 1e4 + shape_a[i];
    b[i] = -1e4 + shape_b[i];
  }
  const double expected = naive_kl(softmax(shape_a), softmax(shape_b));
  EXPECT_TRUE(close_rel(kl(logits(a), logits(b)), expected, 1e-13));
  EXPECT_TRUE(close_rel(kl(logits(b), logits(a)), naive_kl(softmax(shape_b), softmax(shape_a)), 1e-13));
  EXPECT_TRUE(close_rel(kl(logits(kullback_test::to_float(a)), logits(kullback_test::to_float(b))), expected, 1e-13));
  EXPECT_TRUE(close_rel(jeffreys(logits(a), logits(b)), jeffreys(softmax(shape_a), softmax(shape_b)), 1e-13));
  EXPECT_TRUE(close_rel(skew_kl(logits(a), logits(b), 0.5), skew_kl(softmax(shape_a), softmax(shape_b), 0.5), 1e-13));
  // Much larger offsets still work while their differences are finite.
  EXPECT_EQ(kl(logits(vec{1e300, 1e300}), logits(vec{-1e300, -1e300})), 0.0);
  EXPECT_TRUE(close_rel(kl(logits(vec{1e300, 1e300 - 1.0}), logits(vec{-1e300, -1e300})), 0.0, 0.0));  // 1e300 - 1 == 1e300
  EXPECT_TRUE(close_rel(kl(logits(vec{1e300, -1e300}), logits(vec{1e300, 1e300})), std::log(2.0), 1e-15));
}

// Finite logits whose differences a_i - b_i overflow: each row alone is fine (the softmax subtracts
// the row maximum), so the divergence is too.
TEST(Kl, LogitsNearTheLargestDouble) {
  EXPECT_EQ(kl(logits(vec{1e308, 1e308}), logits(vec{-1e308, -1e308})), 0.0);  // uniform vs uniform
  // (1, 0) vs (1/2, 1/2).
  EXPECT_TRUE(close_rel(kl(logits(vec{1.7e308, 0.0}), logits(vec{-1.7e308, -1.7e308})), std::log(2.0), 1e-15));
  EXPECT_TRUE(close_rel(kl(logits(vec{1.7e308, -1.7e308}), logits(vec{0.0, 0.0})), std::log(2.0), 1e-15));
  // (1, e^-1e308) vs (e^-1e308, 1): KL = 1e308 + log(1 + e^-1e308), finite although q_0 underflows.
  EXPECT_TRUE(close_rel(kl(logits(vec{1e308, 0.0}), logits(vec{-1e308, 0.0})), 1e308, 1e-15));
}

// Counts or normalize rows whose sum overflows double: the result must be the divergence of the
// normalised rows, or an invalid_argument, never a silently wrong number.
TEST(Kl, NormalisationWhoseSumOverflows) {
  const double expected = naive_kl({0.5, 0.5}, {2.0 / 3.0, 1.0 / 3.0});
  EXPECT_TRUE(kullback_test::value_or_invalid_argument(
      [] { return kl(counts(vec{1e308, 1e308}), counts(vec{1e308, 5e307})); }, expected, 1e-14));
  EXPECT_TRUE(kullback_test::value_or_invalid_argument(
      [] { return kl(vec{1e308, 1e308}, vec{1e308, 5e307}, {.normalize = true}); }, expected, 1e-14));
}

TEST(Kl, LogProbsWithNormalize) {
  // log_probs rows that do not sum to 1 are accepted with normalize (as logits).
  const vec a{std::log(2.0), std::log(6.0)}, b{std::log(5.0), std::log(5.0)};
  EXPECT_TRUE(close_rel(kl(log_probs(a), log_probs(b), {.normalize = true}), naive_kl({0.25, 0.75}, {0.5, 0.5}), 1e-15));
}

}  // namespace
