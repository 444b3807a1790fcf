// chi_squared: construction checks; every measure is the one between the equivalent gammas.
#include "kullback/parametric/chi_squared.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

chi_squared::chi_squared(double df) : df_(df) {
  const char* function = "kullback::chi_squared";
  detail::check_parameter(function, "df", df, detail::positive);
}

namespace {
gamma as_gamma(const chi_squared& x) { return gamma(0.5 * x.df(), 0.5); }
gamma as_gamma(const exponential& x) { return gamma(1.0, x.rate()); }
}  // namespace

double kl(const chi_squared& p, const chi_squared& q) { return kl(as_gamma(p), as_gamma(q)); }
double jeffreys(const chi_squared& p, const chi_squared& q) { return jeffreys(as_gamma(p), as_gamma(q)); }
double renyi(const chi_squared& p, const chi_squared& q, double alpha) {
  return renyi(as_gamma(p), as_gamma(q), alpha);
}
double chernoff_coefficient(const chi_squared& p, const chi_squared& q, double alpha) {
  return chernoff_coefficient(as_gamma(p), as_gamma(q), alpha);
}
double bhattacharyya(const chi_squared& p, const chi_squared& q) { return bhattacharyya(as_gamma(p), as_gamma(q)); }
double hellinger(const chi_squared& p, const chi_squared& q) { return hellinger(as_gamma(p), as_gamma(q)); }

double kl(const chi_squared& p, const gamma& q) { return kl(as_gamma(p), q); }
double jeffreys(const chi_squared& p, const gamma& q) { return jeffreys(as_gamma(p), q); }
double renyi(const chi_squared& p, const gamma& q, double alpha) { return renyi(as_gamma(p), q, alpha); }
double chernoff_coefficient(const chi_squared& p, const gamma& q, double alpha) {
  return chernoff_coefficient(as_gamma(p), q, alpha);
}
double bhattacharyya(const chi_squared& p, const gamma& q) { return bhattacharyya(as_gamma(p), q); }
double hellinger(const chi_squared& p, const gamma& q) { return hellinger(as_gamma(p), q); }

double kl(const gamma& p, const chi_squared& q) { return kl(p, as_gamma(q)); }
double jeffreys(const gamma& p, const chi_squared& q) { return jeffreys(p, as_gamma(q)); }
double renyi(const gamma& p, const chi_squared& q, double alpha) { return renyi(p, as_gamma(q), alpha); }
double chernoff_coefficient(const gamma& p, const chi_squared& q, double alpha) {
  return chernoff_coefficient(p, as_gamma(q), alpha);
}
double bhattacharyya(const gamma& p, const chi_squared& q) { return bhattacharyya(p, as_gamma(q)); }
double hellinger(const gamma& p, const chi_squared& q) { return hellinger(p, as_gamma(q)); }

double kl(const chi_squared& p, const exponential& q) { return kl(as_gamma(p), as_gamma(q)); }
double jeffreys(const chi_squared& p, const exponential& q) { return jeffreys(as_gamma(p), as_gamma(q)); }
double renyi(const chi_squared& p, const exponential& q, double alpha) {
  return renyi(as_gamma(p), as_gamma(q), alpha);
}
double chernoff_coefficient(const chi_squared& p, const exponential& q, double alpha) {
  return chernoff_coefficient(as_gamma(p), as_gamma(q), alpha);
}
double bhattacharyya(const chi_squared& p, const exponential& q) { return bhattacharyya(as_gamma(p), as_gamma(q)); }
double hellinger(const chi_squared& p, const exponential& q) { return hellinger(as_gamma(p), as_gamma(q)); }

double kl(const exponential& p, const chi_squared& q) { return kl(as_gamma(p), as_gamma(q)); }
double jeffreys(const exponential& p, const chi_squared& q) { return jeffreys(as_gamma(p), as_gamma(q)); }
double renyi(const exponential& p, const chi_squared& q, double alpha) {
  return renyi(as_gamma(p), as_gamma(q), alpha);
}
double chernoff_coefficient(const exponential& p, const chi_squared& q, double alpha) {
  return chernoff_coefficient(as_gamma(p), as_gamma(q), alpha);
}
double bhattacharyya(const exponential& p, const chi_squared& q) { return bhattacharyya(as_gamma(p), as_gamma(q)); }
double hellinger(const exponential& p, const chi_squared& q) { return hellinger(as_gamma(p), as_gamma(q)); }

}  // namespace kullback
