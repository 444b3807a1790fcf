// OneHotCategorical(probs): the categorical distribution on the one-hot vectors e_0 .. e_{n-1}.
// torch.distributions: OneHotCategorical. Every measure equals the categorical one (the map
// i -> e_i is a bijection); the type exists so that code written against torch keeps its names.
#pragma once

#include <span>
#include <utility>

#include "kullback/parametric/categorical.hpp"

namespace kullback {

class one_hot_categorical {
 public:
  static constexpr const char* family_name = "one_hot_categorical";
  explicit one_hot_categorical(std::span<const double> probs, categorical_options options = {})
      : base_(probs, options) {}
  explicit one_hot_categorical(categorical base) : base_(std::move(base)) {}
  static one_hot_categorical from_logits(std::span<const double> logits) {
    return one_hot_categorical(categorical::from_logits(logits));
  }
  const categorical& base() const { return base_; }

 private:
  categorical base_;
};

// Each equals the categorical measure of base() (see categorical.hpp for the conventions).
double kl(const one_hot_categorical& p, const one_hot_categorical& q);
double jeffreys(const one_hot_categorical& p, const one_hot_categorical& q);
double renyi(const one_hot_categorical& p, const one_hot_categorical& q, double alpha);
double chernoff_coefficient(const one_hot_categorical& p, const one_hot_categorical& q, double alpha);
double bhattacharyya(const one_hot_categorical& p, const one_hot_categorical& q);
double hellinger(const one_hot_categorical& p, const one_hot_categorical& q);

}  // namespace kullback
