// Chi2(df) = Gamma(df / 2, 1 / 2).
// Support: (0, inf). torch.distributions: Chi2.
//
// Chi2(k) = Gamma(k/2, 1/2): every measure with a chi_squared, a gamma or an exponential is the
// gamma one (gamma.hpp gives the formulas and conventions). Batches: parametric/batch.hpp.
#pragma once

#include "kullback/parametric/exponential.hpp"
#include "kullback/parametric/gamma.hpp"

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless df > 0 and finite.
class chi_squared {
 public:
  static constexpr const char* family_name = "chi_squared";
  explicit chi_squared(double df);
  double df() const { return df_; }

 private:
  double df_;
};

double kl(const chi_squared& p, const chi_squared& q);
double jeffreys(const chi_squared& p, const chi_squared& q);
double renyi(const chi_squared& p, const chi_squared& q, double alpha);
double chernoff_coefficient(const chi_squared& p, const chi_squared& q, double alpha);
double bhattacharyya(const chi_squared& p, const chi_squared& q);
double hellinger(const chi_squared& p, const chi_squared& q);

double kl(const chi_squared& p, const gamma& q);
double jeffreys(const chi_squared& p, const gamma& q);
double renyi(const chi_squared& p, const gamma& q, double alpha);
double chernoff_coefficient(const chi_squared& p, const gamma& q, double alpha);
double bhattacharyya(const chi_squared& p, const gamma& q);
double hellinger(const chi_squared& p, const gamma& q);

double kl(const gamma& p, const chi_squared& q);
double jeffreys(const gamma& p, const chi_squared& q);
double renyi(const gamma& p, const chi_squared& q, double alpha);
double chernoff_coefficient(const gamma& p, const chi_squared& q, double alpha);
double bhattacharyya(const gamma& p, const chi_squared& q);
double hellinger(const gamma& p, const chi_squared& q);

double kl(const chi_squared& p, const exponential& q);
double jeffreys(const chi_squared& p, const exponential& q);
double renyi(const chi_squared& p, const exponential& q, double alpha);
double chernoff_coefficient(const chi_squared& p, const exponential& q, double alpha);
double bhattacharyya(const chi_squared& p, const exponential& q);
double hellinger(const chi_squared& p, const exponential& q);

double kl(const exponential& p, const chi_squared& q);
double jeffreys(const exponential& p, const chi_squared& q);
double renyi(const exponential& p, const chi_squared& q, double alpha);
double chernoff_coefficient(const exponential& p, const chi_squared& q, double alpha);
double bhattacharyya(const exponential& p, const chi_squared& q);
double hellinger(const exponential& p, const chi_squared& q);

}  // namespace kullback
