// kullback::uniform: support rules, properties, textbook values and bad input.
// (Accuracy against mpmath: location_scale_accuracy_test.)
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "kullback/kullback.hpp"
#include "location_scale_properties.hpp"
#include "support/test_support.hpp"

namespace {

using kullback::uniform;
using kullback_test::error_of;
using kullback_test::inf;
using kullback_test::nan;
using kullback_test::uniform01;

TEST(Uniform, Properties) {
  // nested supports (every measure finite) and overlapping ones (KL +inf, alpha < 1 finite)
  kullback_test::check_divergence_properties<uniform>([](std::mt19937_64& rng) {
    const double lo = 2.0 * uniform01(rng) - 1.0;
    return uniform(lo, lo + 0.5 + 2.0 * uniform01(rng));
  });
}

TEST(Uniform, SupportRules) {
  const uniform inner(0.0, 1.0), outer(-1.0, 3.0), shifted(0.5, 1.5), apart(2.0, 3.0);
  EXPECT_DOUBLE_EQ(kullback::kl(inner, outer), std::log(4.0));
  EXPECT_EQ(kullback::kl(outer, inner), inf);
  EXPECT_EQ(kullback::kl(inner, shifted), inf);
  EXPECT_EQ(kullback::jeffreys(inner, outer), inf);
  // alpha < 1 sees only the overlap: C = L / (w1^a w2^(1-a))
  EXPECT_DOUBLE_EQ(kullback::chernoff_coefficient(inner, shifted, 0.5), 0.5);
  EXPECT_DOUBLE_EQ(kullback::bhattacharyya(inner, shifted), std::log(2.0));
  EXPECT_DOUBLE_EQ(kullback::hellinger(inner, shifted), std::sqrt(0.5));
  // alpha > 1 diverges when p leaves q's support; D_a = log(w2 / w1) for every a when nested
  EXPECT_EQ(kullback::renyi(inner, shifted, 2.0), inf);
  EXPECT_EQ(kullback::chernoff_coefficient(inner, shifted, 2.0), inf);
  EXPECT_DOUBLE_EQ(kullback::renyi(inner, outer, 3.0), std::log(4.0));
  EXPECT_DOUBLE_EQ(kullback::renyi(inner, outer, 0.25), std::log(4.0));
  // alpha = 0: -log Q(supp p)
  EXPECT_DOUBLE_EQ(kullback::renyi(outer, inner, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(kullback::renyi(inner, shifted, 0.0), std::log(2.0));
  EXPECT_DOUBLE_EQ(kullback::chernoff_coefficient(inner, shifted, 0.0), 0.5);
  // disjoint: no overlap at all
  EXPECT_EQ(kullback::renyi(inner, apart, 0.5), inf);
  EXPECT_EQ(kullback::chernoff_coefficient(inner, apart, 0.5), 0.0);
  EXPECT_EQ(kullback::bhattacharyya(inner, apart), inf);
  EXPECT_EQ(kullback::hellinger(inner, apart), 1.0);
}

TEST(Uniform, NearlyEqualKeepsRelativeAccuracy) {
  const double e = 0x1p-40;  // 1 + e is exact
  EXPECT_NEAR(kullback::kl(uniform(0.0, 1.0), uniform(-e, 1.0)), e - e * e / 2, 1e-15 * e);
  // B = -log(L / sqrt(w1 w2)) = -log1p(-e)
  EXPECT_NEAR(kullback::bhattacharyya(uniform(0.0, 1.0), uniform(e, 1.0 + e)), e + e * e / 2, 1e-15 * e);
}

TEST(Uniform, RejectsBadInput) {
  EXPECT_EQ(error_of([] { uniform(1.0, 1.0); }), "kullback::uniform: low = 1 and high = 1, but low must be < high");
  EXPECT_THROW(uniform(nan, 1.0), kullback::invalid_argument);
  EXPECT_THROW(uniform(0.0, inf), kullback::invalid_argument);
  const uniform p(0, 1), q(0, 2);
  EXPECT_EQ(error_of([&] { kullback::chernoff_coefficient(p, q, -1.0); }),
            "kullback::chernoff_coefficient: alpha = -1, but must be >= 0 and finite");
  EXPECT_THROW(kullback::renyi(p, q, inf), kullback::invalid_argument);
}

}  // namespace
