// Binomial(total_count n, probs p): P(k) = C(n, k) p^k (1-p)^(n-k).
// Support: {0, ..., n}. torch.distributions: Binomial.
//
// The measures between binomial distributions (and with other families) are declared below; every
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
// Equal total_count n: kl, jeffreys, renyi and bhattacharyya are n times the bernoulli values and
// c(a) is the bernoulli c(a) to the power n (torch's closed form). Different total_count: exact
// sums over the support {0, ..., max(n_p, n_q)} in log space; kl is +inf when n_p > n_q (and p
// puts mass above n_q), as in torch, which does not implement n_p < n_q. The sums have
// max(n_p, n_q) + 1 terms; total counts above 10^7 with n_p != n_q are rejected
// (kullback::invalid_argument). Cross pairs with poisson are declared in poisson.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless total_count a whole number >= 0; probs
// in [0, 1].
class binomial {
 public:
  static constexpr const char* family_name = "binomial";
  binomial(double total_count, double probs);
  double total_count() const { return total_count_; }
  double probs() const { return probs_; }

 private:
  double total_count_;
  double probs_;
};

double kl(const binomial& p, const binomial& q);
double jeffreys(const binomial& p, const binomial& q);
double renyi(const binomial& p, const binomial& q, double alpha);
double chernoff_coefficient(const binomial& p, const binomial& q, double alpha);
double bhattacharyya(const binomial& p, const binomial& q);
double hellinger(const binomial& p, const binomial& q);

}  // namespace kullback
