// geometric: construction checks.
#include "kullback/parametric/geometric.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

geometric::geometric(double probs) : probs_(probs) {
  const char* function = "kullback::geometric";
  detail::check_parameter(function, "probs", probs, detail::above_zero);
}

}  // namespace kullback
