// ContinuousBernoulli(probs l): density C(l) l^x (1-l)^(1-x), C(l) = 2 atanh(1-2l) / (1-2l) (C(1/2) = 2).
// Support: [0, 1]. torch.distributions: ContinuousBernoulli.
//
// An exponential family on [0, 1]: natural parameter eta = logit(l) for x, log-partition
// A(eta) = log((e^eta - 1) / eta) (A(0) = 0), defined for every real eta. With p = CB(l1),
// q = CB(l2), eta_i = logit(l_i):
//   kl(p, q)                      KL(p||q) = A(eta2) - A(eta1) - (eta2 - eta1) A'(eta1),
//                                 A'(eta) = 1 / (1 - e^-eta) - 1/eta (the mean)
//   jeffreys(p, q)                KL(p||q) + KL(q||p)
//   chernoff_coefficient(p, q, a) integral p^a q^(1-a) = exp(A(a eta1 + (1-a) eta2) - a A(eta1)
//                                 - (1-a) A(eta2)); alpha >= 0 finite, always finite
//   renyi(p, q, a)                D_a(p||q) = log C_a / (a - 1); 0 at a = 0, KL at a = 1
//   bhattacharyya(p, q)           -log C_{1/2};  hellinger(p, q) = sqrt(1 - C_{1/2}) (the distance)
// Natural logarithms; full relative accuracy also for nearly equal p and q (including l near
// 1/2, where A and A' are evaluated by series); D(p, p) = 0 exactly. Batches: parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless probs in (0, 1).
class continuous_bernoulli {
 public:
  static constexpr const char* family_name = "continuous_bernoulli";
  explicit continuous_bernoulli(double probs);
  double probs() const { return probs_; }

 private:
  double probs_;
};

double kl(const continuous_bernoulli& p, const continuous_bernoulli& q);
double jeffreys(const continuous_bernoulli& p, const continuous_bernoulli& q);
double renyi(const continuous_bernoulli& p, const continuous_bernoulli& q, double alpha);
double chernoff_coefficient(const continuous_bernoulli& p, const continuous_bernoulli& q, double alpha);
double bhattacharyya(const continuous_bernoulli& p, const continuous_bernoulli& q);
double hellinger(const continuous_bernoulli& p, const continuous_bernoulli& q);

}  // namespace kullback
