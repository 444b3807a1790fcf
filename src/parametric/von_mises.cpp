// von_mises: construction checks.
#include "kullback/parametric/von_mises.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

von_mises::von_mises(double loc, double concentration) : loc_(loc), concentration_(concentration) {
  const char* function = "kullback::von_mises";
  detail::check_parameter(function, "loc", loc, detail::finite);
  detail::check_parameter(function, "concentration", concentration, detail::non_negative);
}

}  // namespace kullback
