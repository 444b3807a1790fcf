// The measures the `kullback` command knows: the one name -> function table of the project.
//
// Every entry evaluates its measure row by row on two batches (P and Q) through the library's
// batch overloads; a one-row batch is broadcast against the other (the library's rule). Measures
// that need a function argument (f_divergence) are not offered on the command line.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "kullback/core/distribution_view.hpp"
#include "kullback/core/options.hpp"

namespace kullback::cli {

// The one parameter a measure may take, and its command-line option.
enum class parameter_kind {
  none,    // takes neither --alpha nor --weight
  alpha,   // --alpha A, required
  weight,  // --weight W, optional (default 0.5)
};

struct measure {
  std::string_view name;
  std::string_view definition;  // one-line formula
  std::string_view parameter;   // the parameter and its domain, e.g. "--alpha a in [0, inf]", or "-"
  std::string_view convention;  // edge cases and conventions peers disagree on
  parameter_kind kind;
  bool takes_q;              // false: one input (P) only
  double default_parameter;  // used when an optional parameter is not given

  // Evaluates the measure on every row pair (q is ignored when !takes_q); out has one slot per
  // output row. Throws kullback::invalid_argument for bad values.
  void (*evaluate)(const kullback::distribution_view& p, const kullback::distribution_view& q, double parameter,
                   std::span<double> out, const kullback::options& opts);
};

// Every measure, in the order `kullback list` prints them.
std::span<const measure> measures();

// The measure called NAME, or nullptr.
const measure* find_measure(std::string_view name);

}  // namespace kullback::cli
