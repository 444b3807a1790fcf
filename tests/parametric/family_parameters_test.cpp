// Construction checks of every parametric family: each invalid parameter is rejected with a
// message naming the family, the parameter and the value; boundary values that are valid pass.
#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "kullback/kullback.hpp"
#include "support/test_support.hpp"

namespace {

using kullback_test::error_of;
using kullback_test::inf;
using kullback_test::nan;

TEST(FamilyParameters, ScalesAndRatesMustBePositiveAndFinite) {
  EXPECT_EQ(error_of([] { (void)kullback::log_normal(0.0, 0.0); }), "kullback::log_normal: scale = 0, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::log_normal(inf, 1.0); }), "kullback::log_normal: loc = inf, but must be finite");
  EXPECT_EQ(error_of([] { (void)kullback::half_normal(-1.0); }), "kullback::half_normal: scale = -1, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::laplace(0.0, inf); }), "kullback::laplace: scale = inf, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::cauchy(nan, 1.0); }), "kullback::cauchy: loc = nan, but must be finite");
  EXPECT_EQ(error_of([] { (void)kullback::gumbel(0.0, nan); }), "kullback::gumbel: scale = nan, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::logistic(0.0, -2.0); }), "kullback::logistic: scale = -2, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::exponential(0.0); }), "kullback::exponential: rate = 0, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::gamma(-1.0, 1.0); }),
            "kullback::gamma: concentration = -1, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::gamma(1.0, 0.0); }), "kullback::gamma: rate = 0, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::inverse_gamma(1.0, inf); }),
            "kullback::inverse_gamma: rate = inf, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::chi_squared(0.0); }), "kullback::chi_squared: df = 0, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::beta(0.0, 1.0); }),
            "kullback::beta: concentration1 = 0, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::beta(1.0, nan); }),
            "kullback::beta: concentration0 = nan, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::pareto(0.0, 1.0); }), "kullback::pareto: scale = 0, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::pareto(1.0, -3.0); }), "kullback::pareto: alpha = -3, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::weibull(1.0, 0.0); }),
            "kullback::weibull: concentration = 0, but must be > 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::von_mises(0.0, -1.0); }),
            "kullback::von_mises: concentration = -1, but must be >= 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::poisson(-0.5); }), "kullback::poisson: rate = -0.5, but must be >= 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::negative_binomial(0.0, 0.5); }),
            "kullback::negative_binomial: total_count = 0, but must be > 0 and finite");
}

TEST(FamilyParameters, ProbabilitiesAndCounts) {
  EXPECT_EQ(error_of([] { (void)kullback::bernoulli(1.5); }), "kullback::bernoulli: probs = 1.5, but must be in [0, 1]");
  EXPECT_EQ(error_of([] { (void)kullback::bernoulli(nan); }), "kullback::bernoulli: probs = nan, but must be in [0, 1]");
  EXPECT_EQ(error_of([] { (void)kullback::continuous_bernoulli(0.0); }),
            "kullback::continuous_bernoulli: probs = 0, but must be in (0, 1)");
  EXPECT_EQ(error_of([] { (void)kullback::geometric(0.0); }), "kullback::geometric: probs = 0, but must be in (0, 1]");
  EXPECT_EQ(error_of([] { (void)kullback::negative_binomial(2.0, 1.0); }),
            "kullback::negative_binomial: probs = 1, but must be in [0, 1)");
  EXPECT_EQ(error_of([] { (void)kullback::binomial(2.5, 0.5); }),
            "kullback::binomial: total_count = 2.5, but must be a whole number >= 0");
  EXPECT_EQ(error_of([] { (void)kullback::binomial(-1.0, 0.5); }),
            "kullback::binomial: total_count = -1, but must be a whole number >= 0");
  EXPECT_EQ(error_of([] { (void)kullback::uniform(1.0, 1.0); }),
            "kullback::uniform: low = 1 and high = 1, but low must be < high");
  EXPECT_EQ(error_of([] { (void)kullback::uniform(-inf, 1.0); }), "kullback::uniform: low = -inf, but must be finite");
  // Valid boundaries.
  EXPECT_NO_THROW(kullback::bernoulli(0.0));
  EXPECT_NO_THROW(kullback::bernoulli(1.0));
  EXPECT_NO_THROW(kullback::geometric(1.0));
  EXPECT_NO_THROW(kullback::poisson(0.0));
  EXPECT_NO_THROW(kullback::binomial(0.0, 1.0));
  EXPECT_NO_THROW(kullback::negative_binomial(0.5, 0.0));
  EXPECT_NO_THROW(kullback::von_mises(3.0, 0.0));
}

TEST(FamilyParameters, CategoricalChecksTheSimplex) {
  EXPECT_EQ(error_of([] { (void)kullback::categorical(std::vector<double>{}); }), "kullback::categorical: probs is empty");
  EXPECT_EQ(error_of([] { (void)kullback::categorical(std::vector<double>{0.5, -0.1, 0.6}); }),
            "kullback::categorical: probs[1] = -0.1, but must be >= 0 and finite");
  EXPECT_EQ(error_of([] { (void)kullback::categorical(std::vector<double>{0.5, 0.6}); }),
            "kullback::categorical: probs sum to 1.1, but must sum to 1 within tolerance 1e-09 (set normalize to "
            "divide by the sum)");
  EXPECT_EQ(error_of([] { (void)kullback::categorical(std::vector<double>{0.0, 0.0}, {.normalize = true}); }),
            "kullback::categorical: probs sum to 0, so they cannot be normalized");
  EXPECT_EQ(error_of([] { (void)kullback::categorical(std::vector<double>{0.5, 0.5}, {.tolerance = -1.0}); }),
            "kullback::categorical: option tolerance = -1, but must be >= 0");
  const kullback::categorical c(std::vector<double>{1.0, 3.0}, {.normalize = true});
  EXPECT_EQ(c.probs()[0], 0.25);
  EXPECT_EQ(c.probs()[1], 0.75);
  EXPECT_EQ(c.log_probs()[0], std::log(0.25));
  EXPECT_NO_THROW(kullback::categorical(std::vector<double>{0.5, 0.6}, {.tolerance = 0.2}));

  EXPECT_EQ(error_of([] { (void)kullback::categorical::from_logits(std::vector<double>{0.0, nan}); }),
            "kullback::categorical::from_logits: logits[1] = nan, but must be finite or -inf");
  EXPECT_EQ(error_of([] { (void)kullback::categorical::from_logits(std::vector<double>{-inf, -inf}); }),
            "kullback::categorical::from_logits: every logit is -inf, so there is no distribution");
  // Huge logits: log-softmax stays exact, no overflow.
  const auto big = kullback::categorical::from_logits(std::vector<double>{1000.0, 1000.0, -inf});
  EXPECT_EQ(big.log_probs()[0], -std::log(2.0));
  EXPECT_EQ(big.probs()[1], 0.5);
  EXPECT_EQ(big.probs()[2], 0.0);
  const auto hot = kullback::one_hot_categorical::from_logits(std::vector<double>{0.0, 0.0});
  EXPECT_EQ(hot.base().probs()[0], 0.5);
}

TEST(FamilyParameters, DirichletNamesTheIndex) {
  EXPECT_EQ(error_of([] { (void)kullback::dirichlet(std::vector<double>{1.0}); }),
            "kullback::dirichlet: concentration has 1 entries, but needs at least 2");
  EXPECT_EQ(error_of([] { (void)kullback::dirichlet(std::vector<double>{1.0, 2.0, 0.0}); }),
            "kullback::dirichlet: concentration[2] = 0, but must be > 0 and finite");
  const kullback::dirichlet d(std::vector<double>{0.5, 2.0});
  EXPECT_EQ(d.size(), 2u);
}

}  // namespace
