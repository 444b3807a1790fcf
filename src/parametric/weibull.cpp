// weibull: construction checks.
#include "kullback/parametric/weibull.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

weibull::weibull(double scale, double concentration) : scale_(scale), concentration_(concentration) {
  const char* function = "kullback::weibull";
  detail::check_parameter(function, "scale", scale, detail::positive);
  detail::check_parameter(function, "concentration", concentration, detail::positive);
}

}  // namespace kullback
