#include "output_format.hpp"

#include <cmath>

#include <fmt/format.h>

namespace kullback::cli {

namespace {

// A JSON string literal (measure names are plain identifiers; escaping keeps it valid anyway).
std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out += c;
    }
  }
  return out + '"';
}

}  // namespace

std::optional<output_format> parse_output_format(std::string_view name) {
  if (name == "text") return output_format::text;
  if (name == "csv") return output_format::csv;
  if (name == "json") return output_format::json;
  return std::nullopt;
}

std::string format_number(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return fmt::format("{:.17g}", value);
}

std::string format_values(std::span<const double> values, output_format format, std::string_view measure) {
  std::string out;
  out.reserve(values.size() * 24 + 64);
  switch (format) {
    case output_format::text:
      for (double v : values) {
        out += format_number(v);
        out += '\n';
      }
      break;
    case output_format::csv:
      out += "row,value\n";
      for (std::size_t i = 0; i < values.size(); ++i) {
        out += fmt::format("{},{}\n", i, format_number(values[i]));
      }
      break;
    case output_format::json:
      out += "{\"measure\": " + json_string(measure) + ", \"values\": [";
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += ", ";
        out += std::isfinite(values[i]) ? format_number(values[i]) : json_string(format_number(values[i]));
      }
      out += "]}\n";
      break;
  }
  return out;
}

}  // namespace kullback::cli
