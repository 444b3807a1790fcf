// exponential: construction checks.
#include "kullback/parametric/exponential.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

exponential::exponential(double rate) : rate_(rate) {
  const char* function = "kullback::exponential";
  detail::check_parameter(function, "rate", rate, detail::positive);
}

}  // namespace kullback
