// log_normal: construction checks.
#include "kullback/parametric/log_normal.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

log_normal::log_normal(double loc, double scale) : loc_(loc), scale_(scale) {
  const char* function = "kullback::log_normal";
  detail::check_parameter(function, "loc", loc, detail::finite);
  detail::check_parameter(function, "scale", scale, detail::positive);
}

}  // namespace kullback
