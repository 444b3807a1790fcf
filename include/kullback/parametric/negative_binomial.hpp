// NegativeBinomial(total_count r, probs p): successes before the r-th failure, P(k) = Gamma(k+r)/(k!
// Gamma(r)) p^k (1-p)^r (torch's convention; p is the success probability).
// Support: {0, 1, ...}. torch.distributions: NegativeBinomial.
//
// The measures between negative_binomial distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless total_count > 0 and finite; probs in [0, 1).
class negative_binomial {
 public:
  static constexpr const char* family_name = "negative_binomial";
  negative_binomial(double total_count, double probs);
  double total_count() const { return total_count_; }
  double probs() const { return probs_; }

 private:
  double total_count_;
  double probs_;
};

}  // namespace kullback
