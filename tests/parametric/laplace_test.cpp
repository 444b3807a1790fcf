// kullback::laplace: the closed forms' properties, textbook values and bad input.
// (Accuracy against mpmath: location_scale_accuracy_test.)
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "kullback/kullback.hpp"
#include "location_scale_properties.hpp"
#include "support/test_support.hpp"

namespace {

using kullback::laplace;
using kullback_test::error_of;
using kullback_test::inf;
using kullback_test::nan;
using kullback_test::uniform01;

TEST(Laplace, Properties) {
  kullback_test::check_divergence_properties<laplace>(
      [](std::mt19937_64& rng) { return laplace(4.0 * uniform01(rng) - 2.0, 0.2 + 3.0 * uniform01(rng)); });
}

TEST(Laplace, TextbookValues) {
  // same scale, shifted by d: KL = d / b + e^(-d / b) - 1 (symmetric)
  const laplace p(0.0, 1.0), q(2.0, 1.0);
  EXPECT_NEAR(kullback::kl(p, q), 1.0 + std::exp(-2.0), 1e-15);
  EXPECT_NEAR(kullback::kl(q, p), kullback::kl(p, q), 1e-15);
  // same location: KL = r - 1 - log r
  EXPECT_NEAR(kullback::kl(laplace(0, 2), laplace(0, 1)), 1.0 - std::log(2.0), 1e-15);
  // same location, BC = 2 sqrt(b1 b2) / (b1 + b2)
  EXPECT_NEAR(kullback::chernoff_coefficient(laplace(1, 2), laplace(1, 1), 0.5), 2.0 * std::sqrt(2.0) / 3.0, 1e-15);
  // alpha > 1 with k = a / b1 + (1 - a) / b2 <= 0: the integral diverges
  EXPECT_EQ(kullback::renyi(laplace(0, 3), laplace(0, 1), 2.0), inf);
  EXPECT_EQ(kullback::chernoff_coefficient(laplace(0, 3), laplace(0, 1), 2.0), inf);
  EXPECT_EQ(kullback::renyi(p, q, 0.0), 0.0);
}

TEST(Laplace, NearlyEqualKeepsRelativeAccuracy) {
  // d = 1e-8, same scale: KL = e^-d - 1 + d = d^2/2 - d^3/6 + ...
  const double d = 1e-8;
  EXPECT_NEAR(kullback::kl(laplace(0, 1), laplace(d, 1)), d * d / 2 - d * d * d / 6, 1e-15 * d * d);
  // same scale: BC = (1 + d/2) e^(-d/2), so B = d/2 - log1p(d/2) = d^2/8 - d^3/24 + ...
  EXPECT_NEAR(kullback::bhattacharyya(laplace(0, 1), laplace(d, 1)), d * d / 8, 1e-7 * d * d);
}

TEST(Laplace, RejectsBadInput) {
  EXPECT_EQ(error_of([] { laplace(0.0, 0.0); }), "kullback::laplace: scale = 0, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { laplace(nan, 1.0); }), "kullback::laplace: loc = nan, but must be finite");
  const laplace p(0, 1), q(1, 2);
  EXPECT_EQ(error_of([&] { kullback::renyi(p, q, -0.5); }), "kullback::renyi: alpha = -0.5, but must be >= 0 and finite");
  EXPECT_THROW(kullback::chernoff_coefficient(p, q, inf), kullback::invalid_argument);
  EXPECT_THROW(kullback::renyi(p, q, nan), kullback::invalid_argument);
}

}  // namespace
