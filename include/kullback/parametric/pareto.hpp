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

// With p = Pareto(m1, a1), q = Pareto(m2, a2), rho = a2 / a1 (all closed forms):
//   kl(p, q)                      a2 log(m1 / m2) + rho - 1 - log rho if m1 >= m2, else +inf
//   jeffreys(p, q)                KL(p||q) + KL(q||p): finite only when m1 = m2
//   renyi(p, q, a)                D_a(p||q) = log C_a / (a - 1), a >= 0 finite, where
//                                 C_a = integral p^a q^(1-a)
//                                     = a1^a a2^(1-a) m1^(a a1) m2^((1-a) a2) / (A M^A),
//                                 A = a a1 + (1-a) a2, M = max(m1, m2); +inf for a > 1 when
//                                 m1 < m2 or A <= 0. a = 1 gives KL; a = 0 gives -log Q(x >= m1).
//   chernoff_coefficient(p, q, a) C_a (1 at a = 1; Q(x >= m1) at a = 0)
//   bhattacharyya(p, q)           -log C_(1/2) (finite for every pair: the supports overlap)
//   hellinger(p, q)               sqrt(1 - C_(1/2)), the distance in [0, 1]
// All logarithms are natural; alpha is checked (>= 0 and finite, else kullback::invalid_argument).
double kl(const pareto& p, const pareto& q);
double jeffreys(const pareto& p, const pareto& q);
double renyi(const pareto& p, const pareto& q, double alpha);
double chernoff_coefficient(const pareto& p, const pareto& q, double alpha);
double bhattacharyya(const pareto& p, const pareto& q);
double hellinger(const pareto& p, const pareto& q);

}  // namespace kullback
