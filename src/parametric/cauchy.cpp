// cauchy: construction checks.
#include "kullback/parametric/cauchy.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

cauchy::cauchy(double loc, double scale) : loc_(loc), scale_(scale) {
  const char* function = "kullback::cauchy";
  detail::check_parameter(function, "loc", loc, detail::finite);
  detail::check_parameter(function, "scale", scale, detail::positive);
}

}  // namespace kullback
