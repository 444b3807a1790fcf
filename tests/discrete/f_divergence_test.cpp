// kullback/discrete/f_divergence.hpp: f_divergence with named and user generators.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <cmath>
#include <functional>
#include <random>
#include <vector>

#include "support/test_support.hpp"

namespace {

using namespace kullback;
using kullback_test::close_rel;
using kullback_test::inf;
using kullback_test::logs_of;
using vec = std::vector<double>;

struct generator_case {
  const char* name;
  f_generator generator;
  std::function<double(const vec&, const vec&)> dedicated;
};

std::vector<generator_case> named_generators() {
  std::vector<generator_case> cases{
      {"kl", generators::kl(), [](const vec& p, const vec& q) { return kl(p, q); }},
      {"reverse_kl", generators::reverse_kl(), [](const vec& p, const vec& q) { return kl(q, p); }},
      {"jeffreys", generators::jeffreys(), [](const vec& p, const vec& q) { return jeffreys(p, q); }},
      {"js", generators::js(), [](const vec& p, const vec& q) { return js(p, q, 0.5); }},
      {"tv", generators::tv(), [](const vec& p, const vec& q) { return tv(p, q); }},
      {"squared_hellinger", generators::squared_hellinger(),
       [](const vec& p, const vec& q) {
         const double h = hellinger(p, q);
         return h * h;
       }},
      {"pearson_chi2", generators::pearson_chi2(), [](const vec& p, const vec& q) { return chi2(p, q); }},
      {"neyman_chi2", generators::neyman_chi2(), [](const vec& p, const vec& q) { return neyman_chi2(p, q); }},
  };
  for (double a : {-1.0, 0.0, 0.3, 0.5, 1.0, 2.0, 3.5}) {
    cases.push_back({"alpha", generators::alpha(a), [a](const vec& p, const vec& q) { return alpha_divergence(p, q, a); }});
  }
  return cases;
}

TEST(FDivergence, NamedGeneratorsMatchDedicatedMeasures) {
  std::mt19937_64 rng(211);
  for (int trial = 0; trial < 12; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 1000);
    // Full support, not nearly equal: the plain generator sum is well conditioned here.
    const vec p = kullback_test::dirichlet_like(rng, n, 0.5 + 0.25 * (trial % 4));
    const vec q = kullback_test::dirichlet_like(rng, n);
    for (const auto& c : named_generators()) {
      const double expected = c.dedicated(p, q);
      EXPECT_TRUE(close_rel(f_divergence(p, q, c.generator), expected, 1e-13, 1e-15))
          << c.name << ", trial " << trial << ", n " << n;
    }
  }
}

TEST(FDivergence, NamedGeneratorsFollowTheZeroConventions) {
  // p has a zero where q has mass and q a zero where p has mass, plus a shared zero.
  const vec p{0.5, 0.3, 0.2, 0.0, 0.0}, q{0.25, 0.25, 0.0, 0.5, 0.0};
  for (const auto& c : named_generators()) {
    const double expected = c.dedicated(p, q);
    const double value = f_divergence(p, q, c.generator);
    if (std::isinf(expected)) {
      EXPECT_EQ(value, expected) << c.name << " (" << c.generator.name << ")";
    } else {
      EXPECT_TRUE(close_rel(value, expected, 1e-14)) << c.name;
    }
  }
}

TEST(FDivergence, GeneratorNames) {
  EXPECT_EQ(generators::kl().name, "kl");
  EXPECT_EQ(generators::reverse_kl().name, "reverse_kl");
  EXPECT_EQ(generators::tv().name, "tv");
  EXPECT_EQ(generators::alpha(0.5).name, "alpha");
  EXPECT_EQ(f_generator{}.name, "f");
  EXPECT_EQ(f_generator{}.slope_at_infinity, inf);
}

TEST(FDivergence, NamedGeneratorValues) {
  // f(1) = 0 for every generator.
  for (const auto& c : named_generators()) EXPECT_NEAR(c.generator.f(1.0), 0.0, 1e-16) << c.name;
  EXPECT_DOUBLE_EQ(generators::kl().f(2.0), 2.0 * std::log(2.0));
  EXPECT_DOUBLE_EQ(generators::reverse_kl().f(2.0), -std::log(2.0));
  EXPECT_DOUBLE_EQ(generators::tv().f(3.0), 1.0);
  EXPECT_DOUBLE_EQ(generators::pearson_chi2().f(3.0), 4.0);
  EXPECT_DOUBLE_EQ(generators::neyman_chi2().f(2.0), 0.5);
  EXPECT_DOUBLE_EQ(generators::squared_hellinger().f(4.0), 0.5);
  EXPECT_DOUBLE_EQ(generators::alpha(2.0).f(3.0), (9.0 - 1.0 - 2.0 * 2.0) / 2.0);
  // Slopes at infinity: lim f(u)/u.
  EXPECT_EQ(generators::kl().slope_at_infinity, inf);
  EXPECT_EQ(generators::reverse_kl().slope_at_infinity, 0.0);
  EXPECT_DOUBLE_EQ(generators::js().slope_at_infinity, 0.5 * std::log(2.0));
  EXPECT_DOUBLE_EQ(generators::tv().slope_at_infinity, 0.5);
  EXPECT_DOUBLE_EQ(generators::squared_hellinger().slope_at_infinity, 0.5);
  EXPECT_DOUBLE_EQ(generators::neyman_chi2().slope_at_infinity, 1.0);
  EXPECT_DOUBLE_EQ(generators::alpha(0.25).slope_at_infinity, 1.0 / 0.75);
  EXPECT_EQ(generators::alpha(1.5).slope_at_infinity, inf);
}

TEST(FDivergence, UserGeneratorClosedForms) {
  // f(u) = (u - 1)^2 is Pearson: (1/2, 1/2) vs (1/4, 3/4) gives 1/3.
  const f_generator square{[](double u) { return (u - 1.0) * (u - 1.0); }};
  EXPECT_TRUE(close_rel(f_divergence(vec{0.5, 0.5}, vec{0.25, 0.75}, square), 1.0 / 3.0, 1e-15));
  // f(u) = |u - 1| with slope 1: twice tv; disjoint supports give 2.
  const f_generator twice_tv{[](double u) { return std::fabs(u - 1.0); }, 1.0, "twice_tv"};
  EXPECT_TRUE(close_rel(f_divergence(vec{0.3, 0.7, 0.0}, vec{0.0, 0.0, 1.0}, twice_tv), 2.0, 1e-15));
  // Perspective limit: a q_i = 0 < p_i term is p_i * slope (here 3), a p_i = 0 < q_i term is q_i f(0).
  const f_generator custom{[](double u) { return 3.0 * u - 3.0 + (u < 1.0 ? 2.0 * (1.0 - u) : 0.0); }, 3.0, "custom"};
  // p = (1/2, 1/2, 0), q = (1/2, 0, 1/2): terms 1/2 f(1) + 1/2 * 3 + 1/2 f(0) = 0 + 3/2 + 1/2 (-3 + 2).
  EXPECT_TRUE(close_rel(f_divergence(vec{0.5, 0.5, 0.0}, vec{0.5, 0.0, 0.5}, custom), 1.0, 1e-15));
  // Infinite slope: +inf when q misses p's mass.
  EXPECT_EQ(f_divergence(vec{0.5, 0.5}, vec{1.0, 0.0}, square), inf);
  // Shared zeros never call f.
  int calls = 0;
  const f_generator counting{[&calls](double u) {
                               ++calls;
                               return u * std::log(u);
                             },
                             inf, "counting"};
  EXPECT_TRUE(close_rel(f_divergence(vec{0.5, 0.0, 0.5}, vec{0.5, 0.0, 0.5}, counting), 0.0, 0.0, 1e-16));
  EXPECT_EQ(calls, 2);
}

TEST(FDivergence, IdenticalIsZero) {
  std::mt19937_64 rng(9);
  const vec p = kullback_test::sparse(rng, 300);
  for (const auto& c : named_generators()) EXPECT_NEAR(f_divergence(p, p, c.generator), 0.0, 1e-15) << c.name;
}

TEST(FDivergence, BaseIsRejected) {
  const vec p{0.1, 0.9}, q{0.5, 0.5};
  EXPECT_THROW(f_divergence(p, q, generators::kl(), {.base = log_base::two}), kullback::invalid_argument);
  vec out(1);
  EXPECT_THROW(f_divergence(p, q, generators::kl(), out, {.base = log_base::ten}), kullback::invalid_argument);
}

TEST(FDivergence, InvalidGenerators) {
  const vec p{0.1, 0.9}, q{0.5, 0.5};
  try {
    f_divergence(p, q, f_generator{});
    FAIL() << "empty generator accepted";
  } catch (const kullback::invalid_argument& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("kullback::f_divergence"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("generator.f"));
  }
  vec out(1);
  EXPECT_THROW(f_divergence(p, q, f_generator{}, out), kullback::invalid_argument);
  f_generator nan_slope = generators::kl();
  nan_slope.slope_at_infinity = kullback_test::nan;
  EXPECT_THROW(f_divergence(p, q, nan_slope), kullback::invalid_argument);
  EXPECT_THROW(generators::alpha(inf), kullback::invalid_argument);
  EXPECT_THROW(generators::alpha(kullback_test::nan), kullback::invalid_argument);
}

TEST(FDivergence, InputFormsTypesAndBatches) {
  std::mt19937_64 rng(223);
  const vec p = kullback_test::dirichlet_like(rng, 50), q = kullback_test::dirichlet_like(rng, 50);
  const f_generator g = generators::js();
  const double expected = f_divergence(p, q, g);
  vec cp(p), cq(q);
  for (double& x : cp) x *= 10.0;
  for (double& x : cq) x *= 20.0;
  EXPECT_TRUE(close_rel(f_divergence(logits(logs_of(p, 1.0)), logits(logs_of(q, 2.0)), g), expected, 1e-12));
  EXPECT_TRUE(close_rel(f_divergence(log_probs(logs_of(p)), log_probs(logs_of(q)), g), expected, 1e-12));
  EXPECT_TRUE(close_rel(f_divergence(counts(cp), counts(cq), g), expected, 1e-13));
  EXPECT_TRUE(close_rel(f_divergence(cp, cq, g, {.normalize = true}), expected, 1e-13));
  EXPECT_TRUE(close_rel(f_divergence(kullback_test::to_float(p), kullback_test::to_float(q), g), expected, 1e-5));

  const vec q2 = kullback_test::dirichlet_like(rng, 50);
  const vec qm = kullback_test::stack({q, q2, p});
  vec out(3);
  f_divergence(p, matrix_view<const double>{qm.data(), 3, 50}, g, out);
  EXPECT_DOUBLE_EQ(out[0], expected);
  EXPECT_DOUBLE_EQ(out[1], f_divergence(p, q2, g));
  EXPECT_NEAR(out[2], 0.0, 1e-16);
  f_divergence(matrix_view<const double>{qm.data(), 3, 50}, matrix_view<const double>{qm.data(), 3, 50}, g, out);
  for (double v : out) EXPECT_NEAR(v, 0.0, 1e-16);
  vec wrong(1);
  EXPECT_THROW(f_divergence(p, matrix_view<const double>{qm.data(), 3, 50}, g, wrong), kullback::invalid_argument);
}

}  // namespace
