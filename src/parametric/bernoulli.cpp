// bernoulli: construction checks.
#include "kullback/parametric/bernoulli.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

bernoulli::bernoulli(double probs) : probs_(probs) {
  const char* function = "kullback::bernoulli";
  detail::check_parameter(function, "probs", probs, detail::closed_unit);
}

}  // namespace kullback
