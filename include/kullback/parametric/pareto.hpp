// Pareto(scale m, alpha): density alpha m^alpha / x^(alpha+1).
// Support: [scale, inf). torch.distributions: Pareto.
//
// The measures between pareto distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless scale > 0 and finite; alpha > 0 and finite.
class pareto {
 public:
  static constexpr const char* family_name = "pareto";
  pareto(double scale, double alpha);
  double scale() const { return scale_; }
  double alpha() const { return alpha_; }

 private:
  double scale_;
  double alpha_;
};

}  // namespace kullback
