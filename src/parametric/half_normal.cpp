// half_normal: construction checks; the measures are those of the unfolded centred normals.
#include "kullback/parametric/half_normal.hpp"

#include <string>

#include "checks.hpp"
#include "kullback/parametric/normal.hpp"

namespace kullback {

half_normal::half_normal(double scale) : scale_(scale) {
  const char* function = "kullback::half_normal";
  detail::check_parameter(function, "scale", scale, detail::positive);
}

namespace {
normal unfolded(const half_normal& x) { return normal(0.0, x.scale()); }
}  // namespace

double kl(const half_normal& p, const half_normal& q) { return kl(unfolded(p), unfolded(q)); }
double jeffreys(const half_normal& p, const half_normal& q) { return jeffreys(unfolded(p), unfolded(q)); }
double renyi(const half_normal& p, const half_normal& q, double alpha) {
  return renyi(unfolded(p), unfolded(q), alpha);
}
double chernoff_coefficient(const half_normal& p, const half_normal& q, double alpha) {
  return chernoff_coefficient(unfolded(p), unfolded(q), alpha);
}
double bhattacharyya(const half_normal& p, const half_normal& q) { return bhattacharyya(unfolded(p), unfolded(q)); }
double hellinger(const half_normal& p, const half_normal& q) { return hellinger(unfolded(p), unfolded(q)); }

}  // namespace kullback
