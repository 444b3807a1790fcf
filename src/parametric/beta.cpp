// beta: construction checks.
#include "kullback/parametric/beta.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

beta::beta(double concentration1, double concentration0)
    : concentration1_(concentration1), concentration0_(concentration0) {
  const char* function = "kullback::beta";
  detail::check_parameter(function, "concentration1", concentration1, detail::positive);
  detail::check_parameter(function, "concentration0", concentration0, detail::positive);
}

}  // namespace kullback
