// Categorical(probs): P(i) = probs[i], i = 0 .. n-1. torch.distributions: Categorical.
//
// The probabilities are owned (copied at construction). Unlike torch, probabilities off the
// simplex are an error, not silently renormalised: |sum(probs) - 1| must be <= `tolerance`
// (unset: max(1e-9, n * 2^-52), as for the discrete measures) unless `normalize` is set, which
// divides by the sum. Entries must be finite and >= 0, and there must be at least one.
// from_logits(l) takes any finite or -inf log-weights (at least one finite) and normalises them
// by log-sum-exp, like torch's `logits=`.
//
// Measures (p and q must have the same size, else kullback::invalid_argument) (natural logs; docs/parametric_discrete_families.md): kl = KL(p||q) = sum p log(p/q)
// (+inf where p has mass where q has none); jeffreys = KL(p||q) + KL(q||p); renyi(p, q, a) =
// D_a(p||q) = log(c(a)) / (a - 1) with c(a) = chernoff_coefficient(p, q, a) = sum p^a q^(1-a),
// a >= 0 finite (a = 1 gives KL; 0^0 = 0, so c(0) = Q(supp p) and renyi(p, q, 0) = -log Q(supp p));
// bhattacharyya = -log c(1/2); hellinger = sqrt(1 - c(1/2)) (the distance, not squared).
// Nearly equal parameters keep full relative accuracy (src/parametric/discrete_terms.hpp).
//
// Sums over the categories of the stored probabilities (a probability that underflows to 0 in
// from_logits counts as 0): kl = sum p_i log(p_i/q_i) with 0 log 0 = 0 and +inf where q_i = 0 <
// p_i; no renormalisation: kl is exactly that of the stored numbers, and c(a) takes sum q as 1,
// so D(p, p) = 0 exactly (probabilities that sum to 1 only within the construction tolerance d
// change c(a) by at most |d|).
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

double kl(const categorical& p, const categorical& q);
double jeffreys(const categorical& p, const categorical& q);
double renyi(const categorical& p, const categorical& q, double alpha);
double chernoff_coefficient(const categorical& p, const categorical& q, double alpha);
double bhattacharyya(const categorical& p, const categorical& q);
double hellinger(const categorical& p, const categorical& q);

}  // namespace kullback
