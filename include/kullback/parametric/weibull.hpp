// Weibull(scale l, concentration k): density (k/l) (x/l)^(k-1) e^(-(x/l)^k) (torch's argument order).
// Support: (0, inf). torch.distributions: Weibull.
//
// The measures between weibull distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless scale > 0 and finite; concentration > 0
// and finite.
class weibull {
 public:
  static constexpr const char* family_name = "weibull";
  weibull(double scale, double concentration);
  double scale() const { return scale_; }
  double concentration() const { return concentration_; }

 private:
  double scale_;
  double concentration_;
};

// With p = Weibull(l1, k1), q = Weibull(l2, k2), kappa = k2 / k1:
//   kl(p, q)                      KL(p||q) = (l1 / l2)^k2 Gamma(1 + kappa) - k2 log(l1 / l2)
//                                            - log kappa + gamma_E (kappa - 1) - 1
//                                 (log x is a Gumbel of minima, so this is the gumbel KL in log x)
//   jeffreys(p, q)                KL(p||q) + KL(q||p)
double kl(const weibull& p, const weibull& q);
double jeffreys(const weibull& p, const weibull& q);

}  // namespace kullback
