// pareto: construction checks.
#include "kullback/parametric/pareto.hpp"

#include <string>

#include "checks.hpp"

namespace kullback {

pareto::pareto(double scale, double alpha) : scale_(scale), alpha_(alpha) {
  const char* function = "kullback::pareto";
  detail::check_parameter(function, "scale", scale, detail::positive);
  detail::check_parameter(function, "alpha", alpha, detail::positive);
}

}  // namespace kullback
