// VonMises(loc, concentration): density e^(k cos(x - loc)) / (2 pi I0(k)) on the circle.
// Support: [-pi, pi). torch.distributions: VonMises.
//
// The measures between von_mises distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless loc finite; concentration >= 0 and finite.
class von_mises {
 public:
  static constexpr const char* family_name = "von_mises";
  von_mises(double loc, double concentration);
  double loc() const { return loc_; }
  double concentration() const { return concentration_; }

 private:
  double loc_;
  double concentration_;
};

}  // namespace kullback
