// The threaded, reproducible driver behind kl_monte_carlo.
//
// Each block of block_size draws uses its own generator rng(seed, block index), so which thread
// runs a block does not matter. A block's mean comes from a compensated sum and its centred sum of
// squares from a second pass over the stored log-ratios (no E[t^2] - E[t]^2 cancellation, which
// would lose every digit of the variance when KL is large and the spread small). Blocks are then
// merged in index order with the pairwise update of Chan, Golub & LeVeque (1979):
//   n = na + nb,  delta = mean_b - mean_a,  mean = mean_a + delta nb / n,
//   M2 = M2_a + M2_b + delta^2 na nb / n.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "../core/parallel_for.hpp"
#include "../core/summation.hpp"
#include "kullback/parametric/monte_carlo.hpp"

namespace kullback::detail {

namespace {

constexpr std::size_t block_size = 4096;

struct moments {
  double count = 0.0;
  double mean = 0.0;
  double m2 = 0.0;
};

}  // namespace

monte_carlo_result run_monte_carlo(const char* function, std::size_t samples, std::uint64_t seed,
                                   const monte_carlo_block& block) {
  if (samples < 2) {
    throw invalid_argument(std::string(function) + ": samples = " + std::to_string(samples) + ", but must be >= 2");
  }
  const std::size_t blocks = (samples + block_size - 1) / block_size;
  std::vector<moments> partial(blocks);
  // A draw costs far more than one vector element (sampling plus two log-densities): weight the
  // work so that even a few blocks run in parallel.
  parallel_for(blocks, samples * 64, [&](std::size_t b) {
    const std::size_t begin = b * block_size, count = std::min(samples, begin + block_size) - begin;
    std::vector<double> t(count);
    rng g(seed, b);
    block.fill(block.context, g, t);
    neumaier_sum sum;
    for (double v : t) sum.add(v);
    const double mean = sum.value() / static_cast<double>(count);
    neumaier_sum m2;
    if (std::isfinite(mean)) {
      for (double v : t) m2.add((v - mean) * (v - mean));
    }
    partial[b] = {static_cast<double>(count), mean, std::isfinite(mean) ? m2.value() : mean};
  });
  moments total = partial[0];
  for (std::size_t b = 1; b < blocks; ++b) {
    const moments& next = partial[b];
    const double n = total.count + next.count, delta = next.mean - total.mean;
    total.mean += delta * (next.count / n);
    total.m2 += next.m2 + delta * delta * (total.count * next.count / n);
    total.count = n;
  }
  const double n = static_cast<double>(samples);
  if (!std::isfinite(total.mean)) {
    // +inf where q vanishes on p's support (the estimate is exactly right, its error is not finite);
    // NaN stays NaN.
    return {total.mean, std::isnan(total.mean) ? total.mean : std::numeric_limits<double>::infinity(), samples, seed};
  }
  return {total.mean, std::sqrt(total.m2 / (n - 1.0) / n), samples, seed};
}

}  // namespace kullback::detail
