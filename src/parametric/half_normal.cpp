// half_normal: construction checks.
#include "kullback/parametric/half_normal.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

half_normal::half_normal(double scale) : scale_(scale) {
  const char* function = "kullback::half_normal";
  detail::check_parameter(function, "scale", scale, detail::positive);
}

}  // namespace kullback
