// Dirichlet(concentration a_1 .. a_k): density Gamma(a_0) / prod Gamma(a_i) * prod x_i^(a_i - 1)
// on the simplex, a_0 = sum a_i. torch.distributions: Dirichlet. The concentration is owned.
//
// An exponential family: natural parameter a for (log x_1 .. log x_k), log-partition
// A(a) = sum lgamma(a_i) - lgamma(a_0). With p = Dir(a), q = Dir(b) of the same dimension k:
//   kl(p, q)                      KL(p||q) = lgamma(a_0) - lgamma(b_0) - sum (lgamma(a_i) - lgamma(b_i))
//                                            + sum (a_i - b_i) (digamma(a_i) - digamma(a_0))
//   jeffreys(p, q)                KL(p||q) + KL(q||p)
//   chernoff_coefficient(p, q, a) integral p^a q^(1-a) = exp(A(m) - a A(a) - (1-a) A(b)),
//                                 m = a a + (1 - a) b; alpha >= 0 finite; +inf for alpha > 1 when
//                                 some m_i <= 0.
//   renyi(p, q, a)                D_a(p||q) = log C_a / (a - 1); 0 at a = 0, KL at a = 1.
//   bhattacharyya(p, q)           -log C_{1/2};  hellinger(p, q) = sqrt(1 - C_{1/2}) (the distance)
// Natural logarithms; full relative accuracy also for nearly equal p and q; D(p, p) = 0 exactly.
// Different dimensions throw kullback::invalid_argument naming the function and q.concentration.
// Batches: parametric/batch.hpp.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace kullback {

// Throws kullback::invalid_argument unless there are at least 2 entries and each is > 0 and
// finite (naming the index: "kullback::dirichlet: concentration[2] = 0, but must be > 0 and finite").
class dirichlet {
 public:
  static constexpr const char* family_name = "dirichlet";
  explicit dirichlet(std::span<const double> concentration);
  std::size_t size() const { return concentration_.size(); }
  std::span<const double> concentration() const { return concentration_; }

 private:
  std::vector<double> concentration_;
};

double kl(const dirichlet& p, const dirichlet& q);
double jeffreys(const dirichlet& p, const dirichlet& q);
double renyi(const dirichlet& p, const dirichlet& q, double alpha);
double chernoff_coefficient(const dirichlet& p, const dirichlet& q, double alpha);
double bhattacharyya(const dirichlet& p, const dirichlet& q);
double hellinger(const dirichlet& p, const dirichlet& q);

}  // namespace kullback
