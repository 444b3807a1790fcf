// Weibull(scale l, concentration k): density (k/l) (x/l)^(k-1) e^(-(x/l)^k) (torch's argument order).
// Support: (0, inf). torch.distributions: Weibull.
//
// The measures between weibull distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless scale > 0 and finite; concentration > 0
// and finite.
class weibull {
 public:
  static constexpr const char* family_name = "weibull";
  weibull(double scale, double concentration);
  double scale() const { return scale_; }
  double concentration() const { return concentration_; }

 private:
  double scale_;
  double concentration_;
};

}  // namespace kullback
