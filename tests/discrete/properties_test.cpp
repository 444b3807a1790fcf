// Property tests over many seeded random pairs (Dirichlet-like, sparse with zeros, peaked; n from 1
// to 5000): non-negativity, identity, symmetry, bounds and the classical inequalities between
// measures.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace {

using namespace kullback;
using kullback_test::close_rel;
using kullback_test::inf;
using vec = std::vector<double>;

constexpr double eps = std::numeric_limits<double>::epsilon();
const double ln2 = std::log(2.0);

struct random_pair {
  vec p, q;
  std::string label;
};

// 150 pairs: every combination of the three kinds, sizes log-uniform in [1, 5000], plus the ends.
const std::vector<random_pair>& pairs() {
  static const std::vector<random_pair> all = [] {
    std::vector<random_pair> out;
    std::mt19937_64 rng(20240917);
    const char* kinds[] = {"dirichlet", "sparse", "peaked"};
    for (int i = 0; i < 150; ++i) {
      std::size_t n = kullback_test::random_size(rng, 5000);
      if (i == 0 || i == 1) n = 1;
      if (i == 2) n = 2;
      if (i == 3 || i == 4) n = 5000;
      const int kind_p = i % 3, kind_q = (i / 3) % 3;
      random_pair pair{kullback_test::random_distribution(rng, n, kind_p),
                       kullback_test::random_distribution(rng, n, kind_q),
                       "pair " + std::to_string(i) + " (" + kinds[kind_p] + " vs " + kinds[kind_q] + ", n " +
                           std::to_string(n) + ")"};
      out.push_back(std::move(pair));
    }
    return out;
  }();
  return all;
}

struct divergence {
  std::string name;
  std::function<double(const vec&, const vec&)> f;
};

std::vector<divergence> divergences() {
  std::vector<divergence> d{
      {"kl", [](const vec& p, const vec& q) { return kl(p, q); }},
      {"skew_kl_0.3", [](const vec& p, const vec& q) { return skew_kl(p, q, 0.3); }},
      {"jeffreys", [](const vec& p, const vec& q) { return jeffreys(p, q); }},
      {"js", [](const vec& p, const vec& q) { return js(p, q); }},
      {"js_0.2", [](const vec& p, const vec& q) { return js(p, q, 0.2); }},
      {"js_distance", [](const vec& p, const vec& q) { return js_distance(p, q); }},
      {"tv", [](const vec& p, const vec& q) { return tv(p, q); }},
      {"hellinger", [](const vec& p, const vec& q) { return hellinger(p, q); }},
      {"bhattacharyya", [](const vec& p, const vec& q) { return bhattacharyya(p, q); }},
      {"chi2", [](const vec& p, const vec& q) { return chi2(p, q); }},
      {"neyman_chi2", [](const vec& p, const vec& q) { return neyman_chi2(p, q); }},
      {"cauchy_schwarz", [](const vec& p, const vec& q) { return cauchy_schwarz(p, q); }},
      {"cross_entropy-entropy", [](const vec& p, const vec& q) { return cross_entropy(p, q) - entropy(p); }},
  };
  for (double a : {0.0, 0.25, 0.5, 0.99, 1.0, 1.01, 2.0, 5.0, inf}) {
    d.push_back({"renyi_" + std::to_string(a), [a](const vec& p, const vec& q) { return renyi(p, q, a); }});
  }
  for (double a : {0.5, 1.0, 2.0}) {
    d.push_back({"tsallis_" + std::to_string(a), [a](const vec& p, const vec& q) { return tsallis(p, q, a); }});
  }
  for (double a : {-1.0, 0.0, 0.5, 1.0, 2.0}) {
    d.push_back({"alpha_divergence_" + std::to_string(a),
                 [a](const vec& p, const vec& q) { return alpha_divergence(p, q, a); }});
  }
  return d;
}

TEST(Properties, NonNegative) {
  const auto measures = divergences();
  for (const auto& [p, q, label] : pairs()) {
    for (const auto& m : measures) {
      const double v = m.f(p, q);
      if (m.name == "cross_entropy-entropy") {
        EXPECT_GE(v, -1e-13 * std::max(1.0, entropy(p))) << m.name << ", " << label;  // a difference of two sums
      } else {
        EXPECT_GE(v, 0.0) << m.name << ", " << label;  // also fails for NaN
      }
    }
    EXPECT_GE(entropy(p), 0.0) << label;
  }
}

TEST(Properties, IdenticalArgumentsGiveZero) {
  const auto measures = divergences();
  for (const auto& [p, q, label] : pairs()) {
    for (const auto& m : measures) {
      const double v = m.f(p, p);
      EXPECT_GE(v, 0.0) << m.name << ", " << label;
      EXPECT_LE(v, 1e-15) << m.name << ", " << label;
    }
    // The same for logits and f-divergences with the named generators.
    const vec lp = kullback_test::logs_of(p, 1.0);
    EXPECT_LE(kl(logits(lp), logits(lp)), 1e-15) << label;
    EXPECT_LE(js(logits(lp), logits(lp)), 1e-15) << label;
    EXPECT_LE(std::fabs(f_divergence(p, p, generators::kl())), 1e-15) << label;
    EXPECT_LE(std::fabs(f_divergence(p, p, generators::js())), 1e-15) << label;
  }
}

TEST(Properties, SymmetricMeasures) {
  for (const auto& [p, q, label] : pairs()) {
    EXPECT_TRUE(close_rel(js(p, q), js(q, p), 1e-14, 1e-300)) << label;
    EXPECT_TRUE(close_rel(js_distance(p, q), js_distance(q, p), 1e-14, 1e-300)) << label;
    EXPECT_TRUE(close_rel(tv(p, q), tv(q, p), 1e-15, 1e-300)) << label;
    EXPECT_TRUE(close_rel(hellinger(p, q), hellinger(q, p), 1e-15, 1e-300)) << label;
    EXPECT_TRUE(close_rel(bhattacharyya(p, q), bhattacharyya(q, p), 1e-14, 1e-300)) << label;
    EXPECT_TRUE(close_rel(jeffreys(p, q), jeffreys(q, p), 1e-14, 1e-300)) << label;
    EXPECT_TRUE(close_rel(cauchy_schwarz(p, q), cauchy_schwarz(q, p), 1e-14, 1e-300)) << label;
    // Weighted JS: swapping the arguments swaps the weights.
    EXPECT_TRUE(close_rel(js(p, q, 0.2), js(q, p, 0.8), 1e-14, 1e-300)) << label;
  }
}

TEST(Properties, Bounds) {
  for (const auto& [p, q, label] : pairs()) {
    EXPECT_LE(js(p, q), ln2 * (1.0 + 4.0 * eps)) << label;
    EXPECT_LE(js(p, q, {.base = log_base::two}), 1.0 + 4.0 * eps) << label;
    EXPECT_LE(tv(p, q), 1.0 + 4.0 * eps) << label;
    EXPECT_LE(hellinger(p, q), 1.0 + 4.0 * eps) << label;
    EXPECT_LE(entropy(p), std::log(static_cast<double>(p.size())) * (1.0 + 1e-14) + 1e-300) << label;
    EXPECT_GE(cross_entropy(p, q), entropy(p) * (1.0 - 1e-13)) << label;
  }
}

TEST(Properties, Pinsker) {
  // KL(p||q) >= 2 TV^2 (nats).
  for (const auto& [p, q, label] : pairs()) {
    const double t = tv(p, q);
    EXPECT_GE(kl(p, q), 2.0 * t * t * (1.0 - 1e-12)) << label;
    EXPECT_GE(kl(q, p), 2.0 * t * t * (1.0 - 1e-12)) << label;
  }
}

TEST(Properties, HellingerTvAndJsInequalities) {
  for (const auto& [p, q, label] : pairs()) {
    const double h = hellinger(p, q), t = tv(p, q);
    // Le Cam: H^2 <= TV <= H sqrt(2 - H^2) (H^2 = 1/2 sum (sqrt p - sqrt q)^2).
    EXPECT_LE(h * h, t * (1.0 + 1e-13) + 1e-300) << label;
    EXPECT_LE(t, h * std::sqrt(2.0 - h * h) * (1.0 + 1e-13) + 1e-300) << label;
    // JS <= TV log 2 (an f-divergence is at most (f(0) + f'(inf)) TV).
    EXPECT_LE(js(p, q), t * ln2 * (1.0 + 1e-13) + 1e-300) << label;
  }
}

// Renyi divergence is nondecreasing in its order.
void expect_renyi_nondecreasing(const vec& p, const vec& q, const std::string& label) {
  const double grid[] = {0.0, 0.25, 0.5, 0.99, 1.0, 1.01, 2.0, 5.0, inf};
  double previous = 0.0;
  double previous_alpha = -1.0;
  for (double a : grid) {
    const double v = renyi(p, q, a);
    EXPECT_FALSE(std::isnan(v)) << "alpha " << a << ", " << label;
    if (previous_alpha >= 0.0) {
      EXPECT_GE(v, previous * (1.0 - 1e-12) - 1e-15)
          << "renyi(" << a << ") = " << v << " < renyi(" << previous_alpha << ") = " << previous << ", " << label;
    }
    previous = v;
    previous_alpha = a;
  }
}

TEST(Properties, RenyiNondecreasingInOrderFullSupportQ) {
  std::mt19937_64 rng(31337);
  for (int i = 0; i < 60; ++i) {
    const std::size_t n = kullback_test::random_size(rng, 5000);
    const vec p = kullback_test::random_distribution(rng, n, i);
    const vec q = kullback_test::dirichlet_like(rng, n, 0.5 + 0.5 * (i % 3));
    expect_renyi_nondecreasing(p, q, "pair " + std::to_string(i) + ", n " + std::to_string(n));
  }
}

TEST(Properties, RenyiNondecreasingInOrder) {
  for (const auto& [p, q, label] : pairs()) expect_renyi_nondecreasing(p, q, label);
}

TEST(Properties, KlAtMostChi2) {
  // KL <= log(1 + chi2) <= chi2 where supp p is inside supp q.
  for (const auto& [p, q, label] : pairs()) {
    const double c = chi2(p, q);
    if (std::isinf(c)) {
      continue;
    }
    const double k = kl(p, q);
    EXPECT_LE(k, c * (1.0 + 1e-12) + 1e-300) << label;
    EXPECT_LE(k, std::log1p(c) * (1.0 + 1e-12) + 1e-300) << label;
  }
}

TEST(Properties, JsDistanceTriangleInequality) {
  std::mt19937_64 rng(4242);
  for (int i = 0; i < 150; ++i) {
    const std::size_t n = kullback_test::random_size(rng, 2000);
    const vec a = kullback_test::random_distribution(rng, n, i);
    const vec b = kullback_test::random_distribution(rng, n, i / 3);
    const vec c = kullback_test::random_distribution(rng, n, i / 9);
    const double ab = js_distance(a, b), bc = js_distance(b, c), ac = js_distance(a, c);
    EXPECT_LE(ac, (ab + bc) * (1.0 + 1e-14) + 1e-300) << i;
    EXPECT_LE(ab, (ac + bc) * (1.0 + 1e-14) + 1e-300) << i;
    EXPECT_LE(bc, (ab + ac) * (1.0 + 1e-14) + 1e-300) << i;
    // Hellinger is a metric too.
    const double hab = hellinger(a, b), hbc = hellinger(b, c), hac = hellinger(a, c);
    EXPECT_LE(hac, (hab + hbc) * (1.0 + 1e-14) + 1e-300) << i;
  }
}

TEST(Properties, RenyiHalfIsTwiceBhattacharyyaAndHellingerMatchesAlphaHalf) {
  for (const auto& [p, q, label] : pairs()) {
    const double b = bhattacharyya(p, q);
    const double r = renyi(p, q, 0.5);
    if (std::isinf(b)) {
      EXPECT_EQ(r, inf) << label;
    } else {
      EXPECT_TRUE(close_rel(r, 2.0 * b, 1e-12, 1e-15)) << label;
    }
    const double h = hellinger(p, q);
    EXPECT_TRUE(close_rel(alpha_divergence(p, q, 0.5) / 4.0, h * h, 1e-12, 1e-15)) << label;
  }
}

}  // namespace
