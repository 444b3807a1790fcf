// Reading a matrix of numbers, one distribution per row, from a file or from stdin.
//
// Two formats, told apart by content (not by file name), so that stdin works for both:
//   .npy   the NumPy format (versions 1-3): dtype '<f4' or '<f8', C order (fortran_order False;
//          1-D arrays in either order), shape (n,) for one row or (rows, cols). The element type
//          is kept: float32 data stays float32.
//   text   one row per line; values separated by commas (CSV) or by whitespace, decided by the
//          first data line ("a comma anywhere in it" means CSV). Blank lines and lines whose first
//          non-blank character is '#' are skipped, and '#' also starts a comment after the values.
//          Numbers are parsed with std::from_chars (a leading '+' is accepted), read as double;
//          nan and inf spellings are accepted here so that the library can reject them with its
//          own message naming the row and index. Values too small for a double read as 0.
//
// Every problem throws read_error with a message "NAME:LINE:COLUMN: what" (text; LINE and COLUMN
// count from 1, COLUMN in bytes) or "NAME: what" (npy, I/O), where NAME is the path as given or
// "<stdin>". Nothing here knows about probabilities: the library checks the values.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kullback/core/distribution_view.hpp"

namespace kullback::cli {

class read_error : public std::runtime_error {
 public:
  explicit read_error(const std::string& message) : std::runtime_error(message) {}
};

struct matrix {
  std::string name;  // the path as given, or "<stdin>"
  kullback::element_type type = kullback::element_type::f64;
  std::vector<double> f64;  // the values when type == f64 (row-major)
  std::vector<float> f32;   // the values when type == f32 (row-major)
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<std::size_t> row_lines;  // text: the line (from 1) of each row; npy: empty

  // A view of all rows; the matrix must outlive it.
  kullback::distribution_view view() const;
  // Converts float32 values to double (no-op for double).
  void promote_to_f64();
};

// Reads PATH, or stdin when PATH is "-".
matrix read_matrix(const std::string& path);

// The parsers behind read_matrix, on bytes already in memory; NAME is used in messages.
matrix parse_matrix(std::string_view bytes, const std::string& name);
matrix parse_text(std::string_view text, const std::string& name);
matrix parse_npy(std::string_view bytes, const std::string& name);

}  // namespace kullback::cli
