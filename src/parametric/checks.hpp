// Internal: argument checks shared by the parametric families.
#pragma once

#include <cmath>
#include <string>

#include "kullback/core/error.hpp"
#include "../core/format_number.hpp"

namespace kullback::detail {

// alpha of renyi / chernoff_coefficient: finite and >= 0.
inline void check_alpha(const char* function, double alpha) {
  if (!(alpha >= 0.0) || !std::isfinite(alpha)) {
    throw invalid_argument(std::string(function) + ": alpha = " + format_number(alpha) +
                           ", but must be >= 0 and finite");
  }
}

inline void check_out_size(const char* function, std::size_t got, std::size_t want) {
  if (got != want) {
    throw invalid_argument(std::string(function) + ": out.size() = " + std::to_string(got) + ", but must be " +
                           std::to_string(want));
  }
}

}  // namespace kullback::detail
