// NegativeBinomial(total_count r, probs p): successes before the r-th failure, P(k) = Gamma(k+r)/(k!
// Gamma(r)) p^k (1-p)^r (torch's convention; p is the success probability).
// Support: {0, 1, ...}. torch.distributions: NegativeBinomial.
//
// The measures between negative_binomial distributions (and with other families) are declared below; every
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
// Equal total_count r (an exponential family in log p, log-partition -r log(1 - p)); with
// p = NB(r, x), q = NB(r, y):
//   kl        r [x/(1-x) log(x/y) + log((1-x)/(1-y))]
//   jeffreys  r (x - y) log(x/y) / ((1-x)(1-y))
//   c(a)      [(1-x)^a (1-y)^(1-a) / (1 - x^a y^(1-a))]^r   (+inf when x^a y^(1-a) >= 1, a > 1)
// Different total_count: no closed form; sums over k = 0, 1, ... truncated where a proven bound on
// the tail is below 1e-17 of the sum (about r p / (1 - p) + 45 / -log p terms; more than 10^6
// terms, i.e. probs within ~5e-5 of 1, is refused with kullback::invalid_argument).
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless total_count > 0 and finite; probs in [0, 1).
class negative_binomial {
 public:
  static constexpr const char* family_name = "negative_binomial";
  negative_binomial(double total_count, double probs);
  double total_count() const { return total_count_; }
  double probs() const { return probs_; }

 private:
  double total_count_;
  double probs_;
};

double kl(const negative_binomial& p, const negative_binomial& q);
double jeffreys(const negative_binomial& p, const negative_binomial& q);
double renyi(const negative_binomial& p, const negative_binomial& q, double alpha);
double chernoff_coefficient(const negative_binomial& p, const negative_binomial& q, double alpha);
double bhattacharyya(const negative_binomial& p, const negative_binomial& q);
double hellinger(const negative_binomial& p, const negative_binomial& q);

}  // namespace kullback
