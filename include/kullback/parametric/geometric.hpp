// Geometric(probs p): failures before the first success, P(k) = (1-p)^k p (torch's convention).
// Support: {0, 1, ...}. torch.distributions: Geometric.
//
// The measures between geometric distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless probs in (0, 1].
class geometric {
 public:
  static constexpr const char* family_name = "geometric";
  explicit geometric(double probs);
  double probs() const { return probs_; }

 private:
  double probs_;
};

}  // namespace kullback
