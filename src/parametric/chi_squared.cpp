// chi_squared: construction checks.
#include "kullback/parametric/chi_squared.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

chi_squared::chi_squared(double df) : df_(df) {
  const char* function = "kullback::chi_squared";
  detail::check_parameter(function, "df", df, detail::positive);
}

}  // namespace kullback
