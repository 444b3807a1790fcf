// Internal: evaluates a termwise measure over rows of distribution_views.
//
// A measure supplies
//   static constexpr std::size_t sums;          number of running sums
//   static constexpr bool logarithmic;          whether options::base applies
//   static constexpr bool needs_log_ratio;      whether pair_element::lr must be filled
//   std::array<double, sums> term(const pair_element&) const;
//   double finish(const std::array<double, sums>&, double log_base) const;
//     (log_base is ln of options::base; 1 for nats)
// A measure with `static constexpr bool reduces_by_max = true` takes the maximum of its single term
// instead of the sum (Renyi of order infinity).
// Single-distribution measures (entropy) supply term(p, log p) instead and use evaluate_rows.
//
// Rows are cut into fixed chunks (chunked_reduce.hpp); each chunk is summed with Neumaier
// compensation and the chunk partials are combined pairwise. The chunking never depends on the
// thread count, so neither does any result: one long row is split across threads by chunks, a
// batch is split by rows.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <span>
#include <string>
#include <vector>

#include "../core/chunked_reduce.hpp"
#include "../core/parallel_for.hpp"
#include "../core/summation.hpp"
#include "kullback/core/error.hpp"
#include "row_source.hpp"

namespace kullback::detail {

// Natural log of the requested base, validated against the measure. Every measure calls it once
// before reading any row, so it also validates the rest of the options (the tolerance).
double log_of_base(const char* function, const options& opts, bool logarithmic);

// Shapes, element types and forms of a pair of views; returns the number of output rows.
std::size_t check_pair_shapes(const char* function, const distribution_view& p, const distribution_view& q,
                              std::size_t out_size);
std::size_t check_single_shape(const char* function, const distribution_view& p, std::size_t out_size);

template <class Measure>
inline constexpr bool reduces_by_max = requires { Measure::reduces_by_max; };

template <class T, class Measure>
double evaluate_row_pair(const row_pair<T>& pair, const Measure& measure, bool parallel, double log_base) {
  constexpr std::size_t K = Measure::sums;
  if constexpr (reduces_by_max<Measure>) {
    auto chunk = [&](std::size_t begin, std::size_t end) {
      double best = -infinity;
      for (std::size_t i = begin; i < end; ++i) {
        best = std::max(best, measure.term(pair.template at<Measure::needs_log_ratio>(i))[0]);
      }
      return std::array<double, 1>{best};
    };
    return measure.finish(sum_by_chunks<1, true>(pair.p().n, parallel, chunk), log_base);
  }
  auto chunk = [&](std::size_t begin, std::size_t end) {
    std::array<neumaier_sum, K> acc{};
    for (std::size_t i = begin; i < end; ++i) {
      const auto terms = measure.term(pair.template at<Measure::needs_log_ratio>(i));
      for (std::size_t k = 0; k < K; ++k) acc[k].add(terms[k]);
    }
    std::array<double, K> partial{};
    for (std::size_t k = 0; k < K; ++k) partial[k] = acc[k].value();
    return partial;
  };
  return measure.finish(sum_by_chunks<K>(pair.p().n, parallel, chunk), log_base);
}

template <class T, class Measure>
void evaluate_pairs_typed(const char* function, const distribution_view& p, const distribution_view& q,
                          std::span<double> out, const options& opts, const Measure& measure, std::size_t rows) {
  const double log_base = log_of_base(function, opts, Measure::logarithmic);
  const bool batched_p = p.rows() > 1;
  const bool batched_q = q.rows() > 1;
  auto prepare = [&](const distribution_view& v, char arg, std::size_t row, bool batched) {
    // A single row pair uses the threads inside the row; a batch uses them across rows.
    return prepare_row<T>(v, row, opts, argument_name{function, arg, row, batched}, rows == 1);
  };
  if (rows == 1) {
    const auto p_row = prepare(p, 'p', 0, false);  // p is checked first: its errors are reported first
    const row_pair<T> pair(p_row, prepare(q, 'q', 0, false), true);
    out[0] = evaluate_row_pair(pair, measure, true, log_base);
    return;
  }
  // A one-row argument broadcast against many rows is prepared once.
  std::vector<prepared_row<T>> shared_p;
  std::vector<prepared_row<T>> shared_q;
  if (!batched_p) shared_p.push_back(prepare(p, 'p', 0, false));
  if (!batched_q) shared_q.push_back(prepare(q, 'q', 0, false));
  parallel_for(rows, rows * p.cols(), [&](std::size_t r) {
    const auto p_row = batched_p ? prepare(p, 'p', r, true) : shared_p[0];
    const row_pair<T> pair(p_row, batched_q ? prepare(q, 'q', r, true) : shared_q[0]);
    out[r] = evaluate_row_pair(pair, measure, false, log_base);
  });
}

template <class Measure>
void evaluate_pairs(const char* function, const distribution_view& p, const distribution_view& q,
                    std::span<double> out, const options& opts, const Measure& measure) {
  const std::size_t rows = check_pair_shapes(function, p, q, out.size());
  if (p.type() == element_type::f64) {
    evaluate_pairs_typed<double>(function, p, q, out, opts, measure, rows);
  } else {
    evaluate_pairs_typed<float>(function, p, q, out, opts, measure, rows);
  }
}

inline void require_single_rows(const char* function, const distribution_view& p, const distribution_view& q) {
  if (p.rows() != 1 || q.rows() != 1) {
    throw invalid_argument(std::string(function) +
                           ": p and q must be single distributions here; pass an output span for batches");
  }
}

template <class Measure>
double evaluate_pair(const char* function, const distribution_view& p, const distribution_view& q,
                     const options& opts, const Measure& measure) {
  require_single_rows(function, p, q);
  double value = 0.0;
  evaluate_pairs(function, p, q, std::span<double>(&value, 1), opts, measure);
  return value;
}

// Single-distribution measures: term(p_i, log p_i).
template <class T, class Measure>
double evaluate_single_row(const prepared_row<T>& row, const Measure& measure, bool parallel) {
  auto chunk = [&](std::size_t begin, std::size_t end) {
    neumaier_sum acc;
    for (std::size_t i = begin; i < end; ++i) {
      const double prob = row.probability(i);
      acc.add(measure.term(prob, prob > 0.0 ? row.log_probability(i) : 0.0));
    }
    return std::array<double, 1>{acc.value()};
  };
  return sum_by_chunks<1>(row.n, parallel, chunk)[0];
}

template <class T, class Measure>
void evaluate_rows_typed(const char* function, const distribution_view& p, std::span<double> out,
                         const options& opts, const Measure& measure, std::size_t rows) {
  const double log_base = log_of_base(function, opts, true);
  const bool batched = rows > 1;
  parallel_for(batched ? rows : 0, rows * p.cols(), [&](std::size_t r) {
    const auto row = prepare_row<T>(p, r, opts, argument_name{function, 'p', r, true});
    out[r] = evaluate_single_row(row, measure, false) / log_base;
  });
  if (!batched) {
    const auto row = prepare_row<T>(p, 0, opts, argument_name{function, 'p', 0, false}, true);
    out[0] = evaluate_single_row(row, measure, true) / log_base;
  }
}

template <class Measure>
void evaluate_rows(const char* function, const distribution_view& p, std::span<double> out, const options& opts,
                   const Measure& measure) {
  const std::size_t rows = check_single_shape(function, p, out.size());
  if (p.type() == element_type::f64) {
    evaluate_rows_typed<double>(function, p, out, opts, measure, rows);
  } else {
    evaluate_rows_typed<float>(function, p, out, opts, measure, rows);
  }
}

}  // namespace kullback::detail
