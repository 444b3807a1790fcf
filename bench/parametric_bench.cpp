// Benchmarks of the Gaussian closed forms (include/kullback/parametric/).
//
//   parametric_bench [google benchmark flags] [--threads=N]
//
// --threads=N sets kullback::set_num_threads(N) (default 0: all cores, or OMP_NUM_THREADS).
//
// Cases (the ones issue 4 sets targets for; bench/parametric_peers.py runs torch on the same
// shapes and parameter distributions):
//   BM_mvn_kl_scale_tril     batch 10^4, d = 16: kl(p[i], q[i]) from prebuilt scale_tril
//                            distributions (torch: MultivariateNormal(scale_tril=...) built in the
//                            timed region, which costs torch nothing but a view).
//   BM_mvn_kl_covariance     the same covariances given as matrices: construction (a Cholesky
//                            per distribution, as torch does in its constructor) + kl, timed together.
//   BM_mvn_batch_kl_covariance  the same covariances through multivariate_normal_batch::from_covariance
//                            (threaded double factorisation, long double only for ill-conditioned
//                            items) + kl on the two batches, timed together.
//   BM_mvn_batch_kl_scale_tril  the same through from_scale_tril (the copy and checks timed too).
//   BM_mvn_batch_kl_precision   P = Sigma^-1 through from_precision (torch: precision_matrix=).
//   BM_mvn_kl_low_rank       batch 10^4, d = 16, r = 2: low_rank(mean, W, D) objects + kl (kullback
//                            densifies W W^T + D and factorises in long double; no Woodbury path).
//   BM_normal_independent_kl batch 10^6 x 64 (the VAE case): kl(independent(N(mu, sigma)),
//                            independent(N(0, 1))) with 1 x 1 broadcast views for the prior.
// Data: L = lower triangle of G / sqrt(d) with G ~ N(0, 1), diagonal |.| + 0.5; means N(0, 1);
// mu ~ N(0, 1), sigma ~ U(0.1, 2). The counter `value` is the mean result (a sanity check).
#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <span>
#include <vector>

#include "kullback/kullback.hpp"

namespace {

using mvn = kullback::multivariate_normal;

double normal01(std::mt19937_64& rng) {
  static thread_local std::normal_distribution<double> n(0.0, 1.0);
  return n(rng);
}

struct mvn_data {
  std::size_t n, d;
  std::vector<double> mean_p, mean_q, tril_p, tril_q, cov_p, cov_q, prec_p, prec_q;
};

// P = Sigma^-1 = L^-T L^-1 (row-major, symmetric).
void precision_of(std::size_t d, const double* l, double* p) {
  std::vector<double> inv(d * d, 0.0);  // L^-1, lower
  for (std::size_t c = 0; c < d; ++c)
    for (std::size_t i = c; i < d; ++i) {
      double t = i == c ? 1.0 : 0.0;
      for (std::size_t k = c; k < i; ++k) t -= l[i * d + k] * inv[k * d + c];
      inv[i * d + c] = t / l[i * d + i];
    }
  for (std::size_t i = 0; i < d; ++i)
    for (std::size_t j = 0; j <= i; ++j) {
      double t = 0;
      for (std::size_t k = i; k < d; ++k) t += inv[k * d + i] * inv[k * d + j];
      p[i * d + j] = p[j * d + i] = t;
    }
}

void random_tril(std::mt19937_64& rng, std::size_t d, double* l) {
  for (std::size_t i = 0; i < d; ++i)
    for (std::size_t j = 0; j < d; ++j) {
      const double g = normal01(rng) / std::sqrt(static_cast<double>(d));
      l[i * d + j] = j < i ? g : (j == i ? std::fabs(g) + 0.5 : 0.0);
    }
}

void outer(std::size_t d, const double* l, double* s) {
  for (std::size_t i = 0; i < d; ++i)
    for (std::size_t j = 0; j < d; ++j) {
      double t = 0;
      for (std::size_t k = 0; k <= std::min(i, j); ++k) t += l[i * d + k] * l[j * d + k];
      s[i * d + j] = t;
    }
}

const mvn_data& data_mvn() {
  static const mvn_data data = [] {
    mvn_data m{10000, 16, {}, {}, {}, {}, {}, {}, {}, {}};
    std::mt19937_64 rng(42);
    const std::size_t n = m.n, d = m.d;
    m.mean_p.resize(n * d);
    m.mean_q.resize(n * d);
    m.tril_p.resize(n * d * d);
    m.tril_q.resize(n * d * d);
    m.cov_p.resize(n * d * d);
    m.cov_q.resize(n * d * d);
    m.prec_p.resize(n * d * d);
    m.prec_q.resize(n * d * d);
    for (auto& x : m.mean_p) x = normal01(rng);
    for (auto& x : m.mean_q) x = normal01(rng);
    for (std::size_t i = 0; i < n; ++i) {
      random_tril(rng, d, &m.tril_p[i * d * d]);
      random_tril(rng, d, &m.tril_q[i * d * d]);
      outer(d, &m.tril_p[i * d * d], &m.cov_p[i * d * d]);
      outer(d, &m.tril_q[i * d * d], &m.cov_q[i * d * d]);
      precision_of(d, &m.tril_p[i * d * d], &m.prec_p[i * d * d]);
      precision_of(d, &m.tril_q[i * d * d], &m.prec_q[i * d * d]);
    }
    return m;
  }();
  return data;
}

double mean_of(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

void BM_mvn_kl_scale_tril(benchmark::State& state) {
  const mvn_data& m = data_mvn();
  const std::size_t n = m.n, d = m.d;
  std::vector<mvn> p, q;
  for (std::size_t i = 0; i < n; ++i) {
    p.push_back(mvn::from_scale_tril({&m.mean_p[i * d], d}, {&m.tril_p[i * d * d], d, d}));
    q.push_back(mvn::from_scale_tril({&m.mean_q[i * d], d}, {&m.tril_q[i * d * d], d, d}));
  }
  std::vector<double> out(n);
  for (auto _ : state) {
    kullback::kl(p, q, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["value"] = mean_of(out);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_mvn_kl_scale_tril)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

void BM_mvn_kl_covariance(benchmark::State& state) {
  const mvn_data& m = data_mvn();
  const std::size_t n = m.n, d = m.d;
  std::vector<double> out(n);
  for (auto _ : state) {
    // Construction is part of the work (torch factorises in the constructor too).
    std::vector<mvn> p, q;
    p.reserve(n);
    q.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      p.push_back(mvn::from_covariance({&m.mean_p[i * d], d}, {&m.cov_p[i * d * d], d, d}));
      q.push_back(mvn::from_covariance({&m.mean_q[i * d], d}, {&m.cov_q[i * d * d], d, d}));
    }
    kullback::kl(p, q, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["value"] = mean_of(out);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_mvn_kl_covariance)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

// Batch factory `make` on the stacked matrices of p and q, then kl, timed together.
template <class Make>
void mvn_batch_kl(benchmark::State& state, const std::vector<double>& mats_p, const std::vector<double>& mats_q,
                  const Make& make) {
  const mvn_data& m = data_mvn();
  const std::size_t n = m.n, d = m.d;
  std::vector<double> out(n);
  std::size_t extended = 0;
  for (auto _ : state) {
    const auto p = make({m.mean_p.data(), n, d}, {mats_p.data(), n * d, d});
    const auto q = make({m.mean_q.data(), n, d}, {mats_q.data(), n * d, d});
    kullback::kl(p, q, out);
    benchmark::DoNotOptimize(out.data());
    extended = 0;
    for (std::size_t i = 0; i < n; ++i) extended += p.extended(i) + q.extended(i);
  }
  state.counters["value"] = mean_of(out);
  state.counters["extended"] = static_cast<double>(extended);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

void BM_mvn_batch_kl_covariance(benchmark::State& state) {
  mvn_batch_kl(state, data_mvn().cov_p, data_mvn().cov_q, kullback::multivariate_normal_batch::from_covariance);
}
BENCHMARK(BM_mvn_batch_kl_covariance)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

void BM_mvn_batch_kl_scale_tril(benchmark::State& state) {
  mvn_batch_kl(state, data_mvn().tril_p, data_mvn().tril_q, kullback::multivariate_normal_batch::from_scale_tril);
}
BENCHMARK(BM_mvn_batch_kl_scale_tril)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

void BM_mvn_batch_kl_precision(benchmark::State& state) {
  mvn_batch_kl(state, data_mvn().prec_p, data_mvn().prec_q, kullback::multivariate_normal_batch::from_precision);
}
BENCHMARK(BM_mvn_batch_kl_precision)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

void BM_mvn_kl_low_rank(benchmark::State& state) {
  const std::size_t n = 10000, d = 16, r = 2;
  static const auto params = [] {
    std::array<std::vector<double>, 6> ps;  // mean, W, D for p then q
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> u(0.5, 1.5);
    for (int s = 0; s < 2; ++s) {
      for (std::size_t k = 0; k < n * d; ++k) ps[3 * s].push_back(normal01(rng));
      for (std::size_t k = 0; k < n * d * r; ++k) ps[3 * s + 1].push_back(normal01(rng) / std::sqrt(double(d)));
      for (std::size_t k = 0; k < n * d; ++k) ps[3 * s + 2].push_back(u(rng));
    }
    return ps;
  }();
  std::vector<double> out(n);
  for (auto _ : state) {
    std::vector<mvn> p, q;
    p.reserve(n);
    q.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      p.push_back(mvn::low_rank({&params[0][i * d], d}, {&params[1][i * d * r], d, r}, {&params[2][i * d], d}));
      q.push_back(mvn::low_rank({&params[3][i * d], d}, {&params[4][i * d * r], d, r}, {&params[5][i * d], d}));
    }
    kullback::kl(p, q, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["value"] = mean_of(out);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_mvn_kl_low_rank)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

void BM_normal_independent_kl(benchmark::State& state) {
  const std::size_t rows = 1000000, cols = 64;
  static const auto params = [] {
    std::pair<std::vector<double>, std::vector<double>> ps;
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(0.1, 2.0);
    ps.first.resize(rows * cols);
    ps.second.resize(rows * cols);
    for (auto& x : ps.first) x = normal01(rng);
    for (auto& x : ps.second) x = u(rng);
    return ps;
  }();
  const double zero = 0.0, one = 1.0;
  const kullback::normal_batch prior({&zero, 1, 1}, {&one, 1, 1});
  std::vector<double> out(rows);
  for (auto _ : state) {
    // Construction (the validation pass over loc and scale) is part of the work.
    const kullback::normal_batch post({params.first.data(), rows, cols}, {params.second.data(), rows, cols});
    kullback::kl(kullback::independent(post), kullback::independent(prior), out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["value"] = mean_of(out);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows * cols));
}
BENCHMARK(BM_normal_independent_kl)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

}  // namespace

int main(int argc, char** argv) {
  int threads = 0;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--threads=", 10) == 0) {
      threads = std::atoi(argv[i] + 10);
    } else {
      args.push_back(argv[i]);
    }
  }
  kullback::set_num_threads(threads);
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  benchmark::AddCustomContext("kullback_threads", std::to_string(kullback::num_threads()));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
