// binomial: construction checks.
#include "kullback/parametric/binomial.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

binomial::binomial(double total_count, double probs) : total_count_(total_count), probs_(probs) {
  const char* function = "kullback::binomial";
  detail::check_parameter(function, "total_count", total_count, detail::whole_number);
  detail::check_parameter(function, "probs", probs, detail::closed_unit);
}

}  // namespace kullback
