// Cross-family KL (kullback/parametric/cross_family.hpp): registration of every torch pair,
// support rules, the cases where torch is wrong, exact zeros between equal laws written in two
// families, and jeffreys. (Accuracy against mpmath and torch: location_scale_accuracy_test.)
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "kullback/kullback.hpp"
#include "support/test_support.hpp"

namespace {

namespace k = kullback;
using kullback_test::inf;
using kullback_test::uniform01;

TEST(CrossFamily, EveryTorchPairIsRegistered) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> torch_pairs = {
      {"beta", {"continuous_bernoulli", "exponential", "gamma", "chi_squared", "normal", "pareto", "uniform"}},
      {"continuous_bernoulli", {"exponential", "normal", "pareto", "uniform"}},
      {"exponential", {"beta", "continuous_bernoulli", "gamma", "chi_squared", "gumbel", "normal", "pareto", "uniform"}},
      {"gamma", {"beta", "continuous_bernoulli", "exponential", "gumbel", "normal", "pareto", "uniform"}},
      {"chi_squared", {"beta", "continuous_bernoulli", "exponential", "gumbel", "normal", "pareto", "uniform"}},
      {"gumbel", {"beta", "continuous_bernoulli", "exponential", "gamma", "chi_squared", "normal", "pareto", "uniform"}},
      {"laplace", {"beta", "continuous_bernoulli", "exponential", "gamma", "chi_squared", "normal", "pareto", "uniform"}},
      {"normal",
       {"beta", "continuous_bernoulli", "exponential", "gamma", "chi_squared", "gumbel", "laplace", "pareto", "uniform"}},
      {"pareto", {"beta", "continuous_bernoulli", "exponential", "gamma", "chi_squared", "normal", "uniform"}},
      {"uniform", {"beta", "continuous_bernoulli", "exponential", "gamma", "chi_squared", "gumbel", "normal", "pareto"}},
  };
  const auto entries = k::registry().pairs();
  const auto has = [&](k::measure m, const std::string& p, const std::string& q) {
    return std::any_of(entries.begin(), entries.end(),
                       [&](const auto& e) { return e.m == m && e.p_family == p && e.q_family == q; });
  };
  std::size_t n = 0;
  for (const auto& [p, qs] : torch_pairs) {
    for (const auto& q : qs) {
      EXPECT_TRUE(has(k::measure::kl, p, q)) << p << " -> " << q;
      const bool back = std::any_of(torch_pairs.begin(), torch_pairs.end(), [&](const auto& row) {
        return row.first == q && std::find(row.second.begin(), row.second.end(), p) != row.second.end();
      });
      EXPECT_EQ(has(k::measure::jeffreys, p, q), back) << p << " <-> " << q;
      ++n;
    }
  }
  EXPECT_EQ(n, 73u);
}

TEST(CrossFamily, SupportRules) {
  EXPECT_EQ(k::kl(k::normal(0, 1), k::exponential(1)), inf);
  EXPECT_EQ(k::kl(k::laplace(0, 1), k::gamma(2, 1)), inf);
  EXPECT_EQ(k::kl(k::gumbel(0, 1), k::uniform(-10, 10)), inf);
  EXPECT_EQ(k::kl(k::beta(2, 2), k::pareto(0.1, 1)), inf);
  EXPECT_EQ(k::kl(k::exponential(1), k::pareto(0.1, 1)), inf);
  EXPECT_EQ(k::kl(k::beta(2, 2), k::uniform(0.1, 5)), inf);
  EXPECT_TRUE(std::isfinite(k::kl(k::beta(2, 2), k::uniform(-1, 1))));
  EXPECT_EQ(k::kl(k::uniform(-0.5, 0.5), k::gamma(2, 1)), inf);
  EXPECT_TRUE(std::isfinite(k::kl(k::uniform(0, 0.5), k::gamma(2, 1))));
  EXPECT_EQ(k::kl(k::uniform(0.5, 2), k::pareto(1, 2)), inf);
  EXPECT_EQ(k::kl(k::uniform(0.5, 1.5), k::beta(2, 2)), inf);
  // pareto: infinite mean (alpha <= 1) or second moment (alpha <= 2)
  EXPECT_EQ(k::kl(k::pareto(1, 1), k::exponential(1)), inf);
  EXPECT_TRUE(std::isfinite(k::kl(k::pareto(1, 1.01), k::exponential(1))));
  EXPECT_EQ(k::kl(k::pareto(1, 0.5), k::gamma(2, 1)), inf);
  EXPECT_EQ(k::kl(k::pareto(1, 2), k::normal(0, 1)), inf);
  EXPECT_TRUE(std::isfinite(k::kl(k::pareto(1, 2.5), k::normal(0, 1))));
}

TEST(CrossFamily, WhereTorchIsWrong) {
  // torch: NaN (0 log 0) for uniform -> beta with an endpoint at 0 or 1
  EXPECT_TRUE(std::isfinite(k::kl(k::uniform(0, 1), k::beta(2, 3))));
  EXPECT_TRUE(std::isfinite(k::kl(k::uniform(0.5, 1), k::beta(2, 3))));
  // torch: +inf for continuous_bernoulli <-> uniform(0, 1)
  EXPECT_TRUE(std::isfinite(k::kl(k::continuous_bernoulli(0.3), k::uniform(0, 1))));
  EXPECT_TRUE(std::isfinite(k::kl(k::uniform(0, 1), k::continuous_bernoulli(0.3))));
}

TEST(CrossFamily, EqualLawsInTwoFamiliesGiveExactZero) {
  EXPECT_EQ(k::kl(k::exponential(1.7), k::gamma(1.0, 1.7)), 0.0);
  EXPECT_EQ(k::kl(k::gamma(1.0, 1.7), k::exponential(1.7)), 0.0);
  EXPECT_EQ(k::kl(k::chi_squared(2.0), k::exponential(0.5)), 0.0);
  EXPECT_EQ(k::kl(k::exponential(0.5), k::chi_squared(2.0)), 0.0);
  EXPECT_EQ(k::kl(k::beta(1, 1), k::uniform(0, 1)), 0.0);
  EXPECT_EQ(k::kl(k::uniform(0, 1), k::beta(1, 1)), 0.0);
  EXPECT_EQ(k::kl(k::continuous_bernoulli(0.5), k::uniform(0, 1)), 0.0);
  EXPECT_EQ(k::kl(k::uniform(0, 1), k::continuous_bernoulli(0.5)), 0.0);
  // nearly equal: O(e^2), positive, relative accuracy (KL(Exp(1) || Gamma(1, 1 + e)) = e - log1p(e))
  const double e = 0x1p-23;  // 1 + e is exact
  EXPECT_NEAR(k::kl(k::exponential(1.0), k::gamma(1.0, 1.0 + e)), e * e / 2 - e * e * e / 3, 1e-13 * e * e);
  // cb(l) -> uniform(0, 1) = -H(cb) = eta^2 / 24 + O(eta^4), eta = logit(l)
  const double eta = std::log((0.5 + e) / (0.5 - e));
  EXPECT_NEAR(k::kl(k::continuous_bernoulli(0.5 + e), k::uniform(0, 1)), eta * eta / 24, 1e-9 * eta * eta);
}

TEST(CrossFamily, JeffreysIsTheSymmetricSum) {
  const k::normal n(0.3, 1.2);
  const k::gumbel g(-0.5, 2.0);
  EXPECT_EQ(k::jeffreys(n, g), k::kl(n, g) + k::kl(g, n));
  EXPECT_EQ(k::jeffreys(g, n), k::jeffreys(n, g));
  const k::exponential x(1.5);
  const k::gamma y(2.0, 0.5);
  EXPECT_EQ(k::jeffreys(x, y), k::kl(x, y) + k::kl(y, x));
  EXPECT_EQ(k::jeffreys(k::uniform(0, 1), k::normal(0, 1)), inf);  // normal -> uniform is +inf
}

// Parameters over several orders of magnitude: every finite pair stays a number >= 0 (no NaN from
// overflowing moments, 0 log 0 or the cb series switch).
TEST(CrossFamily, WideParameterRangesGiveNonNegativeNumbers) {
  std::mt19937_64 rng(20261128);
  const auto log_uniform = [&](double lo, double hi) { return lo * std::pow(hi / lo, uniform01(rng)); };
  for (int i = 0; i < 2000; ++i) {
    const k::normal n(10.0 * uniform01(rng) - 5.0, log_uniform(1e-2, 1e2));
    const k::laplace l(10.0 * uniform01(rng) - 5.0, log_uniform(1e-2, 1e2));
    const k::gumbel g(10.0 * uniform01(rng) - 5.0, log_uniform(1e-2, 1e2));
    const k::exponential e(log_uniform(1e-2, 1e2));
    const k::gamma gm(log_uniform(1e-2, 1e2), log_uniform(1e-2, 1e2));
    const k::chi_squared c(log_uniform(1e-1, 1e2));
    const k::beta b(log_uniform(1e-2, 1e2), log_uniform(1e-2, 1e2));
    const k::continuous_bernoulli cb(1e-6 + (1.0 - 2e-6) * uniform01(rng));
    const k::pareto pp(log_uniform(1e-2, 10.0), log_uniform(0.5, 10.0));
    const k::uniform u(log_uniform(1e-3, 1.0), 1.0 + log_uniform(1e-3, 10.0));
    const k::uniform u01(0.5 * uniform01(rng), 0.5 + 0.5 * uniform01(rng));
    const double values[] = {k::kl(b, cb),   k::kl(b, e),    k::kl(b, gm),   k::kl(b, c),    k::kl(b, n),
                             k::kl(cb, e),   k::kl(cb, n),   k::kl(e, gm),   k::kl(e, c),    k::kl(e, g),
                             k::kl(e, n),    k::kl(gm, e),   k::kl(gm, g),   k::kl(gm, n),   k::kl(c, e),
                             k::kl(c, g),    k::kl(g, n),    k::kl(l, n),    k::kl(n, g),    k::kl(n, l),
                             k::kl(pp, e),   k::kl(pp, gm),  k::kl(pp, n),   k::kl(u01, b),  k::kl(u01, cb),
                             k::kl(u, e),    k::kl(u, gm),   k::kl(u, g),    k::kl(u, n),    k::kl(u, pp)};
    for (std::size_t j = 0; j < std::size(values); ++j) {
      EXPECT_FALSE(std::isnan(values[j])) << "pair " << j << " draw " << i;
      EXPECT_GE(values[j], -1e-12 * std::fabs(values[j])) << "pair " << j << " draw " << i;
    }
  }
}

}  // namespace
