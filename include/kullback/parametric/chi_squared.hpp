// Chi2(df) = Gamma(df / 2, 1 / 2).
// Support: (0, inf). torch.distributions: Chi2.
//
// The measures between chi_squared distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless df > 0 and finite.
class chi_squared {
 public:
  static constexpr const char* family_name = "chi_squared";
  explicit chi_squared(double df);
  double df() const { return df_; }

 private:
  double df_;
};

}  // namespace kullback
