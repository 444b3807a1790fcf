// Gaussian mixtures f = sum_a pi_a f_a, f_a = N(mu_a, Sigma_a), and the KL divergence between two
// of them, which has no closed form: a Monte Carlo estimate, the variational approximation and
// lower and upper bounds. docs/mixtures.md has the derivations and when each is tight.
//
// Construction: weights and components of equal length >= 1; every weight finite and >= 0 with
// |sum - 1| <= max(1e-9, n 2^-52) (the discrete measures' tolerance; never renormalised silently);
// components all normal (a 1-D mixture) or all multivariate_normal of one dimension. Errors are
// kullback::invalid_argument naming the parameter and the index, e.g.
//   "kullback::gaussian_mixture: weights[2] = -0.1, but must be >= 0 and finite".
// The object owns copies of the weights and components. Components of weight 0 are kept (they
// cannot contribute to any value below).
//
// Below f = sum_a pi_a f_a (p) and g = sum_b w_b g_b (q), D_ab = KL(f_a||g_b) and
// D_aa' = KL(f_a||f_a') (closed forms, normal.hpp and multivariate_normal.hpp), H_a = the entropy
// of f_a, z_ab = integral f_a g_b = N(mu_a; mu_b, Sigma_a + Sigma_b) and z_aa' likewise. Natural
// logarithms. p and q must have the same dimension and the same component kind (normal or
// multivariate_normal), else kullback::invalid_argument.
//
//   log_density(f, x)          log sum_a pi_a f_a(x) by log-sum-exp (no underflow far in the tails)
//   sample(f, g, out)          draws a ~ pi (one uniform), then out ~ f_a
//   kl_monte_carlo(p, q, n, seed)   the generic estimator (monte_carlo.hpp) with its standard error
//   kl_variational(p, q)       Hershey & Olsen (2007), "D_variational":
//                                sum_a pi_a log( sum_a' pi_a' exp(-D_aa') / sum_b w_b exp(-D_ab) )
//                              An approximation, neither an upper nor a lower bound; exact when
//                              both mixtures have one component, and 0 when p == q.
//   kl_lower_bound(p, q)       max(0, L), L the lower bound of Durrieu, Thiran & Kelly (2012):
//                                L = sum_a pi_a [ log sum_a' pi_a' exp(-D_aa') - log sum_b w_b z_ab ]
//                                    - sum_a pi_a H_a
//   kl_upper_bound(p, q)       max(0, min(U_DTK, U_HO)), both valid upper bounds (the max with 0
//                              only undoes rounding below 0 when p equals q up to component order):
//                                U_DTK = sum_a pi_a [ log sum_a' pi_a' z_aa' - log sum_b w_b exp(-D_ab) ]
//                                        + sum_a pi_a H_a            (Durrieu, Thiran & Kelly 2012)
//                                U_HO  = min over couplings of sum_ab phi_ab [log(phi_ab/psi_ab) + D_ab]
//                                        (Hershey & Olsen 2007, "variational upper bound";
//                                        by the chain rule for KL on the joint (component, x) laws)
//                              U_HO is computed by their alternating minimisation (started from
//                              phi = psi = pi w^T, stopped when an iteration improves the bound by
//                              less than 1e-15 relative, or after 1000 iterations); every iterate is
//                              a valid bound. U_HO is exact when both mixtures have one component.
//
// References: J. R. Hershey and P. A. Olsen, "Approximating the Kullback Leibler divergence between
// Gaussian mixture models", ICASSP 2007. J.-L. Durrieu, J.-Ph. Thiran and F. Kelly, "Lower and upper
// bounds for approximation of the Kullback-Leibler divergence between Gaussian mixture models",
// ICASSP 2012.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "kullback/core/random.hpp"
#include "kullback/parametric/gaussian_density.hpp"
#include "kullback/parametric/monte_carlo.hpp"
#include "kullback/parametric/multivariate_normal.hpp"
#include "kullback/parametric/normal.hpp"

namespace kullback {

class gaussian_mixture {
 public:
  static constexpr const char* family_name = "gaussian_mixture";
  gaussian_mixture(std::span<const double> weights, std::span<const normal> components);
  gaussian_mixture(std::span<const double> weights, std::span<const multivariate_normal> components);

  std::size_t size() const { return weights_.size(); }
  std::size_t dim() const { return dim_; }
  std::span<const double> weights() const { return weights_; }
  // Exactly one of the two is non-empty: the components as given.
  std::span<const normal> univariate_components() const { return univariate_; }
  std::span<const multivariate_normal> multivariate_components() const { return multivariate_; }
  bool is_univariate() const { return !univariate_.empty(); }

 private:
  void precompute();
  std::vector<double> weights_;
  std::vector<double> log_weights_;
  // Per component, for the once-per-draw log-density and sampling: log w_a - log det(Sigma_a)/2
  // - d log(2 pi)/2 (-inf for w_a = 0), and the running sums of the weights.
  std::vector<double> log_normalizers_;
  std::vector<double> cumulative_weights_;
  std::vector<normal> univariate_;
  std::vector<multivariate_normal> multivariate_;
  std::size_t dim_;
  friend double log_density(const gaussian_mixture& f, std::span<const double> x);
  friend void sample(const gaussian_mixture& f, rng& g, std::span<double> out);
};

// x.size() must equal f.dim().
double log_density(const gaussian_mixture& f, std::span<const double> x);
// out.size() must equal f.dim().
void sample(const gaussian_mixture& f, rng& g, std::span<double> out);

double kl_variational(const gaussian_mixture& p, const gaussian_mixture& q);
double kl_lower_bound(const gaussian_mixture& p, const gaussian_mixture& q);
double kl_upper_bound(const gaussian_mixture& p, const gaussian_mixture& q);

}  // namespace kullback
