// kullback/core/random.hpp: the seeded generator's reproducibility, streams, and the moments of
// its uniform and normal outputs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

#include "kullback/core/random.hpp"

namespace {

using kullback::rng;

TEST(Rng, SameSeedAndStreamSameSequence) {
  rng a(42, 7), b(42, 7);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(a.next(), b.next());
  rng c(42, 7), d(42, 7);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(c.standard_normal(), d.standard_normal());
}

TEST(Rng, SeedsAndStreamsDiffer) {
  // Neighbouring seeds and streams (and swapped pairs) start unrelated sequences.
  std::set<std::uint64_t> firsts;
  for (std::uint64_t seed = 0; seed < 16; ++seed) {
    for (std::uint64_t stream = 0; stream < 16; ++stream) firsts.insert(rng(seed, stream).next());
  }
  EXPECT_EQ(firsts.size(), 256u);
  EXPECT_NE(rng(1, 2).next(), rng(2, 1).next());
}

TEST(Rng, KnownFirstOutputs) {
  // The sequence is part of the contract (a result quotes its seed): pinned to values from an
  // independent Python transcription of splitmix64 seeding and xoshiro256++.
  rng g(0, 0);
  EXPECT_EQ(g.next(), 0x76a7a32dbd731802ULL);
  EXPECT_EQ(g.next(), 0xac9076473748912fULL);
  EXPECT_EQ(g.next(), 0xcf0cfcf097fefd16ULL);
  rng h(12345, 3);
  EXPECT_EQ(h.next(), 0xf4fcf521a639ef30ULL);
  EXPECT_EQ(h.next(), 0x047020eb916ce20bULL);
  EXPECT_EQ(h.next(), 0xd69a7d5237c2bf47ULL);
}

TEST(Rng, UniformMoments) {
  rng g(3);
  const int n = 1'000'000;
  double sum = 0, sum2 = 0, lo = 1, hi = 0;
  for (int i = 0; i < n; ++i) {
    const double u = g.uniform01();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u, sum2 += u * u, lo = std::min(lo, u), hi = std::max(hi, u);
  }
  EXPECT_NEAR(sum / n, 0.5, 5 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(sum2 / n - (sum / n) * (sum / n), 1.0 / 12, 2e-3);
  EXPECT_LT(lo, 1e-5);
  EXPECT_GT(hi, 1 - 1e-5);
}

TEST(Rng, NormalMoments) {
  rng g(4);
  const int n = 1'000'000;
  double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
  int beyond_two = 0;
  for (int i = 0; i < n; ++i) {
    const double z = g.standard_normal();
    m1 += z, m2 += z * z, m3 += z * z * z, m4 += z * z * z * z;
    beyond_two += std::fabs(z) > 2.0;
  }
  EXPECT_NEAR(m1 / n, 0.0, 5 / std::sqrt(n));
  EXPECT_NEAR(m2 / n, 1.0, 5 * std::sqrt(2.0 / n));
  EXPECT_NEAR(m3 / n, 0.0, 5 * std::sqrt(15.0 / n));
  EXPECT_NEAR(m4 / n, 3.0, 5 * std::sqrt(96.0 / n));
  // P(|Z| > 2) = 0.0455003
  EXPECT_NEAR(static_cast<double>(beyond_two) / n, 0.0455003, 5 * std::sqrt(0.0455 * 0.9545 / n));
}

}  // namespace
