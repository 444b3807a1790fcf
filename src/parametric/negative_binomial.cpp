// negative_binomial: construction checks.
#include "kullback/parametric/negative_binomial.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

negative_binomial::negative_binomial(double total_count, double probs) : total_count_(total_count), probs_(probs) {
  const char* function = "kullback::negative_binomial";
  detail::check_parameter(function, "total_count", total_count, detail::positive);
  detail::check_parameter(function, "probs", probs, detail::below_one);
}

}  // namespace kullback
