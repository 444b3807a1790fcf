// dirichlet: construction checks.
#include "kullback/parametric/dirichlet.hpp"

#include <cmath>
#include <string>

#include "../core/format_number.hpp"
#include "kullback/core/error.hpp"

namespace kullback {

dirichlet::dirichlet(std::span<const double> concentration)
    : concentration_(concentration.begin(), concentration.end()) {
  if (concentration.size() < 2) {
    throw invalid_argument("kullback::dirichlet: concentration has " + std::to_string(concentration.size()) +
                           " entries, but needs at least 2");
  }
  for (std::size_t i = 0; i < concentration.size(); ++i) {
    if (!(concentration[i] > 0.0) || !std::isfinite(concentration[i])) {
      throw invalid_argument("kullback::dirichlet: concentration[" + std::to_string(i) + "] = " +
                             detail::format_number(concentration[i]) + ", but must be > 0 and finite");
    }
  }
}

}  // namespace kullback
