// InverseGamma(concentration a, rate b): 1/X for X ~ Gamma(a, b); density b^a x^(-a-1) e^(-b/x) /
// Gamma(a) (torch's `rate` is the scale of the inverse gamma).
// Support: (0, inf). torch.distributions: InverseGamma.
//
// The measures between inverse_gamma distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

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

}  // namespace kullback
