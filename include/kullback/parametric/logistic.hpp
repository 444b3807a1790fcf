// Logistic(loc, scale): density e^-z / (scale (1 + e^-z)^2), z = (x - loc) / scale.
// Support: R. torch.distributions: (none; TFP Logistic).
//
// The measures between logistic distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless loc finite; scale > 0 and finite.
class logistic {
 public:
  static constexpr const char* family_name = "logistic";
  logistic(double loc, double scale);
  double loc() const { return loc_; }
  double scale() const { return scale_; }

 private:
  double loc_;
  double scale_;
};

}  // namespace kullback
