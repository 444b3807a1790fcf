// Binomial(total_count n, probs p): P(k) = C(n, k) p^k (1-p)^(n-k).
// Support: {0, ..., n}. torch.distributions: Binomial.
//
// The measures between binomial distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless total_count a whole number >= 0; probs
// in [0, 1].
class binomial {
 public:
  static constexpr const char* family_name = "binomial";
  binomial(double total_count, double probs);
  double total_count() const { return total_count_; }
  double probs() const { return probs_; }

 private:
  double total_count_;
  double probs_;
};

}  // namespace kullback
