// The multivariate normal distribution N(mean, Sigma) on R^d in every parametrisation that
// torch.distributions offers, and closed forms of every measure between two of them.
//
// Parametrisations (factories; each checks its arguments and throws kullback::invalid_argument
// naming the parameter, the index and, for a matrix that is not positive definite, the Cholesky
// pivot at which the factorisation failed):
//   from_covariance(mean, Sigma)          Sigma symmetric positive definite (d x d). The lower
//                                         triangle is used; |S_ij - S_ji| must be
//                                         <= 1e-10 sqrt(S_ii S_jj) (else an error, never a silent fix).
//   from_scale_tril(mean, L)              Sigma = L L^T, L lower triangular with positive diagonal;
//                                         a nonzero entry above the diagonal is an error (torch
//                                         rejects it too, with validate_args).
//   from_precision(mean, P)               Sigma = P^-1, P symmetric positive definite.
//   diagonal(mean, variances)             Sigma = diag(variances), variances > 0.
//   low_rank(mean, W, D)                  Sigma = W W^T + diag(D), W d x r, D > 0 (torch's
//                                         LowRankMultivariateNormal(loc, cov_factor, cov_diag)).
// The object owns copies of its parameters, the Cholesky factor L of Sigma and Sigma itself.
//
// Measures, p = N(m1, S1), q = N(m2, S2), d = dim, Delta = m1 - m2:
//   kl(p, q)                      1/2 [tr(S2^-1 S1) - d - log det(S2^-1 S1) + Delta^T S2^-1 Delta]
//   jeffreys(p, q)                kl(p, q) + kl(q, p)
//   renyi(p, q, a)                log(integral p^a q^(1-a)) / (a - 1), a >= 0 finite:
//                                 a/2 Delta^T S_a^-1 Delta
//                                 + [log det S_a - (1 - a) log det S1 - a log det S2] / (2 (1 - a)),
//                                 S_a = a S2 + (1 - a) S1 (mixed covariance). For a > 1 the integral
//                                 is finite only when S_a is positive definite; otherwise +inf.
//                                 a = 1 gives kl(p, q), a = 0 gives 0.
//   chernoff_coefficient(p, q, a) integral p^a q^(1-a) = exp((a - 1) renyi(p, q, a))
//   bhattacharyya(p, q)           -log integral sqrt(p q) = renyi(p, q, 1/2) / 2
//   hellinger(p, q)               the distance sqrt(1 - integral sqrt(p q)), in [0, 1]
//   wasserstein2(p, q)            W2, NOT squared: sqrt(|Delta|^2 + tr(S1 + S2 - 2 (S2^1/2 S1 S2^1/2)^1/2))
//                                 (the Bures metric for the covariance part)
// Natural logarithms. Arguments of different dimensions are an error.
//
// Accuracy (docs/parametric.md): relative error <= 1e-12 against mpmath on the reference table,
// including nearly equal parameters and condition numbers 1e8. Nearly equal p and q keep
// relative accuracy when both come from the same parametrisation (the difference of the
// parameters is used, not the difference of two rounded covariances).
//
// Batches: the overloads on std::span<const multivariate_normal> evaluate out[i] = f(p[i], q[i])
// across kullback's threads; a span of size 1 broadcasts against the other. Each value equals the
// single-pair function bit for bit, whatever the thread count.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "kullback/core/distribution_view.hpp"

namespace kullback {

class multivariate_normal {
 public:
  static constexpr const char* family_name = "multivariate_normal";
  enum class parametrization { covariance, scale_tril, precision, diagonal, low_rank };

  static multivariate_normal from_covariance(std::span<const double> mean, matrix_view<const double> covariance);
  static multivariate_normal from_scale_tril(std::span<const double> mean, matrix_view<const double> scale_tril);
  static multivariate_normal from_precision(std::span<const double> mean, matrix_view<const double> precision);
  static multivariate_normal diagonal(std::span<const double> mean, std::span<const double> variances);
  static multivariate_normal low_rank(std::span<const double> mean, matrix_view<const double> cov_factor,
                                      std::span<const double> cov_diag);

  std::size_t dim() const { return d_; }
  parametrization kind() const { return kind_; }
  std::span<const double> mean() const { return mean_; }
  // Row-major d x d: Sigma, and its lower Cholesky factor L (zeros above the diagonal).
  std::span<const double> covariance() const { return cov_; }
  std::span<const double> scale_tril() const { return tril_; }
  // log det Sigma = 2 sum_i log L_ii.
  double log_det_covariance() const;

  // The parameters as given (precision matrix; W then D for low_rank; variances for diagonal),
  // used to form differences between two distributions of the same parametrisation accurately.
  std::span<const double> source() const { return source_; }
  std::size_t rank() const { return rank_; }

 private:
  multivariate_normal() = default;
  std::size_t d_ = 0;
  std::size_t rank_ = 0;
  parametrization kind_ = parametrization::covariance;
  std::vector<double> mean_;
  std::vector<double> cov_;
  std::vector<double> tril_;
  std::vector<double> source_;
  // Sigma and L in long double: the factorisations and whitening solves run in extended precision
  // so that condition numbers up to ~1e8 still leave 1e-12 relative accuracy (see the .cpp).
  std::vector<long double> cov_ext_;
  std::vector<long double> tril_ext_;
  friend struct multivariate_normal_access;
};

// n multivariate normals of one dimension d and one parametrisation, stored contiguously and
// factorised together across kullback's threads: the batched form of the factories above, for
// many distributions at once (torch's batch_shape). Inputs are stacked row-major:
//   means                   n x d (one mean per row)
//   covariances / ...       (n d) x d: matrix i is rows [i d, (i + 1) d), as a torch tensor of shape
//                           (n, d, d) viewed as 2-D
// and are checked exactly as the single factories check them; a bad item throws
// kullback::invalid_argument naming the batch factory, the item index and the single factory's
// complaint, e.g. "kullback::multivariate_normal_batch::from_covariance: item 3: covariance is not
// positive definite (Cholesky pivot 1 = -3, but must be > 0)" (the lowest bad index is reported).
//
// Numerics: every matrix is factorised in double (Cholesky; for precision, the index-reversed
// Cholesky of the single factory), and the measures run in double on those factors. A double factor
// perturbs Sigma by ~u |Sigma| (u = 1.1e-16), which moves KL by up to ~cond(Sigma) u relative, so an
// item whose condition estimate kappa = tr(Sigma) / min_j L_jj^2 exceeds
// extended_condition_bound is instead factorised in long double by the single factory
// (multivariate_normal above), and every pair involving it is evaluated by the single-pair functions.
// scale_tril items never need this: their factor is the input itself.
// So KL values agree with kl(p[i], q[i]) on the materialised objects to ~1e-13 relative (bit for
// bit for scale_tril pairs and for extended items), and meet the 1e-12 bar against mpmath.
class multivariate_normal_batch {
 public:
  using parametrization = multivariate_normal::parametrization;
  // Items with kappa = tr(Sigma) / min_j L_jj^2 above this are factorised in long double.
  static constexpr double extended_condition_bound = 1e3;

  static multivariate_normal_batch from_covariance(matrix_view<const double> means,
                                                   matrix_view<const double> covariances);
  static multivariate_normal_batch from_scale_tril(matrix_view<const double> means,
                                                   matrix_view<const double> scale_trils);
  static multivariate_normal_batch from_precision(matrix_view<const double> means,
                                                  matrix_view<const double> precisions);

  std::size_t size() const { return n_; }
  std::size_t dim() const { return d_; }
  parametrization kind() const { return kind_; }
  // Item i as a multivariate_normal (built by the single factory from the stored parameters).
  multivariate_normal operator[](std::size_t i) const;
  // Whether item i is factorised in long double (its condition estimate exceeded the bound).
  bool extended(std::size_t i) const { return !slot_.empty() && slot_[i] != no_slot; }

 private:
  static constexpr std::size_t no_slot = static_cast<std::size_t>(-1);
  multivariate_normal_batch() = default;
  std::size_t n_ = 0;
  std::size_t d_ = 0;
  parametrization kind_ = parametrization::covariance;
  // Immutable after construction, so copies share it. Lower triangles are packed row by row
  // (entry (r, c), c <= r, at r (r + 1) / 2 + c): half the memory traffic of full matrices.
  std::shared_ptr<const double[]> means_;   // n x d
  std::shared_ptr<const double[]> source_;  // n packed lower triangles of the input (covariance,
                                            // precision); null for scale_tril
  std::shared_ptr<const double[]> tril_;    // n packed lower Cholesky factors of Sigma, in double
  std::vector<std::size_t> slot_;         // item -> index into extended_, or no_slot (empty: none)
  std::vector<multivariate_normal> extended_;
  friend struct multivariate_normal_access;
};

double kl(const multivariate_normal& p, const multivariate_normal& q);
double jeffreys(const multivariate_normal& p, const multivariate_normal& q);
double renyi(const multivariate_normal& p, const multivariate_normal& q, double alpha);
double chernoff_coefficient(const multivariate_normal& p, const multivariate_normal& q, double alpha);
double bhattacharyya(const multivariate_normal& p, const multivariate_normal& q);
double hellinger(const multivariate_normal& p, const multivariate_normal& q);
double wasserstein2(const multivariate_normal& p, const multivariate_normal& q);

// Batches: out.size() must equal max(p.size(), q.size()); sizes must match unless one is 1.
void kl(std::span<const multivariate_normal> p, std::span<const multivariate_normal> q, std::span<double> out);
void jeffreys(std::span<const multivariate_normal> p, std::span<const multivariate_normal> q, std::span<double> out);
void renyi(std::span<const multivariate_normal> p, std::span<const multivariate_normal> q, double alpha,
           std::span<double> out);
void chernoff_coefficient(std::span<const multivariate_normal> p, std::span<const multivariate_normal> q,
                          double alpha, std::span<double> out);
void bhattacharyya(std::span<const multivariate_normal> p, std::span<const multivariate_normal> q,
                   std::span<double> out);
void hellinger(std::span<const multivariate_normal> p, std::span<const multivariate_normal> q, std::span<double> out);
void wasserstein2(std::span<const multivariate_normal> p, std::span<const multivariate_normal> q,
                  std::span<double> out);

// Batches of multivariate_normal_batch: out[i] = f(p[i], q[i]), n = max(p.size(), q.size()), a batch
// of size 1 broadcasts, the dimensions must match. kl and jeffreys run in double on the stored
// factors (see multivariate_normal_batch); the other measures evaluate the single-pair functions on
// the materialised items. Results do not depend on the thread count.
void kl(const multivariate_normal_batch& p, const multivariate_normal_batch& q, std::span<double> out);
void jeffreys(const multivariate_normal_batch& p, const multivariate_normal_batch& q, std::span<double> out);
void renyi(const multivariate_normal_batch& p, const multivariate_normal_batch& q, double alpha,
           std::span<double> out);
void chernoff_coefficient(const multivariate_normal_batch& p, const multivariate_normal_batch& q, double alpha,
                          std::span<double> out);
void bhattacharyya(const multivariate_normal_batch& p, const multivariate_normal_batch& q, std::span<double> out);
void hellinger(const multivariate_normal_batch& p, const multivariate_normal_batch& q, std::span<double> out);
void wasserstein2(const multivariate_normal_batch& p, const multivariate_normal_batch& q, std::span<double> out);

}  // namespace kullback
