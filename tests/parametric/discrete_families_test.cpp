// Properties and bad input of the discrete-family measures (bernoulli, binomial, geometric,
// poisson, negative_binomial, categorical, one_hot_categorical and the cross pairs with poisson).
// Accuracy against mpmath is in discrete_family_accuracy_test.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "kullback/kullback.hpp"
#include "support/test_support.hpp"

namespace {

using namespace kullback;

using kullback_test::error_of;

constexpr double kInf = std::numeric_limits<double>::infinity();
const double kAlphas[] = {0.0, 0.3, 0.5, 0.999, 2.0, 7.0};

template <class P, class Q>
void expect_identical_pair_is_zero(const P& p, const Q& q) {
  EXPECT_EQ(kl(p, q), 0.0);
  EXPECT_EQ(jeffreys(p, q), 0.0);
  EXPECT_EQ(bhattacharyya(p, q), 0.0);
  EXPECT_EQ(hellinger(p, q), 0.0);
  for (double a : kAlphas) {
    EXPECT_EQ(renyi(p, q, a), 0.0) << a;
    EXPECT_EQ(chernoff_coefficient(p, q, a), 1.0) << a;
  }
}

template <class P, class Q>
void expect_properties(const P& p, const Q& q) {
  const double k = kl(p, q);
  EXPECT_GE(k, 0.0);
  EXPECT_GE(jeffreys(p, q), 0.0);
  EXPECT_EQ(renyi(p, q, 1.0), k);
  if (std::isfinite(k) && k > 0.0) {
    EXPECT_NEAR(renyi(p, q, 1.0 - 1e-7), k, 1e-5 * k);
    EXPECT_NEAR(renyi(p, q, 1.0 + 1e-7), k, 1e-5 * k);
  }
  double previous = 0.0;  // renyi is non-decreasing in alpha
  for (double a : kAlphas) {
    const double r = renyi(p, q, a);
    EXPECT_GE(r, previous * (1 - 1e-12)) << a;
    previous = r;
  }
  const double bc = chernoff_coefficient(p, q, 0.5);
  EXPECT_GE(bc, 0.0);
  EXPECT_LE(bc, 1.0 + 1e-15);
  EXPECT_NEAR(bhattacharyya(p, q), -std::log(bc), 1e-13 * std::fabs(std::log(bc)) + 1e-300);
  EXPECT_NEAR(hellinger(p, q), std::sqrt(1.0 - bc), 1e-7);
  EXPECT_LE(hellinger(p, q), 1.0);
}

template <class P>
void expect_symmetric(const P& p, const P& q) {
  // Equal to rounding: the sums are taken over q's terms, so swapping the arguments changes them.
  EXPECT_NEAR(jeffreys(p, q), jeffreys(q, p), 1e-13 * jeffreys(p, q));
  EXPECT_NEAR(bhattacharyya(p, q), bhattacharyya(q, p), 1e-13 * bhattacharyya(p, q));
  EXPECT_NEAR(hellinger(p, q), hellinger(q, p), 1e-13 * hellinger(p, q));
  EXPECT_NEAR(chernoff_coefficient(p, q, 0.3), chernoff_coefficient(q, p, 0.7), 1e-14);
}

TEST(DiscreteFamilies, IdenticalDistributionsGiveZero) {
  for (double x : {0.0, 1e-300, 0.3, 1.0}) expect_identical_pair_is_zero(bernoulli(x), bernoulli(x));
  for (double x : {0.0, 0.25, 1.0}) expect_identical_pair_is_zero(binomial(9, x), binomial(9, x));
  expect_identical_pair_is_zero(binomial(0, 0.4), binomial(0, 0.7));  // both the point mass at 0
  for (double x : {0.1, 1.0}) expect_identical_pair_is_zero(geometric(x), geometric(x));
  for (double l : {0.0, 1e-8, 4.0, 1e6}) expect_identical_pair_is_zero(poisson(l), poisson(l));
  for (double x : {0.0, 0.4, 0.99}) expect_identical_pair_is_zero(negative_binomial(2.5, x), negative_binomial(2.5, x));
  const std::vector<double> probs = {0.1, 0.0, 0.6, 0.3};
  expect_identical_pair_is_zero(categorical(probs), categorical(probs));
  expect_identical_pair_is_zero(one_hot_categorical(probs), one_hot_categorical(probs));
  expect_identical_pair_is_zero(bernoulli(0.0), poisson(0.0));
  expect_identical_pair_is_zero(poisson(0.0), binomial(4, 0.0));
}

TEST(DiscreteFamilies, PropertiesOnRandomPairs) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0.01, 0.99), rate(0.01, 20.0);
  for (int i = 0; i < 40; ++i) {
    const double x = unit(rng), y = unit(rng), l = rate(rng), m = rate(rng);
    const double n = std::floor(1 + 30 * unit(rng)), n2 = std::floor(1 + 30 * unit(rng));
    expect_properties(bernoulli(x), bernoulli(y));
    expect_symmetric(bernoulli(x), bernoulli(y));
    expect_properties(binomial(n, x), binomial(n, y));
    expect_symmetric(binomial(n, x), binomial(n, y));
    expect_properties(binomial(n, x), binomial(n2, y));
    expect_properties(geometric(x), geometric(y));
    expect_symmetric(geometric(x), geometric(y));
    expect_properties(poisson(l), poisson(m));
    expect_symmetric(poisson(l), poisson(m));
    expect_properties(negative_binomial(n / 3, x), negative_binomial(n / 3, y));
    expect_properties(negative_binomial(n / 3, 0.9 * x), negative_binomial(n2 / 5, 0.9 * y));
    expect_symmetric(negative_binomial(n / 3, 0.9 * x), negative_binomial(n2 / 5, 0.9 * y));
    expect_symmetric(negative_binomial(n / 3, x), negative_binomial(n / 3, y));
    const std::vector<double> a = {x, 1 - x - 0.5 * (1 - x), 0.5 * (1 - x)};
    const std::vector<double> b = {y, 1 - y - 0.25 * (1 - y), 0.25 * (1 - y)};
    expect_properties(categorical(a, {.normalize = true}), categorical(b, {.normalize = true}));
    expect_symmetric(categorical(a, {.normalize = true}), categorical(b, {.normalize = true}));
    expect_properties(bernoulli(x), poisson(l));
    expect_properties(poisson(l), bernoulli(x));
    expect_properties(binomial(n, x), poisson(l));
    expect_properties(poisson(l), binomial(n, x));
  }
}

TEST(DiscreteFamilies, StructuralIdentities) {
  // Binomial(n, x) = n independent Bernoulli(x); Geometric(x) = NB(1, 1 - x); one-hot = categorical.
  EXPECT_NEAR(kl(binomial(7, 0.3), binomial(7, 0.6)), 7 * kl(bernoulli(0.3), bernoulli(0.6)), 1e-15);
  EXPECT_NEAR(renyi(binomial(7, 0.3), binomial(7, 0.6), 2.0), 7 * renyi(bernoulli(0.3), bernoulli(0.6), 2.0), 1e-14);
  EXPECT_NEAR(kl(geometric(0.25), geometric(0.5)), kl(negative_binomial(1, 0.75), negative_binomial(1, 0.5)), 1e-15);
  EXPECT_NEAR(renyi(geometric(0.25), geometric(0.5), 0.3),
              renyi(negative_binomial(1, 0.75), negative_binomial(1, 0.5), 0.3), 1e-15);
  const std::vector<double> a = {0.2, 0.5, 0.3}, b = {0.6, 0.1, 0.3};
  EXPECT_EQ(kl(one_hot_categorical(a), one_hot_categorical(b)), kl(categorical(a), categorical(b)));
  // Bernoulli is Binomial(1, x), also against a poisson.
  EXPECT_NEAR(kl(bernoulli(0.3), poisson(0.8)), kl(binomial(1, 0.3), poisson(0.8)), 1e-15);
  // torch's bernoulli -> poisson: -H(p) - (x log l - l).
  const double x = 0.3, l = 0.8;
  const double entropy = -(x * std::log(x) + (1 - x) * std::log(1 - x));
  EXPECT_NEAR(kl(bernoulli(x), poisson(l)), -entropy - (x * std::log(l) - l), 1e-14);
  // A binomial with a larger count than q puts mass where q has none.
  EXPECT_EQ(kl(binomial(8, 0.5), binomial(5, 0.5)), kInf);
  EXPECT_TRUE(std::isfinite(kl(binomial(5, 0.5), binomial(8, 0.5))));
  EXPECT_EQ(kl(binomial(8, 0.0), binomial(5, 0.5)), kl(binomial(1, 0.0), binomial(5, 0.5)));
}

TEST(DiscreteFamilies, SupportConventions) {
  EXPECT_EQ(kl(poisson(0.5), bernoulli(0.3)), kInf);  // torch: +inf
  EXPECT_EQ(kl(poisson(0.5), binomial(3, 0.3)), kInf);
  EXPECT_NEAR(kl(poisson(0.0), bernoulli(0.3)), -std::log(0.7), 1e-15);
  EXPECT_TRUE(std::isfinite(bhattacharyya(poisson(0.5), bernoulli(0.3))));
  EXPECT_EQ(renyi(poisson(0.5), bernoulli(0.3), 2.0), kInf);
  EXPECT_TRUE(std::isfinite(renyi(poisson(0.5), bernoulli(0.3), 0.5)));
  EXPECT_EQ(kl(bernoulli(0.3), bernoulli(0.0)), kInf);
  EXPECT_NEAR(kl(bernoulli(0.0), bernoulli(0.3)), -std::log(0.7), 1e-15);
  // renyi at alpha = 0 is -log Q(supp p); chernoff at 1 is P(supp q).
  EXPECT_NEAR(renyi(bernoulli(0.0), bernoulli(0.3), 0.0), -std::log(0.7), 1e-15);
  EXPECT_NEAR(chernoff_coefficient(bernoulli(0.3), bernoulli(0.0), 1.0), 0.7, 1e-15);
  const std::vector<double> a = {1.0, 0.0}, b = {0.0, 1.0};
  EXPECT_EQ(bhattacharyya(categorical(a), categorical(b)), kInf);
  EXPECT_EQ(hellinger(categorical(a), categorical(b)), 1.0);
  // Geometric / NB: for a > 1 the Chernoff series diverges when s1^a s2^(1-a) >= 1.
  EXPECT_EQ(chernoff_coefficient(geometric(0.05), geometric(0.9), 5.0), kInf);
  EXPECT_EQ(renyi(negative_binomial(2, 0.9), negative_binomial(2, 0.2), 3.0), kInf);
}

TEST(DiscreteFamilies, NearlyEqualParametersKeepRelativeAccuracy) {
  // KL(Bernoulli(x) || Bernoulli(x (1 + e))) = x e^2 / (2 (1 - x)) + O(e^3).
  const double x = 0.3, e = 1e-8;
  const double y = x * (1 + e), d = y - x;
  const double expected = d * d / (2 * x * (1 - x)) * (1 + (2 * x - 1) * d / (3 * x * (1 - x)));
  EXPECT_NEAR(kl(bernoulli(y), bernoulli(x)), expected, 1e-7 * expected);
  // Poisson: KL = m f(u), f(u) = u^2/2 - u^3/6 + ...
  const double m = 3.0, l = m * (1 + 1e-9), u = (l - m) / m;
  EXPECT_NEAR(kl(poisson(l), poisson(m)), m * (u * u / 2 - u * u * u / 6), 1e-12 * m * u * u / 2);
}

TEST(DiscreteFamilies, LargeEqualCountsUseTheClosedForm) {
  // Equal total counts never sum over the support: n = 2^50 costs one Bernoulli evaluation.
  const double n = 0x1p50;
  EXPECT_EQ(kl(binomial(n, 0.3), binomial(n, 0.4)), n * kl(bernoulli(0.3), bernoulli(0.4)));
  EXPECT_NEAR(hellinger(binomial(n, 0.3), binomial(n, 0.3 * (1 + 1e-9))),
              std::sqrt(-std::expm1(-n * bhattacharyya(bernoulli(0.3), bernoulli(0.3 * (1 + 1e-9))))), 1e-15);
}

TEST(DiscreteFamilies, GenericBatchesEqualSingles) {
  const std::vector<bernoulli> p = {bernoulli(0.1), bernoulli(0.5), bernoulli(0.0)};
  const std::vector<poisson> q = {poisson(0.7)};
  std::vector<double> out(3);
  renyi(std::span<const bernoulli>(p), std::span<const poisson>(q), 0.5, out);
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_EQ(out[i], renyi(p[i], q[0], 0.5));
}

TEST(DiscreteFamilies, RegistryHoldsEveryPair) {
  const auto& r = registry();
  EXPECT_EQ(r.evaluate(measure::kl, bernoulli(0.3), poisson(0.8)), kl(bernoulli(0.3), poisson(0.8)));
  EXPECT_EQ(r.evaluate(measure::renyi, poisson(2.0), binomial(4, 0.5), 0.5), renyi(poisson(2.0), binomial(4, 0.5), 0.5));
  EXPECT_EQ(r.evaluate(measure::hellinger, geometric(0.2), geometric(0.3)), hellinger(geometric(0.2), geometric(0.3)));
  std::size_t discrete = 0;
  for (const auto& entry : r.pairs()) {
    for (const char* name : {"bernoulli", "binomial", "geometric", "poisson", "negative_binomial", "categorical",
                             "one_hot_categorical"}) {
      if (entry.p_family == name) ++discrete;
    }
  }
  EXPECT_EQ(discrete, 11u * 6u);
}

// f throws kullback::invalid_argument whose message starts with `prefix`.
template <class F>
void expect_error(F&& f, const std::string& prefix) {
  const std::string message = error_of(f);
  EXPECT_EQ(message.rfind(prefix, 0), 0u) << message;
}

TEST(DiscreteFamilies, RejectsBadInput) {
  EXPECT_EQ(error_of([] { renyi(bernoulli(0.3), bernoulli(0.4), -1.0); }),
            "kullback::renyi: alpha = -1, but must be >= 0 and finite");
  expect_error([] { renyi(poisson(1), poisson(2), std::nan("")); }, "kullback::renyi: alpha = nan");
  expect_error([] { chernoff_coefficient(geometric(0.3), geometric(0.4), kInf); },
                                        "kullback::chernoff_coefficient");
  expect_error([] { renyi(poisson(1), bernoulli(0.2), -0.5); }, "kullback::renyi");
  const std::vector<double> a = {0.5, 0.5}, b = {0.2, 0.3, 0.5};
  EXPECT_EQ(error_of([&] { kl(categorical(a), categorical(b)); }),
            "kullback::kl: p has 2 categories and q has 3, but they must have the same number");
  expect_error([&] { hellinger(one_hot_categorical(a), one_hot_categorical(b)); },
                                        "kullback::hellinger");
  expect_error([] { kl(negative_binomial(2, 0.3), negative_binomial(3, 1 - 1e-9)); }, "kullback::kl: probs = ");
  expect_error([] { jeffreys(binomial(2e7, 0.3), binomial(3, 0.3)); },
                                        "kullback::jeffreys: total_count");
  expect_error([] { kl(binomial(2e7, 0.3), poisson(3)); }, "kullback::kl: binomial total_count");
}

}  // namespace
