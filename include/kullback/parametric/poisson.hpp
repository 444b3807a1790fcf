// Poisson(rate l): P(k) = l^k e^-l / k!.
// Support: {0, 1, ...}. torch.distributions: Poisson.
//
// The measures between poisson distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless rate >= 0 and finite.
class poisson {
 public:
  static constexpr const char* family_name = "poisson";
  explicit poisson(double rate);
  double rate() const { return rate_; }

 private:
  double rate_;
};

}  // namespace kullback
