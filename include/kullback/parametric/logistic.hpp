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

// With p = Logistic(m1, s1), q = Logistic(m2, s2) (no closed form is known; TFP has none):
//   kl(p, q)                      KL(p||q) = E_p[h(log q - log p)], h(x) = e^x - 1 - x >= 0, by the
//                                 trapezoidal rule on the real line in the standardised variable
//                                 of p (geometrically convergent: the integrand is analytic in a
//                                 strip and decays exponentially), relative error ~1e-14.
//                                 Cost grows with max(s1 / s2, s2 / s1) (~400 points per unit).
//   jeffreys(p, q)                KL(p||q) + KL(q||p)
double kl(const logistic& p, const logistic& q);
double jeffreys(const logistic& p, const logistic& q);

}  // namespace kullback
