// Categorical(probs): P(i) = probs[i], i = 0 .. n-1. torch.distributions: Categorical.
//
// The probabilities are owned (copied at construction). Unlike torch, probabilities off the
// simplex are an error, not silently renormalised: |sum(probs) - 1| must be <= `tolerance`
// (unset: max(1e-9, n * 2^-52), as for the discrete measures) unless `normalize` is set, which
// divides by the sum. Entries must be finite and >= 0, and there must be at least one.
// from_logits(l) takes any finite or -inf log-weights (at least one finite) and normalises them
// by log-sum-exp, like torch's `logits=`.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace kullback {

struct categorical_options {
  bool normalize = false;
  std::optional<double> tolerance = std::nullopt;
};

class categorical {
 public:
  static constexpr const char* family_name = "categorical";
  explicit categorical(std::span<const double> probs, categorical_options options = {});
  static categorical from_logits(std::span<const double> logits);

  std::size_t size() const { return probs_.size(); }
  std::span<const double> probs() const { return probs_; }
  // log(probs), exact for from_logits (log-softmax of the logits), log(p) otherwise (-inf where 0).
  std::span<const double> log_probs() const { return log_probs_; }

 private:
  categorical() = default;
  std::vector<double> probs_;
  std::vector<double> log_probs_;
};

}  // namespace kullback
