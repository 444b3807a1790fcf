// kullback/discrete/distances.hpp: tv, hellinger, bhattacharyya, chi2, neyman_chi2, cauchy_schwarz.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <cmath>
#include <functional>
#include <random>
#include <vector>

#include "support/test_support.hpp"

namespace {

using namespace kullback;
using kullback_test::close_rel;
using kullback_test::inf;
using kullback_test::logs_of;
using vec = std::vector<double>;
using ld = long double;

// Naive textbook sums.
double naive_tv(const vec& p, const vec& q) {
  ld s = 0;
  for (std::size_t i = 0; i < p.size(); ++i) s += std::fabs(static_cast<ld>(p[i]) - q[i]);
  return static_cast<double>(s / 2);
}
double naive_bc(const vec& p, const vec& q) {  // Bhattacharyya coefficient sum sqrt(p q)
  ld s = 0;
  for (std::size_t i = 0; i < p.size(); ++i) s += std::sqrt(static_cast<ld>(p[i]) * q[i]);
  return static_cast<double>(s);
}
double naive_squared_hellinger(const vec& p, const vec& q) {
  ld s = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const ld d = std::sqrt(static_cast<ld>(p[i])) - std::sqrt(static_cast<ld>(q[i]));
    s += d * d;
  }
  return static_cast<double>(s / 2);
}
double naive_chi2(const vec& p, const vec& q) {
  ld s = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0 && q[i] == 0) continue;
    if (q[i] == 0) return inf;
    const ld d = static_cast<ld>(p[i]) - q[i];
    s += d * d / q[i];
  }
  return static_cast<double>(s);
}
double naive_cauchy_schwarz(const vec& p, const vec& q) {
  ld pq = 0, pp = 0, qq = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    pq += static_cast<ld>(p[i]) * q[i];
    pp += static_cast<ld>(p[i]) * p[i];
    qq += static_cast<ld>(q[i]) * q[i];
  }
  return static_cast<double>(-std::log(pq / std::sqrt(pp * qq)));
}

const vec disjoint_p{0.3, 0.7, 0.0, 0.0};
const vec disjoint_q{0.0, 0.0, 0.6, 0.4};

// ---- tv ----

TEST(Tv, ClosedForms) {
  EXPECT_EQ(tv(disjoint_p, disjoint_q), 1.0);
  EXPECT_EQ(tv(disjoint_p, disjoint_p), 0.0);
  // Two points: |a - b|.
  EXPECT_TRUE(close_rel(tv(vec{0.25, 0.75}, vec{0.625, 0.375}), 0.375, 1e-15));
  EXPECT_TRUE(close_rel(tv(vec{0.5, 0.25, 0.25}, vec{0.25, 0.25, 0.5}), 0.25, 1e-15));
  EXPECT_EQ(tv(logits(vec{0.0, -inf}), logits(vec{-inf, 0.0})), 1.0);
}

TEST(Tv, RandomMatchesNaiveAndIsSymmetric) {
  std::mt19937_64 rng(61);
  for (int trial = 0; trial < 15; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 3000);
    const vec p = kullback_test::random_distribution(rng, n, trial);
    const vec q = kullback_test::random_distribution(rng, n, trial + 1);
    EXPECT_TRUE(close_rel(tv(p, q), naive_tv(p, q), 1e-13, 1e-16)) << trial;
    EXPECT_EQ(tv(p, q), tv(q, p)) << trial;
  }
}

// ---- hellinger and bhattacharyya ----

TEST(Hellinger, ClosedForms) {
  EXPECT_TRUE(close_rel(hellinger(disjoint_p, disjoint_q), 1.0, 1e-15));
  EXPECT_EQ(hellinger(vec{1.0, 0.0}, vec{0.0, 1.0}), 1.0);
  EXPECT_EQ(hellinger(disjoint_p, disjoint_p), 0.0);
  // (1/4, 3/4) vs (3/4, 1/4): BC = 2 sqrt(3)/4, H = sqrt(1 - sqrt(3)/2).
  EXPECT_TRUE(close_rel(hellinger(vec{0.25, 0.75}, vec{0.75, 0.25}), std::sqrt(1.0 - std::sqrt(3.0) / 2.0), 1e-14));
  // (1, 0) vs (1/2, 1/2): H^2 = 1 - sqrt(1/2).
  EXPECT_TRUE(close_rel(hellinger(vec{1.0, 0.0}, vec{0.5, 0.5}), std::sqrt(1.0 - std::sqrt(0.5)), 1e-14));
}

TEST(Hellinger, RandomMatchesNaive) {
  std::mt19937_64 rng(67);
  for (int trial = 0; trial < 15; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 3000);
    const vec p = kullback_test::random_distribution(rng, n, trial);
    const vec q = kullback_test::random_distribution(rng, n, trial + 1);
    const double h = hellinger(p, q);
    EXPECT_TRUE(close_rel(h * h, naive_squared_hellinger(p, q), 1e-13, 1e-16)) << trial;
    EXPECT_TRUE(close_rel(h * h, 1.0 - naive_bc(p, q), 1e-12, 1e-15)) << trial;
    EXPECT_EQ(h, hellinger(q, p)) << trial;
  }
}

TEST(Bhattacharyya, ClosedForms) {
  EXPECT_EQ(bhattacharyya(disjoint_p, disjoint_q), inf);
  EXPECT_EQ(bhattacharyya(logits(vec{0.0, -inf}), logits(vec{-inf, 0.0})), inf);
  EXPECT_EQ(bhattacharyya(disjoint_p, disjoint_p), 0.0);
  // (1/4, 3/4) vs (3/4, 1/4): -log(sqrt(3)/2).
  EXPECT_TRUE(close_rel(bhattacharyya(vec{0.25, 0.75}, vec{0.75, 0.25}), -std::log(std::sqrt(3.0) / 2.0), 1e-14));
  // Nearly disjoint: (1, 0) vs (1e-40, 1): BC = 1e-20.
  EXPECT_TRUE(close_rel(bhattacharyya(vec{1.0, 0.0}, vec{1e-40, 1.0}), -std::log(1e-20), 1e-14));
  EXPECT_TRUE(close_rel(bhattacharyya(vec{0.25, 0.75}, vec{0.75, 0.25}, {.base = log_base::two}),
                        -std::log2(std::sqrt(3.0) / 2.0), 1e-14));
}

TEST(Bhattacharyya, RandomMatchesNaiveAndHellinger) {
  std::mt19937_64 rng(71);
  for (int trial = 0; trial < 15; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 3000);
    const vec p = kullback_test::random_distribution(rng, n, trial);
    const vec q = kullback_test::random_distribution(rng, n, trial + 1);
    const double bc = naive_bc(p, q);
    const double b = bhattacharyya(p, q);
    if (bc == 0.0) {
      EXPECT_EQ(b, inf) << trial;
      continue;
    }
    EXPECT_TRUE(close_rel(b, -std::log(bc), 1e-12, 1e-15)) << trial;
    const double h = hellinger(p, q);
    EXPECT_TRUE(close_rel(b, -std::log1p(-h * h), 1e-12, 1e-15)) << trial;
    EXPECT_EQ(b, bhattacharyya(q, p)) << trial;
  }
}

// ---- chi2 and neyman_chi2 ----

TEST(Chi2, ClosedForms) {
  // (1/2, 1/2) vs (1/4, 3/4): (1/4)^2 / (1/4) + (1/4)^2 / (3/4) = 1/4 + 1/12 = 1/3.
  EXPECT_TRUE(close_rel(chi2(vec{0.5, 0.5}, vec{0.25, 0.75}), 1.0 / 3.0, 1e-15));
  // Neyman divides by p: 1/8 + 1/8 = 1/4.
  EXPECT_TRUE(close_rel(neyman_chi2(vec{0.5, 0.5}, vec{0.25, 0.75}), 0.25, 1e-15));
  // chi2(delta || uniform_n) = n - 1.
  EXPECT_TRUE(close_rel(chi2(vec{1.0, 0.0, 0.0, 0.0}, vec(4, 0.25)), 3.0, 1e-15));
  // Zeros: q_i = 0 < p_i is +inf for Pearson; p_i = 0 < q_i is +inf for Neyman; shared zeros add 0.
  EXPECT_EQ(chi2(vec{0.5, 0.5}, vec{1.0, 0.0}), inf);
  EXPECT_TRUE(close_rel(chi2(vec{1.0, 0.0}, vec{0.5, 0.5}), 1.0, 1e-15));
  EXPECT_EQ(neyman_chi2(vec{1.0, 0.0}, vec{0.5, 0.5}), inf);
  EXPECT_TRUE(close_rel(neyman_chi2(vec{0.5, 0.5}, vec{1.0, 0.0}), 1.0, 1e-15));
  EXPECT_TRUE(close_rel(chi2(vec{0.5, 0.5, 0.0}, vec{0.25, 0.75, 0.0}), 1.0 / 3.0, 1e-15));
  EXPECT_TRUE(close_rel(neyman_chi2(vec{0.5, 0.5, 0.0}, vec{0.25, 0.75, 0.0}), 0.25, 1e-15));
  EXPECT_EQ(chi2(disjoint_p, disjoint_p), 0.0);
  EXPECT_EQ(neyman_chi2(disjoint_p, disjoint_p), 0.0);
  EXPECT_EQ(chi2(logits(vec{0.0, 0.0}), logits(vec{0.0, -inf})), inf);
}

TEST(Chi2, RandomMatchesNaiveAndNeymanIsSwappedPearson) {
  std::mt19937_64 rng(73);
  for (int trial = 0; trial < 15; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 3000);
    const vec p = kullback_test::random_distribution(rng, n, trial);
    const vec q = kullback_test::dirichlet_like(rng, n);
    EXPECT_TRUE(close_rel(chi2(p, q), naive_chi2(p, q), 1e-12)) << trial;
    EXPECT_TRUE(close_rel(neyman_chi2(q, p), naive_chi2(p, q), 1e-12)) << trial;
    EXPECT_EQ(neyman_chi2(q, p), chi2(p, q)) << trial;
  }
}

// ---- cauchy_schwarz ----

TEST(CauchySchwarz, ClosedForms) {
  EXPECT_EQ(cauchy_schwarz(disjoint_p, disjoint_q), inf);
  EXPECT_EQ(cauchy_schwarz(disjoint_p, disjoint_p), 0.0);
  // (1, 0) vs (1/2, 1/2): cos = (1/2) / sqrt(1/2) = sqrt(1/2); -log cos = log(2) / 2.
  EXPECT_TRUE(close_rel(cauchy_schwarz(vec{1.0, 0.0}, vec{0.5, 0.5}), 0.5 * std::log(2.0), 1e-15));
  // (1/4, 3/4) vs (3/4, 1/4): cos = (6/16) / (10/16) = 3/5.
  EXPECT_TRUE(close_rel(cauchy_schwarz(vec{0.25, 0.75}, vec{0.75, 0.25}), std::log(5.0 / 3.0), 1e-15));
  EXPECT_TRUE(close_rel(cauchy_schwarz(vec{0.25, 0.75}, vec{0.75, 0.25}, {.base = log_base::two}),
                        std::log2(5.0 / 3.0), 1e-15));
}

TEST(CauchySchwarz, RandomMatchesNaive) {
  std::mt19937_64 rng(79);
  for (int trial = 0; trial < 15; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 3000);
    const vec p = kullback_test::random_distribution(rng, n, trial);
    const vec q = kullback_test::random_distribution(rng, n, trial + 1);
    const double expected = naive_cauchy_schwarz(p, q);
    const double v = cauchy_schwarz(p, q);
    if (std::isinf(expected)) {
      EXPECT_EQ(v, inf) << trial;
    } else {
      EXPECT_TRUE(close_rel(v, expected, 1e-11, 1e-15)) << trial;
    }
    EXPECT_TRUE(close_rel(v, cauchy_schwarz(q, p), 1e-15, 1e-300)) << trial;
  }
}

// ---- shared behaviour ----

using pair_fn = std::function<double(const distribution_view&, const distribution_view&, const options&)>;
using batch_fn = std::function<void(const distribution_view&, const distribution_view&, std::span<double>, const options&)>;
struct named {
  const char* name;
  pair_fn single;
  batch_fn batch;
  bool logarithmic;
};

std::vector<named> measures() {
  return {
      {"tv", [](auto& p, auto& q, auto& o) { return tv(p, q, o); }, [](auto& p, auto& q, auto out, auto& o) { tv(p, q, out, o); }, false},
      {"hellinger", [](auto& p, auto& q, auto& o) { return hellinger(p, q, o); },
       [](auto& p, auto& q, auto out, auto& o) { hellinger(p, q, out, o); }, false},
      {"bhattacharyya", [](auto& p, auto& q, auto& o) { return bhattacharyya(p, q, o); },
       [](auto& p, auto& q, auto out, auto& o) { bhattacharyya(p, q, out, o); }, true},
      {"chi2", [](auto& p, auto& q, auto& o) { return chi2(p, q, o); },
       [](auto& p, auto& q, auto out, auto& o) { chi2(p, q, out, o); }, false},
      {"neyman_chi2", [](auto& p, auto& q, auto& o) { return neyman_chi2(p, q, o); },
       [](auto& p, auto& q, auto out, auto& o) { neyman_chi2(p, q, out, o); }, false},
      {"cauchy_schwarz", [](auto& p, auto& q, auto& o) { return cauchy_schwarz(p, q, o); },
       [](auto& p, auto& q, auto out, auto& o) { cauchy_schwarz(p, q, out, o); }, true},
  };
}

TEST(Distances, LogBaseOnlyForLogarithmicMeasures) {
  const vec p{0.1, 0.2, 0.7}, q{0.3, 0.3, 0.4};
  for (const auto& m : measures()) {
    const double nats = m.single(p, q, {});
    if (m.logarithmic) {
      EXPECT_TRUE(close_rel(m.single(p, q, {.base = log_base::two}), nats / std::log(2.0), 1e-15)) << m.name;
      EXPECT_TRUE(close_rel(m.single(p, q, {.base = log_base::ten}), nats / std::log(10.0), 1e-15)) << m.name;
    } else {
      try {
        m.single(p, q, {.base = log_base::two});
        ADD_FAILURE() << m.name << " accepted base two";
      } catch (const kullback::invalid_argument& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr(std::string("kullback::") + m.name)) << m.name;
        EXPECT_THAT(e.what(), ::testing::HasSubstr("base")) << m.name;
      }
      vec out(1);
      EXPECT_THROW(m.batch(p, q, out, {.base = log_base::ten}), kullback::invalid_argument) << m.name;
      EXPECT_EQ(m.single(p, q, {.base = log_base::e}), nats) << m.name;
    }
  }
}

TEST(Distances, InputFormsAndTypesAgree) {
  std::mt19937_64 rng(83);
  for (int trial = 0; trial < 6; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 1500);
    const vec p = kullback_test::random_distribution(rng, n, trial);
    const vec q = kullback_test::dirichlet_like(rng, n);
    vec cp(p), cq(q);
    for (double& x : cp) x *= 100.0;
    for (double& x : cq) x *= 1e5;
    const auto pf = kullback_test::to_float(p), qf = kullback_test::to_float(q);
    for (const auto& m : measures()) {
      const double expected = m.single(p, q, {});
      EXPECT_TRUE(close_rel(m.single(logits(logs_of(p, 2.0)), logits(logs_of(q, -5.0)), {}), expected, 1e-11, 1e-14))
          << m.name << " " << trial;
      EXPECT_TRUE(close_rel(m.single(log_probs(logs_of(p)), log_probs(logs_of(q)), {}), expected, 1e-11, 1e-14))
          << m.name << " " << trial;
      EXPECT_TRUE(close_rel(m.single(counts(cp), counts(cq), {}), expected, 1e-12, 1e-15)) << m.name << " " << trial;
      EXPECT_TRUE(close_rel(m.single(cp, cq, {.normalize = true}), expected, 1e-12, 1e-15)) << m.name << " " << trial;
      EXPECT_TRUE(close_rel(m.single(pf, qf, {}), expected, 1e-4, 1e-7)) << m.name << " " << trial;
    }
  }
}

TEST(Distances, CountsWithSmoothing) {
  const vec c1{0, 3, 1}, c2{2, 0, 0};
  const vec p{1.0 / 7, 4.0 / 7, 2.0 / 7}, q{0.6, 0.2, 0.2};
  EXPECT_TRUE(close_rel(tv(counts(c1, 1.0), counts(c2, 1.0)), naive_tv(p, q), 1e-14));
  EXPECT_TRUE(close_rel(chi2(counts(c1, 1.0), counts(c2, 1.0)), naive_chi2(p, q), 1e-14));
  EXPECT_TRUE(close_rel(bhattacharyya(counts(c1, 1.0), counts(c2, 1.0)), -std::log(naive_bc(p, q)), 1e-14));
  // Without smoothing the supports barely overlap: chi2 is infinite.
  EXPECT_EQ(chi2(counts(c1), counts(c2)), inf);
}

TEST(Distances, BatchesAndBroadcasting) {
  const std::vector<vec> ps{{0.5, 0.5, 0.0}, {0.1, 0.2, 0.7}, {0.0, 0.0, 1.0}, {0.3, 0.3, 0.4}};
  const std::vector<vec> qs{{0.2, 0.2, 0.6}, {0.4, 0.4, 0.2}, {0.5, 0.25, 0.25}, {0.0, 1.0, 0.0}};
  const vec pm = kullback_test::stack(ps), qm = kullback_test::stack(qs);
  const matrix_view<const double> p{pm.data(), 4, 3}, q{qm.data(), 4, 3};
  for (const auto& m : measures()) {
    vec out(4);
    m.batch(p, q, out, {});
    for (std::size_t r = 0; r < 4; ++r) EXPECT_DOUBLE_EQ(out[r], m.single(ps[r], qs[r], {})) << m.name << " " << r;
    m.batch(ps[1], q, out, {});
    for (std::size_t r = 0; r < 4; ++r) EXPECT_DOUBLE_EQ(out[r], m.single(ps[1], qs[r], {})) << m.name << " " << r;
    m.batch(p, qs[2], out, {});
    for (std::size_t r = 0; r < 4; ++r) EXPECT_DOUBLE_EQ(out[r], m.single(ps[r], qs[2], {})) << m.name << " " << r;
    vec wrong(5);
    EXPECT_THROW(m.batch(p, q, wrong, {}), kullback::invalid_argument) << m.name;
    EXPECT_THROW(m.single(p, q, {}), kullback::invalid_argument) << m.name;
  }
}

// Counts or normalize rows whose sum overflows double: (1/2, 1/2) vs (2/3, 1/3), or an
// invalid_argument, never a silently wrong number (or NaN).
TEST(Distances, NormalisationWhoseSumOverflows) {
  const vec p{0.5, 0.5}, q{2.0 / 3.0, 1.0 / 3.0};
  const vec big_p{1e308, 1e308}, big_q{1e308, 5e307};
  for (const auto& m : measures()) {
    const double expected = m.single(p, q, {});
    EXPECT_TRUE(kullback_test::value_or_invalid_argument([&] { return m.single(counts(big_p), counts(big_q), {}); },
                                                         expected, 1e-13))
        << m.name;
    EXPECT_TRUE(kullback_test::value_or_invalid_argument([&] { return m.single(big_p, big_q, {.normalize = true}); },
                                                         expected, 1e-13))
        << m.name;
  }
}

TEST(Distances, LargeLogits) {
  // softmax(1e4 + (0, log 3)) = (1/4, 3/4), softmax(-1e4 + (log 3, 0)) = (3/4, 1/4).
  const vec a{1e4, 1e4 + std::log(3.0)}, b{-1e4 + std::log(3.0), -1e4};
  EXPECT_TRUE(close_rel(tv(logits(a), logits(b)), 0.5, 1e-11));
  EXPECT_TRUE(close_rel(cauchy_schwarz(logits(a), logits(b)), std::log(5.0 / 3.0), 1e-10));
  EXPECT_TRUE(close_rel(bhattacharyya(logits(a), logits(b)), -std::log(std::sqrt(3.0) / 2.0), 1e-10));
}

}  // namespace
