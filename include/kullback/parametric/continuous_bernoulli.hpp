// ContinuousBernoulli(probs l): density C(l) l^x (1-l)^(1-x), C(l) = 2 atanh(1-2l) / (1-2l) (C(1/2) = 2).
// Support: [0, 1]. torch.distributions: ContinuousBernoulli.
//
// The measures between continuous_bernoulli distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless probs in (0, 1).
class continuous_bernoulli {
 public:
  static constexpr const char* family_name = "continuous_bernoulli";
  explicit continuous_bernoulli(double probs);
  double probs() const { return probs_; }

 private:
  double probs_;
};

}  // namespace kullback
