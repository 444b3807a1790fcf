// Gumbel(loc, scale) (maximum): density exp(-z - exp(-z)) / scale, z = (x - loc) / scale.
// Support: R. torch.distributions: Gumbel.
//
// The measures between gumbel distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless loc finite; scale > 0 and finite.
class gumbel {
 public:
  static constexpr const char* family_name = "gumbel";
  gumbel(double loc, double scale);
  double loc() const { return loc_; }
  double scale() const { return scale_; }

 private:
  double loc_;
  double scale_;
};

}  // namespace kullback
