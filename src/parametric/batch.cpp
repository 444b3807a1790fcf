// The non-template part of parametric/batch.hpp: the threaded loop and the size checks.
#include "kullback/parametric/batch.hpp"

#include <string>

#include "../core/parallel_for.hpp"
#include "checks.hpp"
#include "kullback/core/error.hpp"

namespace kullback::detail {

void run_batch(std::size_t count, const std::function<void(std::size_t)>& body) {
  // A closed form costs tens to hundreds of flops (lgamma, digamma): count each pair as 64
  // elements of work so that batches of a few hundred pairs already use every thread.
  parallel_for(count, count * 64, body);
}

void check_batch_sizes(const char* function, std::size_t p_size, std::size_t q_size, std::size_t out_size) {
  if (p_size == 0 || q_size == 0 || (p_size != q_size && p_size != 1 && q_size != 1)) {
    throw invalid_argument(std::string(function) + ": p.size() = " + std::to_string(p_size) + " and q.size() = " +
                           std::to_string(q_size) + ", but they must be equal (or one must be 1), and not 0");
  }
  check_out_size(function, out_size, std::max(p_size, q_size));
}

}  // namespace kullback::detail
