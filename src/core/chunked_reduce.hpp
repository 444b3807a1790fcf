// Internal: reductions over a row in fixed chunks, combined in a fixed order.
//
// A row of n elements is cut into chunks of chunk_size; each chunk's partial results are computed
// on their own (in parallel when asked) and then combined pairwise (or by maximum) in chunk order.
// The chunking never depends on the thread count, so neither does any result.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>
#include <vector>

#include "parallel_for.hpp"
#include "summation.hpp"

namespace kullback::detail {

inline constexpr std::size_t chunk_size = 4096;

template <std::size_t K, bool by_max = false>
std::array<double, K> combine_chunks(const std::vector<std::array<double, K>>& partials) {
  std::array<double, K> total{};
  std::vector<double> column(partials.size());
  for (std::size_t k = 0; k < K; ++k) {
    for (std::size_t c = 0; c < partials.size(); ++c) column[c] = partials[c][k];
    if constexpr (by_max) {
      total[k] = column.empty() ? -std::numeric_limits<double>::infinity() : *std::max_element(column.begin(), column.end());
    } else {
      total[k] = pairwise_sum(column);
    }
  }
  return total;
}

// Reduces chunk by chunk; `chunk(begin, end)` returns that chunk's partial sums (or maxima).
template <std::size_t K, bool by_max = false, class Chunk>
std::array<double, K> sum_by_chunks(std::size_t n, bool parallel, const Chunk& chunk) {
  const std::size_t chunks = (n + chunk_size - 1) / chunk_size;
  std::vector<std::array<double, K>> partials(chunks);
  auto body = [&](std::size_t c) { partials[c] = chunk(c * chunk_size, std::min(n, (c + 1) * chunk_size)); };
  if (parallel) {
    parallel_for(chunks, n, body);
  } else {
    for (std::size_t c = 0; c < chunks; ++c) body(c);
  }
  return combine_chunks<K, by_max>(partials);
}

}  // namespace kullback::detail
