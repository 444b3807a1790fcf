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

random_gaussian complete(random_gaussian g);

random_gaussian make_gaussian(std::size_t d, std::size_t r, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  random_gaussian g{d, r, {}, {}, {}, {}, {}, {}};
  for (std::size_t i = 0; i < d; ++i) g.mean.push_back(gauss(rng));
  for (std::size_t i = 0; i < d * r; ++i) g.w.push_back(0.7 * gauss(rng));
  for (std::size_t i = 0; i < d; ++i) g.diag.push_back(0.5 + uniform01(rng));
  return complete(std::move(g));
}

// g with every parameter scaled by (1 + eps): a nearly equal distribution.
random_gaussian perturbed(const random_gaussian& g, double eps) {
  random_gaussian h{g.d, g.r, g.mean, g.w, g.diag, {}, {}, {}};
  for (auto& x : h.mean) x += eps;
  for (auto& x : h.w) x *= 1.0 + eps;
  for (auto& x : h.diag) x *= 1.0 + 0.5 * eps;
  return complete(std::move(h));
}

// Fills cov, tril and prec from mean, w and diag.
random_gaussian complete(random_gaussian g) {
  const std::size_t d = g.d, r = g.r;
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

// ---- multivariate_normal_batch -----------------------------------------------------------------

using mvnb = kullback::multivariate_normal_batch;

// Items stacked as the batch factories take them.
struct stacked {
  std::size_t n, d;
  std::vector<double> means, cov, tril, prec;
};

stacked stack(const std::vector<random_gaussian>& gs) {
  stacked s{gs.size(), gs[0].d, {}, {}, {}, {}};
  for (const auto& g : gs) {
    s.means.insert(s.means.end(), g.mean.begin(), g.mean.end());
    s.cov.insert(s.cov.end(), g.cov.begin(), g.cov.end());
    s.tril.insert(s.tril.end(), g.tril.begin(), g.tril.end());
    s.prec.insert(s.prec.end(), g.prec.begin(), g.prec.end());
  }
  return s;
}

// 0: covariance, 1: scale_tril, 2: precision
mvnb make_batch(const stacked& s, int kind) {
  const kullback::matrix_view<const double> means{s.means.data(), s.n, s.d};
  const std::size_t rows = s.n * s.d;
  if (kind == 0) return mvnb::from_covariance(means, {s.cov.data(), rows, s.d});
  if (kind == 1) return mvnb::from_scale_tril(means, {s.tril.data(), rows, s.d});
  return mvnb::from_precision(means, {s.prec.data(), rows, s.d});
}

void batch_measure(int m, const mvnb& p, const mvnb& q, std::span<double> out) {
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
}

// Pairs far apart, nearly equal (relative 1e-9 and 1e-4: the differential path) and equal.
std::pair<std::vector<random_gaussian>, std::vector<random_gaussian>> batch_pairs(std::size_t d, std::size_t n) {
  std::vector<random_gaussian> p, q;
  for (std::size_t k = 0; k < n; ++k) {
    p.push_back(make_gaussian(d, 2, 1000 + 10 * d + k));
    switch (k % 4) {
      case 0: q.push_back(make_gaussian(d, 2, 2000 + 10 * d + k)); break;
      case 1: q.push_back(perturbed(p.back(), 1e-9)); break;
      case 2: q.push_back(perturbed(p.back(), 1e-4)); break;
      default: q.push_back(p.back()); break;
    }
  }
  return {p, q};
}

TEST(MultivariateNormalBatch, MatchesTheSingleObjects) {
  for (std::size_t d : {1u, 2u, 5u, 16u}) {
    const auto [gp, gq] = batch_pairs(d, 24);
    const stacked sp = stack(gp), sq = stack(gq);
    for (int kind = 0; kind < 3; ++kind) {
      const mvnb p = make_batch(sp, kind), q = make_batch(sq, kind);
      ASSERT_EQ(p.size(), 24u);
      ASSERT_EQ(p.dim(), d);
      for (int m = 0; m < kMeasures; ++m) {
        std::vector<double> out(p.size());
        batch_measure(m, p, q, out);
        for (std::size_t i = 0; i < p.size(); ++i) {
          EXPECT_FALSE(p.extended(i) || q.extended(i));
          const double single = measure(m, all_forms(gp[i])[kind], all_forms(gq[i])[kind]);
          // kl and jeffreys: double kernel (bitwise for scale_tril); others: the single functions
          if (m >= 2 || kind == 1) {
            ASSERT_EQ(bits(out[i]), bits(single)) << "d=" << d << " kind " << kind << " measure " << m << " item " << i;
          } else {
            EXPECT_TRUE(close_rel(out[i], single, 2e-13)) << "d=" << d << " kind " << kind << " measure " << m
                                                          << " item " << i << ": " << out[i] << " vs " << single;
          }
          if (i % 4 == 3 && m < 2) {
            EXPECT_EQ(out[i], 0.0);
          }
        }
      }
      // operator[] rebuilds the item with the single factory
      EXPECT_EQ(bits(kullback::kl(p[3], q[5])), bits(kullback::kl(all_forms(gp[3])[kind], all_forms(gq[5])[kind])));
    }
  }
}

TEST(MultivariateNormalBatch, ThreadCountAndBroadcasting) {
  kullback_test::thread_count_guard guard;
  const auto [gp, gq] = batch_pairs(16, 64);
  const stacked sp = stack(gp), sq = stack(gq);
  const mvnb p = make_batch(sp, 0), q = make_batch(sq, 0);
  kullback::set_num_threads(1);
  std::vector<double> ref(p.size());
  kullback::kl(p, q, ref);
  for (int threads : {2, 3}) {
    kullback::set_num_threads(threads);
    const mvnb p2 = make_batch(sp, 0), q2 = make_batch(sq, 0);
    std::vector<double> out(p.size());
    kullback::kl(p2, q2, out);
    for (std::size_t i = 0; i < p.size(); ++i) ASSERT_EQ(bits(out[i]), bits(ref[i])) << threads;
  }
  // a batch of one broadcasts on either side
  const stacked one = stack({gq[0]});
  const mvnb q1 = make_batch(one, 0);
  std::vector<double> out(p.size()), single(1);
  kullback::kl(p, q1, out);
  for (std::size_t i = 0; i < p.size(); ++i) {
    const mvnb pi = make_batch(stack({gp[i]}), 0);
    kullback::kl(pi, q1, single);
    EXPECT_EQ(bits(out[i]), bits(single[0]));
  }
  kullback::jeffreys(q1, p, out);
  for (std::size_t i = 0; i < p.size(); ++i) {
    const mvnb pi = make_batch(stack({gp[i]}), 0);
    kullback::jeffreys(q1, pi, single);
    EXPECT_EQ(bits(out[i]), bits(single[0]));
  }
}

// Sigma = Q diag(lambda) Q^T with a random rotation Q and log10 lambda uniform in [0, decades].
random_gaussian with_spectrum(std::size_t d, double decades, std::mt19937_64& rng) {
  std::vector<long double> qm(d * d);
  for (auto& x : qm) x = gauss(rng);
  for (std::size_t c = 0; c < d; ++c) {  // Gram-Schmidt on the columns
    for (std::size_t k = 0; k < c; ++k) {
      long double dot = 0;
      for (std::size_t i = 0; i < d; ++i) dot += qm[i * d + c] * qm[i * d + k];
      for (std::size_t i = 0; i < d; ++i) qm[i * d + c] -= dot * qm[i * d + k];
    }
    long double norm = 0;
    for (std::size_t i = 0; i < d; ++i) norm += qm[i * d + c] * qm[i * d + c];
    for (std::size_t i = 0; i < d; ++i) qm[i * d + c] /= std::sqrt(norm);
  }
  std::vector<long double> lambda(d);
  for (auto& x : lambda) x = std::pow(10.0L, decades * uniform01(rng));
  random_gaussian g{d, 0, {}, {}, {}, std::vector<double>(d * d), {}, {}};
  for (std::size_t i = 0; i < d; ++i) g.mean.push_back(gauss(rng));
  for (std::size_t i = 0; i < d; ++i)
    for (std::size_t j = 0; j <= i; ++j) {
      long double t = 0;
      for (std::size_t k = 0; k < d; ++k) t += qm[i * d + k] * lambda[k] * qm[j * d + k];
      g.cov[i * d + j] = g.cov[j * d + i] = static_cast<double>(t);
    }
  return g;
}

// The double kernel against the long double single-pair path over random spectra (condition
// numbers 1 .. 1e7) for far and nearly equal pairs: the items the condition estimate keeps in
// double stay well inside 1e-12, the others are factorised in long double and equal the single path.
TEST(MultivariateNormalBatch, ConditionBoundKeepsTheDoublePathAccurate) {
  std::mt19937_64 rng(77);
  double worst = 0.0;
  std::size_t in_double = 0, in_extended = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t d = trial % 3 == 0 ? 2 : (trial % 3 == 1 ? 5 : 16);
    const double decades = 7.0 * (trial % 50) / 49.0;
    const random_gaussian a = with_spectrum(d, decades, rng);
    random_gaussian b = with_spectrum(d, decades, rng);
    if (trial % 2 == 1) {  // nearly equal: Sigma_q = Sigma_p (1 + 1e-7) + 1e-7 (Sigma_b scaled)
      const double scale = a.cov[0] / b.cov[0];
      for (std::size_t k = 0; k < d * d; ++k) b.cov[k] = a.cov[k] * (1 + 1e-7) + 1e-7 * scale * b.cov[k];
      b.mean = a.mean;
      b.mean[0] += 1e-6;
    }
    const kullback::matrix_view<const double> ma{a.mean.data(), 1, d}, mb{b.mean.data(), 1, d};
    const mvnb p = mvnb::from_covariance(ma, {a.cov.data(), d, d}), q = mvnb::from_covariance(mb, {b.cov.data(), d, d});
    std::vector<double> out(1);
    kullback::kl(p, q, out);
    const double ref = kullback::kl(mvn::from_covariance(a.mean, {a.cov.data(), d, d}),
                                    mvn::from_covariance(b.mean, {b.cov.data(), d, d}));
    if (p.extended(0) || q.extended(0)) {
      ++in_extended;
      EXPECT_EQ(bits(out[0]), bits(ref));
    } else {
      ++in_double;
      const double err = std::fabs(out[0] - ref) / ref;
      worst = std::max(worst, err);
      EXPECT_LE(err, 2e-13) << "trial " << trial << " d=" << d << " decades " << decades;
    }
  }
  EXPECT_GT(in_double, 60u);
  EXPECT_GT(in_extended, 60u);
  std::printf("double path: %zu pairs, worst relative error %.3g; long double path: %zu pairs\n", in_double, worst,
              in_extended);
}

TEST(MultivariateNormalBatch, RejectsBadInputNamingTheItem) {
  const std::size_t d = 2;
  // three 2 x 2 covariances; the bad one is item 2
  const std::vector<double> means{0, 0, 1, 1, 2, 2};
  std::vector<double> cov{1, 0, 0, 1, 2, 0.5, 0.5, 2, 1, 2, 2, 1};
  const kullback::matrix_view<const double> mv{means.data(), 3, d};
  EXPECT_EQ(error_of([&] { mvnb::from_covariance(mv, {cov.data(), 6, d}); }),
            "kullback::multivariate_normal_batch::from_covariance: item 2: covariance is not positive definite "
            "(Cholesky pivot 1 = -3, but must be > 0)");
  EXPECT_EQ(error_of([&] { mvnb::from_precision(mv, {cov.data(), 6, d}); }),
            "kullback::multivariate_normal_batch::from_precision: item 2: precision is not positive definite "
            "(Cholesky pivot 0 = -3, but must be > 0; pivots run from the last index)");
  cov = {1, 0, 0, 1, 2, 0.5, 0.4, 2, 1, 0, 0, 1};
  EXPECT_EQ(error_of([&] { mvnb::from_covariance(mv, {cov.data(), 6, d}); }),
            "kullback::multivariate_normal_batch::from_covariance: item 1: covariance[1][0] = 0.4 but "
            "covariance[0][1] = 0.5, but covariance must be symmetric");
  EXPECT_EQ(error_of([&] { mvnb::from_scale_tril(mv, {cov.data(), 6, d}); }),
            "kullback::multivariate_normal_batch::from_scale_tril: item 1: scale_tril[0][1] = 0.5, but must be 0 "
            "(scale_tril is lower triangular)");
  cov = {1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1};
  const std::vector<double> bad_means{0, 0, 1, nan, 2, 2};
  EXPECT_EQ(error_of([&] { mvnb::from_covariance({bad_means.data(), 3, d}, {cov.data(), 6, d}); }),
            "kullback::multivariate_normal_batch::from_covariance: item 1: mean[1] = nan, but must be finite");
  EXPECT_EQ(error_of([&] { mvnb::from_covariance(mv, {cov.data(), 4, d}); }),
            "kullback::multivariate_normal_batch::from_covariance: covariances is 4 x 2, but must be (n d) x d = 6 x 2 "
            "(n = means.rows, d = means.cols)");
  EXPECT_THROW(mvnb::from_covariance({means.data(), 0, d}, {cov.data(), 0, d}), kullback::invalid_argument);
  // sizes and dimensions of a pair of batches
  const mvnb three = mvnb::from_covariance(mv, {cov.data(), 6, d});
  const mvnb two = mvnb::from_covariance({means.data(), 2, d}, {cov.data(), 4, d});
  const std::vector<double> ones{1, 1, 1};
  const mvnb one_dim = mvnb::from_covariance({means.data(), 3, 1}, {ones.data(), 3, 1});
  std::vector<double> out(3);
  EXPECT_EQ(error_of([&] { kullback::kl(three, two, out); }),
            "kullback::kl: p.size() = 3 and q.size() = 2, but they must be equal (or one must be 1)");
  EXPECT_EQ(error_of([&] { kullback::kl(three, one_dim, out); }),
            "kullback::kl: p.dim() = 2 and q.dim() = 1, but the dimensions must match");
  EXPECT_THROW(kullback::kl(three, three, std::span<double>(out.data(), 2)), kullback::invalid_argument);
  EXPECT_THROW(kullback::renyi(three, three, -1.0, out), kullback::invalid_argument);
}

}  // namespace
