// gamma: construction checks.
#include "kullback/parametric/gamma.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

gamma::gamma(double concentration, double rate) : concentration_(concentration), rate_(rate) {
  const char* function = "kullback::gamma";
  detail::check_parameter(function, "concentration", concentration, detail::positive);
  detail::check_parameter(function, "rate", rate, detail::positive);
}

}  // namespace kullback
