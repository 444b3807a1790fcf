#include "kullback/core/parallel.hpp"

#include <omp.h>

#include <atomic>
#include <string>

#include "kullback/core/error.hpp"

namespace kullback {
namespace {
// 0: follow OpenMP's default (hardware concurrency or OMP_NUM_THREADS).
std::atomic<int> requested_threads{0};
}  // namespace

void set_num_threads(int threads) {
  if (threads < 0) {
    throw invalid_argument("kullback::set_num_threads: threads = " + std::to_string(threads) + ", but must be >= 0");
  }
  requested_threads.store(threads);
}

int num_threads() {
  const int requested = requested_threads.load();
  return requested > 0 ? requested : omp_get_max_threads();
}

}  // namespace kullback
