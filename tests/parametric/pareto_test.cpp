// kullback::pareto: support rules, properties, textbook values and bad input.
// (Accuracy against mpmath: location_scale_accuracy_test.)
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "kullback/kullback.hpp"
#include "location_scale_properties.hpp"
#include "support/test_support.hpp"

namespace {

using kullback::pareto;
using kullback_test::error_of;
using kullback_test::inf;
using kullback_test::nan;
using kullback_test::uniform01;

TEST(Pareto, Properties) {
  kullback_test::check_divergence_properties<pareto>(
      [](std::mt19937_64& rng) { return pareto(0.5 + uniform01(rng), 0.3 + 4.0 * uniform01(rng)); });
}

TEST(Pareto, SupportRules) {
  const pareto low(1.0, 2.0), high(2.0, 3.0);
  // KL(low || high): low puts mass on [1, 2), where high has none
  EXPECT_EQ(kullback::kl(low, high), inf);
  EXPECT_EQ(kullback::renyi(low, high, 2.0), inf);
  EXPECT_EQ(kullback::jeffreys(low, high), inf);
  // KL(high || low) = a2 log(m1 / m2) + rho - 1 - log rho, rho = a2 / a1
  EXPECT_NEAR(kullback::kl(high, low), 2.0 * std::log(2.0) + 2.0 / 3.0 - 1.0 - std::log(2.0 / 3.0), 1e-15);
  // alpha = 0: -log Q(x >= m1) = a2 log(m1 / m2)
  EXPECT_NEAR(kullback::renyi(high, low, 0.0), 2.0 * std::log(2.0), 1e-15);
  EXPECT_EQ(kullback::renyi(low, high, 0.0), 0.0);
  // alpha > 1 with a a1 + (1 - a) a2 <= 0: diverges
  EXPECT_EQ(kullback::renyi(pareto(1.0, 1.0), pareto(1.0, 4.0), 2.0), inf);
  // the supports always overlap: Bhattacharyya is finite
  EXPECT_TRUE(std::isfinite(kullback::bhattacharyya(low, high)));
}

TEST(Pareto, NearlyEqualKeepsRelativeAccuracy) {
  const double e = 0x1p-30;  // 1 + e is exact
  // same shape a, m1 = m2 (1 + e): KL = a log1p(e)
  EXPECT_NEAR(kullback::kl(pareto(1.0 + e, 2.0), pareto(1.0, 2.0)), 2.0 * std::log1p(e), 1e-15 * e);
  // same scale, rho = 1 + e: KL = e - log1p(e) ~ e^2 / 2
  EXPECT_NEAR(kullback::kl(pareto(1.0, 2.0), pareto(1.0, 2.0 * (1 + e))), e * e / 2, 1e-6 * e * e);
}

TEST(Pareto, RejectsBadInput) {
  EXPECT_EQ(error_of([] { pareto(0.0, 1.0); }), "kullback::pareto: scale = 0, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { pareto(1.0, -1.0); }), "kullback::pareto: alpha = -1, but must be > 0 and finite");
  const pareto p(1, 2), q(1, 3);
  EXPECT_THROW(kullback::renyi(p, q, -0.1), kullback::invalid_argument);
  EXPECT_THROW(kullback::chernoff_coefficient(p, q, nan), kullback::invalid_argument);
}

}  // namespace
