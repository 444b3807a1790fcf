// Poisson(rate l): P(k) = l^k e^-l / k!.
// Support: {0, 1, ...}. torch.distributions: Poisson.
//
// The measures between poisson distributions (and with other families) are declared below; every
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
// With p = Poisson(l), q = Poisson(m):
//   kl        l log(l/m) - l + m
//   jeffreys  (l - m) log(l/m)
//   c(a)      exp(l^a m^(1-a) - a l - (1-a) m)
// Cross pairs (every measure; torch registers kl for bernoulli->poisson, poisson->bernoulli and
// poisson->binomial, the last two as +inf): sums over the finite support of the bernoulli or
// binomial side, with the Poisson tail mass from the regularized incomplete gamma function.
// kl(poisson, bernoulli / binomial) is +inf for rate > 0 (p has mass beyond q's support) and
// finite for rate = 0 (torch returns +inf there too). The sums have n + 1 terms: binomial total
// counts above 10^7 are rejected (kullback::invalid_argument).
#pragma once

#include "kullback/parametric/bernoulli.hpp"
#include "kullback/parametric/binomial.hpp"

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless rate >= 0 and finite.
class poisson {
 public:
  static constexpr const char* family_name = "poisson";
  explicit poisson(double rate);
  double rate() const { return rate_; }

 private:
  double rate_;
};

double kl(const poisson& p, const poisson& q);
double jeffreys(const poisson& p, const poisson& q);
double renyi(const poisson& p, const poisson& q, double alpha);
double chernoff_coefficient(const poisson& p, const poisson& q, double alpha);
double bhattacharyya(const poisson& p, const poisson& q);
double hellinger(const poisson& p, const poisson& q);

double kl(const bernoulli& p, const poisson& q);
double jeffreys(const bernoulli& p, const poisson& q);
double renyi(const bernoulli& p, const poisson& q, double alpha);
double chernoff_coefficient(const bernoulli& p, const poisson& q, double alpha);
double bhattacharyya(const bernoulli& p, const poisson& q);
double hellinger(const bernoulli& p, const poisson& q);

double kl(const poisson& p, const bernoulli& q);
double jeffreys(const poisson& p, const bernoulli& q);
double renyi(const poisson& p, const bernoulli& q, double alpha);
double chernoff_coefficient(const poisson& p, const bernoulli& q, double alpha);
double bhattacharyya(const poisson& p, const bernoulli& q);
double hellinger(const poisson& p, const bernoulli& q);

double kl(const binomial& p, const poisson& q);
double jeffreys(const binomial& p, const poisson& q);
double renyi(const binomial& p, const poisson& q, double alpha);
double chernoff_coefficient(const binomial& p, const poisson& q, double alpha);
double bhattacharyya(const binomial& p, const poisson& q);
double hellinger(const binomial& p, const poisson& q);

double kl(const poisson& p, const binomial& q);
double jeffreys(const poisson& p, const binomial& q);
double renyi(const poisson& p, const binomial& q, double alpha);
double chernoff_coefficient(const poisson& p, const binomial& q, double alpha);
double bhattacharyya(const poisson& p, const binomial& q);
double hellinger(const poisson& p, const binomial& q);

}  // namespace kullback
