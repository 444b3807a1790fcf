// KL fast paths: SIMD chunk kernels (kl_simd.cpp) under the same chunking, validation and
// error messages as the generic engine, with exact fallbacks.
//
// Probabilities: one fused pass computes the KL terms and the two row sums; an invalid entry or
// an off-simplex sum sends the row to prepare_row, which throws the precise message.
//
// Logits: KL = sum_i p_i u_i - log(z_a / z_b) with u_i = (a_i - b_i) - (m_a - m_b) costs two exps
// per element but cancels when the rows nearly agree. Its rounding error is bounded by
//   16 eps (sum_i p_i |u_i| + 1 + |log(z_a / z_b)|)
// (exp, summation and log errors, each a few eps relative to the sizes they act on; u itself is
// exact to a few ulps through TwoSum, or for float rows of a moderate magnitude range as the
// difference of the exact exp arguments); a row whose bound exceeds 1e-13 of its value is recomputed
// by the exact termwise SIMD kernels (c = log1p(D / z_b) as in row_source.hpp), so every result
// keeps the accuracy of the generic engine. Rows with invalid entries, or whose logit differences
// overflow, go to the scalar engine (which throws the message or handles the extreme values).
#include "kl_fast_path.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <vector>

#include "engine.hpp"
#include "kl_measure.hpp"
#include "kl_simd.hpp"

namespace kullback::detail {
namespace {

constexpr double unit_roundoff = 0x1p-53;
constexpr double fast_path_relative_bound = 1e-13;

template <class T>
const T* row_data(const distribution_view& v, std::size_t row) {
  return static_cast<const T*>(v.data()) + (v.rows() == 1 ? 0 : row * v.row_stride());
}

// Exact generic KL of one row pair (also throws the precise message for invalid rows).
template <class T>
double exact_row(const distribution_view& p, const distribution_view& q, std::size_t row, bool batched,
                 const options& opts, bool parallel, double log_base) {
  const auto prepare = [&](const distribution_view& v, char name) {
    const bool own_rows = v.rows() > 1;
    return prepare_row<T>(v, own_rows ? row : 0, opts, argument_name{"kullback::kl", name, row, batched && own_rows},
                          parallel);
  };
  const auto p_row = prepare(p, 'p');  // p is checked first: its errors are reported first
  const row_pair<T> pair(p_row, prepare(q, 'q'), parallel);
  return evaluate_row_pair(pair, kl_measure{}, parallel, log_base);
}

template <class T>
double probs_row(const distribution_view& p, const distribution_view& q, std::size_t row, bool batched,
                 const options& opts, bool parallel, double log_base) {
  const T* x = row_data<T>(p, row);
  const T* y = row_data<T>(q, row);
  const std::size_t n = p.cols();
  bool bad = false;
  std::vector<probs_kl_partial> partials((n + chunk_size - 1) / chunk_size);
  auto body = [&](std::size_t c) {
    const std::size_t begin = c * chunk_size;
    const std::size_t length = std::min(n, begin + chunk_size) - begin;
    partials[c] = probs_kl_chunk(x + begin, y + begin, length);
    if (partials[c].needs_scalar && !partials[c].bad) {
      // A ratio outside the normal range (subnormal q, say): redo this chunk exactly.
      prepared_row<T> px;
      px.x = x + begin;
      px.n = length;
      prepared_row<T> qy = px;
      qy.x = y + begin;
      const row_pair<T> pair(px, qy);
      neumaier_sum sum;
      for (std::size_t i = 0; i < length; ++i) sum.add(kl_measure{}.term(pair.template at<true>(i))[0]);
      partials[c].kl = sum.value();
    }
  };
  if (parallel) {
    parallel_for(partials.size(), n, body);
  } else {
    for (std::size_t c = 0; c < partials.size(); ++c) body(c);
  }
  std::vector<double> kl(partials.size()), sum_p(partials.size()), sum_q(partials.size());
  for (std::size_t c = 0; c < partials.size(); ++c) {
    kl[c] = partials[c].kl;
    sum_p[c] = partials[c].sum_p;
    sum_q[c] = partials[c].sum_q;
    bad = bad || partials[c].bad;
  }
  const double tolerance = opts.tolerance.value_or(default_tolerance<T>(n));
  if (bad || !(std::fabs(pairwise_sum(sum_p) - 1.0) <= tolerance) ||
      !(std::fabs(pairwise_sum(sum_q) - 1.0) <= tolerance)) {
    return exact_row<T>(p, q, row, batched, opts, parallel, log_base);  // throws the message
  }
  return pairwise_sum(kl) / log_base;
}

template <class T>
double logits_row(const distribution_view& p, const distribution_view& q, std::size_t row, bool batched,
                  const options& opts, bool parallel, double log_base) {
  const T* a = row_data<T>(p, row);
  const T* b = row_data<T>(q, row);
  const std::size_t n = p.cols();
  const std::size_t chunks = (n + chunk_size - 1) / chunk_size;
  auto for_chunks = [&](auto&& body) {
    if (parallel) {
      parallel_for(chunks, n, body);
    } else {
      for (std::size_t c = 0; c < chunks; ++c) body(c);
    }
  };
  auto chunk_length = [&](std::size_t c) { return std::min(n, (c + 1) * chunk_size) - c * chunk_size; };

  struct chunk_maxima {
    logits_max_partial a, b;
  };
  std::vector<chunk_maxima> maxima(chunks);
  for_chunks([&](std::size_t c) {
    maxima[c] = {logits_max_chunk(a + c * chunk_size, chunk_length(c)), logits_max_chunk(b + c * chunk_size, chunk_length(c))};
  });
  double m_a = -infinity;
  double m_b = -infinity;
  bool bad = false;
  // Magnitude ranges of the float rows (see logits_kl_chunk's exact_arguments).
  double smallest_a = infinity, largest_a = 0.0, smallest_b = infinity, largest_b = 0.0;
  double min_a = infinity, min_b = infinity;
  for (const auto& m : maxima) {
    m_a = std::max(m_a, m.a.max);
    m_b = std::max(m_b, m.b.max);
    bad = bad || m.a.bad || m.b.bad;
    smallest_a = std::min(smallest_a, m.a.smallest_magnitude);
    largest_a = std::max(largest_a, m.a.largest_magnitude);
    smallest_b = std::min(smallest_b, m.b.smallest_magnitude);
    largest_b = std::max(largest_b, m.b.largest_magnitude);
    min_a = std::min(min_a, m.a.min);
    min_b = std::min(min_b, m.b.min);
  }
  if (bad || m_a == -infinity || m_b == -infinity) return exact_row<T>(p, q, row, batched, opts, parallel, log_base);

  const bool exact_arguments = largest_a < 0x1p27 * smallest_a && largest_b < 0x1p27 * smallest_b;
  const bool all_dense = exact_arguments && min_a - m_a >= -706.0 && min_b - m_b >= -706.0;
  // In a batch each thread takes a contiguous range of rows (parallel_for is statically
  // scheduled), so the next row pair is most likely its own: the kernel prefetches it.
  const bool prefetch = batched && !parallel && p.rows() > 1 && q.rows() > 1 && row + 1 < p.rows();
  const T* next_a = prefetch ? row_data<T>(p, row + 1) : nullptr;
  const T* next_b = prefetch ? row_data<T>(q, row + 1) : nullptr;
  std::vector<logits_kl_partial> sums(chunks);
  for_chunks([&](std::size_t c) {
    const T* chunk_next_a = prefetch ? next_a + c * chunk_size : nullptr;
    const T* chunk_next_b = prefetch ? next_b + c * chunk_size : nullptr;
    if constexpr (std::is_same_v<T, float>) {
      sums[c] = logits_kl_chunk(a + c * chunk_size, b + c * chunk_size, chunk_length(c), m_a, m_b, exact_arguments,
                                all_dense, chunk_next_a, chunk_next_b);
    } else {
      sums[c] = logits_kl_chunk(a + c * chunk_size, b + c * chunk_size, chunk_length(c), m_a, m_b, chunk_next_a,
                                chunk_next_b);
    }
  });
  std::vector<double> z_a(chunks), z_b(chunks), w(chunks), w_abs(chunks);
  for (std::size_t c = 0; c < chunks; ++c) {
    if (sums[c].overflow) return exact_row<T>(p, q, row, batched, opts, parallel, log_base);
    z_a[c] = sums[c].z_a;
    z_b[c] = sums[c].z_b;
    w[c] = sums[c].w;
    w_abs[c] = sums[c].w_abs;
  }
  const double total_a = pairwise_sum(z_a);
  const double log_ratio = std::log(total_a / pairwise_sum(z_b));
  const double value = pairwise_sum(w) / total_a - log_ratio;
  const double bound = 16.0 * unit_roundoff * (pairwise_sum(w_abs) / total_a + 1.0 + std::fabs(log_ratio));
  if (value == infinity) return infinity;
  if (std::isfinite(value) && bound <= fast_path_relative_bound * value) return value / log_base;

  // Nearly equal rows: the exact termwise kernels.
  std::vector<logits_exact_sums> exact(chunks);
  for_chunks([&](std::size_t c) { exact[c] = logits_exact_sums_chunk(a + c * chunk_size, b + c * chunk_size, chunk_length(c), m_a, m_b); });
  std::vector<double> difference(chunks);
  for (std::size_t c = 0; c < chunks; ++c) {
    if (exact[c].overflow) return exact_row<T>(p, q, row, batched, opts, parallel, log_base);
    z_b[c] = exact[c].z_b;
    difference[c] = exact[c].d;
  }
  const double total_b = pairwise_sum(z_b);
  const double total_difference = pairwise_sum(difference);
  const double exact_log_ratio = std::log1p(total_difference / total_b);
  const double log_z_b = std::log(total_b);
  const double log_z_a = log_z_b + exact_log_ratio;
  std::vector<double> terms(chunks);
  for_chunks([&](std::size_t c) {
    terms[c] = logits_exact_kl_chunk(a + c * chunk_size, b + c * chunk_size, chunk_length(c), m_a, m_b, exact_log_ratio,
                                     log_z_a, log_z_b);
  });
  return pairwise_sum(terms) / log_base;
}

template <class T>
void run(const distribution_view& p, const distribution_view& q, std::span<double> out, const options& opts,
         std::size_t rows) {
  const double log_base = log_of_base("kullback::kl", opts, true);
  const auto row_kl = p.form() == input_form::probs ? probs_row<T> : logits_row<T>;
  if (rows == 1) {
    out[0] = row_kl(p, q, 0, false, opts, true, log_base);
    return;
  }
  parallel_for(rows, rows * p.cols(), [&](std::size_t r) { out[r] = row_kl(p, q, r, true, opts, false, log_base); });
}

}  // namespace

bool kl_fast_path_applies(const distribution_view& p, const distribution_view& q, const options& opts) {
  if (p.form() != q.form() || p.type() != q.type()) return false;
  return (p.form() == input_form::probs && !opts.normalize) || p.form() == input_form::logits;
}

void kl_fast_path(const distribution_view& p, const distribution_view& q, std::span<double> out, const options& opts) {
  const std::size_t rows = check_pair_shapes("kullback::kl", p, q, out.size());
  if (p.type() == element_type::f64) {
    run<double>(p, q, out, opts, rows);
  } else {
    run<float>(p, q, out, opts, rows);
  }
}

}  // namespace kullback::detail
