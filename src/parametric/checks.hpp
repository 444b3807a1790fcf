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

// What a distribution parameter must satisfy, and how the error message says it.
struct parameter_rule {
  bool (*valid)(double);
  const char* requirement;
};
inline constexpr parameter_rule finite{[](double v) { return std::isfinite(v); }, "be finite"};
inline constexpr parameter_rule positive{[](double v) { return v > 0.0 && std::isfinite(v); }, "be > 0 and finite"};
inline constexpr parameter_rule non_negative{[](double v) { return v >= 0.0 && std::isfinite(v); },
                                             "be >= 0 and finite"};
inline constexpr parameter_rule open_unit{[](double v) { return v > 0.0 && v < 1.0; }, "be in (0, 1)"};
inline constexpr parameter_rule closed_unit{[](double v) { return v >= 0.0 && v <= 1.0; }, "be in [0, 1]"};
inline constexpr parameter_rule below_one{[](double v) { return v >= 0.0 && v < 1.0; }, "be in [0, 1)"};
inline constexpr parameter_rule above_zero{[](double v) { return v > 0.0 && v <= 1.0; }, "be in (0, 1]"};
inline constexpr parameter_rule whole_number{
    [](double v) { return v >= 0.0 && v <= 0x1p53 && v == std::floor(v); }, "be a whole number >= 0"};

// Throws "<function>: <name> = <value>, but must <requirement>" unless the rule holds.
inline void check_parameter(const char* function, const char* name, double value, const parameter_rule& rule) {
  if (!rule.valid(value)) {
    throw invalid_argument(std::string(function) + ": " + name + " = " + format_number(value) + ", but must " +
                           rule.requirement);
  }
}

inline void check_out_size(const char* function, std::size_t got, std::size_t want) {
  if (got != want) {
    throw invalid_argument(std::string(function) + ": out.size() = " + std::to_string(got) + ", but must be " +
                           std::to_string(want));
  }
}

}  // namespace kullback::detail
