// VonMises(loc, concentration): density e^(k cos(x - loc)) / (2 pi I0(k)) on the circle.
// Support: [-pi, pi). torch.distributions: VonMises.
//
// An exponential family: natural parameter eta = k (cos loc, sin loc) for (cos x, sin x),
// log-partition A(eta) = log(2 pi I0(|eta|)), defined on all of R^2 (k = 0 is the uniform
// distribution on the circle). With p = VM(m1, k1), q = VM(m2, k2), R = I1 / I0:
//   kl(p, q)                      KL(p||q) = log I0(k2) - log I0(k1) + R(k1) (k1 - k2 cos(m1 - m2))
//   jeffreys(p, q)                KL(p||q) + KL(q||p)
//   chernoff_coefficient(p, q, a) integral p^a q^(1-a) = I0(|a eta1 + (1-a) eta2|) / (I0(k1)^a I0(k2)^(1-a)),
//                                 alpha >= 0 finite, always finite
//   renyi(p, q, a)                D_a(p||q) = log C_a / (a - 1); 0 at a = 0, KL at a = 1
//   bhattacharyya(p, q)           -log C_{1/2};  hellinger(p, q) = sqrt(1 - C_{1/2}) (the distance)
// Natural logarithms. Exponentially scaled Bessel functions: no overflow for any finite
// concentration; full relative accuracy also for nearly equal p and q; D(p, p) = 0 exactly.
// Batches: parametric/batch.hpp.
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

double kl(const von_mises& p, const von_mises& q);
double jeffreys(const von_mises& p, const von_mises& q);
double renyi(const von_mises& p, const von_mises& q, double alpha);
double chernoff_coefficient(const von_mises& p, const von_mises& q, double alpha);
double bhattacharyya(const von_mises& p, const von_mises& q);
double hellinger(const von_mises& p, const von_mises& q);

}  // namespace kullback
