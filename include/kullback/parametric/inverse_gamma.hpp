// InverseGamma(concentration a, rate b): 1/X for X ~ Gamma(a, b); density b^a x^(-a-1) e^(-b/x) /
// Gamma(a) (torch's `rate` is the scale of the inverse gamma).
// Support: (0, inf). torch.distributions: InverseGamma.
//
// Every measure here is an f-divergence, invariant under the bijection x -> 1/x, so the measures
// between InverseGamma(a1, b1) and InverseGamma(a2, b2) equal those between Gamma(a1, b1) and
// Gamma(a2, b2) (gamma.hpp gives the formulas and conventions). Batches: parametric/batch.hpp.
#pragma once

#include "kullback/parametric/gamma.hpp"

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless concentration > 0 and finite; rate > 0
// and finite.
class inverse_gamma {
 public:
  static constexpr const char* family_name = "inverse_gamma";
  inverse_gamma(double concentration, double rate);
  double concentration() const { return concentration_; }
  double rate() const { return rate_; }

 private:
  double concentration_;
  double rate_;
};

double kl(const inverse_gamma& p, const inverse_gamma& q);
double jeffreys(const inverse_gamma& p, const inverse_gamma& q);
double renyi(const inverse_gamma& p, const inverse_gamma& q, double alpha);
double chernoff_coefficient(const inverse_gamma& p, const inverse_gamma& q, double alpha);
double bhattacharyya(const inverse_gamma& p, const inverse_gamma& q);
double hellinger(const inverse_gamma& p, const inverse_gamma& q);

}  // namespace kullback
