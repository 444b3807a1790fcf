// kullback::registry(), measure_registry and the generic batches of parametric/batch.hpp:
// built-in entries, user extension, missing pairs, broadcasting, thread independence.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "kullback/kullback.hpp"
#include "support/test_support.hpp"

namespace {

using kullback::measure;
using kullback::normal;
using kullback_test::bits;
using kullback_test::error_of;
using kullback_test::uniform01;

// A user's own family with a closed form kullback does not ship: a point mass at x.
struct point_mass {
  static constexpr const char* family_name = "point_mass";
  double x;
};
// KL(delta_x || N(m, s^2)) is +inf (no density), so a user would register, e.g., the negative
// log-density instead; any function will do for the test.
double user_value(const point_mass& p, const normal& q) {
  const double z = (p.x - q.loc()) / q.scale();
  return 0.5 * z * z + std::log(q.scale());
}

bool has_entry(measure m, const std::string& p, const std::string& q) {
  const auto pairs = kullback::registry().pairs();
  return std::any_of(pairs.begin(), pairs.end(),
                     [&](const auto& e) { return e.m == m && e.p_family == p && e.q_family == q; });
}

TEST(Registry, HoldsTheGaussianClosedForms) {
  const normal p(0.3, 1.2), q(-0.4, 0.7);
  auto& r = kullback::registry();
  EXPECT_EQ(bits(r.evaluate(measure::kl, p, q)), bits(kullback::kl(p, q)));
  EXPECT_EQ(bits(r.evaluate(measure::renyi, p, q, 0.3)), bits(kullback::renyi(p, q, 0.3)));
  EXPECT_EQ(bits(r.evaluate(measure::chernoff_coefficient, p, q, 1.7)),
            bits(kullback::chernoff_coefficient(p, q, 1.7)));
  EXPECT_EQ(bits(r.evaluate(measure::wasserstein2, p, q)), bits(kullback::wasserstein2(p, q)));
  for (measure m : {measure::kl, measure::jeffreys, measure::renyi, measure::chernoff_coefficient,
                    measure::bhattacharyya, measure::hellinger, measure::wasserstein2}) {
    EXPECT_TRUE(has_entry(m, "normal", "normal")) << kullback::measure_name(m);
    EXPECT_TRUE(has_entry(m, "multivariate_normal", "multivariate_normal")) << kullback::measure_name(m);
  }
}

TEST(Registry, MissingPairNamesTheFamilies) {
  EXPECT_EQ(error_of([] { kullback::registry().evaluate(measure::kl, point_mass{1.0}, normal(0, 1)); }),
            "kullback::kl: no closed form is registered for (point_mass, normal)");
}

TEST(Registry, UserCanAddAndReplaceAPair) {
  kullback::measure_registry r;  // a private registry: the global one stays as shipped
  r.add<point_mass, normal>(measure::kl, [](const point_mass& p, const normal& q, double) { return user_value(p, q); });
  EXPECT_EQ(r.evaluate(measure::kl, point_mass{1.0}, normal(0.0, 2.0)), user_value(point_mass{1.0}, normal(0.0, 2.0)));
  r.add<point_mass, normal>(measure::kl, [](const point_mass&, const normal&, double) { return 42.0; });
  EXPECT_EQ(r.evaluate(measure::kl, point_mass{1.0}, normal(0.0, 2.0)), 42.0);
  ASSERT_EQ(r.pairs().size(), 1u);
  EXPECT_EQ(r.pairs()[0].p_family, "point_mass");
}

TEST(Registry, ConcurrentLookupsAndAdditions) {
  kullback::measure_registry r;
  r.add_closed_forms<normal, normal>();
  const normal p(0.1, 1.0), q(0.0, 1.5);
  const double want = kullback::kl(p, q);
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        if (t == 0) r.add_closed_forms<normal, normal>();
        if (r.evaluate(measure::kl, p, q) != want) ++wrong[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

TEST(Batch, BroadcastsAndEqualsSinglePairs) {
  std::mt19937_64 rng(7);
  std::vector<normal> p, q;
  for (int i = 0; i < 1000; ++i) {
    p.emplace_back(uniform01(rng) - 0.5, 0.5 + uniform01(rng));
    q.emplace_back(uniform01(rng) - 0.5, 0.5 + uniform01(rng));
  }
  std::vector<double> out(p.size()), one(p.size());
  kullback::kl(std::span<const normal>(p), std::span<const normal>(q), out);
  kullback::kl(std::span<const normal>(p), std::span<const normal>(q).first(1), one);
  for (std::size_t i = 0; i < p.size(); ++i) {
    EXPECT_EQ(bits(out[i]), bits(kullback::kl(p[i], q[i])));
    EXPECT_EQ(bits(one[i]), bits(kullback::kl(p[i], q[0])));
  }
  kullback::renyi(std::span<const normal>(p).first(1), std::span<const normal>(q), 0.7, out);
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_EQ(bits(out[i]), bits(kullback::renyi(p[0], q[i], 0.7)));
}

TEST(Batch, ThreadCountDoesNotChangeBits) {
  std::mt19937_64 rng(8);
  std::vector<normal> p, q;
  for (int i = 0; i < 5000; ++i) {
    p.emplace_back(uniform01(rng), 0.5 + uniform01(rng));
    q.emplace_back(uniform01(rng), 0.5 + uniform01(rng));
  }
  std::vector<double> one(p.size()), two(p.size());
  kullback::set_num_threads(1);
  kullback::hellinger(std::span<const normal>(p), std::span<const normal>(q), one);
  kullback::set_num_threads(2);
  kullback::hellinger(std::span<const normal>(p), std::span<const normal>(q), two);
  kullback::set_num_threads(0);
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_EQ(bits(one[i]), bits(two[i]));
}

TEST(Batch, BadSizesAndTheLowestFailingIndex) {
  std::vector<normal> p(3, normal(0, 1)), q(2, normal(0, 1));
  std::vector<double> out(3);
  EXPECT_EQ(error_of([&] { kullback::kl(std::span<const normal>(p), std::span<const normal>(q), out); }),
            "kullback::kl: p.size() = 3 and q.size() = 2, but they must be equal (or one must be 1), and not 0");
  EXPECT_EQ(error_of([&] {
              kullback::kl(std::span<const normal>(p), std::span<const normal>(q).first(1), std::span<double>(out).first(2));
            }),
            "kullback::kl: out.size() = 2, but must be 3");
  EXPECT_EQ(error_of([&] { kullback::kl(std::span<const normal>(p), std::span<const normal>(), out); }),
            "kullback::kl: p.size() = 3 and q.size() = 0, but they must be equal (or one must be 1), and not 0");
  EXPECT_EQ(error_of([&] { kullback::renyi(std::span<const normal>(p), std::span<const normal>(p), -1.0, out); }),
            "kullback::renyi: alpha = -1, but must be >= 0 and finite");
}

}  // namespace
