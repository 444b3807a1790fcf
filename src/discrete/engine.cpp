#include "engine.hpp"

#include <numbers>

#include "../core/format_number.hpp"

namespace kullback::detail {

double log_of_base(const char* function, const options& opts, bool logarithmic) {
  // A negative or NaN tolerance would reject every row with a confusing "sums to 1, but must sum
  // to 1 within tolerance -1"; +inf is allowed (accept any sum).
  if (opts.tolerance && !(*opts.tolerance >= 0.0)) {
    throw invalid_argument(std::string(function) + ": option tolerance = " + format_number(*opts.tolerance) +
                           ", but must be >= 0");
  }
  if (opts.base == log_base::e) return 1.0;
  if (!logarithmic) {
    throw invalid_argument(std::string(function) +
                           ": option base must be e, because this measure takes no logarithm");
  }
  return opts.base == log_base::two ? std::numbers::ln2 : std::numbers::ln10;
}

namespace {
std::string shape(const distribution_view& v) {
  std::string text = std::to_string(v.rows());  // built by append: GCC 12 misreports "(" + string
  text.append(", ").append(std::to_string(v.cols())).append(")");
  return text.insert(0, 1, '(');
}

void check_out(const char* function, std::size_t rows, std::size_t out_size) {
  if (out_size != rows) {
    throw invalid_argument(std::string(function) + ": out has " + std::to_string(out_size) +
                           " elements, but the inputs have " + std::to_string(rows) + " rows");
  }
}

void check_view(const char* function, const distribution_view& v, char name) {
  if (v.rows() == 0) throw invalid_argument(std::string(function) + ": " + name + " has no rows");
  if (v.cols() == 0) throw invalid_argument(std::string(function) + ": " + name + " is empty");
  if (v.data() == nullptr) throw invalid_argument(std::string(function) + ": " + name + " has no data");
  if (v.rows() > 1 && v.row_stride() < v.cols()) {
    throw invalid_argument(std::string(function) + ": " + name + " has row_stride " +
                           std::to_string(v.row_stride()) + " < cols " + std::to_string(v.cols()));
  }
}
}  // namespace

std::size_t check_pair_shapes(const char* function, const distribution_view& p, const distribution_view& q,
                              std::size_t out_size) {
  check_view(function, p, 'p');
  check_view(function, q, 'q');
  if (p.cols() != q.cols()) {
    throw invalid_argument(std::string(function) + ": p has shape " + shape(p) + " and q has shape " + shape(q) +
                           ", but their rows must have the same length");
  }
  if (p.rows() != q.rows() && p.rows() != 1 && q.rows() != 1) {
    throw invalid_argument(std::string(function) + ": p has " + std::to_string(p.rows()) + " rows and q has " +
                           std::to_string(q.rows()) + ", but they must match or one must have a single row");
  }
  if (p.type() != q.type()) {
    throw invalid_argument(std::string(function) + ": p and q must have the same element type (float or double)");
  }
  if (p.form() != q.form()) {
    throw invalid_argument(std::string(function) +
                           ": p and q must be in the same input form (probs, log_probs, logits or counts)");
  }
  const std::size_t rows = std::max(p.rows(), q.rows());
  check_out(function, rows, out_size);
  return rows;
}

std::size_t check_single_shape(const char* function, const distribution_view& p, std::size_t out_size) {
  check_view(function, p, 'p');
  check_out(function, p.rows(), out_size);
  return p.rows();
}

}  // namespace kullback::detail
