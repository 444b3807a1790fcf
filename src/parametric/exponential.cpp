// exponential: construction checks; every measure is the one between the equivalent gammas.
#include "kullback/parametric/exponential.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

exponential::exponential(double rate) : rate_(rate) {
  const char* function = "kullback::exponential";
  detail::check_parameter(function, "rate", rate, detail::positive);
}

namespace {
gamma as_gamma(const exponential& x) { return gamma(1.0, x.rate()); }
}  // namespace

double kl(const exponential& p, const exponential& q) { return kl(as_gamma(p), as_gamma(q)); }
double jeffreys(const exponential& p, const exponential& q) { return jeffreys(as_gamma(p), as_gamma(q)); }
double renyi(const exponential& p, const exponential& q, double alpha) {
  return renyi(as_gamma(p), as_gamma(q), alpha);
}
double chernoff_coefficient(const exponential& p, const exponential& q, double alpha) {
  return chernoff_coefficient(as_gamma(p), as_gamma(q), alpha);
}
double bhattacharyya(const exponential& p, const exponential& q) { return bhattacharyya(as_gamma(p), as_gamma(q)); }
double hellinger(const exponential& p, const exponential& q) { return hellinger(as_gamma(p), as_gamma(q)); }

double kl(const exponential& p, const gamma& q) { return kl(as_gamma(p), q); }
double jeffreys(const exponential& p, const gamma& q) { return jeffreys(as_gamma(p), q); }
double renyi(const exponential& p, const gamma& q, double alpha) { return renyi(as_gamma(p), q, alpha); }
double chernoff_coefficient(const exponential& p, const gamma& q, double alpha) {
  return chernoff_coefficient(as_gamma(p), q, alpha);
}
double bhattacharyya(const exponential& p, const gamma& q) { return bhattacharyya(as_gamma(p), q); }
double hellinger(const exponential& p, const gamma& q) { return hellinger(as_gamma(p), q); }

double kl(const gamma& p, const exponential& q) { return kl(p, as_gamma(q)); }
double jeffreys(const gamma& p, const exponential& q) { return jeffreys(p, as_gamma(q)); }
double renyi(const gamma& p, const exponential& q, double alpha) { return renyi(p, as_gamma(q), alpha); }
double chernoff_coefficient(const gamma& p, const exponential& q, double alpha) {
  return chernoff_coefficient(p, as_gamma(q), alpha);
}
double bhattacharyya(const gamma& p, const exponential& q) { return bhattacharyya(p, as_gamma(q)); }
double hellinger(const gamma& p, const exponential& q) { return hellinger(p, as_gamma(q)); }

}  // namespace kullback
