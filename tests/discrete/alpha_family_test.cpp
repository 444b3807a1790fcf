// kullback/discrete/alpha_family.hpp: renyi, tsallis, alpha_divergence.
// With S_a = sum p^a q^(1-a): renyi = log(S_a)/(a - 1), tsallis = (S_a - 1)/(a - 1),
// alpha_divergence = (1 - S_a)/(a (1 - a)); the special orders are checked against their own
// definitions.
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
using kullback_test::naive_power_sum;
using vec = std::vector<double>;

// Random pairs with full support (finite for every order) and, separately, with zeros.
struct pair_data {
  vec p, q;
};
std::vector<pair_data> full_support_pairs(std::uint64_t seed, int count, std::size_t max_n = 2000) {
  std::mt19937_64 rng(seed);
  std::vector<pair_data> out;
  for (int i = 0; i < count; ++i) {
    const std::size_t n = kullback_test::random_size(rng, max_n);
    out.push_back({kullback_test::dirichlet_like(rng, n, 0.6 + 0.3 * (i % 3)), kullback_test::dirichlet_like(rng, n)});
  }
  return out;
}

// ---- renyi ----

TEST(Renyi, OrderOneIsKl) {
  for (const auto& [p, q] : full_support_pairs(101, 10)) {
    EXPECT_TRUE(close_rel(renyi(p, q, 1.0), kl(p, q), 1e-14)) << p.size();
  }
  const vec p{0.5, 0.5}, q{1.0, 0.0};
  EXPECT_EQ(renyi(p, q, 1.0), inf);
  EXPECT_TRUE(close_rel(renyi(q, p, 1.0), std::log(2.0), 1e-15));
}

TEST(Renyi, OrderZeroIsMinusLogMassOfSupport) {
  // -log sum_{p_i > 0} q_i.
  EXPECT_TRUE(close_rel(renyi(vec{0.5, 0.5, 0.0}, vec{0.25, 0.25, 0.5}, 0.0), std::log(2.0), 1e-15));
  EXPECT_TRUE(close_rel(renyi(vec{0.0, 0.1, 0.0, 0.9}, vec{0.4, 0.1, 0.3, 0.2}, 0.0), -std::log(0.3), 1e-15));
  // Full support of p: 0 exactly, whatever q.
  EXPECT_EQ(renyi(vec{0.2, 0.8}, vec{0.999, 0.001}, 0.0), 0.0);
  // q puts no mass on the support of p: +inf.
  EXPECT_EQ(renyi(vec{1.0, 0.0}, vec{0.0, 1.0}, 0.0), inf);
  // Masked logits are zeros too.
  EXPECT_TRUE(close_rel(renyi(logits(vec{0.0, 0.0, -inf}), logits(vec{0.0, 0.0, std::log(2.0)}), 0.0), std::log(2.0), 1e-15));
}

TEST(Renyi, OrderInfinityIsLogMaxRatio) {
  // log max_i p_i / q_i over the support of p.
  EXPECT_TRUE(close_rel(renyi(vec{0.5, 0.5, 0.0}, vec{0.25, 0.25, 0.5}, inf), std::log(2.0), 1e-15));
  EXPECT_TRUE(close_rel(renyi(vec{0.1, 0.6, 0.3}, vec{0.5, 0.2, 0.3}, inf), std::log(3.0), 1e-15));
  EXPECT_EQ(renyi(vec{0.5, 0.5}, vec{1.0, 0.0}, inf), inf);
  EXPECT_EQ(renyi(vec{0.1, 0.6, 0.3}, vec{0.1, 0.6, 0.3}, inf), 0.0);
  // In a long row the maximum may sit in any chunk.
  vec p(9000, 1.0 / 9000), q(9000, 1.0 / 9000);
  q[8500] *= 0.25;
  q[10] += 0.75 / 9000;
  EXPECT_TRUE(close_rel(renyi(p, q, inf), std::log(4.0), 1e-14));
}

TEST(Renyi, OrderHalfIsTwiceBhattacharyya) {
  for (const auto& [p, q] : full_support_pairs(103, 10)) {
    EXPECT_TRUE(close_rel(renyi(p, q, 0.5), 2.0 * bhattacharyya(p, q), 1e-13)) << p.size();
  }
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 10; ++trial) {
    const vec p = kullback_test::sparse(rng, 200), q = kullback_test::peaked(rng, 200);
    EXPECT_TRUE(close_rel(renyi(p, q, 0.5), 2.0 * bhattacharyya(p, q), 1e-12)) << trial;
  }
}

TEST(Renyi, ClosedForms) {
  // Order 2: log sum p^2 / q; (1/2, 1/2) vs (1/4, 3/4) gives log(1 + 1/3).
  EXPECT_TRUE(close_rel(renyi(vec{0.5, 0.5}, vec{0.25, 0.75}, 2.0), std::log(4.0 / 3.0), 1e-15));
  // Order 1/2 on (1/4, 3/4) vs (3/4, 1/4): -2 log(sqrt(3)/2) = log(4/3).
  EXPECT_TRUE(close_rel(renyi(vec{0.25, 0.75}, vec{0.75, 0.25}, 0.5), std::log(4.0 / 3.0), 1e-14));
  // Any order between p = delta and q: log(1/q_i) (independent of alpha).
  for (double a : {0.0, 0.3, 0.5, 1.0, 2.0, 7.5, inf}) {
    EXPECT_TRUE(close_rel(renyi(vec{0.0, 1.0, 0.0}, vec{0.5, 0.125, 0.375}, a), std::log(8.0), 1e-14)) << a;
  }
}

TEST(Renyi, RandomMatchNaiveFormula) {
  for (const auto& [p, q] : full_support_pairs(107, 12)) {
    for (double a : {0.1, 0.5, 0.9, 1.5, 2.0, 4.0}) {
      const double expected = std::log(naive_power_sum(p, q, a)) / (a - 1.0);
      EXPECT_TRUE(close_rel(renyi(p, q, a), expected, 1e-11)) << p.size() << " " << a;
    }
  }
}

TEST(Renyi, ContinuousThroughOrderOne) {
  for (const auto& [p, q] : full_support_pairs(109, 5)) {
    const double at_one = renyi(p, q, 1.0);
    for (double e : {1e-6, 1e-9, 1e-13}) {
      EXPECT_TRUE(close_rel(renyi(p, q, 1.0 + e), at_one, 100 * e)) << e;
      EXPECT_TRUE(close_rel(renyi(p, q, 1.0 - e), at_one, 100 * e)) << e;
    }
  }
}

TEST(Renyi, InfiniteWhereQMissesPForOrdersFromOne) {
  const vec p{0.5, 0.5}, q{1.0, 0.0};
  for (double a : {1.0, 1.5, 2.0, 10.0, inf}) EXPECT_EQ(renyi(p, q, a), inf) << a;
  // Below one the overlap suffices: S_a = 0.5^a.
  for (double a : {0.25, 0.5, 0.75}) {
    EXPECT_TRUE(close_rel(renyi(p, q, a), a * std::log(0.5) / (a - 1.0), 1e-14)) << a;
  }
}

// Disjoint supports: S_a = 0 for every a in (0, 1), so renyi = log(0)/(a - 1) = +inf, as bhattacharyya
// (a = 1/2 gives 2 * bhattacharyya = +inf).
TEST(Renyi, DisjointSupportsAreInfiniteForEveryOrder) {
  const vec p{0.3, 0.7, 0.0, 0.0}, q{0.0, 0.0, 0.6, 0.4};
  for (double a : {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.9, 0.99, 1.0, 2.0, inf}) {
    EXPECT_EQ(renyi(p, q, a), inf) << "alpha = " << a;
  }
}

// Nearly disjoint supports: p = (1, 0), q = (1e-40, 1), S_a = (1e-40)^(1 - a), so
// renyi = log(S_a)/(a - 1) = 40 log(10) for every a in (0, 1) (and 2 * bhattacharyya at a = 1/2).
TEST(Renyi, NearlyDisjointSupportsKeepAccuracy) {
  const vec p{1.0, 0.0}, q{1e-40, 1.0};
  const double expected = -std::log(1e-40);
  EXPECT_TRUE(close_rel(2.0 * bhattacharyya(p, q), expected, 1e-14));
  for (double a : {0.25, 0.5, 0.75}) {
    EXPECT_TRUE(close_rel(renyi(p, q, a), expected, 1e-13)) << "alpha = " << a;
  }
  // A milder case: p = (1 - e, e), q = (e, 1 - e), e = 1e-12: S_1/2 = 2 sqrt(e (1 - e)).
  const double e = 1e-12;
  const vec p2{1.0 - e, e}, q2{e, 1.0 - e};
  const double s = std::sqrt(p2[0] * q2[0]) + std::sqrt(p2[1] * q2[1]);
  EXPECT_TRUE(close_rel(renyi(p2, q2, 0.5), -2.0 * std::log(s), 1e-13));
}

TEST(Renyi, LogBase) {
  const vec p{0.1, 0.2, 0.7}, q{0.3, 0.3, 0.4};
  for (double a : {0.0, 0.5, 1.0, 2.0, inf}) {
    EXPECT_TRUE(close_rel(renyi(p, q, a, {.base = log_base::two}), renyi(p, q, a) / std::log(2.0), 1e-15)) << a;
    EXPECT_TRUE(close_rel(renyi(p, q, a, {.base = log_base::ten}), renyi(p, q, a) / std::log(10.0), 1e-15)) << a;
  }
}

// ---- tsallis ----

TEST(Tsallis, OrderOneIsKl) {
  for (const auto& [p, q] : full_support_pairs(113, 10)) {
    EXPECT_TRUE(close_rel(tsallis(p, q, 1.0), kl(p, q), 1e-14)) << p.size();
  }
  EXPECT_EQ(tsallis(vec{0.5, 0.5}, vec{1.0, 0.0}, 1.0), inf);
}

TEST(Tsallis, ClosedForms) {
  // (S_a - 1)/(a - 1). Order 2 on (1/2, 1/2) vs (1/4, 3/4): S_2 = 4/3, value 1/3.
  EXPECT_TRUE(close_rel(tsallis(vec{0.5, 0.5}, vec{0.25, 0.75}, 2.0), 1.0 / 3.0, 1e-15));
  // Order 1/2 on (1/4, 3/4) vs (3/4, 1/4): S = sqrt(3)/2, value 2 (1 - sqrt(3)/2).
  EXPECT_TRUE(close_rel(tsallis(vec{0.25, 0.75}, vec{0.75, 0.25}, 0.5), 2.0 - std::sqrt(3.0), 1e-14));
  // Disjoint supports, a < 1: S = 0, value 1/(1 - a); a > 1: +inf.
  const vec p{0.3, 0.7, 0.0, 0.0}, q{0.0, 0.0, 0.6, 0.4};
  for (double a : {0.1, 0.3, 0.5, 0.9}) EXPECT_TRUE(close_rel(tsallis(p, q, a), 1.0 / (1.0 - a), 1e-14)) << a;
  EXPECT_EQ(tsallis(p, q, 2.0), inf);
  EXPECT_EQ(tsallis(p, p, 2.0), 0.0);
}

TEST(Tsallis, RandomMatchNaiveFormula) {
  for (const auto& [p, q] : full_support_pairs(127, 12)) {
    for (double a : {0.2, 0.5, 0.8, 1.3, 2.0, 3.0}) {
      const double expected = (naive_power_sum(p, q, a) - 1.0) / (a - 1.0);
      EXPECT_TRUE(close_rel(tsallis(p, q, a), expected, 1e-11)) << p.size() << " " << a;
    }
  }
}

// ---- alpha_divergence ----

TEST(AlphaDivergence, EndpointsAreTheTwoKlDirections) {
  for (const auto& [p, q] : full_support_pairs(131, 10)) {
    EXPECT_TRUE(close_rel(alpha_divergence(p, q, 1.0), kl(p, q), 1e-14)) << p.size();
    EXPECT_TRUE(close_rel(alpha_divergence(p, q, 0.0), kl(q, p), 1e-14)) << p.size();
  }
  const vec p{0.5, 0.5}, q{1.0, 0.0};
  EXPECT_EQ(alpha_divergence(p, q, 1.0), inf);   // KL(p||q)
  EXPECT_TRUE(close_rel(alpha_divergence(p, q, 0.0), std::log(2.0), 1e-15));  // KL(q||p)
  EXPECT_EQ(alpha_divergence(q, p, 0.0), inf);
}

TEST(AlphaDivergence, HalfIsFourSquaredHellinger) {
  for (const auto& [p, q] : full_support_pairs(137, 10)) {
    const double h = hellinger(p, q);
    EXPECT_TRUE(close_rel(alpha_divergence(p, q, 0.5) / 4.0, h * h, 1e-13)) << p.size();
    EXPECT_TRUE(close_rel(alpha_divergence(p, q, 0.5), 4.0 * (1.0 - naive_power_sum(p, q, 0.5)), 1e-11)) << p.size();
  }
  // Disjoint: 4.
  EXPECT_TRUE(close_rel(alpha_divergence(vec{1.0, 0.0}, vec{0.0, 1.0}, 0.5), 4.0, 1e-15));
}

TEST(AlphaDivergence, RandomMatchNaiveFormula) {
  for (const auto& [p, q] : full_support_pairs(139, 12)) {
    for (double a : {-2.0, -0.5, 0.3, 0.7, 1.5, 3.0}) {
      const double expected = (1.0 - naive_power_sum(p, q, a)) / (a * (1.0 - a));
      EXPECT_TRUE(close_rel(alpha_divergence(p, q, a), expected, 1e-10)) << p.size() << " " << a;
    }
  }
}

TEST(AlphaDivergence, DualityAndZeroLimits) {
  for (const auto& [p, q] : full_support_pairs(149, 6)) {
    for (double a : {-1.0, 0.2, 0.5, 2.0}) {
      EXPECT_TRUE(close_rel(alpha_divergence(p, q, a), alpha_divergence(q, p, 1.0 - a), 1e-13)) << a;
    }
  }
  // p = (1/2, 1/2, 0), q = (1/4, 1/4, 1/2): p_3 = 0 < q_3.
  const vec p{0.5, 0.5, 0.0}, q{0.25, 0.25, 0.5};
  for (double a : {-1.0, -0.1, 0.0}) EXPECT_EQ(alpha_divergence(p, q, a), inf) << a;
  for (double a : {0.25, 0.5, 1.0, 2.0}) {
    const double expected = a == 1.0 ? std::log(2.0) : (1.0 - naive_power_sum(p, q, a)) / (a * (1.0 - a));
    EXPECT_TRUE(close_rel(alpha_divergence(p, q, a), expected, 1e-14)) << a;
  }
  // Reversed: q_3 = 0 < p_3 is infinite for a >= 1.
  for (double a : {1.0, 1.5, 3.0}) EXPECT_EQ(alpha_divergence(q, p, a), inf) << a;
  // Disjoint supports, 0 < a < 1: S = 0, value 1/(a (1 - a)).
  for (double a : {0.1, 0.3, 0.5, 0.9}) {
    EXPECT_TRUE(close_rel(alpha_divergence(vec{0.3, 0.7, 0.0}, vec{0.0, 0.0, 1.0}, a), 1.0 / (a * (1.0 - a)), 1e-14)) << a;
  }
}

// Orders so large that a (a - 1) overflows: the divergences overflow to +inf (here S_a -> inf);
// they must not be NaN. renyi stays finite (it tends to the order-infinity value log 2).
TEST(AlphaFamily, HugeOrders) {
  const vec p{0.5, 0.5}, q{0.25, 0.75};
  EXPECT_EQ(alpha_divergence(p, q, 2000.0), inf);
  EXPECT_EQ(alpha_divergence(p, q, 1e155), inf);
  EXPECT_EQ(alpha_divergence(p, q, -1e155), inf);
  EXPECT_EQ(tsallis(p, q, 1e300), inf);
  EXPECT_TRUE(close_rel(renyi(p, q, 1e300), std::log(2.0), 1e-14));
}

// Renyi of order > 1 where D_a overflows but log S_a is finite: p = (1/2, 1/2), q = (1e-300, 1),
// S_a = 2^-a (1e300^(a - 1) + 1), so renyi = (a log(1/2) + (a - 1) 300 log 10) / (a - 1) to double
// precision.
TEST(Renyi, OverflowingPowerSumStaysFinite) {
  const vec p{0.5, 0.5}, q{1e-300, 1.0};
  for (double a : {2.0, 5.0, 20.0}) {
    const double expected = (a * std::log(0.5) + (a - 1.0) * 300.0 * std::log(10.0)) / (a - 1.0);
    EXPECT_TRUE(close_rel(renyi(p, q, a), expected, 1e-14)) << a;
    EXPECT_TRUE(close_rel(renyi(p, q, a, {.base = log_base::two}), expected / std::log(2.0), 1e-14)) << a;
  }
  // The same rows in a batch (the overflowing row is recomputed alone).
  const vec qm = kullback_test::stack({q, {0.25, 0.75}, q});
  vec out(3);
  renyi(p, matrix_view<const double>{qm.data(), 3, 2}, 5.0, out);
  const double expected = (5.0 * std::log(0.5) + 4.0 * 300.0 * std::log(10.0)) / 4.0;
  EXPECT_TRUE(close_rel(out[0], expected, 1e-14));
  EXPECT_TRUE(close_rel(out[1], std::log(naive_power_sum(p, {0.25, 0.75}, 5.0)) / 4.0, 1e-14));
  EXPECT_TRUE(close_rel(out[2], expected, 1e-14));
}

TEST(AlphaFamily, IdenticalIsZero) {
  std::mt19937_64 rng(7);
  const vec p = kullback_test::sparse(rng, 400);
  for (double a : {0.0, 0.5, 1.0, 2.0, inf}) EXPECT_EQ(renyi(p, p, a), 0.0) << a;
  for (double a : {0.5, 1.0, 2.0}) EXPECT_EQ(tsallis(p, p, a), 0.0) << a;
  for (double a : {-1.0, 0.0, 0.5, 1.0, 2.0}) EXPECT_EQ(alpha_divergence(p, p, a), 0.0) << a;
}

TEST(AlphaFamily, BaseOnlyForRenyi) {
  const vec p{0.1, 0.2, 0.7}, q{0.3, 0.3, 0.4};
  EXPECT_THROW(tsallis(p, q, 2.0, {.base = log_base::two}), kullback::invalid_argument);
  EXPECT_THROW(alpha_divergence(p, q, 0.5, {.base = log_base::ten}), kullback::invalid_argument);
  vec out(1);
  EXPECT_THROW(tsallis(p, q, 2.0, out, {.base = log_base::two}), kullback::invalid_argument);
  EXPECT_THROW(alpha_divergence(p, q, 0.5, out, {.base = log_base::two}), kullback::invalid_argument);
  EXPECT_NO_THROW(renyi(p, q, 2.0, {.base = log_base::two}));
}

TEST(AlphaFamily, InputFormsAndTypesAgree) {
  std::mt19937_64 rng(151);
  for (int trial = 0; trial < 6; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 1500);
    const vec p = kullback_test::random_distribution(rng, n, trial);
    const vec q = kullback_test::dirichlet_like(rng, n);
    vec cp(p), cq(q);
    for (double& x : cp) x *= 64.0;
    for (double& x : cq) x *= 3.0;
    const auto lp = logs_of(p, 1.5), lq = logs_of(q, 0.25);
    const auto pf = kullback_test::to_float(p), qf = kullback_test::to_float(q);
    for (double a : {0.0, 0.5, 2.0, inf}) {
      const double expected = renyi(p, q, a);
      EXPECT_TRUE(close_rel(renyi(logits(lp), logits(lq), a), expected, 1e-11, 1e-14)) << trial << " " << a;
      EXPECT_TRUE(close_rel(renyi(log_probs(logs_of(p)), log_probs(logs_of(q)), a), expected, 1e-11, 1e-14)) << a;
      EXPECT_TRUE(close_rel(renyi(counts(cp), counts(cq), a), expected, 1e-12, 1e-15)) << trial << " " << a;
      EXPECT_TRUE(close_rel(renyi(cp, cq, a, {.normalize = true}), expected, 1e-12, 1e-15)) << trial << " " << a;
      EXPECT_TRUE(close_rel(renyi(pf, qf, a), expected, 1e-4, 1e-6)) << trial << " " << a;
    }
    EXPECT_TRUE(close_rel(tsallis(logits(lp), logits(lq), 2.0), tsallis(p, q, 2.0), 1e-11, 1e-14)) << trial;
    EXPECT_TRUE(close_rel(tsallis(counts(cp), counts(cq), 0.3), tsallis(p, q, 0.3), 1e-12, 1e-15)) << trial;
    EXPECT_TRUE(close_rel(alpha_divergence(logits(lp), logits(lq), 1.5), alpha_divergence(p, q, 1.5), 1e-11, 1e-14));
    EXPECT_TRUE(close_rel(alpha_divergence(cp, cq, 0.7, {.normalize = true}), alpha_divergence(p, q, 0.7), 1e-12, 1e-15));
    EXPECT_TRUE(close_rel(alpha_divergence(pf, qf, 0.7), alpha_divergence(p, q, 0.7), 1e-4, 1e-6)) << trial;
  }
}

TEST(AlphaFamily, BatchesAndBroadcasting) {
  const std::vector<vec> ps{{0.5, 0.5, 0.0}, {0.1, 0.2, 0.7}, {0.2, 0.2, 0.6}};
  const std::vector<vec> qs{{0.2, 0.2, 0.6}, {0.4, 0.4, 0.2}, {0.5, 0.25, 0.25}};
  const vec pm = kullback_test::stack(ps), qm = kullback_test::stack(qs);
  const matrix_view<const double> p{pm.data(), 3, 3}, q{qm.data(), 3, 3};
  vec out(3);
  for (double a : {0.0, 0.5, 2.0, inf}) {
    renyi(p, q, a, out);
    for (std::size_t r = 0; r < 3; ++r) EXPECT_DOUBLE_EQ(out[r], renyi(ps[r], qs[r], a)) << a << " " << r;
    renyi(ps[0], q, a, out);
    for (std::size_t r = 0; r < 3; ++r) EXPECT_DOUBLE_EQ(out[r], renyi(ps[0], qs[r], a)) << a << " " << r;
  }
  tsallis(p, qs[1], 1.5, out);
  for (std::size_t r = 0; r < 3; ++r) EXPECT_DOUBLE_EQ(out[r], tsallis(ps[r], qs[1], 1.5)) << r;
  alpha_divergence(p, q, -0.5, out);
  for (std::size_t r = 0; r < 3; ++r) EXPECT_DOUBLE_EQ(out[r], alpha_divergence(ps[r], qs[r], -0.5)) << r;
  vec wrong(2);
  EXPECT_THROW(renyi(p, q, 0.5, wrong), kullback::invalid_argument);
  EXPECT_THROW(tsallis(p, q, 0.5, wrong), kullback::invalid_argument);
  EXPECT_THROW(alpha_divergence(p, q, 0.5, wrong), kullback::invalid_argument);
}

TEST(AlphaFamily, LargeLogits) {
  // softmax(1e4 + (0, log 3)) = (1/4, 3/4), softmax(-1e4 + (log 3, 0)) = (3/4, 1/4).
  const vec a{1e4, 1e4 + std::log(3.0)}, b{-1e4 + std::log(3.0), -1e4};
  EXPECT_TRUE(close_rel(renyi(logits(a), logits(b), 0.5), std::log(4.0 / 3.0), 1e-10));
  EXPECT_TRUE(close_rel(tsallis(logits(a), logits(b), 0.5), 2.0 - std::sqrt(3.0), 1e-10));
}

}  // namespace
