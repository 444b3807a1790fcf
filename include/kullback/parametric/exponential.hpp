// Exponential(rate): density rate e^(-rate x).
// Support: [0, inf). torch.distributions: Exponential.
//
// Exponential(rate) = Gamma(1, rate): every measure with an exponential or a gamma is the gamma
// one (gamma.hpp gives the formulas and conventions; +inf where a Chernoff/Renyi integral with
// alpha > 1 diverges). E.g. KL(Exp(l1)||Exp(l2)) = log(l1 / l2) + l2 / l1 - 1.
// Batches: parametric/batch.hpp.
#pragma once

#include "kullback/parametric/gamma.hpp"

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless rate > 0 and finite.
class exponential {
 public:
  static constexpr const char* family_name = "exponential";
  explicit exponential(double rate);
  double rate() const { return rate_; }

 private:
  double rate_;
};

double kl(const exponential& p, const exponential& q);
double jeffreys(const exponential& p, const exponential& q);
double renyi(const exponential& p, const exponential& q, double alpha);
double chernoff_coefficient(const exponential& p, const exponential& q, double alpha);
double bhattacharyya(const exponential& p, const exponential& q);
double hellinger(const exponential& p, const exponential& q);

double kl(const exponential& p, const gamma& q);
double jeffreys(const exponential& p, const gamma& q);
double renyi(const exponential& p, const gamma& q, double alpha);
double chernoff_coefficient(const exponential& p, const gamma& q, double alpha);
double bhattacharyya(const exponential& p, const gamma& q);
double hellinger(const exponential& p, const gamma& q);

double kl(const gamma& p, const exponential& q);
double jeffreys(const gamma& p, const exponential& q);
double renyi(const gamma& p, const exponential& q, double alpha);
double chernoff_coefficient(const gamma& p, const exponential& q, double alpha);
double bhattacharyya(const gamma& p, const exponential& q);
double hellinger(const gamma& p, const exponential& q);

}  // namespace kullback
