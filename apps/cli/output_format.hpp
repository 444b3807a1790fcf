// How the `kullback` command writes its results: one value per row pair, in one of three formats.
//
//   text  one value per line
//   csv   a header "row,value", then "ROW,VALUE" lines; rows count from 0, as in the library's
//         error messages ("q[row 2]")
//   json  {"measure": "NAME", "values": [v0, v1, ...]} on one line
//
// Numbers are written as printf's %.17g, which reads back to the same double. Infinite values
// (e.g. KL where q_i = 0 < p_i) are written "inf" / "-inf" in text and csv; JSON has no infinity,
// so there they are the strings "inf" / "-inf" (and "nan" for a NaN), which Python's float()
// and pandas read back as floats, unlike null, which would lose the value.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kullback::cli {

enum class output_format { text, csv, json };

// "text", "csv" or "json"; nullopt for anything else.
std::optional<output_format> parse_output_format(std::string_view name);

// One number as %.17g ("inf", "-inf", "nan" for the non-finite values).
std::string format_number(double value);

// The whole output for VALUES (ending with a newline).
std::string format_values(std::span<const double> values, output_format format, std::string_view measure);

}  // namespace kullback::cli
