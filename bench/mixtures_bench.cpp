// Benchmarks of the Gaussian mixture KL (include/kullback/parametric/gaussian_mixture.hpp).
//
//   mixtures_bench [google benchmark flags] [--threads=N]
//
// --threads=N sets kullback::set_num_threads(N) (default 0: all cores, or OMP_NUM_THREADS).
//
// Cases (mixtures of k components in d dimensions, p with k components, q with k - 1):
//   BM_mixture_kl_monte_carlo/d/k   kl_monte_carlo with 10^5 draws; the counter `draws_per_s`
//                                   is the sampling throughput (each draw: one sample and two
//                                   mixture log-densities, i.e. 2k - 1 Gaussian log-densities).
//   BM_mixture_kl_bounds/d/k        kl_variational + kl_lower_bound + kl_upper_bound together
//                                   (the pair tables of k x k and k x (k - 1) closed forms, plus
//                                   Hershey-Olsen's alternating minimisation).
// Data: weights U(0.1, 1.1) normalised; means U(-2, 2)^d; covariances L L^T with L lower
// triangular, entries N(0, 1) / sqrt(d) below the diagonal and |N(0, 1) / sqrt(d)| + 0.5 on it.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "kullback/kullback.hpp"

namespace {

using mvn = kullback::multivariate_normal;

kullback::gaussian_mixture random_mixture(std::mt19937_64& rng, std::size_t d, std::size_t k) {
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double> w(k);
  double total = 0;
  for (double& x : w) total += (x = 0.1 + uniform(rng));
  for (double& x : w) x /= total;
  std::vector<mvn> components;
  for (std::size_t a = 0; a < k; ++a) {
    std::vector<double> mean(d), l(d * d, 0.0);
    for (double& m : mean) m = 4 * uniform(rng) - 2;
    for (std::size_t i = 0; i < d; ++i)
      for (std::size_t j = 0; j <= i; ++j) {
        const double g = normal(rng) / std::sqrt(static_cast<double>(d));
        l[i * d + j] = j < i ? g : std::fabs(g) + 0.5;
      }
    components.push_back(mvn::from_scale_tril(mean, {l.data(), d, d}));
  }
  return {w, components};
}

void BM_mixture_kl_monte_carlo(benchmark::State& state) {
  const auto d = static_cast<std::size_t>(state.range(0)), k = static_cast<std::size_t>(state.range(1));
  std::mt19937_64 rng(1);
  const auto p = random_mixture(rng, d, k), q = random_mixture(rng, d, k - 1);
  const std::size_t draws = 100'000;
  for (auto _ : state) {
    const auto r = kullback::kl_monte_carlo(p, q, draws, 7);
    benchmark::DoNotOptimize(r);
  }
  const double total_draws = static_cast<double>(draws) * static_cast<double>(state.iterations());
  state.counters["draws_per_s"] = benchmark::Counter(total_draws, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_mixture_kl_monte_carlo)
    ->Args({1, 4})
    ->Args({8, 4})
    ->Args({8, 16})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();

void BM_mixture_kl_bounds(benchmark::State& state) {
  const auto d = static_cast<std::size_t>(state.range(0)), k = static_cast<std::size_t>(state.range(1));
  std::mt19937_64 rng(2);
  const auto p = random_mixture(rng, d, k), q = random_mixture(rng, d, k - 1);
  double value = 0;
  for (auto _ : state) {
    value = kullback::kl_variational(p, q) + kullback::kl_lower_bound(p, q) + kullback::kl_upper_bound(p, q);
    benchmark::DoNotOptimize(value);
  }
  state.counters["value"] = value;
}
BENCHMARK(BM_mixture_kl_bounds)->Args({1, 16})->Args({8, 16})->Args({8, 64})->Unit(benchmark::kMillisecond);

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
