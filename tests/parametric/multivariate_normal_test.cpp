// kullback::multivariate_normal: parametrisations, properties, batches, threads and bad input.
// (Accuracy against mpmath: parametric_accuracy_test.)
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "kullback/kullback.hpp"
#include "support/test_support.hpp"

namespace {

using mvn = kullback::multivariate_normal;
using kullback_test::bits;
using kullback_test::close_rel;
using kullback_test::inf;
using kullback_test::nan;
using kullback_test::uniform01;

using kullback_test::error_of;

double gauss(std::mt19937_64& rng) {
  return std::sqrt(-2.0 * std::log(uniform01(rng))) * std::cos(6.283185307179586 * uniform01(rng));
}

// W (d x r), D, and Sigma = W W^T + diag(D), so every parametrisation of one Sigma is available.
struct random_gaussian {
  std::size_t d, r;
  std::vector<double> mean, w, diag, cov, tril, prec;
};

random_gaussian make_gaussian(std::size_t d, std::size_t r, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  random_gaussian g{d, r, {}, {}, {}, {}, {}, {}};
  for (std::size_t i = 0; i < d; ++i) g.mean.push_back(gauss(rng));
  for (std::size_t i = 0; i < d * r; ++i) g.w.push_back(0.7 * gauss(rng));
  for (std::size_t i = 0; i < d; ++i) g.diag.push_back(0.5 + uniform01(rng));
  const mvn lr = mvn::low_rank(g.mean, {g.w.data(), d, r}, g.diag);
  g.cov.assign(lr.covariance().begin(), lr.covariance().end());
  g.tril.assign(lr.scale_tril().begin(), lr.scale_tril().end());
  // precision = Sigma^-1 via Gauss-Jordan in long double, symmetrised
  std::vector<long double> a(g.cov.begin(), g.cov.end()), inv(d * d, 0);
  for (std::size_t i = 0; i < d; ++i) inv[i * d + i] = 1;
  for (std::size_t c = 0; c < d; ++c) {
    const long double piv = a[c * d + c];
    for (std::size_t j = 0; j < d; ++j) a[c * d + j] /= piv, inv[c * d + j] /= piv;
    for (std::size_t i = 0; i < d; ++i) {
      if (i == c) continue;
      const long double f = a[i * d + c];
      for (std::size_t j = 0; j < d; ++j) a[i * d + j] -= f * a[c * d + j], inv[i * d + j] -= f * inv[c * d + j];
    }
  }
  g.prec.resize(d * d);
  for (std::size_t i = 0; i < d; ++i)
    for (std::size_t j = 0; j < d; ++j) g.prec[i * d + j] = static_cast<double>((inv[i * d + j] + inv[j * d + i]) / 2);
  return g;
}

std::vector<mvn> all_forms(const random_gaussian& g) {
  const std::size_t d = g.d;
  return {mvn::from_covariance(g.mean, {g.cov.data(), d, d}), mvn::from_scale_tril(g.mean, {g.tril.data(), d, d}),
          mvn::from_precision(g.mean, {g.prec.data(), d, d}), mvn::low_rank(g.mean, {g.w.data(), d, g.r}, g.diag)};
}

double measure(int m, const mvn& p, const mvn& q) {
  switch (m) {
    case 0: return kullback::kl(p, q);
    case 1: return kullback::jeffreys(p, q);
    case 2: return kullback::renyi(p, q, 0.3);
    case 3: return kullback::renyi(p, q, 1.5);
    case 4: return kullback::chernoff_coefficient(p, q, 0.7);
    case 5: return kullback::bhattacharyya(p, q);
    case 6: return kullback::hellinger(p, q);
    default: return kullback::wasserstein2(p, q);
  }
}
constexpr int kMeasures = 8;

TEST(MultivariateNormal, ParametrisationInvariance) {
  for (std::size_t d : {1u, 2u, 5u, 16u}) {
    const auto p = all_forms(make_gaussian(d, 2, 10 + d));
    const auto q = all_forms(make_gaussian(d, 3, 20 + d));
    for (int m = 0; m < kMeasures; ++m) {
      const double ref = measure(m, p[0], q[0]);
      for (std::size_t i = 0; i < p.size(); ++i)
        for (std::size_t j = 0; j < q.size(); ++j)
          EXPECT_TRUE(close_rel(measure(m, p[i], q[j]), ref, 1e-13)) << "d=" << d << " measure " << m << " " << i << j;
    }
  }
}

TEST(MultivariateNormal, MatchesUnivariateAndIndependent) {
  const double m1 = 0.3, v1 = 2.0, m2 = -1.0, v2 = 0.5;
  const mvn p = mvn::diagonal(std::vector<double>{m1}, std::vector<double>{v1});
  const mvn q = mvn::from_covariance(std::vector<double>{m2}, {&v2, 1, 1});
  const kullback::normal a(m1, std::sqrt(v1)), b(m2, std::sqrt(v2));
  EXPECT_TRUE(close_rel(kullback::kl(p, q), kullback::kl(a, b), 1e-15));
  EXPECT_TRUE(close_rel(kullback::renyi(p, q, 0.4), kullback::renyi(a, b, 0.4), 1e-14));
  EXPECT_TRUE(close_rel(kullback::hellinger(p, q), kullback::hellinger(a, b), 1e-14));
  EXPECT_TRUE(close_rel(kullback::wasserstein2(p, q), kullback::wasserstein2(a, b), 1e-15));
  // diagonal MVN == independent normals
  const std::vector<double> mu{0.1, -0.5, 2.0}, var{0.3, 1.7, 4.0}, sd{std::sqrt(0.3), std::sqrt(1.7), 2.0};
  const mvn pd = mvn::diagonal(mu, var);
  const mvn qd = mvn::diagonal(std::vector<double>(3, 0.0), std::vector<double>(3, 1.0));
  const double zero = 0, one = 1;
  const kullback::normal_batch pb({mu.data(), 1, 3}, {sd.data(), 1, 3}), qb({&zero, 1, 1}, {&one, 1, 1});
  std::vector<double> out(1);
  kullback::kl(kullback::independent(pb), kullback::independent(qb), out);
  EXPECT_TRUE(close_rel(kullback::kl(pd, qd), out[0], 1e-15));
  kullback::wasserstein2(kullback::independent(pb), kullback::independent(qb), out);
  EXPECT_TRUE(close_rel(kullback::wasserstein2(pd, qd), out[0], 1e-15));
}

TEST(MultivariateNormal, PropertiesOnRandomPairs) {
  for (std::uint64_t s = 0; s < 20; ++s) {
    const std::size_t d = 1 + s % 7;
    const auto p = all_forms(make_gaussian(d, 2, 100 + s));
    const auto q = all_forms(make_gaussian(d, 2, 200 + s));
    for (const auto& x : p) {
      EXPECT_EQ(kullback::kl(x, x), 0.0);
      EXPECT_EQ(kullback::jeffreys(x, x), 0.0);
      EXPECT_EQ(kullback::renyi(x, x, 0.3), 0.0);
      EXPECT_EQ(kullback::renyi(x, x, 3.0), 0.0);
      EXPECT_EQ(kullback::bhattacharyya(x, x), 0.0);
      EXPECT_EQ(kullback::hellinger(x, x), 0.0);
      EXPECT_EQ(kullback::wasserstein2(x, x), 0.0);
      EXPECT_EQ(kullback::chernoff_coefficient(x, x, 0.3), 1.0);
    }
    EXPECT_GT(kullback::kl(p[0], q[1]), 0.0);
    EXPECT_GT(kullback::renyi(p[1], q[2], 0.5), 0.0);
    const double h = kullback::hellinger(p[0], q[0]);
    EXPECT_TRUE(h > 0.0 && h <= 1.0);
    EXPECT_TRUE(close_rel(kullback::jeffreys(p[0], q[0]), kullback::jeffreys(q[0], p[0]), 1e-14));
    EXPECT_TRUE(close_rel(kullback::bhattacharyya(p[0], q[0]), kullback::bhattacharyya(q[0], p[0]), 1e-13));
    EXPECT_TRUE(close_rel(kullback::hellinger(p[0], q[0]), kullback::hellinger(q[0], p[0]), 1e-13));
    EXPECT_TRUE(close_rel(kullback::wasserstein2(p[0], q[0]), kullback::wasserstein2(q[0], p[0]), 1e-13));
    EXPECT_EQ(kullback::renyi(p[0], q[0], 1.0), kullback::kl(p[0], q[0]));
  }
}

TEST(MultivariateNormal, RenyiIsInfiniteWhenTheMixedCovarianceIsNotPositiveDefinite) {
  const std::vector<double> m{0, 0}, wide{4, 1}, unit{1, 1};
  const mvn p = mvn::diagonal(m, wide), q = mvn::diagonal(m, unit);
  EXPECT_EQ(kullback::renyi(p, q, 2.0), inf);  // 2 * 1 - 1 * 4 < 0 in the first coordinate
  EXPECT_EQ(kullback::chernoff_coefficient(p, q, 2.0), inf);
  EXPECT_TRUE(std::isfinite(kullback::renyi(q, p, 2.0)));
  EXPECT_TRUE(std::isfinite(kullback::renyi(p, q, 1.2)));  // 1.2 - 0.2 * 4 > 0
}

TEST(MultivariateNormal, BatchEqualsLoopBitwiseForEveryThreadCount) {
  kullback_test::thread_count_guard guard;
  std::vector<mvn> p, q;
  for (std::uint64_t s = 0; s < 64; ++s) {
    p.push_back(all_forms(make_gaussian(16, 2, 300 + s))[s % 4]);
    q.push_back(all_forms(make_gaussian(16, 2, 400 + s))[(s / 4) % 4]);
  }
  for (int m = 0; m < kMeasures; ++m) {
    std::vector<double> loop(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) loop[i] = measure(m, p[i], q[i]);
    for (int threads : {1, 2, 3}) {
      kullback::set_num_threads(threads);
      std::vector<double> out(p.size());
      switch (m) {
        case 0: kullback::kl(p, q, out); break;
        case 1: kullback::jeffreys(p, q, out); break;
        case 2: kullback::renyi(p, q, 0.3, out); break;
        case 3: kullback::renyi(p, q, 1.5, out); break;
        case 4: kullback::chernoff_coefficient(p, q, 0.7, out); break;
        case 5: kullback::bhattacharyya(p, q, out); break;
        case 6: kullback::hellinger(p, q, out); break;
        default: kullback::wasserstein2(p, q, out); break;
      }
      for (std::size_t i = 0; i < p.size(); ++i) ASSERT_EQ(bits(out[i]), bits(loop[i])) << m << " " << threads;
    }
  }
  // a batch of one broadcasts
  std::vector<double> out(p.size());
  kullback::kl(p, std::span<const mvn>(q.data(), 1), out);
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_EQ(bits(out[i]), bits(kullback::kl(p[i], q[0])));
}

TEST(MultivariateNormal, RejectsBadInput) {
  const std::vector<double> m2{0, 0};
  const std::vector<double> not_pd{1, 2, 2, 1}, asym{2, 0.5, 0.4, 2}, upper{1, 0.5, 0, 1}, neg_diag{1, 0, 0.3, -1};
  EXPECT_EQ(error_of([&] { mvn::from_covariance(m2, {not_pd.data(), 2, 2}); }),
            "kullback::multivariate_normal::from_covariance: covariance is not positive definite (Cholesky pivot 1 "
            "= -3, but must be > 0)");
  EXPECT_EQ(error_of([&] { mvn::from_covariance(m2, {asym.data(), 2, 2}); }),
            "kullback::multivariate_normal::from_covariance: covariance[1][0] = 0.4 but covariance[0][1] = 0.5, but "
            "covariance must be symmetric");
  EXPECT_EQ(error_of([&] { mvn::from_scale_tril(m2, {upper.data(), 2, 2}); }),
            "kullback::multivariate_normal::from_scale_tril: scale_tril[0][1] = 0.5, but must be 0 (scale_tril is "
            "lower triangular)");
  EXPECT_EQ(error_of([&] { mvn::from_scale_tril(m2, {neg_diag.data(), 2, 2}); }),
            "kullback::multivariate_normal::from_scale_tril: scale_tril[1][1] = -1, but must be > 0");
  EXPECT_THROW(mvn::from_precision(m2, {not_pd.data(), 2, 2}), kullback::invalid_argument);
  EXPECT_EQ(error_of([&] { mvn::diagonal(m2, std::vector<double>{1, 0}); }),
            "kullback::multivariate_normal::diagonal: variances[1] = 0, but must be > 0");
  EXPECT_EQ(error_of([&] { mvn::diagonal(std::vector<double>{0, nan}, std::vector<double>{1, 1}); }),
            "kullback::multivariate_normal::diagonal: mean[1] = nan, but must be finite");
  EXPECT_EQ(error_of([&] { mvn::from_covariance(m2, {not_pd.data(), 1, 4}); }),
            "kullback::multivariate_normal::from_covariance: covariance is 1 x 4, but must be 2 x 2");
  EXPECT_THROW(mvn::from_covariance(std::vector<double>{}, {not_pd.data(), 0, 0}), kullback::invalid_argument);
  EXPECT_THROW(mvn::diagonal(m2, std::vector<double>{1}), kullback::invalid_argument);
  const std::vector<double> w{1, 2}, bad_d{1, -1};
  EXPECT_EQ(error_of([&] { mvn::low_rank(m2, {w.data(), 2, 1}, bad_d); }),
            "kullback::multivariate_normal::low_rank: cov_diag[1] = -1, but must be > 0");
  EXPECT_THROW(mvn::low_rank(m2, {w.data(), 1, 2}, std::vector<double>{1, 1}), kullback::invalid_argument);
  const std::vector<double> cov_nan{1, 0, 0, nan};
  EXPECT_EQ(error_of([&] { mvn::from_covariance(m2, {cov_nan.data(), 2, 2}); }),
            "kullback::multivariate_normal::from_covariance: covariance[1][1] = nan, but must be finite");
  // dimensions and batch sizes
  const mvn a = mvn::diagonal(m2, std::vector<double>{1, 1});
  const mvn b = mvn::diagonal(std::vector<double>{0}, std::vector<double>{1});
  EXPECT_EQ(error_of([&] { kullback::kl(a, b); }),
            "kullback::kl: p.dim() = 2 and q.dim() = 1, but the dimensions must match");
  EXPECT_THROW(kullback::renyi(a, a, -1.0), kullback::invalid_argument);
  const std::vector<mvn> two{a, a}, three{a, a, a};
  std::vector<double> out(3);
  EXPECT_THROW(kullback::kl(two, three, out), kullback::invalid_argument);
  EXPECT_THROW(kullback::kl(three, three, std::span<double>(out.data(), 2)), kullback::invalid_argument);
  EXPECT_THROW(kullback::kl(std::span<const mvn>(), three, out), kullback::invalid_argument);
}

}  // namespace
