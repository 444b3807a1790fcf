// Geometric(probs p): failures before the first success, P(k) = (1-p)^k p (torch's convention).
// Support: {0, 1, ...}. torch.distributions: Geometric.
//
// The measures between geometric distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
//
// Measures (natural logs; docs/parametric_discrete_families.md): kl = KL(p||q) = sum p log(p/q)
// (+inf where p has mass where q has none); jeffreys = KL(p||q) + KL(q||p); renyi(p, q, a) =
// D_a(p||q) = log(c(a)) / (a - 1) with c(a) = chernoff_coefficient(p, q, a) = sum p^a q^(1-a),
// a >= 0 finite (a = 1 gives KL; 0^0 = 0, so c(0) = Q(supp p) and renyi(p, q, 0) = -log Q(supp p));
// bhattacharyya = -log c(1/2); hellinger = sqrt(1 - c(1/2)) (the distance, not squared).
// Nearly equal parameters keep full relative accuracy (src/parametric/discrete_terms.hpp).
//
// Geometric(x) is NegativeBinomial(1, 1 - x); with p = Geometric(x), q = Geometric(y):
//   kl        (1-x)/x log((1-x)/(1-y)) + log(x/y)
//   jeffreys  (y - x) log((1-x)/(1-y)) / (x y)
//   c(a)      x^a y^(1-a) / (1 - (1-x)^a (1-y)^(1-a))   (+inf when the denominator is <= 0, a > 1)
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless probs in (0, 1].
class geometric {
 public:
  static constexpr const char* family_name = "geometric";
  explicit geometric(double probs);
  double probs() const { return probs_; }

 private:
  double probs_;
};

double kl(const geometric& p, const geometric& q);
double jeffreys(const geometric& p, const geometric& q);
double renyi(const geometric& p, const geometric& q, double alpha);
double chernoff_coefficient(const geometric& p, const geometric& q, double alpha);
double bhattacharyya(const geometric& p, const geometric& q);
double hellinger(const geometric& p, const geometric& q);

}  // namespace kullback
