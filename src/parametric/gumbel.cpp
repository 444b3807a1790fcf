// gumbel: construction checks.
#include "kullback/parametric/gumbel.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

gumbel::gumbel(double loc, double scale) : loc_(loc), scale_(scale) {
  const char* function = "kullback::gumbel";
  detail::check_parameter(function, "loc", loc, detail::finite);
  detail::check_parameter(function, "scale", scale, detail::positive);
}

}  // namespace kullback
