// Internal: numbers in error messages, in the shortest form that round-trips ("-0.2", "1e-300").
#pragma once

#include <charconv>
#include <string>

namespace kullback::detail {

inline std::string format_number(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general);
  return std::string(buffer, result.ptr);
}

}  // namespace kullback::detail
