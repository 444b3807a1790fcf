// Laplace(loc, scale): density exp(-|x - loc| / scale) / (2 scale).
// Support: R. torch.distributions: Laplace.
//
// The measures between laplace distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless loc finite; scale > 0 and finite.
class laplace {
 public:
  static constexpr const char* family_name = "laplace";
  laplace(double loc, double scale);
  double loc() const { return loc_; }
  double scale() const { return scale_; }

 private:
  double loc_;
  double scale_;
};

// With p = Laplace(m1, b1), q = Laplace(m2, b2), d = |m1 - m2|, r = b1 / b2 (all closed forms):
//   kl(p, q)                      KL(p||q) = r - 1 - log r + d / b2 + r (e^(-d / b1) - 1)
//                                 (Gil, Alajaji & Linder 2013; torch's formula)
//   jeffreys(p, q)                KL(p||q) + KL(q||p)
//   renyi(p, q, a)                D_a(p||q) = log C_a / (a - 1), a >= 0 finite, with
//                                 C_a = integral p^a q^(1-a) = c [(e^f1 + e^f2) / k + (e^f2 - e^f1) / s],
//                                 c = 1 / (2 b1^a b2^(1-a)), k = a / b1 + (1-a) / b2,
//                                 s = (1-a) / b2 - a / b1, f1 = -(1-a) d / b2, f2 = -a d / b1
//                                 (the three pieces of the line cut at m1 and m2). For a > 1 the
//                                 integral diverges (+inf) unless k > 0. a = 1 gives KL, a = 0 gives 0.
//   chernoff_coefficient(p, q, a) C_a (1 at a = 0 and a = 1; +inf where it diverges)
//   bhattacharyya(p, q)           -log C_(1/2)
//   hellinger(p, q)               sqrt(1 - C_(1/2)), the distance in [0, 1]
// All logarithms are natural; alpha is checked (>= 0 and finite, else kullback::invalid_argument).
double kl(const laplace& p, const laplace& q);
double jeffreys(const laplace& p, const laplace& q);
double renyi(const laplace& p, const laplace& q, double alpha);
double chernoff_coefficient(const laplace& p, const laplace& q, double alpha);
double bhattacharyya(const laplace& p, const laplace& q);
double hellinger(const laplace& p, const laplace& q);

}  // namespace kullback
