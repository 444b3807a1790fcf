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

// With p = Cauchy(m1, g1), q = Cauchy(m2, g2):
//   kl(p, q)                      log(((g1 + g2)^2 + (m1 - m2)^2) / (4 g1 g2))
//                                 (Chyzak & Nielsen 2019; symmetric in p and q)
//   jeffreys(p, q)                KL(p||q) + KL(q||p) = 2 KL(p||q)
double kl(const cauchy& p, const cauchy& q);
double jeffreys(const cauchy& p, const cauchy& q);

}  // namespace kullback
