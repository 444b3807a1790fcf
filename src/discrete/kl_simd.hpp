// Internal: SIMD kernels (Highway, dispatched at run time) for KL on probabilities and on logits.
// kl.cpp owns the row loop, the validation and the exact fallbacks; these only sum chunks.
#pragma once

#include <cstddef>
#include <limits>

namespace kullback::detail {

// Sums over one chunk of a probability row pair.
struct probs_kl_partial {
  double kl = 0.0;      // sum of p log(p/q) - p + q
  double sum_p = 0.0;
  double sum_q = 0.0;
  bool bad = false;           // a negative, NaN or infinite entry: the caller rescans for the message
  bool needs_scalar = false;  // a ratio p/q outside the normal range: the caller redoes the chunk
};
probs_kl_partial probs_kl_chunk(const double* p, const double* q, std::size_t n);
probs_kl_partial probs_kl_chunk(const float* p, const float* q, std::size_t n);

// max over a logit row chunk; bad when an entry is NaN or +inf. For float rows also the smallest
// nonzero and the largest finite magnitude (+inf and 0 when there are none); double rows leave
// them at 0 and +inf (see logits_kl_chunk's exact_arguments).
struct logits_max_partial {
  double max;
  bool bad;
  double smallest_magnitude = 0.0;
  double largest_magnitude = std::numeric_limits<double>::infinity();
  double min = -std::numeric_limits<double>::infinity();  // float rows: the smallest entry
};
logits_max_partial logits_max_chunk(const double* a, std::size_t n);
logits_max_partial logits_max_chunk(const float* a, std::size_t n);

// With e_a = exp(a - m_a), e_b = exp(b - m_b), u = (a - b) - (m_a - m_b), over one chunk:
// z_a = sum e_a, z_b = sum e_b, w = sum e_a u, w_abs = sum e_a |u| (compensated sums); the
// entries must have passed logits_max_chunk (no NaN, no +inf).
struct logits_kl_partial {
  double z_a = 0.0;
  double z_b = 0.0;
  double w = 0.0;
  double w_abs = 0.0;
  bool overflow = false;  // a finite a - b overflowed (logits near the largest double)
};
// exact_arguments (float rows only): every finite nonzero |a_i| lies within a factor 2^27 of the
// row's largest, and so does every |b_i|; then a_i - m_a and b_i - m_b are exact in double
// (float entries within 2^27 of each other are multiples of 2^(e_min - 23) below 2^(e_min + 29),
// 53 bits), and u = (a_i - m_a) - (b_i - m_b) takes one rounding, without the TwoSum.
// all_dense (with exact_arguments): moreover every a_i - m_a and b_i - m_b is >= -706 (no masked
// entry, no exp underflows), so no vector needs the general path.
// next_a and next_b (or null): the same chunk of the rows a thread computes next, prefetched into
// L2 block by block, so that their maximum pass does not wait on memory.
logits_kl_partial logits_kl_chunk(const double* a, const double* b, std::size_t n, double m_a, double m_b,
                                  const double* next_a = nullptr, const double* next_b = nullptr);
logits_kl_partial logits_kl_chunk(const float* a, const float* b, std::size_t n, double m_a, double m_b,
                                  bool exact_arguments, bool all_dense, const float* next_a = nullptr,
                                  const float* next_b = nullptr);

// Exact logits path. First pass over a chunk: z_b = sum e_b and D = z_a - z_b, termwise without
// cancellation; second pass: the sum of the KL terms given c = log(z_a/z_b), log z_a, log z_b.
struct logits_exact_sums {
  double z_b = 0.0;
  double d = 0.0;
  bool overflow = false;
};
logits_exact_sums logits_exact_sums_chunk(const double* a, const double* b, std::size_t n, double m_a, double m_b);
logits_exact_sums logits_exact_sums_chunk(const float* a, const float* b, std::size_t n, double m_a, double m_b);
double logits_exact_kl_chunk(const double* a, const double* b, std::size_t n, double m_a, double m_b, double c,
                             double log_z_a, double log_z_b);
double logits_exact_kl_chunk(const float* a, const float* b, std::size_t n, double m_a, double m_b, double c,
                             double log_z_a, double log_z_b);

}  // namespace kullback::detail
