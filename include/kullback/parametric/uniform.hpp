// Uniform(low, high) on [low, high).
// Support: [low, high). torch.distributions: Uniform.
//
// The measures between uniform distributions (and with other families) are declared below; every
// family is registered with the measure registry (registry.hpp), and batches of it go through
// parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless low finite; high finite and low < high.
class uniform {
 public:
  static constexpr const char* family_name = "uniform";
  uniform(double low, double high);
  double low() const { return low_; }
  double high() const { return high_; }

 private:
  double low_;
  double high_;
};

// With p = U[l1, h1), q = U[l2, h2), widths w1, w2, overlap L = min(h1, h2) - max(l1, l2):
//   kl(p, q)                      log(w2 / w1) if [l1, h1) lies inside [l2, h2), else +inf
//   jeffreys(p, q)                KL(p||q) + KL(q||p): finite only when p = q (then 0)
//   renyi(p, q, a)                D_a(p||q) = log C_a / (a - 1), a >= 0 finite, where
//                                 C_a = integral p^a q^(1-a) = L / (w1^a w2^(1-a)) for a < 1
//                                 (0, so D_a = +inf, when the supports do not overlap); for a > 1
//                                 C_a = (w1 / w2)^(1-a) if p's support lies inside q's, else +inf.
//                                 a = 1 gives KL; a = 0 gives -log Q(supp p) = -log(L / w2).
//   chernoff_coefficient(p, q, a) C_a (1 at a = 1; L / w2 at a = 0)
//   bhattacharyya(p, q)           -log C_(1/2) = -log(L / sqrt(w1 w2)) (+inf without overlap)
//   hellinger(p, q)               sqrt(1 - C_(1/2)), the distance in [0, 1]
// All logarithms are natural; alpha is checked (>= 0 and finite, else kullback::invalid_argument).
double kl(const uniform& p, const uniform& q);
double jeffreys(const uniform& p, const uniform& q);
double renyi(const uniform& p, const uniform& q, double alpha);
double chernoff_coefficient(const uniform& p, const uniform& q, double alpha);
double bhattacharyya(const uniform& p, const uniform& q);
double hellinger(const uniform& p, const uniform& q);

}  // namespace kullback
