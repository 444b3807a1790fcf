// Exponential(rate): density rate e^(-rate x).
// Support: [0, inf). torch.distributions: Exponential.
//
// The measures between exponential distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless rate > 0 and finite.
class exponential {
 public:
  static constexpr const char* family_name = "exponential";
  explicit exponential(double rate);
  double rate() const { return rate_; }

 private:
  double rate_;
};

}  // namespace kullback
