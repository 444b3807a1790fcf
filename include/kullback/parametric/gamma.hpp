// Gamma(concentration a, rate b): density b^a x^(a-1) e^(-b x) / Gamma(a).
// Support: (0, inf). torch.distributions: Gamma.
//
// An exponential family: natural parameter eta = (a, b) for the sufficient statistic
// (log x, -x), log-partition A(a, b) = lgamma(a) - a log b on the domain a > 0, b > 0.
// With p = Gamma(a1, b1), q = Gamma(a2, b2):
//   kl(p, q)                      KL(p||q) = (a1 - a2) digamma(a1) - lgamma(a1) + lgamma(a2)
//                                            + a2 log(b1 / b2) + a1 (b2 - b1) / b1
//   jeffreys(p, q)                KL(p||q) + KL(q||p)
//   chernoff_coefficient(p, q, a) integral p^a q^(1-a) = exp(A(m) - a A(p) - (1-a) A(q)),
//                                 m = a (a1, b1) + (1 - a) (a2, b2); alpha >= 0 finite. For alpha > 1
//                                 the integral is finite only if both entries of m are > 0, else +inf.
//   renyi(p, q, a)                D_a(p||q) = log C_a / (a - 1); 0 at a = 0, KL at a = 1, +inf
//                                 where C_a is.
//   bhattacharyya(p, q)           -log C_{1/2} = D_{1/2} / 2
//   hellinger(p, q)               the distance sqrt(1 - C_{1/2}), in [0, 1]
// Natural logarithms. Full relative accuracy also for nearly equal p and q (Taylor-remainder
// integrals of the Hessian of A, src/parametric/exponential_family.hpp); D(p, p) = 0 exactly.
// The exponential and chi_squared families are gammas; their pairs with gamma are in
// exponential.hpp and chi_squared.hpp. Batches: parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless concentration > 0 and finite; rate > 0
// and finite.
class gamma {
 public:
  static constexpr const char* family_name = "gamma";
  gamma(double concentration, double rate);
  double concentration() const { return concentration_; }
  double rate() const { return rate_; }

 private:
  double concentration_;
  double rate_;
};

double kl(const gamma& p, const gamma& q);
double jeffreys(const gamma& p, const gamma& q);
double renyi(const gamma& p, const gamma& q, double alpha);
double chernoff_coefficient(const gamma& p, const gamma& q, double alpha);
double bhattacharyya(const gamma& p, const gamma& q);
double hellinger(const gamma& p, const gamma& q);

}  // namespace kullback
