// Cauchy(loc, scale): density 1 / (pi scale (1 + ((x - loc) / scale)^2)).
// Support: R. torch.distributions: Cauchy.
//
// The measures between cauchy distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless loc finite; scale > 0 and finite.
class cauchy {
 public:
  static constexpr const char* family_name = "cauchy";
  cauchy(double loc, double scale);
  double loc() const { return loc_; }
  double scale() const { return scale_; }

 private:
  double loc_;
  double scale_;
};

}  // namespace kullback
