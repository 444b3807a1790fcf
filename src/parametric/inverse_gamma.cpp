// inverse_gamma: construction checks.
#include "kullback/parametric/inverse_gamma.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

inverse_gamma::inverse_gamma(double concentration, double rate) : concentration_(concentration), rate_(rate) {
  const char* function = "kullback::inverse_gamma";
  detail::check_parameter(function, "concentration", concentration, detail::positive);
  detail::check_parameter(function, "rate", rate, detail::positive);
}

}  // namespace kullback
