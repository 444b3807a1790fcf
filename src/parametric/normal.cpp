// Univariate normal: construction checks, the single-pair measures and the batch loops.
// The formulas and their numerics are in normal_terms.hpp and gaussian_terms.hpp.
#include "kullback/parametric/normal.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "../core/format_number.hpp"
#include "../core/parallel_for.hpp"
#include "../core/summation.hpp"
#include "checks.hpp"
#include "kullback/core/error.hpp"
#include "normal_simd.hpp"
#include "normal_terms.hpp"

namespace kullback {

using detail::format_number;
namespace g = detail::gauss;

normal::normal(double loc, double scale) : loc_(loc), scale_(scale) {
  if (!std::isfinite(loc)) {
    throw invalid_argument("kullback::normal: loc = " + format_number(loc) + ", but must be finite");
  }
  if (!(scale > 0.0)) {
    throw invalid_argument("kullback::normal: scale = " + format_number(scale) + ", but must be > 0");
  }
  if (!std::isfinite(scale)) {
    throw invalid_argument("kullback::normal: scale = " + format_number(scale) + ", but must be finite");
  }
}

namespace {

bool is_scalar(const matrix_view<const double>& m) { return m.rows == 1 && m.cols == 1; }

std::string shape(const matrix_view<const double>& m) {
  return std::to_string(m.rows) + " x " + std::to_string(m.cols);
}

void check_view(const matrix_view<const double>& m, const char* name, bool is_scale) {
  if (m.rows == 0 || m.cols == 0) {
    throw invalid_argument(std::string("kullback::normal_batch: ") + name + " is empty (" + shape(m) + ")");
  }
  if (m.data == nullptr) throw invalid_argument(std::string("kullback::normal_batch: ") + name + " has no data");
  if (m.row_stride != 0 && m.row_stride < m.cols) {
    throw invalid_argument(std::string("kullback::normal_batch: ") + name + ".row_stride = " +
                           std::to_string(m.row_stride) + ", but must be >= cols = " + std::to_string(m.cols));
  }
  // Rows in parallel (a VAE batch is 10^8 numbers); parallel_for rethrows the error of the lowest
  // row, so the message does not depend on the thread count.
  detail::parallel_for(m.rows, m.rows * m.cols, [&](std::size_t r) {
    const double* row = m.data + r * m.stride();
    bool ok = true;
    for (std::size_t c = 0; c < m.cols; ++c) {
      const double x = row[c];
      ok &= is_scale ? (x > 0.0 && x <= std::numeric_limits<double>::max()) : std::isfinite(x);
    }
    if (ok) return;
    for (std::size_t c = 0; c < m.cols; ++c) {  // the message is built only on failure
      const double x = row[c];
      const bool bad_sign = is_scale && !(x > 0.0);
      if (bad_sign || !std::isfinite(x)) {
        throw invalid_argument(std::string("kullback::normal_batch: ") + name + "[" + std::to_string(r) + "][" +
                               std::to_string(c) + "] = " + format_number(x) +
                               (bad_sign ? ", but must be > 0" : ", but must be finite"));
      }
    }
  });
}

}  // namespace

normal_batch::normal_batch(matrix_view<const double> loc, matrix_view<const double> scale)
    : loc_(loc), scale_(scale) {
  check_view(loc, "loc", false);
  check_view(scale, "scale", true);
  if (!is_scalar(loc) && !is_scalar(scale) && (loc.rows != scale.rows || loc.cols != scale.cols)) {
    throw invalid_argument("kullback::normal_batch: loc is " + shape(loc) + " and scale is " + shape(scale) +
                           ", but the shapes must match (or one must be 1 x 1)");
  }
  const matrix_view<const double>& full = is_scalar(loc) ? scale : loc;
  rows_ = full.rows;
  cols_ = full.cols;
}

// ---- single pairs --------------------------------------------------------------------------

double kl(const normal& p, const normal& q) { return g::normal_kl(p.loc(), p.scale(), q.loc(), q.scale()); }

double jeffreys(const normal& p, const normal& q) {
  return g::normal_jeffreys(p.loc(), p.scale(), q.loc(), q.scale());
}

double renyi(const normal& p, const normal& q, double alpha) {
  detail::check_alpha("kullback::renyi", alpha);
  if (alpha == 1.0) return kl(p, q);
  if (alpha == 0.0) return 0.0;
  return g::normal_renyi(g::renyi_coefficients(alpha), p.loc(), p.scale(), q.loc(), q.scale());
}

double chernoff_coefficient(const normal& p, const normal& q, double alpha) {
  detail::check_alpha("kullback::chernoff_coefficient", alpha);
  if (alpha == 1.0 || alpha == 0.0) return 1.0;
  const double d = g::normal_renyi(g::renyi_coefficients(alpha), p.loc(), p.scale(), q.loc(), q.scale());
  return std::exp((alpha - 1.0) * d);
}

double bhattacharyya(const normal& p, const normal& q) {
  return 0.5 * g::normal_renyi(g::renyi_coefficients(0.5), p.loc(), p.scale(), q.loc(), q.scale());
}

double hellinger(const normal& p, const normal& q) { return g::hellinger_from_bhattacharyya(bhattacharyya(p, q)); }

double wasserstein2(const normal& p, const normal& q) {
  return g::normal_w2(p.loc(), p.scale(), q.loc(), q.scale());
}

// ---- batches -------------------------------------------------------------------------------

namespace {

struct broadcast_shape {
  std::size_t rows;
  std::size_t cols;
};

broadcast_shape broadcast(const char* function, const normal_batch& p, const normal_batch& q) {
  const bool p_scalar = p.rows() == 1 && p.cols() == 1;
  const bool q_scalar = q.rows() == 1 && q.cols() == 1;
  if (!p_scalar && !q_scalar && (p.rows() != q.rows() || p.cols() != q.cols())) {
    throw invalid_argument(std::string(function) + ": p is " + std::to_string(p.rows()) + " x " +
                           std::to_string(p.cols()) + " and q is " + std::to_string(q.rows()) + " x " +
                           std::to_string(q.cols()) + ", but the shapes must match (or one must be 1 x 1)");
  }
  return p_scalar ? broadcast_shape{q.rows(), q.cols()} : broadcast_shape{p.rows(), p.cols()};
}

// Row r of a view as (pointer, step): step 0 for a broadcast 1 x 1 view (or a 1 x 1 batch).
struct row_cursor {
  const double* data;
  std::size_t step;
  double operator[](std::size_t c) const { return data[c * step]; }
};
row_cursor row_of(const matrix_view<const double>& m, std::size_t r) {
  if (m.rows == 1 && m.cols == 1) return {m.data, 0};
  return {m.data + r * m.stride(), 1};
}

// term(m1, s1, m2, s2) for every element; out is row-major rows x cols.
template <class Term>
void elementwise(const char* function, const normal_batch& p, const normal_batch& q, std::span<double> out,
                 const Term& term) {
  const broadcast_shape s = broadcast(function, p, q);
  detail::check_out_size(function, out.size(), s.rows * s.cols);
  detail::parallel_for(s.rows, s.rows * s.cols, [&](std::size_t r) {
    const row_cursor m1 = row_of(p.loc_view(), r), s1 = row_of(p.scale_view(), r);
    const row_cursor m2 = row_of(q.loc_view(), r), s2 = row_of(q.scale_view(), r);
    for (std::size_t c = 0; c < s.cols; ++c) out[r * s.cols + c] = term(m1[c], s1[c], m2[c], s2[c]);
  });
}

// finish(sum over the row of term(...)) per row, the sum compensated in column order.
template <class Term, class Finish>
void row_sums(const char* function, const normal_batch& p, const normal_batch& q, std::span<double> out,
              const Term& term, const Finish& finish) {
  const broadcast_shape s = broadcast(function, p, q);
  detail::check_out_size(function, out.size(), s.rows);
  detail::parallel_for(s.rows, s.rows * s.cols, [&](std::size_t r) {
    const row_cursor m1 = row_of(p.loc_view(), r), s1 = row_of(p.scale_view(), r);
    const row_cursor m2 = row_of(q.loc_view(), r), s2 = row_of(q.scale_view(), r);
    detail::neumaier_sum sum;
    for (std::size_t c = 0; c < s.cols; ++c) sum.add(term(m1[c], s1[c], m2[c], s2[c]));
    out[r] = finish(sum.value());
  });
}

const auto identity = [](double x) { return x; };

}  // namespace

void kl(const normal_batch& p, const normal_batch& q, std::span<double> out) {
  elementwise("kullback::kl", p, q, out, [](double a, double b, double c, double d) { return g::normal_kl(a, b, c, d); });
}
void jeffreys(const normal_batch& p, const normal_batch& q, std::span<double> out) {
  elementwise("kullback::jeffreys", p, q, out, g::normal_jeffreys);
}
void renyi(const normal_batch& p, const normal_batch& q, double alpha, std::span<double> out) {
  detail::check_alpha("kullback::renyi", alpha);
  if (alpha == 1.0) return kl(p, q, out);
  const g::renyi_coefficients rc(alpha);
  elementwise("kullback::renyi", p, q, out, [&](double m1, double s1, double m2, double s2) {
    return alpha == 0.0 ? 0.0 : g::normal_renyi(rc, m1, s1, m2, s2);
  });
}
void chernoff_coefficient(const normal_batch& p, const normal_batch& q, double alpha, std::span<double> out) {
  detail::check_alpha("kullback::chernoff_coefficient", alpha);
  const g::renyi_coefficients rc(alpha);
  elementwise("kullback::chernoff_coefficient", p, q, out, [&](double m1, double s1, double m2, double s2) {
    if (alpha == 1.0 || alpha == 0.0) return 1.0;
    return std::exp((alpha - 1.0) * g::normal_renyi(rc, m1, s1, m2, s2));
  });
}
void bhattacharyya(const normal_batch& p, const normal_batch& q, std::span<double> out) {
  const g::renyi_coefficients rc(0.5);
  elementwise("kullback::bhattacharyya", p, q, out, [&](double m1, double s1, double m2, double s2) {
    return 0.5 * g::normal_renyi(rc, m1, s1, m2, s2);
  });
}
void hellinger(const normal_batch& p, const normal_batch& q, std::span<double> out) {
  const g::renyi_coefficients rc(0.5);
  elementwise("kullback::hellinger", p, q, out, [&](double m1, double s1, double m2, double s2) {
    return g::hellinger_from_bhattacharyya(0.5 * g::normal_renyi(rc, m1, s1, m2, s2));
  });
}
void wasserstein2(const normal_batch& p, const normal_batch& q, std::span<double> out) {
  elementwise("kullback::wasserstein2", p, q, out, g::normal_w2);
}

// The VAE case: a Highway kernel per row (normal_simd.cpp), the scalar row sum when a ratio s1/s2
// is outside the range the kernel handles.
void kl(const independent<normal_batch>& p, const independent<normal_batch>& q, std::span<double> out) {
  const broadcast_shape s = broadcast("kullback::kl", p.base, q.base);
  detail::check_out_size("kullback::kl", out.size(), s.rows);
  detail::parallel_for(s.rows, s.rows * s.cols, [&](std::size_t r) {
    const row_cursor m1 = row_of(p.base.loc_view(), r), s1 = row_of(p.base.scale_view(), r);
    const row_cursor m2 = row_of(q.base.loc_view(), r), s2 = row_of(q.base.scale_view(), r);
    const auto simd = detail::normal_kl_row({m1.data, m1.step}, {s1.data, s1.step}, {m2.data, m2.step},
                                            {s2.data, s2.step}, s.cols);
    if (!simd.needs_scalar) {
      out[r] = simd.sum;
      return;
    }
    detail::neumaier_sum sum;
    for (std::size_t c = 0; c < s.cols; ++c) sum.add(g::normal_kl(m1[c], s1[c], m2[c], s2[c]));
    out[r] = sum.value();
  });
}
void jeffreys(const independent<normal_batch>& p, const independent<normal_batch>& q, std::span<double> out) {
  row_sums("kullback::jeffreys", p.base, q.base, out, g::normal_jeffreys, identity);
}
void renyi(const independent<normal_batch>& p, const independent<normal_batch>& q, double alpha,
           std::span<double> out) {
  detail::check_alpha("kullback::renyi", alpha);
  if (alpha == 1.0) return kl(p, q, out);
  const g::renyi_coefficients rc(alpha);
  row_sums("kullback::renyi", p.base, q.base, out,
           [&](double m1, double s1, double m2, double s2) {
             return alpha == 0.0 ? 0.0 : g::normal_renyi(rc, m1, s1, m2, s2);
           },
           identity);
}
void chernoff_coefficient(const independent<normal_batch>& p, const independent<normal_batch>& q, double alpha,
                          std::span<double> out) {
  detail::check_alpha("kullback::chernoff_coefficient", alpha);
  const g::renyi_coefficients rc(alpha);
  // prod_j c_j = exp((alpha - 1) sum_j D_j)
  row_sums("kullback::chernoff_coefficient", p.base, q.base, out,
           [&](double m1, double s1, double m2, double s2) {
             return (alpha == 0.0 || alpha == 1.0) ? 0.0 : g::normal_renyi(rc, m1, s1, m2, s2);
           },
           [&](double d) { return (alpha == 0.0 || alpha == 1.0) ? 1.0 : std::exp((alpha - 1.0) * d); });
}
void bhattacharyya(const independent<normal_batch>& p, const independent<normal_batch>& q, std::span<double> out) {
  const g::renyi_coefficients rc(0.5);
  row_sums("kullback::bhattacharyya", p.base, q.base, out,
           [&](double m1, double s1, double m2, double s2) { return 0.5 * g::normal_renyi(rc, m1, s1, m2, s2); },
           identity);
}
void hellinger(const independent<normal_batch>& p, const independent<normal_batch>& q, std::span<double> out) {
  const g::renyi_coefficients rc(0.5);
  row_sums("kullback::hellinger", p.base, q.base, out,
           [&](double m1, double s1, double m2, double s2) { return 0.5 * g::normal_renyi(rc, m1, s1, m2, s2); },
           g::hellinger_from_bhattacharyya);
}
void wasserstein2(const independent<normal_batch>& p, const independent<normal_batch>& q, std::span<double> out) {
  row_sums("kullback::wasserstein2", p.base, q.base, out, g::normal_w2_squared,
           [](double s) { return std::sqrt(s); });
}

}  // namespace kullback
