// HalfNormal(scale): |X| with X ~ N(0, scale^2).
// Support: [0, inf). torch.distributions: HalfNormal.
//
// The measures between half_normal distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless scale > 0 and finite.
class half_normal {
 public:
  static constexpr const char* family_name = "half_normal";
  explicit half_normal(double scale);
  double scale() const { return scale_; }

 private:
  double scale_;
};

}  // namespace kullback
