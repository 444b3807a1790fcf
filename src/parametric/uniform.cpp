// uniform: construction checks.
#include "kullback/parametric/uniform.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

uniform::uniform(double low, double high) : low_(low), high_(high) {
  const char* function = "kullback::uniform";
  detail::check_parameter(function, "low", low, detail::finite);
  detail::check_parameter(function, "high", high, detail::finite);
  if (!(low < high)) {
    throw invalid_argument(std::string(function) + ": low = " + detail::format_number(low) + " and high = " +
                           detail::format_number(high) + ", but low must be < high");
  }
}

}  // namespace kullback
