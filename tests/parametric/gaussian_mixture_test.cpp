// kullback/parametric/gaussian_mixture.hpp: construction checks, log-density and sampling, and the
// KL approximations and bounds: against the mpmath reference in
// tests/data/gaussian_mixture_reference.tsv (scripts/gaussian_mixture_reference.py), against the
// closed forms for one-component mixtures, and lower <= KL <= upper against Monte Carlo in 2-D.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "kullback/kullback.hpp"
#include "support/test_support.hpp"

#ifndef KULLBACK_TEST_DATA_DIR
#error "KULLBACK_TEST_DATA_DIR must be defined"
#endif

namespace {

using kullback::gaussian_mixture;
using kullback::normal;
using kullback::rng;
using mvn = kullback::multivariate_normal;
using kullback_test::bits;
using kullback_test::close_rel;
using kullback_test::error_of;
using kullback_test::inf;
using kullback_test::nan;
using kullback_test::thread_count_guard;
using kullback_test::uniform01;

mvn make_mvn(std::vector<double> mean, std::vector<double> cov) {
  const std::size_t d = mean.size();
  return mvn::from_covariance(mean, {cov.data(), d, d});
}

gaussian_mixture mixture_1d(std::vector<double> w, std::vector<double> m, std::vector<double> s) {
  std::vector<normal> c;
  for (std::size_t i = 0; i < m.size(); ++i) c.emplace_back(m[i], s[i]);
  return {w, c};
}

// ---- construction -----------------------------------------------------------------------------

TEST(GaussianMixture, RejectsBadParameters) {
  const std::vector<normal> two{normal(0, 1), normal(1, 1)};
  const auto make = [&](std::vector<double> w) { return gaussian_mixture(w, two); };
  EXPECT_EQ(error_of([&] { make({1.0}); }),
            "kullback::gaussian_mixture: weights.size() = 1 and components.size() = 2, but they must be equal");
  EXPECT_EQ(error_of([&] { make({1.1, -0.1}); }),
            "kullback::gaussian_mixture: weights[1] = -0.1, but must be >= 0 and finite");
  EXPECT_EQ(error_of([&] { make({nan, 1.0}); }),
            "kullback::gaussian_mixture: weights[0] = nan, but must be >= 0 and finite");
  EXPECT_EQ(error_of([&] { make({inf, 1.0}); }),
            "kullback::gaussian_mixture: weights[0] = inf, but must be >= 0 and finite");
  EXPECT_EQ(error_of([&] { make({0.5, 0.6}); }),
            "kullback::gaussian_mixture: weights sum to 1.1, but must sum to 1 within tolerance 1e-09");
  EXPECT_EQ(error_of([] { gaussian_mixture(std::vector<double>{}, std::vector<normal>{}); }),
            "kullback::gaussian_mixture: weights is empty");
  EXPECT_NO_THROW(make({0.5, 0.5 + 1e-10}));  // within the tolerance
  const std::vector<mvn> mixed_dims{make_mvn({0, 0}, {1, 0, 0, 1}), make_mvn({0}, {1})};
  EXPECT_EQ(error_of([&] { gaussian_mixture(std::vector<double>{0.5, 0.5}, mixed_dims); }),
            "kullback::gaussian_mixture: components[1].dim() = 1, but components[0].dim() = 2 and all must be equal");
}

TEST(GaussianMixture, RejectsMismatchedPairs) {
  const gaussian_mixture a = mixture_1d({1.0}, {0.0}, {1.0});
  const std::vector<mvn> one{make_mvn({0}, {1})}, two{make_mvn({0, 0}, {1, 0, 0, 1})};
  const gaussian_mixture b(std::vector<double>{1.0}, one), c(std::vector<double>{1.0}, two);
  EXPECT_EQ(error_of([&] { kullback::kl_variational(a, b); }),
            "kullback::kl_variational: p has normal components and q has multivariate_normal components, but they "
            "must be of the same kind");
  EXPECT_EQ(error_of([&] { kullback::kl_upper_bound(b, c); }),
            "kullback::kl_upper_bound: p.dim() = 1 and q.dim() = 2, but they must be equal");
  EXPECT_EQ(error_of([&] { kullback::kl_monte_carlo(b, c, 10, 0); }),
            "kullback::kl_monte_carlo: p.dim() = 1 and q.dim() = 2, but they must be equal");
  const std::vector<double> x(2);
  EXPECT_EQ(error_of([&] { kullback::log_density(a, x); }),
            "kullback::log_density: x.size() = 2, but must equal dim() = 1");
}

// ---- density and sampling ---------------------------------------------------------------------

TEST(GaussianMixture, LogDensity) {
  const gaussian_mixture f = mixture_1d({0.3, 0.7}, {-1.0, 2.0}, {0.5, 1.5});
  for (double x : {-3.0, -1.0, 0.0, 0.7, 2.0, 5.0}) {
    const double expected = std::log(0.3 * std::exp(kullback::log_density(normal(-1, 0.5), x)) +
                                     0.7 * std::exp(kullback::log_density(normal(2, 1.5), x)));
    EXPECT_TRUE(close_rel(kullback::log_density(f, std::vector<double>{x}), expected, 1e-14)) << x;
  }
  // Far in the tail every component density underflows, the log-sum-exp does not:
  // at x = 1000 the wide component dominates.
  const double far = kullback::log_density(f, std::vector<double>{1000.0});
  EXPECT_TRUE(close_rel(far, std::log(0.7) + kullback::log_density(normal(2, 1.5), 1000.0), 1e-14));
  // A zero-weight component does not count.
  const gaussian_mixture g = mixture_1d({0.0, 1.0}, {5.0, 0.0}, {1.0, 1.0});
  EXPECT_EQ(kullback::log_density(g, std::vector<double>{5.0}), kullback::log_density(normal(0, 1), 5.0));
}

TEST(GaussianMixture, SamplingMoments) {
  const gaussian_mixture f = mixture_1d({0.3, 0.0, 0.7}, {-1.0, 100.0, 2.0}, {0.5, 1.0, 1.5});
  // mean = 0.3 (-1) + 0.7 (2) = 1.1; E x^2 = 0.3 (1 + 0.25) + 0.7 (4 + 2.25)
  const double mean = 1.1, var = 0.3 * 1.25 + 0.7 * 6.25 - 1.1 * 1.1;
  rng g(8);
  const int n = 200'000;
  double s = 0, s2 = 0, max = -inf;
  std::vector<double> x(1);
  for (int i = 0; i < n; ++i) {
    kullback::sample(f, g, x);
    s += x[0], s2 += x[0] * x[0], max = std::max(max, x[0]);
  }
  EXPECT_NEAR(s / n, mean, 5 * std::sqrt(var / n));
  EXPECT_NEAR(s2 / n - (s / n) * (s / n), var, 0.05);
  EXPECT_LT(max, 50.0);  // the weight-0 component at 100 is never drawn
}

// ---- one component: the closed forms ----------------------------------------------------------

TEST(GaussianMixture, OneComponentEqualsClosedForm) {
  std::mt19937_64 r(3);
  for (int i = 0; i < 30; ++i) {
    const normal a(4 * uniform01(r) - 2, 0.3 + 2 * uniform01(r)), b(4 * uniform01(r) - 2, 0.3 + 2 * uniform01(r));
    const std::vector<double> one{1.0};
    const gaussian_mixture p(one, std::vector<normal>{a}), q(one, std::vector<normal>{b});
    const double kl = kullback::kl(a, b);
    EXPECT_TRUE(close_rel(kullback::kl_variational(p, q), kl, 1e-15));
    EXPECT_TRUE(close_rel(kullback::kl_upper_bound(p, q), kl, 1e-15));
    EXPECT_LE(kullback::kl_lower_bound(p, q), kl);
    const auto mc = kullback::kl_monte_carlo(p, q, 20'000, i);
    EXPECT_LT(std::fabs(mc.value - kl), 4.5 * mc.standard_error);
  }
  const mvn a = make_mvn({0.0, 1.0}, {2, 0.5, 0.5, 1}), b = make_mvn({1.0, 0.0}, {1, -0.2, -0.2, 3});
  const gaussian_mixture p(std::vector<double>{1.0}, std::vector<mvn>{a}), q(std::vector<double>{1.0}, std::vector<mvn>{b});
  EXPECT_TRUE(close_rel(kullback::kl_variational(p, q), kullback::kl(a, b), 1e-15));
  EXPECT_TRUE(close_rel(kullback::kl_upper_bound(p, q), kullback::kl(a, b), 1e-15));
  EXPECT_LE(kullback::kl_lower_bound(p, q), kullback::kl(a, b));
}

TEST(GaussianMixture, SelfDivergence) {
  const gaussian_mixture f = mixture_1d({0.2, 0.5, 0.3}, {-1.0, 0.5, 3.0}, {0.5, 1.0, 2.0});
  EXPECT_EQ(kullback::kl_variational(f, f), 0.0);
  EXPECT_EQ(kullback::kl_lower_bound(f, f), 0.0);
  const double upper = kullback::kl_upper_bound(f, f);
  EXPECT_GE(upper, 0.0);
  EXPECT_EQ(kullback::kl_monte_carlo(f, f, 1000, 1).value, 0.0);
  EXPECT_LT(upper, 1e-15);  // the alternating minimisation reaches the identity coupling
  // The same mixture with its components in another order: every value is (nearly) 0, none < 0.
  const gaussian_mixture g = mixture_1d({0.5, 0.5}, {-10.0, 10.0}, {1.0, 1.0}),
                         h = mixture_1d({0.5, 0.5}, {10.0, -10.0}, {1.0, 1.0});
  EXPECT_EQ(kullback::kl_lower_bound(g, h), 0.0);
  const double permuted = kullback::kl_upper_bound(g, h);
  EXPECT_GE(permuted, 0.0);
  EXPECT_LT(permuted, 1e-15);
  EXPECT_LT(std::fabs(kullback::kl_variational(g, h)), 1e-15);
}

// ---- the mpmath reference ---------------------------------------------------------------------

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  return out;
}

std::vector<double> numbers(const std::string& s) {
  std::vector<double> out;
  for (const auto& x : split(s, ',')) out.push_back(std::strtod(x.c_str(), nullptr));
  return out;
}

gaussian_mixture parse(const std::string& field) {
  const auto f = split(field, ';');
  return mixture_1d(numbers(f[0]), numbers(f[1]), numbers(f[2]));
}

double relative_error(double got, double want) {
  return got == want ? 0.0 : std::fabs(got - want) / std::fabs(want);
}

TEST(GaussianMixture, AgainstMpmathReference) {
  const std::string path = std::string(KULLBACK_TEST_DATA_DIR) + "/gaussian_mixture_reference.tsv";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::string line;
  int rows = 0;
  double worst_variational = 0, worst_lower = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line, '\t');
    ASSERT_EQ(f.size(), 7u) << line;
    ++rows;
    const gaussian_mixture p = parse(f[1]), q = parse(f[2]);
    const double kl = std::strtod(f[3].c_str(), nullptr), variational = std::strtod(f[4].c_str(), nullptr),
                 lower_dtk = std::strtod(f[5].c_str(), nullptr), upper_dtk = std::strtod(f[6].c_str(), nullptr);
    // The approximations are sums of O(1) log-terms: relative 1e-12, or 1e-15 absolute where the
    // value itself is tiny (nearly equal mixtures; see docs/mixtures.md).
    const double v = kullback::kl_variational(p, q);
    EXPECT_TRUE(close_rel(v, variational, 1e-12, 1e-15)) << f[0];
    if (std::fabs(variational) > 1e-6) worst_variational = std::max(worst_variational, relative_error(v, variational));
    const double lower = kullback::kl_lower_bound(p, q);
    EXPECT_TRUE(close_rel(lower, std::max(0.0, lower_dtk), 1e-12, 1e-15)) << f[0];
    if (lower_dtk > 1e-6) worst_lower = std::max(worst_lower, relative_error(lower, lower_dtk));
    const double upper = kullback::kl_upper_bound(p, q);
    EXPECT_LE(upper, upper_dtk * (1 + 1e-12) + 1e-15) << f[0];  // never worse than the DTK bound
    // lower <= KL <= upper, with the true KL from quadrature
    EXPECT_LE(lower, kl * (1 + 1e-12) + 1e-15) << f[0];
    EXPECT_GE(upper, kl * (1 - 1e-12) - 1e-15) << f[0];
    // Monte Carlo within a few standard errors
    // Well separated components: Hershey-Olsen's bound (and the variational value) become exact.
    if (f[0] == "far_apart") {
      EXPECT_TRUE(close_rel(upper, kl, 1e-12));
      EXPECT_TRUE(close_rel(v, kl, 1e-12));
    }
    const auto mc = kullback::kl_monte_carlo(p, q, 40'000, 17);
    EXPECT_LE(std::fabs(mc.value - kl), 4.5 * mc.standard_error + 1e-15) << f[0];
  }
  EXPECT_GE(rows, 20);
  std::printf("gaussian_mixture_reference: %d rows, worst relative error: variational %.2e, lower bound %.2e\n",
              rows, worst_variational, worst_lower);
}

// ---- bounds in 2-D against a long Monte Carlo run ---------------------------------------------

gaussian_mixture random_mixture_2d(std::mt19937_64& r, std::size_t k) {
  std::vector<double> w(k);
  std::vector<mvn> c;
  double total = 0;
  for (double& x : w) total += (x = 0.1 + uniform01(r));
  for (double& x : w) x /= total;
  for (std::size_t i = 0; i < k; ++i) {
    const double s0 = 0.3 + uniform01(r), s1 = 0.3 + uniform01(r), rho = 1.8 * uniform01(r) - 0.9;
    c.push_back(make_mvn({4 * uniform01(r) - 2, 4 * uniform01(r) - 2}, {s0 * s0, rho * s0 * s1, rho * s0 * s1, s1 * s1}));
  }
  return {w, c};
}

TEST(GaussianMixture, BoundsBracketMonteCarloIn2D) {
  std::mt19937_64 r(21);
  for (int i = 0; i < 8; ++i) {
    const gaussian_mixture p = random_mixture_2d(r, 1 + i % 4), q = random_mixture_2d(r, 1 + (i + 2) % 3);
    const auto mc = kullback::kl_monte_carlo(p, q, 200'000, 3);
    const double lower = kullback::kl_lower_bound(p, q), upper = kullback::kl_upper_bound(p, q);
    EXPECT_LE(lower, upper) << i;
    EXPECT_LE(lower, mc.value + 4.5 * mc.standard_error) << i;
    EXPECT_GE(upper, mc.value - 4.5 * mc.standard_error) << i;
  }
}

TEST(GaussianMixture, MonteCarloSameForAnyThreadCount) {
  thread_count_guard guard;
  std::mt19937_64 r(4);
  const gaussian_mixture p = random_mixture_2d(r, 3), q = random_mixture_2d(r, 2);
  kullback::set_num_threads(1);
  const auto one = kullback::kl_monte_carlo(p, q, 30'000, 8);
  for (int threads : {2, 5, 8}) {
    kullback::set_num_threads(threads);
    const auto many = kullback::kl_monte_carlo(p, q, 30'000, 8);
    EXPECT_EQ(bits(many.value), bits(one.value)) << threads;
    EXPECT_EQ(bits(many.standard_error), bits(one.standard_error)) << threads;
  }
}

}  // namespace
