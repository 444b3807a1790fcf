// kullback/discrete/jensen_shannon.hpp: js and js_distance.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "support/test_support.hpp"

namespace {

using namespace kullback;
using kullback_test::close_rel;
using kullback_test::inf;
using kullback_test::logs_of;
using kullback_test::naive_kl;
using vec = std::vector<double>;

// w KL(p||m) + (1 - w) KL(q||m), m = w p + (1 - w) q, by naive sums.
double naive_js(const vec& p, const vec& q, double w) {
  vec m(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) m[i] = w * p[i] + (1.0 - w) * q[i];
  return w * naive_kl(p, m) + (1.0 - w) * naive_kl(q, m);
}

const double ln2 = std::log(2.0);

TEST(Js, DisjointSupportsGiveLog2) {
  const vec p{0.3, 0.7, 0.0, 0.0}, q{0.0, 0.0, 0.6, 0.4};
  EXPECT_TRUE(close_rel(js(p, q), ln2, 1e-15));
  EXPECT_TRUE(close_rel(js(q, p), ln2, 1e-15));
  EXPECT_TRUE(close_rel(js(p, q, {.base = log_base::two}), 1.0, 1e-15));
  EXPECT_TRUE(close_rel(js_distance(p, q), std::sqrt(ln2), 1e-15));
  EXPECT_TRUE(close_rel(js_distance(p, q, {.base = log_base::two}), 1.0, 1e-15));
  EXPECT_TRUE(close_rel(js(std::vector<float>{0.25f, 0.75f, 0.0f}, std::vector<float>{0.0f, 0.0f, 1.0f}), ln2, 1e-15));
  EXPECT_TRUE(close_rel(js(logits(vec{0.0, 1.0, -inf}), logits(vec{-inf, -inf, 3.0})), ln2, 1e-15));
  // Weighted: js = H(w) = -w log w - (1 - w) log(1 - w).
  for (double w : {0.1, 0.3, 0.9}) {
    const double entropy_w = -w * std::log(w) - (1.0 - w) * std::log1p(-w);
    EXPECT_TRUE(close_rel(js(p, q, w), entropy_w, 1e-14)) << w;
  }
}

TEST(Js, IdenticalIsZero) {
  std::mt19937_64 rng(2);
  const vec p = kullback_test::sparse(rng, 300);
  EXPECT_EQ(js(p, p), 0.0);
  EXPECT_EQ(js(p, p, 0.2), 0.0);
  EXPECT_EQ(js_distance(p, p), 0.0);
  EXPECT_EQ(js(logits(logs_of(p, 1.0)), logits(logs_of(p, 1.0))), 0.0);
}

TEST(Js, TwoPointClosedForm) {
  // p = (a, 1 - a), q = (b, 1 - b): js = H((a + b)/2) - (H(a) + H(b))/2 with H the binary entropy.
  auto h = [](long double x) { return x <= 0 || x >= 1 ? 0.0L : -x * std::log(x) - (1 - x) * std::log(1 - x); };
  const double pairs[][2] = {{0.5, 0.0}, {0.25, 0.75}, {0.1, 0.9}, {1.0, 0.0}, {0.6, 0.2}};
  for (const auto& ab : pairs) {
    const long double a = ab[0], b = ab[1];
    const double expected = static_cast<double>(h((a + b) / 2) - (h(a) + h(b)) / 2);
    EXPECT_TRUE(close_rel(js(vec{ab[0], 1.0 - ab[0]}, vec{ab[1], 1.0 - ab[1]}), expected, 1e-14)) << ab[0] << " " << ab[1];
  }
}

TEST(Js, RandomMatchesNaiveDefinition) {
  std::mt19937_64 rng(43);
  for (int trial = 0; trial < 20; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 3000);
    const vec p = kullback_test::random_distribution(rng, n, trial);
    const vec q = kullback_test::random_distribution(rng, n, trial + 1);
    for (double w : {0.5, 0.2, 0.85}) {
      EXPECT_TRUE(close_rel(js(p, q, w), naive_js(p, q, w), 1e-12, 1e-15)) << trial << " " << w;
    }
    EXPECT_EQ(js(p, q), js(p, q, 0.5)) << trial;
    // Swapping the arguments swaps the weights.
    EXPECT_TRUE(close_rel(js(p, q, 0.3), js(q, p, 0.7), 1e-14, 1e-300)) << trial;
  }
}

TEST(Js, WeightEndpointsAreZero) {
  const vec p{0.5, 0.5, 0.0}, q{0.0, 0.1, 0.9};
  EXPECT_EQ(js(p, q, 0.0), 0.0);
  EXPECT_EQ(js(p, q, 1.0), 0.0);
  EXPECT_EQ(js_distance(p, q, 0.0), 0.0);
}

TEST(Js, AlwaysFinite) {
  // Even where KL(p||q) is infinite.
  const vec p{0.5, 0.5, 0.0}, q{1.0, 0.0, 0.0};
  EXPECT_EQ(kl(p, q), inf);
  const double v = js(p, q);
  EXPECT_TRUE(std::isfinite(v));
  EXPECT_TRUE(close_rel(v, naive_js(p, q, 0.5), 1e-14));
}

TEST(JsDistance, IsSquareRootOfJs) {
  std::mt19937_64 rng(47);
  for (int trial = 0; trial < 20; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 1000);
    const vec p = kullback_test::random_distribution(rng, n, trial);
    const vec q = kullback_test::random_distribution(rng, n, trial + 2);
    EXPECT_TRUE(close_rel(js_distance(p, q), std::sqrt(js(p, q)), 1e-15, 1e-300)) << trial;
    EXPECT_TRUE(close_rel(js_distance(p, q, 0.3), std::sqrt(js(p, q, 0.3)), 1e-15, 1e-300)) << trial;
    EXPECT_TRUE(close_rel(js_distance(p, q, 0.5, {.base = log_base::two}),
                          std::sqrt(js(p, q, 0.5, {.base = log_base::two})), 1e-15, 1e-300))
        << trial;
    EXPECT_EQ(js_distance(p, q), js_distance(p, q, 0.5)) << trial;
  }
}

TEST(JsDistance, NeverNanForNearlyEqualInputs) {
  // scipy's jensenshannon can return NaN here (sqrt of a negative rounding error).
  std::mt19937_64 rng(53);
  for (int trial = 0; trial < 20; ++trial) {
    const vec p = kullback_test::dirichlet_like(rng, 1000);
    vec q(p);
    for (double& x : q) x *= 1.0 + 1e-12 * (kullback_test::uniform01(rng) - 0.5);
    const double v = js_distance(q, p, {.normalize = true});
    EXPECT_FALSE(std::isnan(v)) << trial;
    EXPECT_GE(v, 0.0) << trial;
    EXPECT_GE(js(q, p, {.normalize = true}), 0.0) << trial;
  }
}

TEST(Js, LogBase) {
  const vec p{0.1, 0.2, 0.7}, q{0.3, 0.3, 0.4};
  EXPECT_TRUE(close_rel(js(p, q, {.base = log_base::two}), js(p, q) / ln2, 1e-15));
  EXPECT_TRUE(close_rel(js(p, q, 0.25, {.base = log_base::ten}), js(p, q, 0.25) / std::log(10.0), 1e-15));
}

TEST(Js, InputFormsAndTypesAgree) {
  std::mt19937_64 rng(59);
  for (int trial = 0; trial < 10; ++trial) {
    const std::size_t n = kullback_test::random_size(rng, 2000);
    const vec p = kullback_test::random_distribution(rng, n, trial);
    const vec q = kullback_test::random_distribution(rng, n, trial + 1);
    const double expected = js(p, q);
    vec cp(p), cq(q);
    for (double& x : cp) x *= 500.0;
    for (double& x : cq) x *= 3.0;
    EXPECT_TRUE(close_rel(js(logits(logs_of(p, 7.0)), logits(logs_of(q, -1.0))), expected, 1e-12, 1e-15)) << trial;
    EXPECT_TRUE(close_rel(js(log_probs(logs_of(p)), log_probs(logs_of(q))), expected, 1e-12, 1e-15)) << trial;
    EXPECT_TRUE(close_rel(js(counts(cp), counts(cq)), expected, 1e-12, 1e-15)) << trial;
    EXPECT_TRUE(close_rel(js(cp, cq, {.normalize = true}), expected, 1e-12, 1e-15)) << trial;
    EXPECT_TRUE(close_rel(js(kullback_test::to_float(p), kullback_test::to_float(q)), expected, 1e-5, 1e-7)) << trial;
  }
  // Counts with smoothing.
  const vec c1{0, 3, 1}, c2{2, 0, 0};
  EXPECT_TRUE(close_rel(js(counts(c1, 1.0), counts(c2, 1.0)), naive_js({1.0 / 7, 4.0 / 7, 2.0 / 7}, {0.6, 0.2, 0.2}, 0.5),
                        1e-14));
}

TEST(Js, LargeLogits) {
  // softmax(1e4 + (0, 0)) = (1/2, 1/2) and softmax(-1e4 + (0, -inf)) = (1, 0).
  EXPECT_TRUE(close_rel(js(logits(vec{1e4, 1e4}), logits(vec{-1e4, -inf})), naive_js({0.5, 0.5}, {1.0, 0.0}, 0.5), 1e-14));
}

// Finite logits whose differences overflow double: (1, 0) vs (1/2, 1/2).
TEST(Js, LogitsNearTheLargestDouble) {
  EXPECT_TRUE(close_rel(js(logits(vec{1.7e308, 0.0}), logits(vec{-1.7e308, -1.7e308})), naive_js({1.0, 0.0}, {0.5, 0.5}, 0.5),
                        1e-14));
  EXPECT_EQ(js(logits(vec{1e308, 1e308}), logits(vec{-1e308, -1e308})), 0.0);
}

TEST(Js, BatchesAndBroadcasting) {
  const std::vector<vec> ps{{0.5, 0.5, 0.0}, {0.1, 0.2, 0.7}, {0.0, 0.0, 1.0}};
  const std::vector<vec> qs{{0.2, 0.2, 0.6}, {0.0, 1.0, 0.0}, {1.0 / 3, 1.0 / 3, 1.0 / 3}};
  const vec pm = kullback_test::stack(ps), qm = kullback_test::stack(qs);
  const matrix_view<const double> p{pm.data(), 3, 3}, q{qm.data(), 3, 3};
  vec out(3), dist(3);
  js(p, q, 0.4, out);
  js_distance(p, q, 0.4, dist);
  for (std::size_t r = 0; r < 3; ++r) {
    EXPECT_TRUE(close_rel(out[r], naive_js(ps[r], qs[r], 0.4), 1e-14)) << r;
    EXPECT_DOUBLE_EQ(out[r], js(ps[r], qs[r], 0.4)) << r;
    EXPECT_DOUBLE_EQ(dist[r], js_distance(ps[r], qs[r], 0.4)) << r;
  }
  js(ps[1], q, 0.5, out);
  for (std::size_t r = 0; r < 3; ++r) EXPECT_DOUBLE_EQ(out[r], js(ps[1], qs[r])) << r;
  js(p, qs[0], 0.5, out);
  for (std::size_t r = 0; r < 3; ++r) EXPECT_DOUBLE_EQ(out[r], js(ps[r], qs[0])) << r;
  vec wrong(4);
  EXPECT_THROW(js(p, q, 0.5, wrong), kullback::invalid_argument);
  EXPECT_THROW(js_distance(p, q, 0.5, wrong), kullback::invalid_argument);
}

}  // namespace
