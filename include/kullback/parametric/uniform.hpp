// Uniform(low, high) on [low, high).
// Support: [low, high). torch.distributions: Uniform.
//
// The measures between uniform distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless low finite; high finite and low < high.
class uniform {
 public:
  static constexpr const char* family_name = "uniform";
  uniform(double low, double high);
  double low() const { return low_; }
  double high() const { return high_; }

 private:
  double low_;
  double high_;
};

}  // namespace kullback
