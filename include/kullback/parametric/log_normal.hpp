// LogNormal(loc, scale): log X ~ N(loc, scale^2).
// Support: (0, inf). torch.distributions: LogNormal.
//
// The measures between log_normal distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless loc finite; scale > 0 and finite.
class log_normal {
 public:
  static constexpr const char* family_name = "log_normal";
  log_normal(double loc, double scale);
  double loc() const { return loc_; }
  double scale() const { return scale_; }

 private:
  double loc_;
  double scale_;
};

}  // namespace kullback
