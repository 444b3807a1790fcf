// Benchmarks of the discrete measures (include/kullback/discrete/).
//
//   discrete_bench [google benchmark flags] [--threads=N]
//
// --threads=N sets kullback::set_num_threads(N) (default 0: all cores, or OMP_NUM_THREADS).
// The memory-bandwidth reference (BM_dot_bandwidth) runs on the same number of threads.
//
// Data (generated once, deterministically, whatever the thread count):
//   probability vectors   p_i = u_i / sum u, q_i = v_i / sum v with u, v independent U(0, 1]
//                         (most ratios p_i/q_i are far from 1: the general path of every measure)
//   near-equal pair       q_i = p_i (1 + 0.01 (w_i - 1/2)), renormalised (the accurate series path)
//   logits                4096 x 32000 float rows, independent N(0, 2^2) entries for a and b
//
// Every benchmark reports items (elements of one argument) and bytes (of all arguments read)
// processed per second of wall time (UseRealTime: the work is multi-threaded), so
//   KL throughput / dot throughput
// of BM_kl_probs_f64/10000000 and BM_dot_bandwidth/10000000 is the fraction of the machine's read
// bandwidth that KL reaches. The counter `value` is the last result (a sanity check: KL of the
// independent uniform vectors is about 0.5 nats, of the independent N(0, 4) logit rows about 4).
// The CPU column is the process CPU time (MeasureProcessCPUTime): CPU / wall close to the thread
// count means every thread had a core; much less means other processes shared the machine and
// the run should be repeated. bench/peers.py runs this program next to scipy and torch.
#include <benchmark/benchmark.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <numbers>
#include <numeric>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "kullback/kullback.hpp"

namespace {

// ---------------------------------------------------------------------------------------------
// Deterministic data: every block of `block` elements has its own generator seeded from its
// index, so the data do not depend on the thread count that fills them.

constexpr std::size_t block = 1 << 16;

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Uniform in (0, 1].
double uniform01(std::uint64_t& state) { return (static_cast<double>(splitmix64(state) >> 11) + 1.0) * 0x1p-53; }

// Runs fill_block(state, begin, end) over [0, n) in blocks, each with its own seeded state.
template <class FillBlock>
void for_each_block(std::size_t n, std::uint64_t seed, FillBlock fill_block) {
  const auto blocks = static_cast<std::ptrdiff_t>((n + block - 1) / block);
#pragma omp parallel for schedule(static)
  for (std::ptrdiff_t b = 0; b < blocks; ++b) {
    std::uint64_t state = seed * 0x632BE59BD9B4E019ULL + static_cast<std::uint64_t>(b);
    const std::size_t begin = static_cast<std::size_t>(b) * block;
    fill_block(state, begin, std::min(n, begin + block));
  }
}

template <class T, class Fill>
std::vector<T> generate(std::size_t n, std::uint64_t seed, Fill fill) {
  std::vector<T> x(n);
  for_each_block(n, seed, [&](std::uint64_t& state, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) x[i] = fill(state);
  });
  return x;
}

void normalise(std::vector<double>& x) {
  // Pairwise-accurate enough: long double accumulation over the whole vector.
  long double sum = 0.0L;
  for (double v : x) sum += v;
  const double inverse = static_cast<double>(1.0L / sum);
  for (double& v : x) v *= inverse;
}

std::vector<double> uniform_probs(std::size_t n, std::uint64_t seed) {
  auto x = generate<double>(n, seed, [](std::uint64_t& s) { return uniform01(s); });
  normalise(x);
  return x;
}

struct prob_pair {
  std::vector<double> p, q;
};

// Independent uniform probability vectors of length n (cached: one pair per length).
const prob_pair& independent_pair(std::size_t n) {
  static std::vector<std::pair<std::size_t, prob_pair>> cache;
  for (const auto& [size, pair] : cache) {
    if (size == n) return pair;
  }
  cache.push_back({n, prob_pair{uniform_probs(n, 2 * n + 1), uniform_probs(n, 2 * n + 2)}});
  return cache.back().second;
}

// p as above, q a 1% relative perturbation of p.
const prob_pair& near_pair(std::size_t n) {
  static std::vector<std::pair<std::size_t, prob_pair>> cache;
  for (const auto& [size, pair] : cache) {
    if (size == n) return pair;
  }
  const auto& p = independent_pair(n).p;
  auto w = generate<double>(n, 3 * n + 7, [](std::uint64_t& s) { return uniform01(s); });
  for (std::size_t i = 0; i < n; ++i) w[i] = p[i] * (1.0 + 0.01 * (w[i] - 0.5));
  normalise(w);
  cache.push_back({n, prob_pair{p, std::move(w)}});
  return cache.back().second;
}

constexpr std::size_t logit_rows = 4096;
constexpr std::size_t logit_cols = 32000;
constexpr double logit_scale = 2.0;

std::vector<float> normal_logits(std::uint64_t seed) {
  // Box-Muller, both values of each pair of uniforms (generation is not timed, but it is the
  // longest part of a run of BM_kl_logits_batch_f32 alone).
  const std::size_t n = logit_rows * logit_cols;
  std::vector<float> x(n);
  for_each_block(n, seed, [&](std::uint64_t& state, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; i += 2) {
      const double r = logit_scale * std::sqrt(-2.0 * std::log(uniform01(state)));
      const double angle = 2.0 * std::numbers::pi * uniform01(state);
      x[i] = static_cast<float>(r * std::cos(angle));
      if (i + 1 < end) x[i + 1] = static_cast<float>(r * std::sin(angle));
    }
  });
  return x;
}

struct logit_pair {
  std::vector<float> a = normal_logits(101), b = normal_logits(202);
};

const logit_pair& logits_data() {
  static const logit_pair data;
  return data;
}

// ---------------------------------------------------------------------------------------------
// Reporting helpers.

void report(benchmark::State& state, std::size_t items, std::size_t bytes, double value) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(items));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes));
  state.counters["value"] = value;
  state.counters["threads"] = kullback::num_threads();
}

// A pair measure on the independent uniform pair of length state.range(0).
template <class Measure>
void pair_benchmark(benchmark::State& state, Measure measure) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& data = independent_pair(n);
  const std::span<const double> p(data.p), q(data.q);
  double value = 0.0;
  for (auto _ : state) {
    value = measure(p, q);
    benchmark::DoNotOptimize(value);
  }
  report(state, n, 2 * n * sizeof(double), value);
}

#define KULLBACK_PAIR_BENCHMARK(name, expression)                                                        \
  void BM_##name(benchmark::State& state) {                                                           \
    pair_benchmark(state, [](std::span<const double> p, std::span<const double> q) { return expression; }); \
  }                                                                                                       \
  BENCHMARK(BM_##name)->Arg(1000000)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMicrosecond);

// ---------------------------------------------------------------------------------------------
// One benchmark per family on 10^6 doubles.

KULLBACK_PAIR_BENCHMARK(kl, kullback::kl(p, q))
KULLBACK_PAIR_BENCHMARK(cross_entropy, kullback::cross_entropy(p, q))
KULLBACK_PAIR_BENCHMARK(jeffreys, kullback::jeffreys(p, q))
KULLBACK_PAIR_BENCHMARK(js, kullback::js(p, q))
KULLBACK_PAIR_BENCHMARK(skew_kl, kullback::skew_kl(p, q, 0.1))
KULLBACK_PAIR_BENCHMARK(tv, kullback::tv(p, q))
KULLBACK_PAIR_BENCHMARK(hellinger, kullback::hellinger(p, q))
KULLBACK_PAIR_BENCHMARK(bhattacharyya, kullback::bhattacharyya(p, q))
KULLBACK_PAIR_BENCHMARK(chi2, kullback::chi2(p, q))
KULLBACK_PAIR_BENCHMARK(cauchy_schwarz, kullback::cauchy_schwarz(p, q))
KULLBACK_PAIR_BENCHMARK(renyi_2, kullback::renyi(p, q, 2.0))
KULLBACK_PAIR_BENCHMARK(alpha_divergence_0_5, kullback::alpha_divergence(p, q, 0.5))

void BM_f_divergence_kl(benchmark::State& state) {
  const auto generator = kullback::generators::kl();
  pair_benchmark(state, [&](std::span<const double> p, std::span<const double> q) {
    return kullback::f_divergence(p, q, generator);
  });
}
BENCHMARK(BM_f_divergence_kl)->Arg(1000000)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMicrosecond);

void BM_entropy(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::span<const double> p(independent_pair(n).p);
  double value = 0.0;
  for (auto _ : state) {
    value = kullback::entropy(p);
    benchmark::DoNotOptimize(value);
  }
  report(state, n, n * sizeof(double), value);
}
BENCHMARK(BM_entropy)->Arg(1000000)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMicrosecond);

// ---------------------------------------------------------------------------------------------
// The bandwidth case: KL on 10^7 doubles (160 MB read, well beyond the last-level cache) next to a
// plain dot product over the same two arrays on the same number of threads.

void BM_kl_probs_f64(benchmark::State& state) { pair_benchmark(state, [](auto p, auto q) { return kullback::kl(p, q); }); }
BENCHMARK(BM_kl_probs_f64)->Arg(10000000)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);

// Nearly equal p and q (every term on the accurate series path).
void BM_kl_probs_f64_near(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& data = near_pair(n);
  const std::span<const double> p(data.p), q(data.q);
  double value = 0.0;
  for (auto _ : state) {
    value = kullback::kl(p, q);
    benchmark::DoNotOptimize(value);
  }
  report(state, n, 2 * n * sizeof(double), value);
}
BENCHMARK(BM_kl_probs_f64_near)->Arg(10000000)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);

// The read-bandwidth reference: the simplest streaming kernel over two arrays, vectorised
// (omp simd reduction) and split statically over kullback::num_threads() threads. Compiled for
// AVX2 where the CPU has it (kullback's own kernels dispatch to AVX2 too), baseline SSE2 otherwise,
// so the reference is as strong as the library's SIMD.
// noinline: inlined into the benchmark loop, GCC 12 returned a garbage sum (the timing was the
// same, but the `value` counter must be trustworthy).
#define KULLBACK_DOT_BODY                                                                  \
  double sum = 0.0;                                                                        \
  const auto m = static_cast<std::ptrdiff_t>(n);                                           \
  _Pragma("omp parallel for simd schedule(static) reduction(+ : sum) num_threads(threads)") \
  for (std::ptrdiff_t i = 0; i < m; ++i) sum += x[i] * y[i];                               \
  return sum;

__attribute__((noinline)) double dot_baseline(const double* x, const double* y, std::size_t n, int threads) {
  KULLBACK_DOT_BODY
}
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((noinline, target("avx2,fma"))) double dot_avx2(const double* x, const double* y, std::size_t n,
                                                               int threads) {
  KULLBACK_DOT_BODY
}
#endif
#undef KULLBACK_DOT_BODY

double dot(const double* x, const double* y, std::size_t n, int threads) {
#if defined(__x86_64__) && defined(__GNUC__)
  static const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  if (avx2) return dot_avx2(x, y, n, threads);
#endif
  return dot_baseline(x, y, n, threads);
}

void BM_dot_bandwidth(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& data = independent_pair(n);
  const int threads = kullback::num_threads();
  double value = 0.0;
  for (auto _ : state) {
    value = dot(data.p.data(), data.q.data(), n, threads);
    benchmark::DoNotOptimize(value);
  }
  report(state, n, 2 * n * sizeof(double), value);
}
BENCHMARK(BM_dot_bandwidth)->Arg(10000000)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);

// ---------------------------------------------------------------------------------------------
// Batched KL on logits: 4096 rows of 32000 float logits (a vocabulary-sized distillation batch),
// KL(softmax(a_r) || softmax(b_r)) for every row r.

void BM_kl_logits_batch_f32(benchmark::State& state) {
  const auto& data = logits_data();
  const kullback::matrix_view<const float> a{data.a.data(), logit_rows, logit_cols};
  const kullback::matrix_view<const float> b{data.b.data(), logit_rows, logit_cols};
  std::vector<double> out(logit_rows);
  for (auto _ : state) {
    kullback::kl(kullback::logits(a), kullback::logits(b), out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  const double mean = std::accumulate(out.begin(), out.end(), 0.0) / static_cast<double>(out.size());
  report(state, logit_rows * logit_cols, 2 * logit_rows * logit_cols * sizeof(float), mean);
  state.counters["rows"] = static_cast<double>(logit_rows);
  state.counters["cols"] = static_cast<double>(logit_cols);
}
BENCHMARK(BM_kl_logits_batch_f32)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  // Our own flag first; Google Benchmark rejects flags it does not know.
  int threads = 0;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--threads=", 10) == 0) {
      threads = std::atoi(argv[i] + 10);
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  kullback::set_num_threads(threads);
  // Data generation uses the same threads.
  omp_set_num_threads(kullback::num_threads());

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::AddCustomContext("kullback_threads", std::to_string(kullback::num_threads()));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
