// Bernoulli(probs p): P(1) = p, P(0) = 1 - p.
// Support: {0, 1}. torch.distributions: Bernoulli.
//
// The measures between bernoulli distributions (and with other families) are declared below; every
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
// With p = Bernoulli(x), q = Bernoulli(y):
//   kl        x log(x/y) + (1-x) log((1-x)/(1-y))
//   jeffreys  (x - y) (log(x/y) - log((1-x)/(1-y)))
//   c(a)      x^a y^(1-a) + (1-x)^a (1-y)^(1-a)
// Cross pairs with poisson are declared in poisson.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless probs in [0, 1].
class bernoulli {
 public:
  static constexpr const char* family_name = "bernoulli";
  explicit bernoulli(double probs);
  double probs() const { return probs_; }

 private:
  double probs_;
};

double kl(const bernoulli& p, const bernoulli& q);
double jeffreys(const bernoulli& p, const bernoulli& q);
double renyi(const bernoulli& p, const bernoulli& q, double alpha);
double chernoff_coefficient(const bernoulli& p, const bernoulli& q, double alpha);
double bhattacharyya(const bernoulli& p, const bernoulli& q);
double hellinger(const bernoulli& p, const bernoulli& q);

}  // namespace kullback
