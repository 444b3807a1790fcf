// Beta(concentration1 a, concentration0 b): density x^(a-1) (1-x)^(b-1) / B(a, b) (torch's argument order).
// Support: (0, 1). torch.distributions: Beta.
//
// The measures between beta distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless concentration1 > 0 and finite;
// concentration0 > 0 and finite.
class beta {
 public:
  static constexpr const char* family_name = "beta";
  beta(double concentration1, double concentration0);
  double concentration1() const { return concentration1_; }
  double concentration0() const { return concentration0_; }

 private:
  double concentration1_;
  double concentration0_;
};

}  // namespace kullback
