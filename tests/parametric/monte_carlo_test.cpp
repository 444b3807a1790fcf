// kullback/parametric/monte_carlo.hpp and gaussian_density.hpp: log-densities and sampling of the
// Gaussian families, and kl_monte_carlo against the closed forms: agreement within a few standard
// errors, the standard error itself, reproducibility for any thread count, and bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "kullback/kullback.hpp"
#include "support/test_support.hpp"

namespace {

using kullback::kl_monte_carlo;
using kullback::normal;
using kullback::rng;
using mvn = kullback::multivariate_normal;
using kullback_test::bits;
using kullback_test::close_rel;
using kullback_test::error_of;
using kullback_test::inf;
using kullback_test::thread_count_guard;
using kullback_test::uniform01;

mvn make_mvn(std::vector<double> mean, std::vector<double> cov) {
  const std::size_t d = mean.size();
  return mvn::from_covariance(mean, {cov.data(), d, d});
}

// ---- densities and sampling ---------------------------------------------------------------------

TEST(GaussianDensity, NormalLogDensity) {
  const normal p(1.5, 0.5);
  // N(2; 1.5, 0.25) = exp(-1/2) / (0.5 sqrt(2 pi))
  EXPECT_TRUE(close_rel(kullback::log_density(p, 2.0), -0.5 - std::log(0.5 * std::sqrt(2 * M_PI)), 1e-15));
  EXPECT_EQ(kullback::log_density(p, inf), -inf);
}

TEST(GaussianDensity, MultivariateLogDensityMatchesProductForDiagonal) {
  const std::vector<double> mean{1.0, -2.0, 0.5}, var{0.25, 4.0, 1.0}, x{0.3, 1.0, 0.5};
  const mvn p = mvn::diagonal(mean, var);
  double expected = 0;
  for (int i = 0; i < 3; ++i) expected += kullback::log_density(normal(mean[i], std::sqrt(var[i])), x[i]);
  EXPECT_TRUE(close_rel(kullback::log_density(p, x), expected, 1e-14));
}

TEST(GaussianDensity, MultivariateLogDensityCorrelated) {
  // Sigma = [[2, 1], [1, 2]]: det 3, Sigma^-1 = [[2, -1], [-1, 2]] / 3
  const mvn p = make_mvn({0.0, 0.0}, {2, 1, 1, 2});
  const std::vector<double> x{1.0, -1.0};
  const double quad = (2 * 1 + 2 * 1 + 2 * 1) / 3.0;  // x^T Sigma^-1 x = (2 + 2 + 2) / 3
  EXPECT_TRUE(close_rel(kullback::log_density(p, x), -0.5 * quad - 0.5 * std::log(3.0) - std::log(2 * M_PI), 1e-14));
}

TEST(GaussianDensity, SamplingMoments) {
  rng g(11);
  const normal p(2.0, 3.0);
  const int n = 200'000;
  double s = 0, s2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = kullback::sample(p, g);
    s += x, s2 += x * x;
  }
  EXPECT_NEAR(s / n, 2.0, 5 * 3.0 / std::sqrt(n));
  EXPECT_NEAR(s2 / n - (s / n) * (s / n), 9.0, 5 * 9.0 * std::sqrt(2.0 / n));

  const mvn q = make_mvn({1.0, -1.0}, {2, 1, 1, 2});
  double m0 = 0, m1 = 0, c00 = 0, c01 = 0, c11 = 0;
  std::vector<double> x(2);
  for (int i = 0; i < n; ++i) {
    kullback::sample(q, g, x);
    m0 += x[0], m1 += x[1];
    c00 += (x[0] - 1) * (x[0] - 1), c01 += (x[0] - 1) * (x[1] + 1), c11 += (x[1] + 1) * (x[1] + 1);
  }
  EXPECT_NEAR(m0 / n, 1.0, 0.02);
  EXPECT_NEAR(m1 / n, -1.0, 0.02);
  EXPECT_NEAR(c00 / n, 2.0, 0.04);
  EXPECT_NEAR(c01 / n, 1.0, 0.04);
  EXPECT_NEAR(c11 / n, 2.0, 0.04);
}

TEST(GaussianDensity, BadSizes) {
  const mvn p = make_mvn({0.0, 0.0}, {1, 0, 0, 1});
  const std::vector<double> three(3);
  std::vector<double> one(1);
  rng g(0);
  EXPECT_EQ(error_of([&] { kullback::log_density(p, three); }),
            "kullback::log_density: x.size() = 3, but must equal dim() = 2");
  EXPECT_EQ(error_of([&] { kullback::sample(p, g, one); }),
            "kullback::sample: out.size() = 1, but must equal dim() = 2");
}

// ---- Monte Carlo --------------------------------------------------------------------------------

TEST(MonteCarlo, NormalPairsWithinAFewStandardErrors) {
  std::mt19937_64 r(5);
  for (int i = 0; i < 20; ++i) {
    const normal p(4 * uniform01(r) - 2, 0.3 + 2 * uniform01(r)), q(4 * uniform01(r) - 2, 0.3 + 2 * uniform01(r));
    const auto result = kl_monte_carlo(p, q, 50'000, 100 + i);
    const double exact = kullback::kl(p, q);
    EXPECT_EQ(result.samples, 50'000u);
    EXPECT_EQ(result.seed, 100u + i);
    EXPECT_GT(result.standard_error, 0.0);
    EXPECT_LT(std::fabs(result.value - exact), 4.5 * result.standard_error) << i;
  }
}

TEST(MonteCarlo, MultivariatePairWithinAFewStandardErrors) {
  const mvn p = make_mvn({0.0, 1.0, -0.5}, {2, 0.5, 0.1, 0.5, 1, 0.2, 0.1, 0.2, 0.5});
  const mvn q = make_mvn({0.5, 0.0, 0.0}, {1, -0.3, 0, -0.3, 2, 0.4, 0, 0.4, 1});
  const auto result = kl_monte_carlo(p, q, 100'000, 9);
  EXPECT_LT(std::fabs(result.value - kullback::kl(p, q)), 4.5 * result.standard_error);
  EXPECT_LT(result.standard_error, 0.01);
}

TEST(MonteCarlo, StandardErrorEqualsSpreadOfEstimates) {
  // 400 independent estimates of n = 500 draws: their standard deviation is what the standard
  // error claims to be (the ratio's own sampling error is ~1/sqrt(2 * 400) = 3.5%).
  const normal p(0.0, 1.0), q(1.0, 1.5);
  const int runs = 400;
  double s = 0, s2 = 0, se = 0;
  for (int i = 0; i < runs; ++i) {
    const auto r = kl_monte_carlo(p, q, 500, 1000 + i);
    s += r.value, s2 += r.value * r.value, se += r.standard_error;
  }
  const double spread = std::sqrt((s2 - s * s / runs) / (runs - 1));
  EXPECT_NEAR(spread / (se / runs), 1.0, 0.15);
  // and the mean of the estimates is unbiased
  EXPECT_NEAR(s / runs, kullback::kl(p, q), 4 * spread / std::sqrt(runs));
}

TEST(MonteCarlo, FirstBlockIsTheDocumentedDraws) {
  // samples <= 4096: one block drawn with rng(seed, 0); value and standard error are the sample
  // mean and sqrt(sample variance / n) of the log-ratios, recomputed here in long double.
  const normal p(0.3, 0.8), q(-0.2, 1.7);
  const std::size_t n = 3000;
  rng g(77, 0);
  std::vector<long double> t(n);
  long double mean = 0;
  for (auto& v : t) {
    const double x = kullback::sample(p, g);
    v = kullback::log_density(p, x) - kullback::log_density(q, x);
    mean += v;
  }
  mean /= n;
  long double m2 = 0;
  for (auto v : t) m2 += (v - mean) * (v - mean);
  const auto r = kl_monte_carlo(p, q, n, 77);
  EXPECT_TRUE(close_rel(r.value, static_cast<double>(mean), 1e-13));
  EXPECT_TRUE(close_rel(r.standard_error, static_cast<double>(std::sqrt(m2 / (n - 1) / n)), 1e-12));
}

TEST(MonteCarlo, BlocksMergeToTheOverallMoments) {
  // 3 blocks (4096 + 4096 + 808 draws), block b drawn with rng(seed, b): the merged value and
  // standard error equal the mean and standard error of all the log-ratios, here in long double.
  const normal p(1.0, 0.6), q(0.0, 1.3);
  const std::size_t n = 9000, block = 4096;
  std::vector<long double> t;
  for (std::uint64_t b = 0; b * block < n; ++b) {
    rng g(31, b);
    for (std::size_t i = b * block; i < std::min(n, (b + 1) * block); ++i) {
      const double x = kullback::sample(p, g);
      t.push_back(static_cast<long double>(kullback::log_density(p, x)) - kullback::log_density(q, x));
    }
  }
  long double mean = 0, m2 = 0;
  for (auto v : t) mean += v;
  mean /= n;
  for (auto v : t) m2 += (v - mean) * (v - mean);
  const auto r = kl_monte_carlo(p, q, n, 31);
  EXPECT_TRUE(close_rel(r.value, static_cast<double>(mean), 1e-13));
  EXPECT_TRUE(close_rel(r.standard_error, static_cast<double>(std::sqrt(m2 / (n - 1) / n)), 1e-12));
}

TEST(MonteCarlo, SameResultForAnyThreadCount) {
  thread_count_guard guard;
  const normal p(0.0, 1.0), q(0.5, 2.0);
  const mvn a = make_mvn({0.0, 0.0}, {1, 0.5, 0.5, 1}), b = make_mvn({1.0, 0.0}, {2, 0, 0, 1});
  kullback::set_num_threads(1);
  const auto r1 = kl_monte_carlo(p, q, 100'003, 5);
  const auto m1 = kl_monte_carlo(a, b, 50'001, 6);
  for (int threads : {2, 3, 4, 7, 16}) {
    kullback::set_num_threads(threads);
    const auto r = kl_monte_carlo(p, q, 100'003, 5);
    EXPECT_EQ(bits(r.value), bits(r1.value)) << threads;
    EXPECT_EQ(bits(r.standard_error), bits(r1.standard_error)) << threads;
    const auto m = kl_monte_carlo(a, b, 50'001, 6);
    EXPECT_EQ(bits(m.value), bits(m1.value)) << threads;
    EXPECT_EQ(bits(m.standard_error), bits(m1.standard_error)) << threads;
  }
  // and a different seed gives a different estimate
  EXPECT_NE(kl_monte_carlo(p, q, 100'003, 6).value, r1.value);
}

TEST(MonteCarlo, BadInput) {
  const normal p(0.0, 1.0);
  EXPECT_EQ(error_of([&] { kl_monte_carlo(p, p, 1, 0); }), "kullback::kl_monte_carlo: samples = 1, but must be >= 2");
  EXPECT_EQ(error_of([&] { kl_monte_carlo(p, p, 0, 0); }), "kullback::kl_monte_carlo: samples = 0, but must be >= 2");
  const mvn a = make_mvn({0.0, 0.0}, {1, 0, 0, 1}), b = make_mvn({0.0}, {1});
  EXPECT_EQ(error_of([&] { kl_monte_carlo(a, b, 10, 0); }),
            "kullback::kl_monte_carlo: p.dim() = 2 and q.dim() = 1, but they must be equal");
}

// Any type with log_density and sample qualifies, not only the Gaussians: U(lo, hi) here.
struct test_uniform {
  double lo, hi;
};
double log_density(const test_uniform& u, double x) {
  return x >= u.lo && x < u.hi ? -std::log(u.hi - u.lo) : -inf;
}
double sample(const test_uniform& u, rng& g) { return u.lo + (u.hi - u.lo) * g.uniform01(); }

static_assert(kullback::scalar_sampling<test_uniform>);
static_assert(kullback::scalar_sampling<normal>);
static_assert(kullback::vector_sampling<mvn>);
static_assert(!kullback::vector_sampling<normal>);
static_assert(!kullback::scalar_sampling<mvn>);

TEST(MonteCarlo, AnyTypeWithDensityAndSampling) {
  // KL(U(0,1) || U(0,2)) = log 2 with a constant log-ratio: standard error exactly 0.
  const auto r = kl_monte_carlo(test_uniform{0, 1}, test_uniform{0, 2}, 1000, 1);
  EXPECT_TRUE(close_rel(r.value, std::log(2.0), 1e-15));
  EXPECT_EQ(r.standard_error, 0.0);
  // q vanishes on part of p's support: +inf, with an infinite error.
  const auto s = kl_monte_carlo(test_uniform{0, 2}, test_uniform{0, 1}, 1000, 1);
  EXPECT_EQ(s.value, inf);
  EXPECT_EQ(s.standard_error, inf);
}

}  // namespace
