// kullback::cauchy, gumbel, weibull, logistic (kl and jeffreys): properties, textbook values,
// nearly equal pairs and bad input. (Accuracy against mpmath: location_scale_accuracy_test.)
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "kullback/kullback.hpp"
#include "location_scale_properties.hpp"
#include "support/test_support.hpp"

namespace {

using kullback::cauchy;
using kullback::gumbel;
using kullback::logistic;
using kullback::weibull;
using kullback_test::error_of;
using kullback_test::inf;
using kullback_test::nan;
using kullback_test::uniform01;

TEST(Cauchy, Properties) {
  kullback_test::check_divergence_properties<cauchy>(
      [](std::mt19937_64& rng) { return cauchy(4.0 * uniform01(rng) - 2.0, 0.2 + 3.0 * uniform01(rng)); });
  const cauchy p(0.3, 1.2), q(-1.0, 0.4);
  EXPECT_EQ(kullback::kl(p, q), kullback::kl(q, p));  // the Cauchy KL is symmetric
  EXPECT_NEAR(kullback::kl(cauchy(0, 1), cauchy(0, 2)), std::log(9.0 / 8.0), 1e-16);
  const double e = 0x1p-30;  // exact 1 + e; log1p(e^2 / (4 (1 + e))) ~ e^2 / 4
  EXPECT_NEAR(kullback::kl(cauchy(0, 1), cauchy(0, 1 + e)), e * e / 4, 1e-8 * e * e);
  EXPECT_EQ(error_of([] { cauchy(0.0, -1.0); }), "kullback::cauchy: scale = -1, but must be > 0 and finite");
}

TEST(Gumbel, Properties) {
  kullback_test::check_divergence_properties<gumbel>(
      [](std::mt19937_64& rng) { return gumbel(4.0 * uniform01(rng) - 2.0, 0.2 + 3.0 * uniform01(rng)); });
  // same scale, shift d: KL = e^(-d/s) + d/s - 1
  EXPECT_NEAR(kullback::kl(gumbel(1, 1), gumbel(0, 1)), std::exp(-1.0), 1e-15);
  const double e = 0x1p-30;  // same location, rho = 1 + e: KL ~ I e^2 / 2, Fisher I = pi^2/6 + (1 - gamma)^2
  const double k = kullback::kl(gumbel(0, 1 + e), gumbel(0, 1));
  EXPECT_GT(k, 0.0);
  EXPECT_NEAR(k, 0.5 * (std::numbers::pi * std::numbers::pi / 6.0 +
                        (1.0 - std::numbers::egamma) * (1.0 - std::numbers::egamma)) * e * e,
              1e-6 * e * e);
  EXPECT_EQ(error_of([] { gumbel(inf, 1.0); }), "kullback::gumbel: loc = inf, but must be finite");
}

TEST(Weibull, Properties) {
  kullback_test::check_divergence_properties<weibull>(
      [](std::mt19937_64& rng) { return weibull(0.5 + 2.0 * uniform01(rng), 0.5 + 4.0 * uniform01(rng)); });
  // concentration 1 is exponential(1 / scale): KL(Exp(1) || Exp(1/2)) = log(1/2) + 2 - 1
  EXPECT_NEAR(kullback::kl(weibull(1, 1), weibull(2, 1)), std::log(2.0) - 0.5, 1e-15);
  EXPECT_EQ(error_of([] { weibull(1.0, 0.0); }), "kullback::weibull: concentration = 0, but must be > 0 and finite");
}

TEST(Logistic, Properties) {
  kullback_test::check_divergence_properties<logistic>(
      [](std::mt19937_64& rng) { return logistic(4.0 * uniform01(rng) - 2.0, 0.2 + 3.0 * uniform01(rng)); }, 50);
  // nearly equal: KL ~ (delta^2 / 2) Fisher information = delta^2 / 6 for a unit shift direction
  const double e = 1e-8;
  EXPECT_NEAR(kullback::kl(logistic(0, 1), logistic(e, 1)), e * e / 6.0, 1e-6 * e * e);
  EXPECT_EQ(error_of([] { logistic(0.0, nan); }), "kullback::logistic: scale = nan, but must be > 0 and finite");
}

}  // namespace
