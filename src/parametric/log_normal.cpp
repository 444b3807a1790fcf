// log_normal: construction checks; the measures are those of the normals of log x.
#include "kullback/parametric/log_normal.hpp"

#include <string>

#include "checks.hpp"
#include "kullback/parametric/normal.hpp"

namespace kullback {

log_normal::log_normal(double loc, double scale) : loc_(loc), scale_(scale) {
  const char* function = "kullback::log_normal";
  detail::check_parameter(function, "loc", loc, detail::finite);
  detail::check_parameter(function, "scale", scale, detail::positive);
}

namespace {
normal logarithm(const log_normal& x) { return normal(x.loc(), x.scale()); }
}  // namespace

double kl(const log_normal& p, const log_normal& q) { return kl(logarithm(p), logarithm(q)); }
double jeffreys(const log_normal& p, const log_normal& q) { return jeffreys(logarithm(p), logarithm(q)); }
double renyi(const log_normal& p, const log_normal& q, double alpha) {
  return renyi(logarithm(p), logarithm(q), alpha);
}
double chernoff_coefficient(const log_normal& p, const log_normal& q, double alpha) {
  return chernoff_coefficient(logarithm(p), logarithm(q), alpha);
}
double bhattacharyya(const log_normal& p, const log_normal& q) { return bhattacharyya(logarithm(p), logarithm(q)); }
double hellinger(const log_normal& p, const log_normal& q) { return hellinger(logarithm(p), logarithm(q)); }

}  // namespace kullback
