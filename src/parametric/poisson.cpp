// poisson: construction checks.
#include "kullback/parametric/poisson.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

poisson::poisson(double rate) : rate_(rate) {
  const char* function = "kullback::poisson";
  detail::check_parameter(function, "rate", rate, detail::non_negative);
}

}  // namespace kullback
