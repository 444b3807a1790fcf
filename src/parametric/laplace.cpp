// laplace: construction checks.
#include "kullback/parametric/laplace.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

laplace::laplace(double loc, double scale) : loc_(loc), scale_(scale) {
  const char* function = "kullback::laplace";
  detail::check_parameter(function, "loc", loc, detail::finite);
  detail::check_parameter(function, "scale", scale, detail::positive);
}

}  // namespace kullback
