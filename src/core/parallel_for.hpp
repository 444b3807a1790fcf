// Internal: run body(i) for i in [0, count) on kullback's threads.
//
// Iterations must write only to their own slots; callers combine the slots in index order, which
// keeps results independent of the thread count. `elements` is the total work in vector elements:
// below min_parallel_elements a thread team costs more than it saves, so the loop runs inline.
#pragma once

#include <cstddef>
#include <exception>
#include <mutex>

#include "kullback/core/parallel.hpp"

namespace kullback::detail {

inline constexpr std::size_t min_parallel_elements = std::size_t{1} << 14;

template <class Body>
void parallel_for(std::size_t count, std::size_t elements, Body&& body) {
  const int threads = num_threads();
  if (threads <= 1 || count <= 1 || elements < min_parallel_elements) {
    for (std::size_t i = 0; i < count; ++i) body(i);
    return;
  }
  // Exceptions must not escape an OpenMP region: keep the one from the lowest index.
  std::exception_ptr first_error;
  std::size_t first_error_index = count;
  std::mutex error_mutex;
  const auto signed_count = static_cast<std::ptrdiff_t>(count);
#pragma omp parallel for schedule(static) num_threads(threads)
  for (std::ptrdiff_t i = 0; i < signed_count; ++i) {
    try {
      body(static_cast<std::size_t>(i));
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (static_cast<std::size_t>(i) < first_error_index) {
        first_error_index = static_cast<std::size_t>(i);
        first_error = std::current_exception();
      }
    }
  }
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace kullback::detail
