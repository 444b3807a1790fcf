// The univariate normal distribution N(loc, scale^2), single and batched, and closed forms of
// every measure between two of them.
//
// With p = N(m1, s1^2), q = N(m2, s2^2), r = s1 / s2, delta = (m1 - m2) / s2:
//   kl(p, q)                      KL(p||q) = 1/2 [r^2 - 1 - log r^2 + delta^2]
//   jeffreys(p, q)                KL(p||q) + KL(q||p)
//   renyi(p, q, a)                D_a(p||q) = log(integral p^a q^(1-a)) / (a - 1), a >= 0 finite
//                                 = a (m1 - m2)^2 / (2 s_a^2) + log(s_a^2 / (s1^(2(1-a)) s2^(2a))) / (2
// (1 - a)),
//                                 s_a^2 = a s2^2 + (1 - a) s1^2 (the mixed variance).
//                                 For a > 1 the integral is finite only if s_a^2 > 0; otherwise
//                                 +inf. a = 1 gives KL(p||q), a = 0 gives 0.
//   chernoff_coefficient(p, q, a) integral p^a q^(1-a) = exp((a - 1) D_a(p||q)), a >= 0 finite
//                                 (+inf where the integral diverges, a > 1 only)
//   bhattacharyya(p, q)           -log integral sqrt(p q) = D_{1/2}(p||q) / 2
//   hellinger(p, q)               the distance sqrt(1 - integral sqrt(p q)), in [0, 1]
//                                 (same convention as the discrete hellinger)
//   wasserstein2(p, q)            W2 (not squared) = sqrt((m1 - m2)^2 + (s1 - s2)^2)
//
// All logarithms are natural. Every value keeps full relative accuracy when p and q are nearly
// equal (no cancellation between O(1) terms; see src/parametric/gaussian_terms.hpp), and
// D(p, p) = 0 exactly.
//
// Batches: normal_batch views row-major loc and scale matrices (rows x cols, one distribution per
// element). The elementwise overloads write rows * cols values (row-major); the overloads on
// independent<normal_batch> treat each row as one distribution on R^cols with independent
// coordinates (torch's Independent(Normal(loc, scale), 1)) and write one value per row:
// kl, jeffreys, renyi, bhattacharyya add up over the coordinates, chernoff_coefficient
// multiplies, hellinger = sqrt(1 - prod BC_j), wasserstein2 = sqrt(sum W2_j^2).
// Broadcasting (like torch, restricted to scalars): a 1 x 1 view broadcasts against the other
// view of the same batch and against the other argument; any other shapes must match exactly.
// Work is spread over kullback's threads by rows; results do not depend on the thread count,
// and each element equals the single-distribution function bit for bit.
#pragma once

#include <cstddef>
#include <span>

#include "kullback/core/distribution_view.hpp"
#include "kullback/parametric/independent.hpp"

namespace kullback {

// N(loc, scale^2); throws kullback::invalid_argument unless loc is finite and 0 < scale < inf.
class normal {
 public:
  static constexpr const char* family_name = "normal";
  normal(double loc, double scale);
  double loc() const { return loc_; }
  double scale() const { return scale_; }

 private:
  double loc_;
  double scale_;
};

// Non-owning views of loc and scale (each rows x cols, or 1 x 1 to broadcast), checked at
// construction: every loc finite, every scale in (0, inf), else kullback::invalid_argument
// naming the argument and the index, e.g. "kullback::normal_batch: scale[2][5] = -1, but must be > 0".
// The viewed memory must outlive the batch and stay unchanged.
class normal_batch {
 public:
  normal_batch(matrix_view<const double> loc, matrix_view<const double> scale);

  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  double loc(std::size_t r, std::size_t c) const { return at(loc_, r, c); }
  double scale(std::size_t r, std::size_t c) const { return at(scale_, r, c); }
  normal operator()(std::size_t r, std::size_t c) const { return normal(loc(r, c), scale(r, c)); }
  const matrix_view<const double>& loc_view() const { return loc_; }
  const matrix_view<const double>& scale_view() const { return scale_; }

 private:
  static double at(const matrix_view<const double>& m, std::size_t r, std::size_t c) {
    return m.rows == 1 && m.cols == 1 ? m.data[0] : m.data[r * m.stride() + c];
  }
  matrix_view<const double> loc_;
  matrix_view<const double> scale_;
  std::size_t rows_;
  std::size_t cols_;
};

double kl(const normal& p, const normal& q);
double jeffreys(const normal& p, const normal& q);
double renyi(const normal& p, const normal& q, double alpha);
double chernoff_coefficient(const normal& p, const normal& q, double alpha);
double bhattacharyya(const normal& p, const normal& q);
double hellinger(const normal& p, const normal& q);
double wasserstein2(const normal& p, const normal& q);

// Elementwise: out.size() must equal rows * cols of the broadcast shape.
void kl(const normal_batch& p, const normal_batch& q, std::span<double> out);
void jeffreys(const normal_batch& p, const normal_batch& q, std::span<double> out);
void renyi(const normal_batch& p, const normal_batch& q, double alpha, std::span<double> out);
void chernoff_coefficient(const normal_batch& p, const normal_batch& q, double alpha, std::span<double> out);
void bhattacharyya(const normal_batch& p, const normal_batch& q, std::span<double> out);
void hellinger(const normal_batch& p, const normal_batch& q, std::span<double> out);
void wasserstein2(const normal_batch& p, const normal_batch& q, std::span<double> out);

// Independent over the last axis: out.size() must equal the broadcast number of rows. Row sums
// are compensated (Neumaier) in column order; kl uses a SIMD kernel (lane-wise compensated sums,
// vector log) whose row values can differ from the sum of the elementwise values in the last bits
// (relative error still ~1e-15; deterministic for a given machine and any thread count).
void kl(const independent<normal_batch>& p, const independent<normal_batch>& q, std::span<double> out);
void jeffreys(const independent<normal_batch>& p, const independent<normal_batch>& q, std::span<double> out);
void renyi(const independent<normal_batch>& p, const independent<normal_batch>& q, double alpha,
           std::span<double> out);
void chernoff_coefficient(const independent<normal_batch>& p, const independent<normal_batch>& q, double alpha,
                          std::span<double> out);
void bhattacharyya(const independent<normal_batch>& p, const independent<normal_batch>& q, std::span<double> out);
void hellinger(const independent<normal_batch>& p, const independent<normal_batch>& q, std::span<double> out);
void wasserstein2(const independent<normal_batch>& p, const independent<normal_batch>& q, std::span<double> out);

}  // namespace kullback
