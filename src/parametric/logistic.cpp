// logistic: construction checks.
#include "kullback/parametric/logistic.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

logistic::logistic(double loc, double scale) : loc_(loc), scale_(scale) {
  const char* function = "kullback::logistic";
  detail::check_parameter(function, "loc", loc, detail::finite);
  detail::check_parameter(function, "scale", scale, detail::positive);
}

}  // namespace kullback
