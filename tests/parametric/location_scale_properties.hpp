// Property checks shared by the location-scale family tests: on random pairs of one family,
// every measure that the family declares must satisfy the identities that hold for all
// distributions (no reference values needed; accuracy is location_scale_accuracy_test's job).
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>

#include "kullback/kullback.hpp"

namespace kullback_test {

template <class D>
void check_divergence_properties(const std::function<D(std::mt19937_64&)>& random, int pairs = 200) {
  namespace k = kullback;
  std::mt19937_64 rng(20261128);
  for (int i = 0; i < pairs; ++i) {
    const D p = random(rng), q = random(rng);
    SCOPED_TRACE(i);
    // D(p, p) = 0 exactly
    EXPECT_EQ(k::kl(p, p), 0.0);
    EXPECT_EQ(k::jeffreys(p, p), 0.0);
    const double kpq = k::kl(p, q), kqp = k::kl(q, p);
    EXPECT_GE(kpq, 0.0);
    EXPECT_EQ(k::jeffreys(p, q), kpq + kqp);
    EXPECT_EQ(k::jeffreys(p, q), k::jeffreys(q, p));
    if constexpr (requires { k::renyi(p, q, 0.5); }) {
      for (double a : {0.3, 0.5, 2.0}) {
        EXPECT_EQ(k::renyi(p, p, a), 0.0) << a;
        EXPECT_EQ(k::chernoff_coefficient(p, p, a), 1.0) << a;
      }
      EXPECT_EQ(k::bhattacharyya(p, p), 0.0);
      EXPECT_EQ(k::hellinger(p, p), 0.0);
      // non-negative, non-decreasing in alpha (van Erven & Harremoes), -> KL at alpha = 1
      double last = 0.0;
      for (double a : {0.1, 0.25, 0.5, 0.75, 0.9, 0.999999, 1.0, 1.000001, 1.5, 2.0, 4.0}) {
        const double d = k::renyi(p, q, a);
        EXPECT_GE(d, last * (1.0 - 1e-12)) << "alpha " << a;
        last = d;
        if (std::isfinite(d) && a != 1.0) {
          const double c = k::chernoff_coefficient(p, q, a);
          EXPECT_NEAR(c, std::exp((a - 1.0) * d), 1e-13 * c) << "alpha " << a;
        }
      }
      if (std::isfinite(kpq)) {
        EXPECT_NEAR(k::renyi(p, q, 0.999999), kpq, 1e-5 * kpq + 1e-300);
        EXPECT_NEAR(k::renyi(p, q, 1.000001), kpq, 1e-5 * kpq + 1e-300);
      }
      EXPECT_EQ(k::renyi(p, q, 1.0), kpq);
      // Bhattacharyya and Hellinger: symmetric, H = sqrt(1 - e^-B) in [0, 1], B = D_1/2 / 2
      const double b = k::bhattacharyya(p, q);
      const double h = k::hellinger(p, q);
      EXPECT_GE(h, 0.0);
      EXPECT_LE(h, 1.0);
      if (std::isfinite(b)) {
        EXPECT_NEAR(b, k::bhattacharyya(q, p), 1e-13 * b);
        EXPECT_NEAR(b, 0.5 * k::renyi(p, q, 0.5), 1e-14 * b);
        EXPECT_NEAR(h, std::sqrt(1.0 - std::exp(-b)), 1e-13);
      } else {
        EXPECT_EQ(k::bhattacharyya(q, p), b);
        EXPECT_EQ(h, 1.0);
      }
      // skew symmetry: (1 - a) D_a(p||q) = a D_(1-a)(q||p) for 0 < a < 1
      const double l = 0.3 * k::renyi(p, q, 0.7), r = 0.7 * k::renyi(q, p, 0.3);
      if (std::isfinite(l)) {
        EXPECT_NEAR(l, r, 1e-12 * l);
      }
    }
  }
}

}  // namespace kullback_test
