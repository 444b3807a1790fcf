// Gamma(concentration a, rate b): density b^a x^(a-1) e^(-b x) / Gamma(a).
// Support: (0, inf). torch.distributions: Gamma.
//
// The measures between gamma distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless concentration > 0 and finite; rate > 0
// and finite.
class gamma {
 public:
  static constexpr const char* family_name = "gamma";
  gamma(double concentration, double rate);
  double concentration() const { return concentration_; }
  double rate() const { return rate_; }

 private:
  double concentration_;
  double rate_;
};

}  // namespace kullback
