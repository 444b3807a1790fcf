// inverse_gamma: construction checks; the measures are those of the gammas of 1/x.
#include "kullback/parametric/inverse_gamma.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

inverse_gamma::inverse_gamma(double concentration, double rate) : concentration_(concentration), rate_(rate) {
  const char* function = "kullback::inverse_gamma";
  detail::check_parameter(function, "concentration", concentration, detail::positive);
  detail::check_parameter(function, "rate", rate, detail::positive);
}

namespace {
gamma reciprocal(const inverse_gamma& x) { return gamma(x.concentration(), x.rate()); }
}  // namespace

double kl(const inverse_gamma& p, const inverse_gamma& q) { return kl(reciprocal(p), reciprocal(q)); }
double jeffreys(const inverse_gamma& p, const inverse_gamma& q) { return jeffreys(reciprocal(p), reciprocal(q)); }
double renyi(const inverse_gamma& p, const inverse_gamma& q, double alpha) {
  return renyi(reciprocal(p), reciprocal(q), alpha);
}
double chernoff_coefficient(const inverse_gamma& p, const inverse_gamma& q, double alpha) {
  return chernoff_coefficient(reciprocal(p), reciprocal(q), alpha);
}
double bhattacharyya(const inverse_gamma& p, const inverse_gamma& q) {
  return bhattacharyya(reciprocal(p), reciprocal(q));
}
double hellinger(const inverse_gamma& p, const inverse_gamma& q) { return hellinger(reciprocal(p), reciprocal(q)); }

}  // namespace kullback
