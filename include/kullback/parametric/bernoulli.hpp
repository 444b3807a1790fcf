// Bernoulli(probs p): P(1) = p, P(0) = 1 - p.
// Support: {0, 1}. torch.distributions: Bernoulli.
//
// The measures between bernoulli distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless probs in [0, 1].
class bernoulli {
 public:
  static constexpr const char* family_name = "bernoulli";
  explicit bernoulli(double probs);
  double probs() const { return probs_; }

 private:
  double probs_;
};

}  // namespace kullback
