// Properties and bad input of the exponential-family closed forms (gamma.hpp and the families
// built on it, beta.hpp, dirichlet.hpp, log_normal.hpp, half_normal.hpp,
// continuous_bernoulli.hpp, von_mises.hpp). Accuracy against mpmath is in
// exponential_family_accuracy_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "kullback/kullback.hpp"

namespace {

using kullback::beta;
using kullback::chi_squared;
using kullback::continuous_bernoulli;
using kullback::dirichlet;
using kullback::exponential;
using kullback::gamma;
using kullback::half_normal;
using kullback::inverse_gamma;
using kullback::log_normal;
using kullback::von_mises;

constexpr double inf = std::numeric_limits<double>::infinity();

dirichlet dir(std::vector<double> a) { return dirichlet(a); }

// Every property for one ordered pair (p != q) of one family.
template <class P, class Q>
void check_properties(const P& p, const Q& q, bool symmetric_parameters = true) {
  SCOPED_TRACE(std::string(P::family_name) + " / " + Q::family_name);
  // D(p, p) = 0 exactly, C(p, p) = 1.
  EXPECT_EQ(kullback::kl(p, p), 0.0);
  EXPECT_EQ(kullback::jeffreys(p, p), 0.0);
  EXPECT_EQ(kullback::renyi(p, p, 0.3), 0.0);
  EXPECT_EQ(kullback::renyi(p, p, 3.0), 0.0);
  EXPECT_EQ(kullback::bhattacharyya(p, p), 0.0);
  EXPECT_EQ(kullback::hellinger(p, p), 0.0);
  EXPECT_EQ(kullback::chernoff_coefficient(p, p, 0.3), 1.0);
  // Non-negativity and the ranges.
  const double kl = kullback::kl(p, q);
  EXPECT_GT(kl, 0.0);
  EXPECT_GT(kullback::renyi(p, q, 0.5), 0.0);
  const double h = kullback::hellinger(p, q);
  EXPECT_GT(h, 0.0);
  EXPECT_LE(h, 1.0);
  const double c = kullback::chernoff_coefficient(p, q, 0.4);
  EXPECT_GT(c, 0.0);
  EXPECT_LE(c, 1.0);  // == 1 in double for p and q 1e-9 apart
  // Jeffreys = KL(p||q) + KL(q||p); bhattacharyya = D_1/2 / 2; hellinger^2 = 1 - C_1/2.
  EXPECT_NEAR(kullback::jeffreys(p, q), kl + kullback::kl(q, p), 1e-13 * (kl + kullback::kl(q, p)));
  EXPECT_NEAR(kullback::bhattacharyya(p, q), 0.5 * kullback::renyi(p, q, 0.5), 1e-14 * kl + 1e-300);
  EXPECT_NEAR(h * h, 1.0 - kullback::chernoff_coefficient(p, q, 0.5), 1e-14);
  // Symmetric measures.
  if (symmetric_parameters) {
    EXPECT_NEAR(kullback::bhattacharyya(p, q), kullback::bhattacharyya(q, p), 1e-14 * kullback::bhattacharyya(p, q));
    EXPECT_NEAR(kullback::jeffreys(p, q), kullback::jeffreys(q, p), 1e-14 * kullback::jeffreys(p, q));
  }
  // Renyi is non-decreasing in alpha, tends to KL as alpha -> 1 and is KL at 1; alpha = 0 gives 0.
  double previous = 0.0;
  for (double a : {0.1, 0.3, 0.5, 0.9, 0.99}) {
    const double d = kullback::renyi(p, q, a);
    EXPECT_GE(d, previous * (1 - 1e-13)) << a;
    previous = d;
  }
  EXPECT_EQ(kullback::renyi(p, q, 1.0), kl);
  EXPECT_EQ(kullback::renyi(p, q, 0.0), 0.0);
  const double below = kullback::renyi(p, q, 1.0 - 1e-7), above = kullback::renyi(p, q, 1.0 + 1e-7);
  EXPECT_LE(below, kl);
  EXPECT_GE(above, kl);
  EXPECT_NEAR(0.5 * (below + above), kl, 1e-8 * kl);  // the first-order terms cancel
  // (1 - a) D_a(p||q) = a D_(1-a)(q||p) (skew symmetry of the Chernoff coefficient).
  EXPECT_NEAR(0.7 * kullback::renyi(p, q, 0.3), 0.3 * kullback::renyi(q, p, 0.7), 1e-13 * kullback::renyi(p, q, 0.3));
  // Registered: the registry gives the same values.
  EXPECT_EQ(kullback::registry().evaluate(kullback::measure::kl, p, q), kl);
  EXPECT_EQ(kullback::registry().evaluate(kullback::measure::renyi, p, q, 0.5), kullback::renyi(p, q, 0.5));
  EXPECT_EQ(kullback::registry().evaluate(kullback::measure::hellinger, p, q), h);
}

TEST(ExponentialFamilies, Properties) {
  check_properties(gamma(2.5, 1.5), gamma(0.7, 0.3));
  check_properties(exponential(0.5), exponential(4.0));
  check_properties(chi_squared(3.0), chi_squared(7.5));
  check_properties(gamma(2.5, 1.5), exponential(0.3), false);
  check_properties(exponential(0.3), gamma(2.5, 1.5), false);
  check_properties(chi_squared(3.0), gamma(2.5, 1.5), false);
  check_properties(gamma(2.5, 1.5), chi_squared(3.0), false);
  check_properties(chi_squared(3.0), exponential(2.0), false);
  check_properties(exponential(2.0), chi_squared(3.0), false);
  check_properties(inverse_gamma(3.0, 2.0), inverse_gamma(1.5, 4.0));
  check_properties(beta(2.0, 5.0), beta(0.5, 0.5));
  check_properties(dir({1.0, 2.0, 3.0}), dir({0.3, 4.0, 1.5}));
  check_properties(log_normal(0.3, 1.2), log_normal(-1.0, 0.5));
  check_properties(half_normal(0.7), half_normal(2.5));
  check_properties(continuous_bernoulli(0.3), continuous_bernoulli(0.9));
  check_properties(continuous_bernoulli(0.5), continuous_bernoulli(0.5 + 1e-9));
  check_properties(von_mises(0.3, 2.0), von_mises(-2.5, 40.0));
  check_properties(von_mises(0.3, 0.0), von_mises(1.0, 1000.0));
}

TEST(ExponentialFamilies, EquivalentFamiliesAgree) {
  // Exp(r) = Gamma(1, r), Chi2(k) = Gamma(k/2, 1/2), InverseGamma(a, b) ~ Gamma(a, b) of 1/x,
  // Beta(a, b) = Dirichlet(a, b).
  EXPECT_EQ(kullback::kl(exponential(2.0), exponential(0.5)), kullback::kl(gamma(1.0, 2.0), gamma(1.0, 0.5)));
  EXPECT_EQ(kullback::renyi(chi_squared(3.0), exponential(0.5), 2.0),
            kullback::renyi(gamma(1.5, 0.5), gamma(1.0, 0.5), 2.0));
  EXPECT_EQ(kullback::hellinger(inverse_gamma(3.0, 2.0), inverse_gamma(1.5, 4.0)),
            kullback::hellinger(gamma(3.0, 2.0), gamma(1.5, 4.0)));
  EXPECT_EQ(kullback::kl(beta(2.0, 5.0), beta(0.5, 0.5)), kullback::kl(dir({2.0, 5.0}), dir({0.5, 0.5})));
  EXPECT_EQ(kullback::kl(log_normal(0.3, 1.2), log_normal(-1.0, 0.5)),
            kullback::kl(kullback::normal(0.3, 1.2), kullback::normal(-1.0, 0.5)));
  EXPECT_EQ(kullback::kl(half_normal(0.7), half_normal(2.5)),
            kullback::kl(kullback::normal(0, 0.7), kullback::normal(0, 2.5)));
  // Chi2(2) = Exp(1/2) exactly.
  EXPECT_EQ(kullback::kl(chi_squared(2.0), exponential(0.5)), 0.0);
  // von Mises with concentration 0 is uniform whatever the location.
  EXPECT_EQ(kullback::kl(von_mises(0.3, 0.0), von_mises(-2.0, 0.0)), 0.0);
  // Rotation invariance.
  EXPECT_NEAR(kullback::kl(von_mises(0.3, 2.0), von_mises(1.3, 5.0)),
              kullback::kl(von_mises(-1.0, 2.0), von_mises(0.0, 5.0)), 1e-14);
}

TEST(ExponentialFamilies, KnownValues) {
  // KL(Exp(l1)||Exp(l2)) = log(l1/l2) + l2/l1 - 1.
  EXPECT_NEAR(kullback::kl(exponential(2.0), exponential(0.5)), std::log(4.0) + 0.25 - 1.0, 1e-15);
  // Nearly equal exponentials: KL ~ e^2 / 2 for l2 = l1 (1 + e).
  const double e = 0x1p-30;  // 1 + e is exact
  EXPECT_NEAR(kullback::kl(exponential(1.0), exponential(1.0 + e)), e * e / 2 - e * e * e / 3, 1e-12 * e * e / 2);
  // Bhattacharyya between exponentials: -log(2 sqrt(l1 l2) / (l1 + l2)).
  EXPECT_NEAR(kullback::bhattacharyya(exponential(1.0), exponential(4.0)), -std::log(2.0 * 2.0 / 5.0), 1e-15);
  // Uniform circle vs von Mises: KL(VM(0, 0)||VM(m, k)) = log I0(k).
  EXPECT_NEAR(kullback::kl(von_mises(0.0, 0.0), von_mises(1.0, 3.0)), std::log(std::cyl_bessel_i(0.0, 3.0)), 1e-14);
}

TEST(ExponentialFamilies, ExtremeRateRatios) {
  // b2 / b1 = 1e-600 is not a double; the logarithm of the ratio is still exact (mpmath values).
  EXPECT_NEAR(kullback::kl(gamma(2.0, 1e300), gamma(3.0, 1e-300)), 4142.9235302347437095, 1e-13 * 4143);
  EXPECT_NEAR(kullback::bhattacharyya(gamma(2.0, 1e300), gamma(3.0, 1e-300)), 2070.6556064630483059, 1e-13 * 2071);
  // b2 / b1 = 1e600: KL ~ a1 b2 / b1 overflows to +inf.
  EXPECT_EQ(kullback::kl(gamma(2.0, 1e-300), gamma(3.0, 1e300)), inf);
}

TEST(ExponentialFamilies, DivergentChernoffIntegralsAreInfinite) {
  // alpha > 1 mixes eta_p + (1 - alpha)(eta_q - eta_p): outside the domain -> +inf.
  EXPECT_EQ(kullback::renyi(exponential(1.0), exponential(4.0), 2.0), inf);  // rate 2 - 4 < 0
  EXPECT_EQ(kullback::chernoff_coefficient(exponential(1.0), exponential(4.0), 2.0), inf);
  EXPECT_TRUE(std::isfinite(kullback::renyi(exponential(4.0), exponential(1.0), 2.0)));
  EXPECT_EQ(kullback::renyi(beta(1.0, 1.0), beta(3.0, 1.0), 2.0), inf);  // 2 - 3 < 0
  EXPECT_EQ(kullback::renyi(dir({1.0, 1.0, 1.0}), dir({1.0, 2.5, 1.0}), 3.0), inf);
  EXPECT_EQ(kullback::renyi(half_normal(1.0), half_normal(0.5), 5.0), inf);
  // Always finite: continuous Bernoulli and von Mises (the natural domain is all of R^n).
  EXPECT_TRUE(std::isfinite(kullback::renyi(continuous_bernoulli(0.01), continuous_bernoulli(0.99), 10.0)));
  EXPECT_TRUE(std::isfinite(kullback::renyi(von_mises(0.0, 100.0), von_mises(3.0, 100.0), 10.0)));
}

TEST(ExponentialFamilies, RegistryHoldsEveryPair) {
  const std::vector<std::pair<std::string, std::string>> pairs = {{"gamma", "gamma"},
                                                                  {"exponential", "exponential"},
                                                                  {"chi_squared", "chi_squared"},
                                                                  {"exponential", "gamma"},
                                                                  {"gamma", "exponential"},
                                                                  {"chi_squared", "gamma"},
                                                                  {"gamma", "chi_squared"},
                                                                  {"chi_squared", "exponential"},
                                                                  {"exponential", "chi_squared"},
                                                                  {"inverse_gamma", "inverse_gamma"},
                                                                  {"beta", "beta"},
                                                                  {"dirichlet", "dirichlet"},
                                                                  {"log_normal", "log_normal"},
                                                                  {"half_normal", "half_normal"},
                                                                  {"continuous_bernoulli", "continuous_bernoulli"},
                                                                  {"von_mises", "von_mises"}};
  const auto entries = kullback::registry().pairs();
  for (const auto& [p, q] : pairs) {
    for (auto m :
         {kullback::measure::kl, kullback::measure::jeffreys, kullback::measure::renyi,
          kullback::measure::chernoff_coefficient, kullback::measure::bhattacharyya, kullback::measure::hellinger}) {
      const bool found = std::any_of(entries.begin(), entries.end(),
                                     [&](const auto& e) { return e.m == m && e.p_family == p && e.q_family == q; });
      EXPECT_TRUE(found) << kullback::measure_name(m) << " " << p << " " << q;
    }
  }
}

TEST(ExponentialFamilies, Batches) {
  const std::vector<gamma> p = {gamma(1.0, 2.0), gamma(3.0, 0.5)};
  const std::vector<gamma> q = {gamma(2.0, 1.0)};
  std::vector<double> out(2);
  kullback::kl(std::span<const gamma>(p), std::span<const gamma>(q), out);
  EXPECT_EQ(out[0], kullback::kl(p[0], q[0]));
  EXPECT_EQ(out[1], kullback::kl(p[1], q[0]));
}

void expect_error(const std::function<void()>& f, const std::string& message) {
  try {
    f();
    ADD_FAILURE() << "no exception, expected: " << message;
  } catch (const kullback::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
  }
}

TEST(ExponentialFamilies, BadInput) {
  const gamma g(1.0, 1.0);
  expect_error([&] { kullback::renyi(g, g, -0.5); }, "kullback::renyi: alpha = -0.5, but must be >= 0 and finite");
  expect_error([&] { kullback::chernoff_coefficient(g, g, inf); }, "kullback::chernoff_coefficient: alpha = inf");
  expect_error([&] { kullback::renyi(beta(1, 2), beta(2, 1), std::nan("")); }, "kullback::renyi: alpha = nan");
  expect_error([&] { kullback::renyi(von_mises(0, 1), von_mises(1, 1), -1.0); }, "kullback::renyi: alpha = -1");
  expect_error(
      [&] {
        kullback::kl(dir({1.0, 2.0}), dir({1.0, 2.0, 3.0}));
      },
      "kullback::kl: q.concentration has 3 entries, but p.concentration has 2");
  expect_error(
      [&] {
        kullback::hellinger(dir({1.0, 2.0, 3.0}), dir({1.0, 2.0}));
      },
      "kullback::hellinger: q.concentration has 2 entries, but p.concentration has 3");
  expect_error(
      [&] {
        kullback::renyi(dir({1.0, 2.0}), dir({1.0, 2.0, 3.0}), 0.5);
      },
      "kullback::renyi: q.concentration");
  expect_error([&] { gamma(0.0, 1.0); }, "kullback::gamma: concentration = 0");
  expect_error([&] { continuous_bernoulli(1.0); }, "kullback::continuous_bernoulli: probs = 1");
  expect_error([&] { von_mises(0.0, -1.0); }, "kullback::von_mises: concentration = -1");
}

}  // namespace
