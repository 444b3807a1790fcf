// Monte Carlo KL for any pair of distributions that offer a log-density and sampling, the
// fallback where no closed form exists (e.g. Gaussian mixtures, gaussian_mixture.hpp).
//
//   kl_monte_carlo(p, q, samples, seed)
//     value          = (1/n) sum_i [log p(X_i) - log q(X_i)],  X_i ~ p i.i.d., n = samples:
//                      an unbiased estimate of KL(p||q) (natural log)
//     standard_error = sqrt(s^2 / n), s^2 = sum_i (t_i - value)^2 / (n - 1), t_i the log-ratios:
//                      the estimated standard deviation of `value` (by the CLT, the true KL lies
//                      within 2 standard errors about 95% of the time when the variance of the
//                      log-ratio is finite; heavy-tailed log-ratios make the error unreliable)
//     samples, seed  = the arguments, so a result records how to reproduce it
//   samples must be >= 2. A log-ratio of +inf (q vanishes where p does not) gives value = +inf and
//   standard_error = +inf; a NaN log-density gives NaN.
//
// Reproducibility: the samples are drawn in fixed blocks of 4096; block b uses rng(seed, b)
// (kullback/core/random.hpp) and the block moments are combined in block order (Chan et al.'s
// pairwise update). Blocks run on kullback's threads, so the result is bitwise identical for any
// thread count, and the first n draws are the same whatever `samples` is beyond them.
//
// What a distribution type D must offer, found by argument-dependent lookup (the concepts below):
//   scalar_sampling: log_density(d, double) -> double and sample(d, rng&) -> double (normal);
//   vector_sampling: d.dim(), log_density(d, std::span<const double>) -> double and
//                    sample(d, rng&, std::span<double>) (multivariate_normal, gaussian_mixture).
// p and q must be of the same kind; vector pairs must have the same dim(), else
// kullback::invalid_argument.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kullback/core/error.hpp"
#include "kullback/core/random.hpp"

namespace kullback {

struct monte_carlo_result {
  double value;
  double standard_error;
  std::size_t samples;
  std::uint64_t seed;
};

template <class D>
concept scalar_sampling = requires(const D& d, rng& g, double x) {
  { log_density(d, x) } -> std::convertible_to<double>;
  { sample(d, g) } -> std::convertible_to<double>;
};

template <class D>
concept vector_sampling = requires(const D& d, rng& g, std::span<const double> x, std::span<double> out) {
  { d.dim() } -> std::convertible_to<std::size_t>;
  { log_density(d, x) } -> std::convertible_to<double>;
  sample(d, g, out);
};

namespace detail {

// One block of the estimate: fill(context, g, out) writes out.size() log-ratios drawn with g.
struct monte_carlo_block {
  const void* context;
  void (*fill)(const void* context, rng& g, std::span<double> out);
};

// Runs the blocks (threaded, fixed order) and returns the estimate; in src/parametric/monte_carlo.cpp.
monte_carlo_result run_monte_carlo(const char* function, std::size_t samples, std::uint64_t seed,
                                   const monte_carlo_block& block);

}  // namespace detail

template <class P, class Q>
  requires(scalar_sampling<P> && scalar_sampling<Q>) || (vector_sampling<P> && vector_sampling<Q>)
monte_carlo_result kl_monte_carlo(const P& p, const Q& q, std::size_t samples, std::uint64_t seed) {
  struct pair {
    const P& p;
    const Q& q;
  } const context{p, q};
  detail::monte_carlo_block block{&context, nullptr};
  if constexpr (vector_sampling<P>) {
    if (static_cast<std::size_t>(p.dim()) != static_cast<std::size_t>(q.dim())) {
      throw invalid_argument("kullback::kl_monte_carlo: p.dim() = " + std::to_string(p.dim()) + " and q.dim() = " +
                             std::to_string(q.dim()) + ", but they must be equal");
    }
    block.fill = [](const void* c, rng& g, std::span<double> out) {
      const auto& [dp, dq] = *static_cast<const pair*>(c);
      std::vector<double> x(static_cast<std::size_t>(dp.dim()));
      for (double& t : out) {
        sample(dp, g, std::span<double>(x));
        const std::span<const double> view(x);
        t = log_density(dp, view) - log_density(dq, view);
      }
    };
  } else {
    block.fill = [](const void* c, rng& g, std::span<double> out) {
      const auto& [dp, dq] = *static_cast<const pair*>(c);
      for (double& t : out) {
        const double x = sample(dp, g);
        t = log_density(dp, x) - log_density(dq, x);
      }
    };
  }
  return detail::run_monte_carlo("kullback::kl_monte_carlo", samples, seed, block);
}

}  // namespace kullback
