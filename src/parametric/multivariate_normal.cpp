// Multivariate normal: construction in every parametrisation, and the closed forms.
//
// Numerics (the reasons are in the comments of each function):
//  * Everything is computed in coordinates whitened by q: with Sigma_q = Lq Lq^T,
//      p' = N(delta, M M^T), q' = N(0, I),  delta = Lq^-1 (m1 - m2),  M = Lq^-1 Lp (lower triangular),
//    which every measure except W2 is invariant under.
//  * M is never formed as Lq^-1 Lp when p and q are close: we form Delta_L = Lp - Lq accurately
//    (exactly for scale_tril and diagonal pairs; otherwise by a differential Cholesky
//    factorisation driven by D = Sigma_p - Sigma_q, itself formed from the difference of the
//    parameters), then F = Lq^-1 Delta_L, so M = I + F with F small and accurate.
//  * KL = 1/2 [sum_j (r_j^2 - 1 - log r_j^2) + sum_{i>j} F_ij^2 + |delta|^2], r_j = Lp_jj / Lq_jj,
//    since tr(M M^T) = sum_ij M_ij^2 and log det(M M^T) = sum_j log r_j^2: every term is
//    non-negative and the diagonal terms use the stable univariate form (gaussian_terms.hpp).
//  * Renyi / Chernoff / Bhattacharyya / Hellinger: with E = M M^T - I = F + F^T + F F^T and the
//    mixed covariance S_a' = I + beta E (beta = 1 - alpha): when ||E||_F <= 1/4 the symmetric
//    eigenvalues eps_i of E give D = sum_i [k(beta, eps_i) / 2 + alpha y_i^2 / (2 (1 + beta eps_i))]
//    (y = V^T delta) with the series k of gaussian_terms.hpp (no cancellation near p = q);
//    otherwise log-determinants come from Cholesky factors: log det(M M^T) = sum log r_j^2
//    and log det S_a' from the Cholesky of alpha I + beta M M^T (failure for alpha > 1 = not
//    positive definite = +inf).
//  * W2 (Bures): with Sigma_q = V diag(b) V^T, D~ = V^T D V and G = b^1/2 D~ b^1/2, the matrix
//    Y = (Sigma_q^1/2 Sigma_p Sigma_q^1/2)^1/2 - Sigma_q (in the eigenbasis) solves
//    diag(b) Y + Y diag(b) + Y^2 = G, and then exactly Bures^2 = sum_ik Y_ik^2 / b_i >= 0. Near
//    p = q, Y is found by the fixed point Y <- (G - Y^2) / (b_i + b_j) (converges when Y is small
//    against b); otherwise Bures^2 = tr S1 + tr S2 - 2 sum sqrt(eig(b^1/2 V^T S1 V b^1/2)).
//  * Extended precision: a Cholesky factor rounded to double already perturbs Sigma by
//    u |Sigma|, which moves tr(S2^-1 S1) and log det by up to cond(Sigma) u (1e-8 at cond 1e8).
//    So Sigma, L and every step of the whitening are kept in long double (64-bit significand on
//    x86-64, u = 5.4e-20); the scalar terms at the end run in double. Where long double is double
//    (MSVC, some ARM ABIs) accuracy degrades to ~cond u for covariance/precision inputs.
#include "kullback/parametric/multivariate_normal.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <limits>
#include <optional>
#include <string>

#include "../core/format_number.hpp"
#include "../core/parallel_for.hpp"
#include "../core/summation.hpp"
#include "checks.hpp"
#include "gaussian_terms.hpp"
#include "kullback/core/error.hpp"
#include "normal_terms.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace kullback {

using detail::format_number;
namespace g = detail::gauss;
using mvn = multivariate_normal;

namespace {

using real = long double;

// The batch kernels below are compiled twice, for x86-64-v3 (AVX2) and the baseline, and picked at
// load time (GCC function multiversioning on x86-64 Linux; the library's baseline build is SSE2
// only): 2x on the batch benchmark. The AVX2 clone contracts a * b + c into FMAs, so the last bits
// of a result can differ between machines with and without AVX2 (never between thread counts);
// the error bounds are the same (an FMA rounds once instead of twice).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define KULLBACK_MVN_KERNEL __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define KULLBACK_MVN_KERNEL
#endif
using row_matrix = Eigen::Matrix<real, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using vector_x = Eigen::Matrix<real, Eigen::Dynamic, 1>;
using const_matrix_map = Eigen::Map<const row_matrix>;

constexpr std::size_t npos = static_cast<std::size_t>(-1);

// ---- checks ----------------------------------------------------------------------------------

std::string fn(const char* factory) { return std::string("kullback::multivariate_normal::") + factory; }

std::vector<double> read_vector(const char* factory, const char* name, std::span<const double> v, bool positive) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    const bool bad_sign = positive && !(v[i] > 0.0);
    if (bad_sign || !std::isfinite(v[i])) {
      throw invalid_argument(fn(factory) + ": " + name + "[" + std::to_string(i) + "] = " + format_number(v[i]) +
                             (bad_sign ? ", but must be > 0" : ", but must be finite"));
    }
  }
  return {v.begin(), v.end()};
}

std::size_t check_mean(const char* factory, std::span<const double> mean) {
  if (mean.empty()) throw invalid_argument(fn(factory) + ": mean is empty, but the dimension must be >= 1");
  return mean.size();
}

// Dense row-major copy of a rows x cols view, every entry finite.
std::vector<double> read_matrix(const char* factory, const char* name, const matrix_view<const double>& m,
                                std::size_t rows, std::size_t cols) {
  if (m.rows != rows || m.cols != cols) {
    throw invalid_argument(fn(factory) + ": " + name + " is " + std::to_string(m.rows) + " x " +
                           std::to_string(m.cols) + ", but must be " + std::to_string(rows) + " x " +
                           std::to_string(cols));
  }
  if (m.row_stride != 0 && m.row_stride < m.cols) {
    throw invalid_argument(fn(factory) + ": " + name + ".row_stride = " + std::to_string(m.row_stride) +
                           ", but must be >= cols");
  }
  if (rows * cols > 0 && m.data == nullptr) throw invalid_argument(fn(factory) + ": " + name + " has no data");
  std::vector<double> out(rows * cols);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) {
      const double x = m.data[i * m.stride() + j];
      if (!std::isfinite(x)) {
        throw invalid_argument(fn(factory) + ": " + name + "[" + std::to_string(i) + "][" + std::to_string(j) +
                               "] = " + format_number(x) + ", but must be finite");
      }
      out[i * cols + j] = x;
    }
  }
  return out;
}

// Symmetric up to rounding (the lower triangle is what is used); mirrors it into the upper one.
void check_symmetric(const char* factory, const char* name, std::vector<double>& a, std::size_t d) {
  for (std::size_t i = 0; i < d; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const double lo = a[i * d + j];
      const double up = a[j * d + i];
      const double tol = 1e-10 * std::sqrt(std::fabs(a[i * d + i] * a[j * d + j]));
      if (!(std::fabs(lo - up) <= tol)) {
        throw invalid_argument(fn(factory) + ": " + name + "[" + std::to_string(i) + "][" + std::to_string(j) +
                               "] = " + format_number(lo) + " but " + name + "[" + std::to_string(j) + "][" +
                               std::to_string(i) + "] = " + format_number(up) + ", but " + name +
                               " must be symmetric");
      }
      a[j * d + i] = lo;
    }
  }
}

// Cholesky factor (row-major, lower, zeros above) of the lower triangle of a, in the precision R
// of l; returns the pivot index at which a fails to be positive definite, or npos. `pivot`
// receives that pivot's value.
template <class A, class R>
std::size_t cholesky(const A* a, std::size_t d, R* l, double* pivot = nullptr) {
  std::fill(l, l + d * d, R(0));
  for (std::size_t j = 0; j < d; ++j) {
    R s = a[j * d + j];
    for (std::size_t k = 0; k < j; ++k) s -= l[j * d + k] * l[j * d + k];
    if (!(s > 0) || !std::isfinite(s)) {
      if (pivot) *pivot = static_cast<double>(s);
      return j;
    }
    const R ljj = std::sqrt(s);
    l[j * d + j] = ljj;
    for (std::size_t i = j + 1; i < d; ++i) {
      R t = a[i * d + j];
      for (std::size_t k = 0; k < j; ++k) t -= l[i * d + k] * l[j * d + k];
      l[i * d + j] = t / ljj;
    }
  }
  return npos;
}

// Sigma = P^-1 = L L^T with L lower (l, row-major, zeros above; precision R), without inverting P
// as a whole (torch's method): with J the index reversal, J P J = Lf Lf^T, so P = U U^T with
// U = J Lf J upper triangular and L = U^-T = J Lf^-T J. Returns the failing pivot of J P J, or npos.
template <class R>
std::size_t tril_from_precision(const double* prec, std::size_t d, R* l, double* pivot) {
  thread_local std::vector<double> flipped;
  thread_local std::vector<R> lf, inv;
  flipped.resize(d * d);
  lf.resize(d * d);
  for (std::size_t i = 0; i < d; ++i)
    for (std::size_t j = 0; j < d; ++j) flipped[i * d + j] = prec[(d - 1 - i) * d + (d - 1 - j)];
  const std::size_t k = cholesky(flipped.data(), d, lf.data(), pivot);
  if (k != npos) return k;
  // Lf^-1 by forward substitution, column by column.
  inv.assign(d * d, 0);
  for (std::size_t c = 0; c < d; ++c) {
    for (std::size_t i = c; i < d; ++i) {
      R s = i == c ? 1 : 0;
      for (std::size_t k2 = c; k2 < i; ++k2) s -= lf[i * d + k2] * inv[k2 * d + c];
      inv[i * d + c] = s / lf[i * d + i];
    }
  }
  std::fill(l, l + d * d, R(0));
  for (std::size_t i = 0; i < d; ++i)
    for (std::size_t j = 0; j <= i; ++j) l[i * d + j] = inv[(d - 1 - j) * d + (d - 1 - i)];
  return npos;
}

template <class A>
void factor_or_throw(const char* factory, const char* name, const std::vector<A>& a, std::size_t d,
                     std::vector<real>& l) {
  l.assign(d * d, 0);
  double pivot = 0.0;
  const std::size_t k = cholesky(a.data(), d, l.data(), &pivot);
  if (k != npos) {
    throw invalid_argument(fn(factory) + ": " + name + " is not positive definite (Cholesky pivot " +
                           std::to_string(k) + " = " + format_number(pivot) + ", but must be > 0)");
  }
}

// Sigma = L L^T (row-major, full).
std::vector<real> outer_lower(const std::vector<real>& l, std::size_t d) {
  std::vector<real> s(d * d);
  for (std::size_t i = 0; i < d; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      real t = 0;
      for (std::size_t k = 0; k <= j; ++k) t += l[i * d + k] * l[j * d + k];
      s[i * d + j] = t;
      s[j * d + i] = t;
    }
  }
  return s;
}

template <class T>
std::vector<T> widen(const std::vector<double>& v) {
  return {v.begin(), v.end()};
}
std::vector<double> narrow(const std::vector<real>& v) { return {v.begin(), v.end()}; }

}  // namespace

// The factories' shared steps: start() checks and stores the mean and the parametrisation;
// finish() fills the double copies of Sigma and L from the long double ones.
struct multivariate_normal_access {
  static mvn start(const char* f, mvn::parametrization kind, std::span<const double> mean) {
    mvn m;
    m.d_ = check_mean(f, mean);
    m.kind_ = kind;
    m.mean_ = read_vector(f, "mean", mean, false);
    return m;
  }
  static void finish(mvn& m) {
    m.cov_ = narrow(m.cov_ext_);
    m.tril_ = narrow(m.tril_ext_);
  }
  static std::span<const real> cov(const mvn& m) { return m.cov_ext_; }
  static std::span<const real> tril(const mvn& m) { return m.tril_ext_; }

  // multivariate_normal_batch (defined with the batch functions at the end of this file)
  static multivariate_normal_batch make_batch(const char* factory, mvn::parametrization kind,
                                              matrix_view<const double> means, matrix_view<const double> matrices,
                                              const char* matrices_name);
  static bool load_item(mvn::parametrization kind, std::size_t d, std::size_t i, matrix_view<const double> means,
                        matrix_view<const double> matrices, double* mean_out, double* tril_out, double* source_out);
  static bool well_conditioned(mvn::parametrization kind, std::size_t d, const double* l, const double* src);
  static mvn single(mvn::parametrization kind, std::span<const double> mean, matrix_view<const double> matrix);
  static double pair_kl(const multivariate_normal_batch& p, std::size_t i, const multivariate_normal_batch& q,
                        std::size_t j);
};
using access = multivariate_normal_access;

// ---- construction ----------------------------------------------------------------------------

double mvn::log_det_covariance() const {
  real s = 0;
  for (std::size_t i = 0; i < d_; ++i) s += std::log(tril_ext_[i * d_ + i]);
  return static_cast<double>(2 * s);
}

mvn mvn::from_covariance(std::span<const double> mean, matrix_view<const double> covariance) {
  const char* f = "from_covariance";
  mvn m = access::start(f, parametrization::covariance, mean);
  std::vector<double> cov = read_matrix(f, "covariance", covariance, m.d_, m.d_);
  check_symmetric(f, "covariance", cov, m.d_);
  factor_or_throw(f, "covariance", cov, m.d_, m.tril_ext_);
  m.cov_ext_ = widen<real>(cov);
  access::finish(m);
  return m;
}

mvn mvn::from_scale_tril(std::span<const double> mean, matrix_view<const double> scale_tril) {
  const char* f = "from_scale_tril";
  mvn m = access::start(f, parametrization::scale_tril, mean);
  const std::vector<double> tril = read_matrix(f, "scale_tril", scale_tril, m.d_, m.d_);
  const std::size_t d = m.d_;
  for (std::size_t i = 0; i < d; ++i) {
    const double lii = tril[i * d + i];
    if (!(lii > 0.0)) {
      throw invalid_argument(fn(f) + ": scale_tril[" + std::to_string(i) + "][" + std::to_string(i) +
                             "] = " + format_number(lii) + ", but must be > 0");
    }
    for (std::size_t j = i + 1; j < d; ++j) {
      if (tril[i * d + j] != 0.0) {
        throw invalid_argument(fn(f) + ": scale_tril[" + std::to_string(i) + "][" + std::to_string(j) +
                               "] = " + format_number(tril[i * d + j]) +
                               ", but must be 0 (scale_tril is lower triangular)");
      }
    }
  }
  m.tril_ext_ = widen<real>(tril);
  m.cov_ext_ = outer_lower(m.tril_ext_, d);
  access::finish(m);
  return m;
}

mvn mvn::from_precision(std::span<const double> mean, matrix_view<const double> precision) {
  const char* f = "from_precision";
  mvn m = access::start(f, parametrization::precision, mean);
  m.source_ = read_matrix(f, "precision", precision, m.d_, m.d_);
  const std::size_t d = m.d_;
  check_symmetric(f, "precision", m.source_, d);
  m.tril_ext_.assign(d * d, 0);
  double pivot = 0.0;
  const std::size_t k = tril_from_precision(m.source_.data(), d, m.tril_ext_.data(), &pivot);
  if (k != npos) {
    throw invalid_argument(fn(f) + ": precision is not positive definite (Cholesky pivot " + std::to_string(d - 1 - k) +
                           " = " + format_number(pivot) + ", but must be > 0; pivots run from the last index)");
  }
  m.cov_ext_ = outer_lower(m.tril_ext_, d);
  access::finish(m);
  return m;
}

mvn mvn::diagonal(std::span<const double> mean, std::span<const double> variances) {
  const char* f = "diagonal";
  mvn m = access::start(f, parametrization::diagonal, mean);
  if (variances.size() != m.d_) {
    throw invalid_argument(fn(f) + ": variances.size() = " + std::to_string(variances.size()) +
                           ", but must equal mean.size() = " + std::to_string(m.d_));
  }
  m.source_ = read_vector(f, "variances", variances, true);
  const std::size_t d = m.d_;
  m.cov_ext_.assign(d * d, 0);
  m.tril_ext_.assign(d * d, 0);
  for (std::size_t i = 0; i < d; ++i) {
    m.cov_ext_[i * d + i] = m.source_[i];
    m.tril_ext_[i * d + i] = std::sqrt(static_cast<real>(m.source_[i]));
  }
  access::finish(m);
  return m;
}

mvn mvn::low_rank(std::span<const double> mean, matrix_view<const double> cov_factor, std::span<const double> cov_diag) {
  const char* f = "low_rank";
  mvn m = access::start(f, parametrization::low_rank, mean);
  const std::size_t d = m.d_;
  if (cov_factor.rows != d || cov_factor.cols == 0) {
    throw invalid_argument(fn(f) + ": cov_factor is " + std::to_string(cov_factor.rows) + " x " +
                           std::to_string(cov_factor.cols) + ", but must be " + std::to_string(d) + " x r, r >= 1");
  }
  const std::size_t r = cov_factor.cols;
  m.rank_ = r;
  m.source_ = read_matrix(f, "cov_factor", cov_factor, d, r);
  if (cov_diag.size() != d) {
    throw invalid_argument(fn(f) + ": cov_diag.size() = " + std::to_string(cov_diag.size()) +
                           ", but must equal mean.size() = " + std::to_string(d));
  }
  const std::vector<double> diag = read_vector(f, "cov_diag", cov_diag, true);
  m.source_.insert(m.source_.end(), diag.begin(), diag.end());
  // Densified: W W^T + diag(D). (A Woodbury / determinant-lemma path for d >> r is future work.)
  m.cov_ext_.assign(d * d, 0);
  for (std::size_t i = 0; i < d; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      real t = 0;
      for (std::size_t k = 0; k < r; ++k) t += static_cast<real>(m.source_[i * r + k]) * m.source_[j * r + k];
      if (i == j) t += diag[i];
      m.cov_ext_[i * d + j] = t;
      m.cov_ext_[j * d + i] = t;
    }
  }
  factor_or_throw(f, "W W^T + diag(cov_diag)", m.cov_ext_, d, m.tril_ext_);
  access::finish(m);
  return m;
}

// ---- differences between two distributions ---------------------------------------------------

namespace {

void check_same_dim(const char* function, const mvn& p, const mvn& q) {
  if (p.dim() != q.dim()) {
    throw invalid_argument(std::string(function) + ": p.dim() = " + std::to_string(p.dim()) + " and q.dim() = " +
                           std::to_string(q.dim()) + ", but the dimensions must match");
  }
}

bool same_kind(const mvn& p, const mvn& q, mvn::parametrization k) { return p.kind() == k && q.kind() == k; }

// Double source parameters as a long double matrix (exact).
row_matrix from_source(std::span<const double> v, std::size_t offset, std::size_t rows, std::size_t cols) {
  row_matrix m(rows, cols);
  for (std::size_t i = 0; i < rows * cols; ++i) m.data()[i] = v[offset + i];
  return m;
}

// D = Sigma_p - Sigma_q (full, symmetric), from the difference of the parameters when both
// distributions share a parametrisation, so that nearly equal parameters give an accurate D.
row_matrix covariance_difference(const mvn& p, const mvn& q) {
  const std::size_t d = p.dim();
  using K = mvn::parametrization;
  row_matrix out(d, d);
  const const_matrix_map sp(access::cov(p).data(), d, d), sq(access::cov(q).data(), d, d);
  if (same_kind(p, q, K::diagonal)) {
    out.setZero();
    for (std::size_t i = 0; i < d; ++i) out(i, i) = static_cast<real>(p.source()[i]) - q.source()[i];
  } else if (same_kind(p, q, K::scale_tril)) {
    // Lp Lp^T - Lq Lq^T = dL Lp^T + Lq dL^T, dL = Lp - Lq (exact when the entries are close)
    const const_matrix_map lp(access::tril(p).data(), d, d), lq(access::tril(q).data(), d, d);
    const row_matrix dl = lp - lq;
    out = dl * lp.transpose() + lq * dl.transpose();
    out = (0.5L * (out + out.transpose())).eval();
  } else if (same_kind(p, q, K::precision)) {
    // P_p^-1 - P_q^-1 = -Sigma_p (P_p - P_q) Sigma_q
    const row_matrix dp = from_source(p.source(), 0, d, d) - from_source(q.source(), 0, d, d);
    out = -(sp * dp * sq);
    out = (0.5L * (out + out.transpose())).eval();
  } else if (same_kind(p, q, K::low_rank) && p.rank() == q.rank()) {
    const std::size_t r = p.rank();
    const row_matrix wp = from_source(p.source(), 0, d, r), wq = from_source(q.source(), 0, d, r);
    const row_matrix dw = wp - wq;
    out = dw * wp.transpose() + wq * dw.transpose();
    out = (0.5L * (out + out.transpose())).eval();
    for (std::size_t i = 0; i < d; ++i) out(i, i) += static_cast<real>(p.source()[d * r + i]) - q.source()[d * r + i];
  } else {
    out = sp - sq;
  }
  return out;
}

// Delta_L = Lp - Lq, accurate in the absolute sense even when Lp and Lq agree to many digits.
// scale_tril pairs: the exact difference of the inputs. Diagonal pairs: (vp - vq) / (sqrt vp + sqrt vq).
// Otherwise, when the factors are close (every Lp_jj / Lq_jj in [3/4, 4/3]), a differential
// Cholesky factorisation: subtracting the Cholesky recurrences of Sigma_p and Sigma_q gives,
// column by column (k < j),
//   dL_jj = (D_jj - sum_k dL_jk (Lp_jk + Lq_jk)) / (Lp_jj + Lq_jj)
//   dL_ij = (D_ij - sum_k (dL_ik Lp_jk + Lq_ik dL_jk) - Lq_ij dL_jj) / Lp_jj      (i > j)
// whose inputs are D and the two factors, never Lp - Lq. (Far apart that recurrence amplifies
// rounding by Lq_jj / Lp_jj per column, and Lp - Lq has no cancellation anyway: it is used instead.)
// Entry (r, c), c <= r, of a lower triangle stored full row-major (Packed = false) or packed row by
// row (Packed = true, the layout of multivariate_normal_batch).
template <bool Packed>
constexpr std::size_t at(std::size_t r, std::size_t c, std::size_t d) {
  return Packed ? r * (r + 1) / 2 + c : r * d + c;
}

// The recurrence below, in the precision T of its arguments (dcov and dl row-major d x d, lower
// triangles read and written; lp and lq in the layout Packed).
template <class T, bool Packed = false>
KULLBACK_MVN_KERNEL void differential_cholesky(std::size_t d, const T* dcov, const T* lp, const T* lq, T* dl) {
  for (std::size_t j = 0; j < d; ++j) {
    T s = dcov[j * d + j];
    for (std::size_t k = 0; k < j; ++k) s -= dl[j * d + k] * (lp[at<Packed>(j, k, d)] + lq[at<Packed>(j, k, d)]);
    const T djj = s / (lp[at<Packed>(j, j, d)] + lq[at<Packed>(j, j, d)]);
    dl[j * d + j] = djj;
    for (std::size_t i = j + 1; i < d; ++i) {
      T t = dcov[i * d + j];
      for (std::size_t k = 0; k < j; ++k) t -= dl[i * d + k] * lp[at<Packed>(j, k, d)] + lq[at<Packed>(i, k, d)] * dl[j * d + k];
      t -= lq[at<Packed>(i, j, d)] * djj;
      dl[i * d + j] = t / lp[at<Packed>(j, j, d)];
    }
  }
}

row_matrix factor_difference(const mvn& p, const mvn& q) {
  const std::size_t d = p.dim();
  using K = mvn::parametrization;
  const auto lp = access::tril(p);
  const auto lq = access::tril(q);
  row_matrix dl = row_matrix::Zero(d, d);
  bool close = true;
  for (std::size_t j = 0; j < d && close; ++j) {
    const real ratio = lp[j * d + j] / lq[j * d + j];
    close = ratio >= 0.75L && ratio <= 4.0L / 3.0L;
  }
  if (same_kind(p, q, K::scale_tril) || !close) {
    for (std::size_t i = 0; i < d * d; ++i) dl.data()[i] = lp[i] - lq[i];
    return dl;
  }
  if (same_kind(p, q, K::diagonal)) {
    for (std::size_t i = 0; i < d; ++i) {
      dl(i, i) = (static_cast<real>(p.source()[i]) - q.source()[i]) / (lp[i * d + i] + lq[i * d + i]);
    }
    return dl;
  }
  const row_matrix dcov = covariance_difference(p, q);
  differential_cholesky(d, dcov.data(), lp.data(), lq.data(), dl.data());
  return dl;
}

// The whitened pair: F = Lq^-1 dL (lower triangular; M = Lq^-1 Lp = I + F), the diagonal ratios
// r_j = Lp_jj / Lq_jj with t_j = F_jj, and delta = Lq^-1 (m1 - m2).
struct whitened {
  std::size_t d;
  row_matrix f;
  std::vector<g::scale_ratio> ratios;
  vector_x delta;
};

whitened whiten(const mvn& p, const mvn& q) {
  const std::size_t d = p.dim();
  whitened w;
  w.d = d;
  const const_matrix_map lq(access::tril(q).data(), d, d);
  w.f = factor_difference(p, q);
  // F = Lq^-1 dL in place; both triangular, so F is lower triangular and only k in [j, i) enter
  // (d^3/6 multiply-adds; a general solve would do d^3/2).
  for (std::size_t j = 0; j < d; ++j) {
    for (std::size_t i = j; i < d; ++i) {
      real t = w.f(i, j);
      for (std::size_t k = j; k < i; ++k) t -= lq(i, k) * w.f(k, j);
      w.f(i, j) = t / lq(i, i);
    }
  }
  const auto lp = access::tril(p);
  w.ratios.resize(d);
  for (std::size_t j = 0; j < d; ++j) {
    const real lpj = lp[j * d + j];
    const real lqj = lq(j, j);
    g::scale_ratio s;
    s.t = static_cast<double>(w.f(j, j));  // (Lq^-1 dL)_jj = dL_jj / Lq_jj
    s.r = static_cast<double>(lpj / lqj);
    s.log_r = s.near() ? std::log1p(s.t) : static_cast<double>(std::log(lpj / lqj));
    w.ratios[j] = s;
  }
  w.delta.resize(d);
  for (std::size_t i = 0; i < d; ++i) {
    real t = static_cast<real>(p.mean()[i]) - q.mean()[i];
    for (std::size_t k = 0; k < i; ++k) t -= lq(i, k) * w.delta(k);
    w.delta(i) = t / lq(i, i);
  }
  return w;
}

// KL between two distributions whose factors are exact inputs (scale_tril or diagonal on both
// sides), in double: with L given exactly there is no factorisation error to protect against, and
// the backward-stable forward substitution keeps the 1e-12 bar at condition 1e8 (reference table).
// Same formula as below; the substitution runs row by row with contiguous, vectorisable inner loops:
//   F_i,: = (dL_i,: - sum_{k<i} Lq_ik F_k,:) / Lq_ii   (F_kj = 0 for j > k).
// f holds dL = Lp - Lq (row-major, lower; the upper triangle is never read) on entry; lp, lq the
// factors in the same precision T and the layout Packed.
template <class T, bool Packed = false>
KULLBACK_MVN_KERNEL double kl_from_factor_difference(std::size_t d, const double* mp, const double* mq, const T* lp, const T* lq,
                                 std::vector<T>& f) {
  thread_local std::vector<T> delta;
  delta.resize(d);
  for (std::size_t i = 0; i < d; ++i) {
    T* fi = &f[i * d];
    T di = static_cast<T>(mp[i]) - static_cast<T>(mq[i]);
    for (std::size_t k = 0; k < i; ++k) {
      const T l = lq[at<Packed>(i, k, d)];
      if (l == 0) continue;
      const T* fk = &f[k * d];
      for (std::size_t j = 0; j <= k; ++j) fi[j] -= l * fk[j];
      di -= l * delta[k];
    }
    const T inv = 1 / lq[at<Packed>(i, i, d)];
    for (std::size_t j = 0; j <= i; ++j) fi[j] *= inv;
    delta[i] = di * inv;
  }
  detail::neumaier_sum sum;
  for (std::size_t j = 0; j < d; ++j) {
    const T lpj = lp[at<Packed>(j, j, d)], lqj = lq[at<Packed>(j, j, d)];
    g::scale_ratio r;
    r.t = static_cast<double>(f[j * d + j]);
    r.r = static_cast<double>(lpj / lqj);
    r.log_r = r.near() ? std::log1p(r.t) : static_cast<double>(std::log(lpj / lqj));
    sum.add(g::kl_scale_term(r));
  }
  // Every term is non-negative, so plain summation within a row loses at most ~d ulps; the rows
  // are then added with compensation.
  for (std::size_t i = 0; i < d; ++i) {
    const T* fi = &f[i * d];
    T row = delta[i] * delta[i];
    for (std::size_t j = 0; j < i; ++j) row += fi[j] * fi[j];
    sum.add(static_cast<double>(row));
  }
  return 0.5 * sum.value();
}

double mvn_kl_exact_factors(const mvn& p, const mvn& q) {
  const std::size_t d = p.dim();
  const double* lp = p.scale_tril().data();
  const double* lq = q.scale_tril().data();
  thread_local std::vector<double> f;
  f.assign(d * d, 0.0);
  const bool diagonal = same_kind(p, q, mvn::parametrization::diagonal);
  for (std::size_t i = 0; i < d; ++i) {
    if (diagonal) {
      f[i * d + i] = (p.source()[i] - q.source()[i]) / (lp[i * d + i] + lq[i * d + i]);
    } else {
      for (std::size_t j = 0; j <= i; ++j) f[i * d + j] = lp[i * d + j] - lq[i * d + j];
    }
  }
  return kl_from_factor_difference(d, p.mean().data(), q.mean().data(), lp, lq, f);
}

// scale_tril: L is the input; diagonal: L = sqrt(variances), one rounding, and a diagonal pair
// forms dL from the variances. (A mixed diagonal / scale_tril pair uses the rounded square root.)
bool exact_factors(const mvn& x) {
  return x.kind() == mvn::parametrization::scale_tril || x.kind() == mvn::parametrization::diagonal;
}

double mvn_kl(const mvn& p, const mvn& q) {
  if (exact_factors(p) && exact_factors(q)) return mvn_kl_exact_factors(p, q);
  // Factors computed by kullback: long double throughout.
  const row_matrix dl = factor_difference(p, q);
  thread_local std::vector<real> f;
  f.assign(dl.data(), dl.data() + dl.size());
  return kl_from_factor_difference(p.dim(), p.mean().data(), q.mean().data(), access::tril(p).data(),
                                   access::tril(q).data(), f);
}

// D_alpha for alpha > 0, alpha != 1 (see the file comment).
double mvn_renyi(const g::renyi_coefficients& rc, const mvn& p, const mvn& q) {
  const whitened w = whiten(p, q);
  const std::size_t d = w.d;
  const double alpha = rc.alpha;
  const double beta = rc.beta;
  row_matrix e = w.f * w.f.transpose();
  e += w.f;
  e += w.f.transpose();
  detail::neumaier_sum sum;
  if (e.norm() <= 0.25L) {
    Eigen::SelfAdjointEigenSolver<row_matrix> es(e);
    const vector_x y = es.eigenvectors().transpose() * w.delta;
    for (std::size_t i = 0; i < d; ++i) {
      const double eps = static_cast<double>(es.eigenvalues()(i));
      const double mixed = 1.0 + beta * eps;
      const double k = g::renyi_scale_term(rc, eps, std::log1p(eps), mixed);
      if (std::isinf(k)) return g::infinity;
      sum.add(0.5 * k);
      sum.add(0.5 * alpha * static_cast<double>(y(i) * y(i)) / mixed);
    }
    return sum.value();
  }
  // Far apart: log det of S_a' = alpha I + beta M M^T by Cholesky, M = I + F with its exact diagonal.
  row_matrix m = w.f;
  const const_matrix_map lq(access::tril(q).data(), d, d);
  for (std::size_t j = 0; j < d; ++j) m(j, j) = access::tril(p)[j * d + j] / lq(j, j);
  row_matrix a = static_cast<real>(beta) * (m * m.transpose());
  a.diagonal().array() += static_cast<real>(alpha);
  row_matrix la(d, d);
  if (cholesky(a.data(), d, la.data()) != npos) return g::infinity;
  real log_det_a = 0, log_det_mm = 0;
  for (std::size_t j = 0; j < d; ++j) {
    log_det_a += 2 * std::log(la(j, j));
    log_det_mm += 2 * std::log(m(j, j));
  }
  vector_x z = w.delta;
  la.triangularView<Eigen::Lower>().solveInPlace(z);
  return static_cast<double>((log_det_a - static_cast<real>(beta) * log_det_mm) / (2 * static_cast<real>(beta))) +
         0.5 * alpha * static_cast<double>(z.squaredNorm());
}

double mvn_bures_squared(const mvn& p, const mvn& q) {
  const std::size_t d = p.dim();
  const const_matrix_map sq(access::cov(q).data(), d, d);
  Eigen::SelfAdjointEigenSolver<row_matrix> es(sq);
  const vector_x b = es.eigenvalues();
  const row_matrix v = es.eigenvectors();
  if (b.minCoeff() > 0) {
    const row_matrix dt = v.transpose() * covariance_difference(p, q) * v;
    const vector_x sb = b.array().sqrt();
    row_matrix gm = sb.asDiagonal() * dt * sb.asDiagonal();
    gm = (0.5L * (gm + gm.transpose())).eval();
    row_matrix den(d, d);
    for (std::size_t i = 0; i < d; ++i)
      for (std::size_t j = 0; j < d; ++j) den(i, j) = b(i) + b(j);
    row_matrix y = gm.cwiseQuotient(den);
    bool converged = gm.isZero(0);
    for (int it = 0; it < 200 && !converged; ++it) {
      row_matrix next = (gm - y * y).cwiseQuotient(den);
      next = (0.5L * (next + next.transpose())).eval();
      const real change = (next - y).cwiseAbs().maxCoeff();
      const real size = next.cwiseAbs().maxCoeff();
      y = std::move(next);
      if (!std::isfinite(size) || size > 1e100L) break;
      if (change <= 1e-19L * size) converged = true;
    }
    if (converged) {
      real sum = 0;
      for (std::size_t i = 0; i < d; ++i)
        for (std::size_t k = 0; k < d; ++k) sum += y(i, k) * y(i, k) / b(i);
      return static_cast<double>(sum);
    }
  }
  // Far apart: tr S1 + tr S2 - 2 tr (S2^1/2 S1 S2^1/2)^1/2 from symmetric eigenvalues.
  const const_matrix_map sp(access::cov(p).data(), d, d);
  const vector_x sb = b.cwiseMax(real(0)).array().sqrt();
  row_matrix c = sb.asDiagonal() * (v.transpose() * sp * v) * sb.asDiagonal();
  c = (0.5L * (c + c.transpose())).eval();
  Eigen::SelfAdjointEigenSolver<row_matrix> ec(c, Eigen::EigenvaluesOnly);
  real sum = 0;
  for (std::size_t i = 0; i < d; ++i) sum += sp(i, i) + sq(i, i) - 2 * std::sqrt(std::max(real(0), ec.eigenvalues()(i)));
  return std::max(0.0, static_cast<double>(sum));
}

double mvn_w2(const mvn& p, const mvn& q) {
  detail::neumaier_sum sum;
  for (std::size_t i = 0; i < p.dim(); ++i) {
    const double dm = p.mean()[i] - q.mean()[i];
    sum.add(dm * dm);
  }
  sum.add(mvn_bures_squared(p, q));
  return std::sqrt(sum.value());
}

}  // namespace

// ---- public functions ------------------------------------------------------------------------

double kl(const mvn& p, const mvn& q) {
  check_same_dim("kullback::kl", p, q);
  return mvn_kl(p, q);
}

double jeffreys(const mvn& p, const mvn& q) {
  check_same_dim("kullback::jeffreys", p, q);
  return mvn_kl(p, q) + mvn_kl(q, p);
}

namespace {
double renyi_checked(const char* function, const mvn& p, const mvn& q, double alpha) {
  check_same_dim(function, p, q);
  detail::check_alpha(function, alpha);
  if (alpha == 1.0) return mvn_kl(p, q);
  if (alpha == 0.0) return 0.0;
  return mvn_renyi(g::renyi_coefficients(alpha), p, q);
}
}  // namespace

double renyi(const mvn& p, const mvn& q, double alpha) { return renyi_checked("kullback::renyi", p, q, alpha); }

double chernoff_coefficient(const mvn& p, const mvn& q, double alpha) {
  const double dv = renyi_checked("kullback::chernoff_coefficient", p, q, alpha);
  if (alpha == 1.0 || alpha == 0.0) return 1.0;
  return std::exp((alpha - 1.0) * dv);
}

double bhattacharyya(const mvn& p, const mvn& q) {
  check_same_dim("kullback::bhattacharyya", p, q);
  return 0.5 * mvn_renyi(g::renyi_coefficients(0.5), p, q);
}

double hellinger(const mvn& p, const mvn& q) {
  check_same_dim("kullback::hellinger", p, q);
  return g::hellinger_from_bhattacharyya(0.5 * mvn_renyi(g::renyi_coefficients(0.5), p, q));
}

double wasserstein2(const mvn& p, const mvn& q) {
  check_same_dim("kullback::wasserstein2", p, q);
  return mvn_w2(p, q);
}

// ---- batches ---------------------------------------------------------------------------------

namespace {

template <class Pair>
void batch(const char* function, std::span<const mvn> p, std::span<const mvn> q, std::span<double> out,
           const Pair& pair) {
  if (p.empty() || q.empty() || (p.size() != q.size() && p.size() != 1 && q.size() != 1)) {
    throw invalid_argument(std::string(function) + ": p.size() = " + std::to_string(p.size()) + " and q.size() = " +
                           std::to_string(q.size()) + ", but they must be equal (or one must be 1), and not 0");
  }
  const std::size_t n = std::max(p.size(), q.size());
  detail::check_out_size(function, out.size(), n);
  const std::size_t d = p[0].dim();
  detail::parallel_for(n, n * d * d * d, [&](std::size_t i) {
    out[i] = pair(p[p.size() == 1 ? 0 : i], q[q.size() == 1 ? 0 : i]);
  });
}

}  // namespace

void kl(std::span<const mvn> p, std::span<const mvn> q, std::span<double> out) {
  batch("kullback::kl", p, q, out, [](const mvn& a, const mvn& b) { return kl(a, b); });
}
void jeffreys(std::span<const mvn> p, std::span<const mvn> q, std::span<double> out) {
  batch("kullback::jeffreys", p, q, out, [](const mvn& a, const mvn& b) { return jeffreys(a, b); });
}
void renyi(std::span<const mvn> p, std::span<const mvn> q, double alpha, std::span<double> out) {
  detail::check_alpha("kullback::renyi", alpha);
  batch("kullback::renyi", p, q, out, [alpha](const mvn& a, const mvn& b) { return renyi(a, b, alpha); });
}
void chernoff_coefficient(std::span<const mvn> p, std::span<const mvn> q, double alpha, std::span<double> out) {
  detail::check_alpha("kullback::chernoff_coefficient", alpha);
  batch("kullback::chernoff_coefficient", p, q, out,
        [alpha](const mvn& a, const mvn& b) { return chernoff_coefficient(a, b, alpha); });
}
void bhattacharyya(std::span<const mvn> p, std::span<const mvn> q, std::span<double> out) {
  batch("kullback::bhattacharyya", p, q, out, [](const mvn& a, const mvn& b) { return bhattacharyya(a, b); });
}
void hellinger(std::span<const mvn> p, std::span<const mvn> q, std::span<double> out) {
  batch("kullback::hellinger", p, q, out, [](const mvn& a, const mvn& b) { return hellinger(a, b); });
}
void wasserstein2(std::span<const mvn> p, std::span<const mvn> q, std::span<double> out) {
  batch("kullback::wasserstein2", p, q, out, [](const mvn& a, const mvn& b) { return wasserstein2(a, b); });
}

// ---- multivariate_normal_batch --------------------------------------------------------------
//
// Factories: each item is checked and factorised in double by load_item (threaded across the
// batch, no allocation per item). An item that fails a check, or whose condition estimate is above
// the bound, goes to the single factory instead: that either throws its usual message (rethrown
// with the item index) or, for an ill-conditioned or barely positive definite matrix, returns the
// long double object that pair_kl then uses.
//
// Why kappa = tr(Sigma) / min_j L_jj^2: the double factor satisfies L L^T = Sigma + E with
// |E_ij| <= gamma_(d+1) sqrt(Sigma_ii Sigma_jj), which moves tr(Sigma_q^-1 Sigma_p) and
// log det by ~d u ||Sigma^-1|| ||Sigma||; tr(Sigma) >= lambda_max and L_jj^2 (a Schur complement)
// >= lambda_min, and for the matrices met in practice min_j L_jj^2 is within a factor ~d of
// lambda_min, so kappa is ~cond(Sigma) up to a factor ~d. With kappa <= 1e3 the bound above is
// ~1e-13 relative; measured (multivariate_normal_test, ConditionBoundKeepsTheDoublePathAccurate:
// random spectra with condition 1 .. 1e7, far and nearly equal pairs) the worst double-path error
// is 5e-14 against the long double path, inside the 1e-12 bar, while ordinary batches (the
// benchmark's: kappa ~ 10 .. 300) never pay for long double.

using mvnb = multivariate_normal_batch;

mvn multivariate_normal_access::single(mvn::parametrization kind, std::span<const double> mean,
                                       matrix_view<const double> matrix) {
  switch (kind) {
    case mvn::parametrization::scale_tril: return mvn::from_scale_tril(mean, matrix);
    case mvn::parametrization::precision: return mvn::from_precision(mean, matrix);
    default: return mvn::from_covariance(mean, matrix);
  }
}

namespace {

std::size_t packed_size(std::size_t d) { return d * (d + 1) / 2; }

// In-place Cholesky of four packed lower triangles (row r at r (r + 1) / 2) at once, interleaved:
// entry e of matrix v at w[4 e + v], so that every scalar operation of the factorisation is one
// operation on the four lanes of an AVX2 register (a structure-of-arrays kernel: per matrix, the
// loops have trip counts 1 .. d and lose most of the vector width to remainders). Right-looking:
// once column j is final, each later row i gets L_i,(j, i] -= L_ij L_(j, i],j, with column j
// copied to col first; each entry is the same sum of products as in cholesky() above. ok[v]
// becomes false for a matrix that is not positive definite (its lane continues on pivot 1 and its
// entries are garbage).
// Four doubles as one GCC vector (an AVX2 register in the x86-64-v3 clone, two SSE2 registers in
// the baseline one); lane v of entry e is w[e][v]. Stored in double buffers (may_alias), aligned
// by lanes4_buffer.
typedef double lanes4 __attribute__((vector_size(32), may_alias));

// n lanes4 in a thread-local buffer of doubles, 32-byte aligned (std::vector<lanes4> is not: the
// allocator does not see the vector type's alignment).
lanes4* lanes4_buffer(std::vector<double>& storage, std::size_t n) {
  storage.resize(4 * n + 4);
  const auto address = reinterpret_cast<std::uintptr_t>(storage.data());
  return reinterpret_cast<lanes4*>(storage.data() + ((32 - address % 32) % 32) / sizeof(double));
}

KULLBACK_MVN_KERNEL void cholesky_packed_x4(lanes4* w, std::size_t d, lanes4* col, bool* ok) {
  constexpr std::size_t V = 4;
  const auto entry = [w](std::size_t r, std::size_t c) -> lanes4& { return w[r * (r + 1) / 2 + c]; };
  for (std::size_t j = 0; j < d; ++j) {
    lanes4& pjj = entry(j, j);
    for (std::size_t v = 0; v < V; ++v) {
      const bool good = pjj[v] > 0.0 && pjj[v] < std::numeric_limits<double>::infinity();
      ok[v] = ok[v] && good;
      pjj[v] = good ? std::sqrt(pjj[v]) : 1.0;
    }
    const lanes4 ljj = pjj;
    for (std::size_t i = j + 1; i < d; ++i) {
      lanes4& lij = entry(i, j);
      lij /= ljj;
      col[i] = lij;
    }
    for (std::size_t i = j + 1; i < d; ++i) {
      const lanes4 lij = entry(i, j);
      for (std::size_t k = j + 1; k <= i; ++k) entry(i, k) -= lij * col[k];
    }
  }
}

// Uninitialised storage for n doubles. Large blocks (the factors and inputs of a 10^4 x 16 x 16
// batch are ~11 MB each) are 2 MB aligned and marked for transparent huge pages on Linux: the
// first touch of fresh 4 KB pages (a fault and a zeroing per page) was a quarter of the batch
// benchmark's time; with huge pages the kernel takes one fault per 2 MB.
std::shared_ptr<double[]> allocate_for_overwrite(std::size_t n) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::size_t huge = std::size_t{2} << 20;
  const std::size_t bytes = n * sizeof(double);
  if (bytes >= 2 * huge) {
    const std::size_t rounded = (bytes + huge - 1) / huge * huge;
    void* block = std::aligned_alloc(huge, rounded);
    if (block == nullptr) throw std::bad_alloc();
    madvise(block, rounded, MADV_HUGEPAGE);  // advisory: failure leaves ordinary pages
    return std::shared_ptr<double[]>(static_cast<double*>(block), [](double* b) { std::free(b); });
  }
#endif
  return std::make_shared_for_overwrite<double[]>(n);
}

// Packed lower triangle -> full row-major d x d: zeros above (a factor) or mirrored (a symmetric matrix).
void unpack(const double* packed, std::size_t d, double* full, bool symmetric) {
  for (std::size_t r = 0; r < d; ++r) {
    for (std::size_t c = 0; c < r; ++c) {
      full[r * d + c] = packed[r * (r + 1) / 2 + c];
      full[c * d + r] = symmetric ? packed[r * (r + 1) / 2 + c] : 0.0;
    }
    full[r * d + r] = packed[r * (r + 1) / 2 + r];
  }
}

}  // namespace

// Item i of the inputs -> its mean, packed factor and packed source (m, l, src); false when the item
// must go to the single factory (a failed check, or the condition estimate above the bound).
// Covariance items are only checked and copied (l = the lower triangle of Sigma): the caller
// factorises four at a time and then applies well_conditioned.
bool multivariate_normal_access::load_item(mvn::parametrization kind, std::size_t d, std::size_t i,
                                           matrix_view<const double> means, matrix_view<const double> matrices,
                                           double* m, double* l, double* src) {
  const std::size_t st = matrices.stride();
  const double* mean = means.data + i * means.stride();
  for (std::size_t j = 0; j < d; ++j) {
    if (!std::isfinite(mean[j])) return false;
    m[j] = mean[j];
  }
  const double* a = matrices.data + i * d * st;  // a[r * st + c]
  if (kind == mvn::parametrization::scale_tril) {
    for (std::size_t r = 0; r < d; ++r) {
      const double* row = a + r * st;
      if (!(row[r] > 0.0) || !std::isfinite(row[r])) return false;
      for (std::size_t c = 0; c < r; ++c) {
        if (!std::isfinite(row[c])) return false;
        l[r * (r + 1) / 2 + c] = row[c];
      }
      l[r * (r + 1) / 2 + r] = row[r];
      for (std::size_t c = r + 1; c < d; ++c)
        if (row[c] != 0.0) return false;
    }
    return true;  // the factor is the input: no factorisation error, no condition bound
  }
  // Symmetry with check_symmetric's tolerance 1e-10 sqrt(|a_rr a_cc|), made a few ulps stricter so
  // that every item accepted here is accepted by the single factory (a borderline one goes there);
  // the test also rejects a non-finite off-diagonal pair.
  thread_local std::vector<double> sd;
  sd.resize(d);
  for (std::size_t r = 0; r < d; ++r) {
    if (!std::isfinite(a[r * st + r])) return false;
    sd[r] = std::sqrt(std::fabs(a[r * st + r]));
  }
  const double tol = 1e-10 * (1.0 - 1e-14);
  for (std::size_t r = 0; r < d; ++r) {
    const double* row = a + r * st;
    double* sr = src + r * (r + 1) / 2;
    double* lr = l + r * (r + 1) / 2;
    bool symmetric = true;  // no early exit: the loop vectorises
    for (std::size_t c = 0; c < r; ++c) {
      const double lo = row[c];
      symmetric &= std::fabs(lo - a[c * st + r]) <= tol * (sd[r] * sd[c]);
      sr[c] = lo;
      lr[c] = lo;
    }
    if (!symmetric) return false;
    sr[r] = lr[r] = row[r];
  }
  if (kind == mvn::parametrization::precision) {
    thread_local std::vector<double> sym, full;
    sym.resize(d * d);
    full.resize(d * d);
    unpack(src, d, sym.data(), true);
    if (tril_from_precision(sym.data(), d, full.data(), nullptr) != npos) return false;
    for (std::size_t r = 0; r < d; ++r)
      for (std::size_t c = 0; c <= r; ++c) l[r * (r + 1) / 2 + c] = full[r * d + c];
    return well_conditioned(kind, d, l, src);
  }
  return true;  // covariance: l holds Sigma, factorised by the caller (cholesky_packed_x4)
}

// kappa = tr(Sigma) / min_j L_jj^2 <= extended_condition_bound, with tr(Sigma) = sum_j Sigma_jj
// (covariance input) or ||L||_F^2 (precision input).
bool multivariate_normal_access::well_conditioned(mvn::parametrization kind, std::size_t d, const double* l,
                                                  const double* src) {
  const bool precision = kind == mvn::parametrization::precision;
  double trace = 0.0, min_pivot = std::numeric_limits<double>::infinity();
  for (std::size_t r = 0; r < d; ++r) {
    const double* lr = l + r * (r + 1) / 2;
    if (precision) {
      for (std::size_t c = 0; c <= r; ++c) trace += lr[c] * lr[c];
    } else {
      trace += src[r * (r + 1) / 2 + r];
    }
    min_pivot = std::min(min_pivot, lr[r] * lr[r]);
  }
  return trace <= mvnb::extended_condition_bound * min_pivot;
}


mvnb multivariate_normal_access::make_batch(const char* factory, mvn::parametrization kind,
                                            matrix_view<const double> means, matrix_view<const double> matrices,
                                            const char* matrices_name) {
  const std::string f = std::string("kullback::multivariate_normal_batch::") + factory;
  const auto shape = [](const matrix_view<const double>& m) {
    return std::to_string(m.rows) + " x " + std::to_string(m.cols);
  };
  if (means.rows == 0 || means.cols == 0 || means.data == nullptr) {
    throw invalid_argument(f + ": means is " + shape(means) + ", but must be n x d with n >= 1, d >= 1");
  }
  const std::size_t n = means.rows, d = means.cols;
  if (matrices.rows != n * d || matrices.cols != d || matrices.data == nullptr) {
    throw invalid_argument(f + ": " + matrices_name + " is " + shape(matrices) + ", but must be (n d) x d = " +
                           std::to_string(n * d) + " x " + std::to_string(d) + " (n = means.rows, d = means.cols)");
  }
  if ((means.row_stride != 0 && means.row_stride < means.cols) ||
      (matrices.row_stride != 0 && matrices.row_stride < matrices.cols)) {
    throw invalid_argument(f + ": a row_stride is smaller than its cols");
  }
  mvnb b;
  b.n_ = n;
  b.d_ = d;
  b.kind_ = kind;
  // Uninitialised storage: load_item writes every entry of a fast item (and nothing reads the
  // entries of an extended one).
  const std::size_t np = packed_size(d);
  const auto mean_store = allocate_for_overwrite(n * d);
  const auto tril_store = allocate_for_overwrite(n * np);
  const auto source_store = kind == mvn::parametrization::scale_tril ? nullptr : allocate_for_overwrite(n * np);
  std::vector<unsigned char> fast(n);
  // Groups of four items: covariance items are factorised together by cholesky_packed_x4.
  constexpr std::size_t V = 4;
  detail::parallel_for((n + V - 1) / V, n * d * d * d, [&](std::size_t group) {
    const std::size_t first = group * V, count = std::min(V, n - first);
    for (std::size_t i = first; i < first + count; ++i) {
      fast[i] = load_item(kind, d, i, means, matrices, &mean_store[i * d], &tril_store[i * np],
                          source_store ? &source_store[i * np] : nullptr);
    }
    if (kind != mvn::parametrization::covariance) return;
    thread_local std::vector<double> w_storage, col_storage;
    lanes4* const w = lanes4_buffer(w_storage, np);
    lanes4* const col = lanes4_buffer(col_storage, d);
    double* const wd = reinterpret_cast<double*>(w);  // entry e, lane v at wd[4 e + v]
    bool ok[V];
    for (std::size_t v = 0; v < V; ++v) {
      const std::size_t i = first + v;
      ok[v] = v < count && fast[i];
      if (ok[v]) {
        const double* l = &tril_store[i * np];
        for (std::size_t e = 0; e < np; ++e) wd[e * V + v] = l[e];
      } else {  // an identity in the unused or rejected lanes
        for (std::size_t e = 0; e < np; ++e) wd[e * V + v] = 0.0;
        for (std::size_t r = 0; r < d; ++r) wd[(r * (r + 1) / 2 + r) * V + v] = 1.0;
      }
    }
    const bool active[V] = {ok[0], ok[1], ok[2], ok[3]};
    cholesky_packed_x4(w, d, col, ok);
    for (std::size_t v = 0; v < V; ++v) {
      if (!active[v]) continue;
      const std::size_t i = first + v;
      double* l = &tril_store[i * np];
      for (std::size_t e = 0; e < np; ++e) l[e] = wd[e * V + v];
      fast[i] = ok[v] && well_conditioned(kind, d, l, &source_store[i * np]);
    }
  });
  b.means_ = mean_store;
  b.tril_ = tril_store;
  b.source_ = source_store;
  std::vector<std::size_t> redo;
  for (std::size_t i = 0; i < n; ++i)
    if (!fast[i]) redo.push_back(i);
  if (redo.empty()) return b;
  std::vector<std::optional<mvn>> made(redo.size());
  detail::parallel_for(redo.size(), redo.size() * d * d * d, [&](std::size_t k) {
    const std::size_t i = redo[k];
    try {
      made[k] = single(kind, {means.data + i * means.stride(), d},
                       {matrices.data + i * d * matrices.stride(), d, d, matrices.stride()});
    } catch (const invalid_argument& e) {
      // "kullback::multivariate_normal::<factory>: <complaint>" -> "<batch factory>: item i: <complaint>"
      const std::string what = e.what();
      const std::size_t colon = what.find(": ");
      throw invalid_argument(f + ": item " + std::to_string(i) + ": " +
                             (colon == std::string::npos ? what : what.substr(colon + 2)));
    }
  });
  b.slot_.assign(n, mvnb::no_slot);
  b.extended_.reserve(redo.size());
  for (std::size_t k = 0; k < redo.size(); ++k) {
    b.slot_[redo[k]] = k;
    b.extended_.push_back(std::move(*made[k]));
  }
  return b;
}

mvnb mvnb::from_covariance(matrix_view<const double> means, matrix_view<const double> covariances) {
  return access::make_batch("from_covariance", parametrization::covariance, means, covariances, "covariances");
}
mvnb mvnb::from_scale_tril(matrix_view<const double> means, matrix_view<const double> scale_trils) {
  return access::make_batch("from_scale_tril", parametrization::scale_tril, means, scale_trils, "scale_trils");
}
mvnb mvnb::from_precision(matrix_view<const double> means, matrix_view<const double> precisions) {
  return access::make_batch("from_precision", parametrization::precision, means, precisions, "precisions");
}

mvn mvnb::operator[](std::size_t i) const {
  if (extended(i)) return extended_[slot_[i]];
  const std::size_t d = d_;
  const std::span<const double> mean(&means_[i * d], d);
  std::vector<double> full(d * d);
  if (kind_ == parametrization::scale_tril) {
    unpack(&tril_[i * packed_size(d)], d, full.data(), false);
    return mvn::from_scale_tril(mean, {full.data(), d, d});
  }
  unpack(&source_[i * packed_size(d)], d, full.data(), true);
  return access::single(kind_, mean, {full.data(), d, d});
}

// KL of one pair in double on the stored factors (see the file comment for the terms):
//  * scale_tril pairs: dL = Lp - Lq exactly, the same arithmetic as kl(mvn, mvn), bit for bit;
//  * factors far apart (a diagonal ratio outside [3/4, 4/3]): dL = Lp - Lq, no cancellation;
//  * close covariance pairs: the differential Cholesky from D = Sigma_p - Sigma_q of the inputs;
//  * close pairs of other kinds and extended items: the long double single-pair path.
double multivariate_normal_access::pair_kl(const mvnb& p, std::size_t i, const mvnb& q, std::size_t j) {
  using K = mvn::parametrization;
  if (p.extended(i) || q.extended(j)) return mvn_kl(p[i], q[j]);
  const std::size_t d = p.d_, np = packed_size(d);
  const double* lp = &p.tril_[i * np];
  const double* lq = &q.tril_[j * np];
  thread_local std::vector<double> f, dcov;
  f.resize(d * d);  // lower triangle written below, upper never read
  bool close = true;
  for (std::size_t k = 0; k < d && close; ++k) {
    const double ratio = lp[at<true>(k, k, d)] / lq[at<true>(k, k, d)];
    close = ratio >= 0.75 && ratio <= 4.0 / 3.0;
  }
  const bool tril_pair = p.kind_ == K::scale_tril && q.kind_ == K::scale_tril;
  if (tril_pair || !close) {
    for (std::size_t r = 0; r < d; ++r)
      for (std::size_t c = 0; c <= r; ++c) f[r * d + c] = lp[at<true>(r, c, d)] - lq[at<true>(r, c, d)];
  } else if (p.kind_ == K::covariance && q.kind_ == K::covariance) {
    dcov.resize(d * d);  // the lower triangle is what differential_cholesky reads
    const double* sp = &p.source_[i * np];
    const double* sq = &q.source_[j * np];
    for (std::size_t r = 0; r < d; ++r)
      for (std::size_t c = 0; c <= r; ++c) dcov[r * d + c] = sp[r * (r + 1) / 2 + c] - sq[r * (r + 1) / 2 + c];
    differential_cholesky<double, true>(d, dcov.data(), lp, lq, f.data());
  } else {
    return mvn_kl(p[i], q[j]);
  }
  return kl_from_factor_difference<double, true>(d, &p.means_[i * d], &q.means_[j * d], lp, lq, f);
}

namespace {

template <class Pair>
void batch_of_batches(const char* function, const mvnb& p, const mvnb& q, std::span<double> out, const Pair& pair) {
  if (p.size() != q.size() && p.size() != 1 && q.size() != 1) {
    throw invalid_argument(std::string(function) + ": p.size() = " + std::to_string(p.size()) + " and q.size() = " +
                           std::to_string(q.size()) + ", but they must be equal (or one must be 1)");
  }
  if (p.dim() != q.dim()) {
    throw invalid_argument(std::string(function) + ": p.dim() = " + std::to_string(p.dim()) + " and q.dim() = " +
                           std::to_string(q.dim()) + ", but the dimensions must match");
  }
  const std::size_t n = std::max(p.size(), q.size());
  detail::check_out_size(function, out.size(), n);
  const std::size_t d = p.dim();
  detail::parallel_for(n, n * d * d * d, [&](std::size_t i) {
    out[i] = pair(p.size() == 1 ? 0 : i, q.size() == 1 ? 0 : i);
  });
}

// The measures without a double kernel: the single-pair functions on the materialised items.
template <class Measure>
void materialised(const char* function, const mvnb& p, const mvnb& q, std::span<double> out, const Measure& measure) {
  batch_of_batches(function, p, q, out, [&](std::size_t i, std::size_t j) { return measure(p[i], q[j]); });
}

}  // namespace

void kl(const mvnb& p, const mvnb& q, std::span<double> out) {
  batch_of_batches("kullback::kl", p, q, out, [&](std::size_t i, std::size_t j) { return access::pair_kl(p, i, q, j); });
}
void jeffreys(const mvnb& p, const mvnb& q, std::span<double> out) {
  batch_of_batches("kullback::jeffreys", p, q, out, [&](std::size_t i, std::size_t j) {
    return access::pair_kl(p, i, q, j) + access::pair_kl(q, j, p, i);
  });
}
void renyi(const mvnb& p, const mvnb& q, double alpha, std::span<double> out) {
  detail::check_alpha("kullback::renyi", alpha);
  materialised("kullback::renyi", p, q, out, [alpha](const mvn& a, const mvn& b) { return renyi(a, b, alpha); });
}
void chernoff_coefficient(const mvnb& p, const mvnb& q, double alpha, std::span<double> out) {
  detail::check_alpha("kullback::chernoff_coefficient", alpha);
  materialised("kullback::chernoff_coefficient", p, q, out,
               [alpha](const mvn& a, const mvn& b) { return chernoff_coefficient(a, b, alpha); });
}
void bhattacharyya(const mvnb& p, const mvnb& q, std::span<double> out) {
  materialised("kullback::bhattacharyya", p, q, out, [](const mvn& a, const mvn& b) { return bhattacharyya(a, b); });
}
void hellinger(const mvnb& p, const mvnb& q, std::span<double> out) {
  materialised("kullback::hellinger", p, q, out, [](const mvn& a, const mvn& b) { return hellinger(a, b); });
}
void wasserstein2(const mvnb& p, const mvnb& q, std::span<double> out) {
  materialised("kullback::wasserstein2", p, q, out, [](const mvn& a, const mvn& b) { return wasserstein2(a, b); });
}

}  // namespace kullback
