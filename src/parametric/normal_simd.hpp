// Internal: Highway kernel (dispatched at run time) for the row sums of
// kl(independent(normal_batch), independent(normal_batch)) -- the VAE KL term.
#pragma once

#include <cstddef>

namespace kullback::detail {

// One strided operand: step 1 (a row) or 0 (a broadcast scalar).
struct normal_row_operand {
  const double* data;
  std::size_t step;
};

struct normal_kl_row_result {
  double sum = 0.0;
  bool needs_scalar = false;  // s1 / s2 outside [2^-1022, 1e150]: the caller redoes the row in scalar code
};

// sum_{c < n} KL(N(m1_c, s1_c^2) || N(m2_c, s2_c^2)) over whole vectors plus a scalar tail.
normal_kl_row_result normal_kl_row(normal_row_operand m1, normal_row_operand s1, normal_row_operand m2,
                                   normal_row_operand s2, std::size_t n);

}  // namespace kullback::detail
