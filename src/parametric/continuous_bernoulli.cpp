// continuous_bernoulli: construction checks.
#include "kullback/parametric/continuous_bernoulli.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

continuous_bernoulli::continuous_bernoulli(double probs) : probs_(probs) {
  const char* function = "kullback::continuous_bernoulli";
  detail::check_parameter(function, "probs", probs, detail::open_unit);
}

}  // namespace kullback
