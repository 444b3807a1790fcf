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

// With p = Gumbel(m1, s1), q = Gumbel(m2, s2), rho = s1 / s2, delta = (m1 - m2) / s2:
//   kl(p, q)                      KL(p||q) = e^(-delta) Gamma(1 + rho) + delta - log rho
//                                            + gamma_E (rho - 1) - 1
//                                 (torch's formula; E_p[e^(-(x - m2) / s2)] = e^(-delta) Gamma(1 + rho))
//   jeffreys(p, q)                KL(p||q) + KL(q||p)
double kl(const gumbel& p, const gumbel& q);
double jeffreys(const gumbel& p, const gumbel& q);

}  // namespace kullback
