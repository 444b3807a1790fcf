// Gaussian mixtures: construction checks, log-density, sampling, and the KL approximations and
// bounds of Hershey & Olsen (2007) and Durrieu, Thiran & Kelly (2012).
//
// Numerics. Every approximation is a weighted sum over p's components of logs of sums of
// exponentials; each log-sum is evaluated by log-sum-exp on log-weights plus log-terms, so
// exp(-D_ab) never underflows to 0 for far-apart components (their log stays -D_ab) and zero
// weights contribute log 0 = -inf terms that drop out. The pair terms D_ab come from the closed
// forms of normal.hpp / multivariate_normal.hpp; log z_ab = log N(mu_a; mu_b, Sigma_a + Sigma_b) is
// formed from the Cholesky factor of Sigma_a + Sigma_b in long double (a whitened difference,
// never an inverse), and the entropy H_a from log det Sigma_a.
#include "kullback/parametric/gaussian_mixture.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "../core/format_number.hpp"
#include "../core/summation.hpp"
#include "kullback/core/error.hpp"
#include "whitening.hpp"

namespace kullback {

using detail::format_number;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double log_two_pi = 1.8378770664093454835606594728112353;  // log(2 pi)

std::vector<double> checked_weights(std::span<const double> weights, std::size_t components) {
  const char* function = "kullback::gaussian_mixture";
  if (weights.size() != components) {
    throw invalid_argument(std::string(function) + ": weights.size() = " + std::to_string(weights.size()) +
                           " and components.size() = " + std::to_string(components) + ", but they must be equal");
  }
  if (weights.empty()) throw invalid_argument(std::string(function) + ": weights is empty");
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (!(weights[i] >= 0.0) || !std::isfinite(weights[i])) {
      throw invalid_argument(std::string(function) + ": weights[" + std::to_string(i) + "] = " +
                             format_number(weights[i]) + ", but must be >= 0 and finite");
    }
  }
  std::vector<double> w(weights.begin(), weights.end());
  const double sum = detail::pairwise_sum(w);
  const double tolerance =
      std::max(1e-9, static_cast<double>(w.size()) * std::numeric_limits<double>::epsilon());
  if (!(std::fabs(sum - 1.0) <= tolerance)) {
    throw invalid_argument(std::string(function) + ": weights sum to " + format_number(sum) +
                           ", but must sum to 1 within tolerance " + format_number(tolerance));
  }
  return w;
}

std::vector<double> logs_of(const std::vector<double>& w) {
  std::vector<double> out(w.size());
  std::transform(w.begin(), w.end(), out.begin(), [](double x) { return std::log(x); });  // log 0 = -inf
  return out;
}

// log sum_i exp(t_i), -inf for an empty or all -inf list.
double log_sum_exp(std::span<const double> t) {
  double max = -inf;
  for (double v : t) max = std::max(max, v);
  if (max == -inf || max == inf) return max;
  detail::neumaier_sum s;
  for (double v : t) s.add(std::exp(v - max));
  return max + std::log(s.value());
}

// ---- pair terms between components ----------------------------------------------------------

double entropy(const normal& f) { return std::log(f.scale()) + 0.5 * (1.0 + log_two_pi); }
double entropy(const multivariate_normal& f) {
  return 0.5 * static_cast<double>(f.dim()) * (1.0 + log_two_pi) + 0.5 * f.log_det_covariance();
}

// log integral f g = log N(m_f; m_g, s_f^2 + s_g^2).
double log_overlap(const normal& f, const normal& g) {
  const double v = f.scale() * f.scale() + g.scale() * g.scale();
  const double delta = f.loc() - g.loc();
  return -0.5 * (delta * delta / v + std::log(v) + log_two_pi);
}

double log_overlap(const multivariate_normal& f, const multivariate_normal& g) {
  using real = long double;
  using matrix = Eigen::Matrix<real, Eigen::Dynamic, Eigen::Dynamic>;
  using vector = Eigen::Matrix<real, Eigen::Dynamic, 1>;
  const std::size_t d = f.dim();
  const auto n = static_cast<Eigen::Index>(d);
  matrix sum(n, n);
  vector delta(n);
  const std::span<const double> cf = f.covariance(), cg = g.covariance();
  for (std::size_t i = 0; i < d; ++i) {
    delta(static_cast<Eigen::Index>(i)) = static_cast<real>(f.mean()[i]) - static_cast<real>(g.mean()[i]);
    for (std::size_t j = 0; j < d; ++j) {
      sum(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
          static_cast<real>(cf[i * d + j]) + static_cast<real>(cg[i * d + j]);
    }
  }
  // The sum of two positive definite matrices is positive definite, so the factorisation succeeds.
  const Eigen::LLT<matrix> llt(sum);
  const matrix l = llt.matrixL();
  vector w = delta;
  l.triangularView<Eigen::Lower>().solveInPlace(w);
  real log_det = 0;
  for (Eigen::Index i = 0; i < n; ++i) log_det += 2 * std::log(l(i, i));
  return static_cast<double>(-0.5L * (w.squaredNorm() + log_det + static_cast<real>(d) * log_two_pi));
}

// The mixtures' component lists, one kind at a time.
template <class C>
struct component_lists {
  std::span<const C> p;
  std::span<const C> q;
};

// Row-major |p| x |q| table of term(p_a, q_b).
template <class C, class Term>
std::vector<double> table(std::span<const C> p, std::span<const C> q, Term term) {
  std::vector<double> out(p.size() * q.size());
  for (std::size_t a = 0; a < p.size(); ++a) {
    for (std::size_t b = 0; b < q.size(); ++b) out[a * q.size() + b] = term(p[a], q[b]);
  }
  return out;
}

// sum_a pi_a [ log sum_a' pi_a' exp(first_aa') - log sum_b w_b exp(second_ab) ] for pi_a > 0,
// the shape of every approximation below (first: |p| x |p| table, second: |p| x |q| table).
double weighted_log_ratio(const std::vector<double>& log_pi, const std::vector<double>& log_w,
                          const std::vector<double>& first, const std::vector<double>& second) {
  const std::size_t n = log_pi.size(), m = log_w.size();
  std::vector<double> terms(std::max(n, m));
  detail::neumaier_sum total;
  for (std::size_t a = 0; a < n; ++a) {
    if (log_pi[a] == -inf) continue;
    for (std::size_t c = 0; c < n; ++c) terms[c] = log_pi[c] + first[a * n + c];
    const double numerator = log_sum_exp(std::span<const double>(terms.data(), n));
    for (std::size_t b = 0; b < m; ++b) terms[b] = log_w[b] + second[a * m + b];
    const double denominator = log_sum_exp(std::span<const double>(terms.data(), m));
    total.add(std::exp(log_pi[a]) * (numerator - denominator));
  }
  return total.value();
}

// sum_a pi_a H_a.
template <class C>
double mean_entropy(const std::vector<double>& weights, std::span<const C> components) {
  detail::neumaier_sum s;
  for (std::size_t a = 0; a < components.size(); ++a) {
    if (weights[a] > 0.0) s.add(weights[a] * entropy(components[a]));
  }
  return s.value();
}

// Hershey & Olsen's variational upper bound, minimised over the coupling psi (|p| x |q|, columns
// summing to w) by their alternating updates, in the log domain:
//   bound(psi) = sum_a pi_a [log pi_a - log sum_b psi_ab exp(-D_ab)]       (phi at its optimum)
//   phi_ab = pi_a psi_ab exp(-D_ab) / sum_b' psi_ab' exp(-D_ab'),   psi_ab = w_b phi_ab / sum_a' phi_a'b.
// Each update does not increase the bound; the smallest bound seen is returned.
double hershey_olsen_upper(const std::vector<double>& log_pi, const std::vector<double>& log_w,
                           const std::vector<double>& kl_pq) {
  const std::size_t n = log_pi.size(), m = log_w.size();
  std::vector<double> log_psi(n * m), log_phi(n * m), row(m), column(n);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < m; ++b) log_psi[a * m + b] = log_pi[a] + log_w[b];
  }
  double best = inf;
  for (int iteration = 0; iteration < 1000; ++iteration) {
    detail::neumaier_sum bound;
    for (std::size_t a = 0; a < n; ++a) {
      if (log_pi[a] == -inf) {
        for (std::size_t b = 0; b < m; ++b) log_phi[a * m + b] = -inf;
        continue;
      }
      for (std::size_t b = 0; b < m; ++b) row[b] = log_psi[a * m + b] - kl_pq[a * m + b];
      const double z = log_sum_exp(row);
      bound.add(std::exp(log_pi[a]) * (log_pi[a] - z));
      for (std::size_t b = 0; b < m; ++b) log_phi[a * m + b] = log_pi[a] + row[b] - z;
    }
    const double value = bound.value();
    const bool improved_enough = value < best - 1e-15 * std::fabs(best);
    best = std::min(best, value);
    if (iteration > 0 && !improved_enough) break;
    for (std::size_t b = 0; b < m; ++b) {
      if (log_w[b] == -inf) continue;  // the column of a weight-0 component stays -inf
      for (std::size_t a = 0; a < n; ++a) column[a] = log_phi[a * m + b];
      const double s = log_sum_exp(column);
      for (std::size_t a = 0; a < n; ++a) log_psi[a * m + b] = log_w[b] + log_phi[a * m + b] - s;
    }
  }
  return best;
}

enum class approximation { variational, lower, upper };

template <class C>
double approximate(approximation which, const gaussian_mixture& p, const gaussian_mixture& q,
                   component_lists<C> c) {
  const std::vector<double> pi(p.weights().begin(), p.weights().end()), w(q.weights().begin(), q.weights().end());
  const std::vector<double> log_pi = logs_of(pi), log_w = logs_of(w);
  auto negative_kl = [](const C& f, const C& g) { return -kl(f, g); };
  auto overlap = [](const C& f, const C& g) { return log_overlap(f, g); };
  switch (which) {
    case approximation::variational:
      return weighted_log_ratio(log_pi, log_w, table(c.p, c.p, negative_kl), table(c.p, c.q, negative_kl));
    case approximation::lower: {
      const double l = weighted_log_ratio(log_pi, log_w, table(c.p, c.p, negative_kl), table(c.p, c.q, overlap)) -
                       mean_entropy(pi, c.p);
      return std::max(0.0, l);
    }
    case approximation::upper: {
      const double dtk =
          weighted_log_ratio(log_pi, log_w, table(c.p, c.p, overlap), table(c.p, c.q, negative_kl)) +
          mean_entropy(pi, c.p);
      const std::vector<double> kl_pq = table(c.p, c.q, [](const C& f, const C& g) { return kl(f, g); });
      // KL >= 0, so a bound that rounding pushed below 0 (p equal to q up to the order of the
      // components) is still one at 0.
      return std::max(0.0, std::min(dtk, hershey_olsen_upper(log_pi, log_w, kl_pq)));
    }
  }
  return 0.0;  // unreachable: every enumerator returns above
}

double dispatch(const char* function, approximation which, const gaussian_mixture& p, const gaussian_mixture& q) {
  if (p.is_univariate() != q.is_univariate()) {
    throw invalid_argument(std::string(function) + ": p has " + (p.is_univariate() ? "normal" : "multivariate_normal") +
                           " components and q has " + (q.is_univariate() ? "normal" : "multivariate_normal") +
                           " components, but they must be of the same kind");
  }
  if (p.dim() != q.dim()) {
    throw invalid_argument(std::string(function) + ": p.dim() = " + std::to_string(p.dim()) + " and q.dim() = " +
                           std::to_string(q.dim()) + ", but they must be equal");
  }
  if (p.is_univariate()) {
    return approximate<normal>(which, p, q, {p.univariate_components(), q.univariate_components()});
  }
  return approximate<multivariate_normal>(which, p, q, {p.multivariate_components(), q.multivariate_components()});
}

void check_point_size(const char* function, const char* name, std::size_t got, std::size_t dim) {
  if (got != dim) {
    throw invalid_argument(std::string(function) + ": " + name + ".size() = " + std::to_string(got) +
                           ", but must equal dim() = " + std::to_string(dim));
  }
}

}  // namespace

// ---- construction -----------------------------------------------------------------------------

gaussian_mixture::gaussian_mixture(std::span<const double> weights, std::span<const normal> components)
    : weights_(checked_weights(weights, components.size())),
      log_weights_(logs_of(weights_)),
      univariate_(components.begin(), components.end()),
      dim_(1) {
  precompute();
}

gaussian_mixture::gaussian_mixture(std::span<const double> weights, std::span<const multivariate_normal> components)
    : weights_(checked_weights(weights, components.size())),
      log_weights_(logs_of(weights_)),
      multivariate_(components.begin(), components.end()),
      dim_(components.front().dim()) {
  for (std::size_t i = 1; i < components.size(); ++i) {
    if (components[i].dim() != dim_) {
      throw invalid_argument("kullback::gaussian_mixture: components[" + std::to_string(i) +
                             "].dim() = " + std::to_string(components[i].dim()) + ", but components[0].dim() = " +
                             std::to_string(dim_) + " and all must be equal");
    }
  }
  precompute();
}

void gaussian_mixture::precompute() {
  log_normalizers_.resize(size());
  cumulative_weights_.resize(size());
  double cumulative = 0.0;
  for (std::size_t a = 0; a < size(); ++a) {
    const double half_log_det = is_univariate() ? std::log(univariate_[a].scale())
                                                : 0.5 * multivariate_[a].log_det_covariance();
    log_normalizers_[a] = log_weights_[a] - half_log_det - 0.5 * static_cast<double>(dim_) * log_two_pi;
    cumulative_weights_[a] = (cumulative += weights_[a]);
  }
}

// ---- density and sampling -----------------------------------------------------------------------

double log_density(const gaussian_mixture& f, std::span<const double> x) {
  check_point_size("kullback::log_density", "x", x.size(), f.dim());
  // One-pass (streaming) log-sum-exp, without a buffer: Monte Carlo calls this once per draw.
  // The running sum is kept relative to the running maximum and rescaled when the maximum grows.
  double max = -inf, sum = 0.0;
  for (std::size_t a = 0; a < f.size(); ++a) {
    if (f.log_weights_[a] == -inf) continue;
    double squared;
    if (f.is_univariate()) {
      const double z = (x[0] - f.univariate_[a].loc()) / f.univariate_[a].scale();
      squared = z * z;
    } else {
      squared = detail::squared_mahalanobis(f.multivariate_[a].scale_tril(), f.multivariate_[a].mean(), x);
    }
    const double t = f.log_normalizers_[a] - 0.5 * squared;
    if (t == -inf) continue;  // (exp(-inf - -inf) would be NaN)
    if (t <= max) {
      sum += std::exp(t - max);
    } else {  // a new maximum (a NaN t lands here too and makes the result NaN)
      sum = sum * std::exp(max - t) + 1.0;
      max = t;
    }
  }
  return max == -inf ? max : max + std::log(sum);
}

void sample(const gaussian_mixture& f, rng& g, std::span<double> out) {
  check_point_size("kullback::sample", "out", out.size(), f.dim());
  // Inverse CDF of the component index: the first a with u < W_a, W the running sums of the
  // weights and u uniform on [0, W_last) (the sum may differ from 1 by the accepted tolerance).
  // Zero-weight components have empty intervals and are never chosen.
  const std::vector<double>& cumulative = f.cumulative_weights_;
  const double u = g.uniform01() * cumulative.back();
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
  std::size_t chosen = static_cast<std::size_t>(it - cumulative.begin());
  if (chosen == cumulative.size()) chosen = cumulative.size() - 1;  // u rounded up to W_last
  while (f.weights_[chosen] == 0.0) --chosen;  // only after that rounding: some earlier weight is > 0
  if (f.is_univariate()) {
    out[0] = sample(f.univariate_components()[chosen], g);
  } else {
    sample(f.multivariate_components()[chosen], g, out);
  }
}

// ---- KL approximations and bounds ---------------------------------------------------------------

double kl_variational(const gaussian_mixture& p, const gaussian_mixture& q) {
  return dispatch("kullback::kl_variational", approximation::variational, p, q);
}

double kl_lower_bound(const gaussian_mixture& p, const gaussian_mixture& q) {
  return dispatch("kullback::kl_lower_bound", approximation::lower, p, q);
}

double kl_upper_bound(const gaussian_mixture& p, const gaussian_mixture& q) {
  return dispatch("kullback::kl_upper_bound", approximation::upper, p, q);
}

}  // namespace kullback
