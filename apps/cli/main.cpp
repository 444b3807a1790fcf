// The `kullback` command.
//
//   kullback divergence MEASURE P [Q] [options]   one value per row pair of the files P and Q
//   kullback list                                  the measures, one per line
//
// Exit status: 0 on success; 2 for bad input or usage (unreadable or malformed file, bad values,
// unknown measure or option, a missing or superfluous parameter), with a one-line message
// "kullback: ..." on stderr and nothing on stdout; 1 when the result cannot be written.
// Every row is computed before anything is printed, so a bad row anywhere prints no result.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <limits>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "kullback/core/error.hpp"
#include "kullback/core/options.hpp"
#include "kullback/version.hpp"
#include "matrix_reader.hpp"
#include "measure_table.hpp"
#include "output_format.hpp"

namespace {

using kullback::cli::matrix;
using kullback::cli::measure;
using kullback::cli::parameter_kind;

constexpr int exit_ok = 0;
constexpr int exit_output_failed = 1;
constexpr int exit_bad_input = 2;

// A user-facing error: printed as "kullback: MESSAGE", exit status 2.
struct usage_error {
  std::string message;
};

[[noreturn]] void fail(std::string message) { throw usage_error{std::move(message)}; }

int report(std::string message) {
  std::replace(message.begin(), message.end(), '\n', ' ');  // always one line
  std::fprintf(stderr, "kullback: %s\n", message.c_str());
  return exit_bad_input;
}

int write_stdout(const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "kullback: cannot write the output: %s\n", std::strerror(errno));
    return exit_output_failed;
  }
  return exit_ok;
}

struct divergence_args {
  std::string measure;
  std::string p_path;
  std::string q_path;
  std::string input = "probs";
  std::string base = "e";
  std::string format = "text";
  double alpha = 0.0;
  double weight = 0.5;
  double smoothing = 0.0;
  double tolerance = 0.0;
  bool normalize = false;
  CLI::Option* q_opt = nullptr;
  CLI::Option* alpha_opt = nullptr;
  CLI::Option* weight_opt = nullptr;
  CLI::Option* smoothing_opt = nullptr;
  CLI::Option* tolerance_opt = nullptr;
};

// "P (p.csv)", the role and the name of an input in messages.
std::string describe(const char* role, const matrix& m) { return fmt::format("{} ({})", role, m.name); }

// Checks that the measure's parameter options are exactly those it takes; returns the parameter.
double parameter_of(const measure& m, const divergence_args& a) {
  const bool has_alpha = a.alpha_opt->count() > 0;
  const bool has_weight = a.weight_opt->count() > 0;
  switch (m.kind) {
    case parameter_kind::none:
      if (has_alpha || has_weight)
        fail(fmt::format("measure '{}' takes no parameter, but {} was given", m.name,
                         has_alpha ? "--alpha" : "--weight"));
      return 0.0;
    case parameter_kind::alpha:
      if (has_weight) fail(fmt::format("measure '{}' takes --alpha, not --weight", m.name));
      if (!has_alpha) fail(fmt::format("measure '{}' needs {}", m.name, m.parameter));
      return a.alpha;
    case parameter_kind::weight:
      if (has_alpha) fail(fmt::format("measure '{}' takes --weight, not --alpha", m.name));
      return has_weight ? a.weight : m.default_parameter;
  }
  return 0.0;
}

kullback::options options_of(const divergence_args& a) {
  kullback::options opts;
  opts.base = a.base == "2"    ? kullback::log_base::two
              : a.base == "10" ? kullback::log_base::ten
                               : kullback::log_base::e;
  opts.normalize = a.normalize;
  if (a.tolerance_opt->count() > 0) {
    if (!(a.tolerance >= 0.0) || std::isinf(a.tolerance))
      fail(fmt::format("--tolerance must be a finite number >= 0, but is {}", a.tolerance));
    opts.tolerance = a.tolerance;
  }
  return opts;
}

kullback::distribution_view with_input_form(const matrix& m, const divergence_args& a) {
  kullback::distribution_view v = m.view();
  if (a.input == "log-probs") return kullback::log_probs(v);
  if (a.input == "logits") return kullback::logits(v);
  if (a.input == "counts") return kullback::counts(v, a.smoothing);
  return kullback::probs(v);
}

// The library names the argument and row of a bad value: "kullback::kl: q[row 2][3] = -0.2, ..."
// (or "q[3]", "q sums to ..."). Prefix the message with the file it came from, and the line of
// that row in a text file, so the user knows where to look.
std::string attribute(const std::string& message, const matrix& p, const matrix* q) {
  static const std::regex pattern(R"(^kullback::\w+: ([pq])(?:\[row (\d+)\])?[\[ ])");
  std::smatch match;
  if (!std::regex_search(message, match, pattern)) return message;
  const bool is_q = match[1] == "q";
  if (is_q && q == nullptr) return message;
  const matrix& m = is_q ? *q : p;
  std::optional<std::size_t> row;
  if (match[2].matched)
    row = std::stoull(match[2].str());
  else if (m.rows == 1)
    row = 0;
  std::string where = describe(is_q ? "Q" : "P", m);
  if (row && *row < m.row_lines.size())
    where = fmt::format("{} ({}, line {})", is_q ? "Q" : "P", m.name, m.row_lines[*row]);
  std::string hint;
  if (m.cols == 1 && m.rows > 1)
    hint = " (the file has one value per row; write one distribution per row, its values side by side)";
  return fmt::format("{}: {}{}", where, message, hint);
}

int run_divergence(const divergence_args& a) {
  const measure* m = kullback::cli::find_measure(a.measure);
  if (m == nullptr) fail(fmt::format("unknown measure '{}' (run 'kullback list' to see the measures)", a.measure));
  const bool has_q = a.q_opt->count() > 0;
  if (m->takes_q && !has_q) fail(fmt::format("measure '{}' needs two inputs, P and Q", m->name));
  if (!m->takes_q && has_q) fail(fmt::format("measure '{}' takes one input, P, but Q was given too", m->name));
  if (has_q && a.p_path == "-" && a.q_path == "-") fail("at most one of P and Q may be '-' (stdin)");
  if (a.smoothing_opt->count() > 0 && a.input != "counts") fail("--smoothing applies to --input counts only");
  const double parameter = parameter_of(*m, a);
  kullback::options opts = options_of(a);
  const auto format = kullback::cli::parse_output_format(a.format);
  if (!format) fail(fmt::format("unknown --format '{}'", a.format));

  matrix p = kullback::cli::read_matrix(a.p_path);
  std::optional<matrix> q;
  if (has_q) {
    q = kullback::cli::read_matrix(a.q_path);
    if (p.type != q->type) {
      // The library wants one element type: compute mixed inputs in double. The float32 input
      // keeps the simplex tolerance it would have had on its own (options.hpp: unset means
      // max(1e-9, n * epsilon of the element type)), so that rows normalised in float32 pass.
      p.promote_to_f64();
      q->promote_to_f64();
      if (!opts.tolerance)
        opts.tolerance = std::max(1e-9, static_cast<double>(p.cols) * std::numeric_limits<float>::epsilon());
    }
    if (p.cols != q->cols)
      fail(fmt::format("{} has rows of {} values but {} has rows of {}: the rows must have the same length",
                       describe("P", p), p.cols, describe("Q", *q), q->cols));
    if (p.rows != q->rows && p.rows != 1 && q->rows != 1)
      fail(
          fmt::format("{} has {} rows but {} has {}: the counts must match, or one file must have a single row "
                      "(compared with every row of the other)",
                      describe("P", p), p.rows, describe("Q", *q), q->rows));
  }

  const kullback::distribution_view pv = with_input_form(p, a);
  const kullback::distribution_view qv = with_input_form(q ? *q : p, a);
  std::vector<double> values(std::max(p.rows, q ? q->rows : std::size_t{0}));
  try {
    m->evaluate(pv, qv, parameter, values, opts);
  } catch (const kullback::invalid_argument& e) {
    fail(attribute(e.what(), p, q ? &*q : nullptr));
  }
  return write_stdout(kullback::cli::format_values(values, *format, m->name));
}

int run_list() {
  std::size_t w_name = 0, w_def = 0, w_par = 0;
  for (const measure& m : kullback::cli::measures()) {
    w_name = std::max(w_name, m.name.size());
    w_def = std::max(w_def, m.definition.size());
    w_par = std::max(w_par, m.parameter.size());
  }
  std::string out;
  for (const measure& m : kullback::cli::measures()) {
    out += fmt::format("{:<{}}  {:<{}}  {:<{}}  {}\n", m.name, w_name, m.definition, w_def, m.parameter, w_par,
                       m.convention);
  }
  return write_stdout(out);
}

constexpr const char* footer =
    R"(Input files: CSV or whitespace-separated text ('#' starts a comment) or .npy (float32 or
float64, 1-D or 2-D, C order), one distribution per row; '-' reads stdin (P or Q, not both).
One value is printed per row pair; a file with a single row is compared with every row of the
other. Natural log unless --base says otherwise. Values are written as %.17g; infinity as inf
(in JSON as the string "inf"). Exit status: 0 ok, 2 bad input or usage (one line on stderr,
nothing on stdout), 1 output could not be written.)";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kullback: divergences between discrete probability distributions", "kullback"};
  app.set_version_flag("--version", std::string("kullback ") + kullback::version);
  app.require_subcommand(1);

  CLI::App* list = app.add_subcommand("list", "Print the measures: name, definition, parameter, conventions");

  divergence_args a;
  CLI::App* div = app.add_subcommand("divergence", "Compute a measure between the rows of P and Q");
  div->add_option("MEASURE", a.measure, "The measure (see 'kullback list'); entropy takes P only")->required();
  div->add_option("P", a.p_path, "First input file, or '-' for stdin")->required();
  a.q_opt = div->add_option("Q", a.q_path, "Second input file, or '-' for stdin");
  div->add_option("--input", a.input, "What the numbers are")
      ->check(CLI::IsMember({"probs", "log-probs", "logits", "counts"}))
      ->capture_default_str();
  div->add_option("--base", a.base, "Base of the logarithm: e (nats), 2 (bits), 10")
      ->check(CLI::IsMember({"e", "2", "10"}))
      ->capture_default_str();
  a.alpha_opt =
      div->add_option("--alpha", a.alpha, "Order of renyi, tsallis, alpha_divergence; skew of skew_kl ('inf' allowed)");
  a.weight_opt = div->add_option("--weight", a.weight, "Mixing weight of js and js_distance (default 0.5)");
  a.smoothing_opt =
      div->add_option("--smoothing", a.smoothing, "Additive smoothing added to every count (--input counts)");
  a.tolerance_opt = div->add_option("--tolerance", a.tolerance, "Allowed |row sum - 1| (default: library's)");
  div->add_flag("--normalize", a.normalize, "Divide every row by its sum instead of rejecting rows off the simplex");
  div->add_option("--format", a.format, "Output format")
      ->check(CLI::IsMember({"text", "csv", "json"}))
      ->capture_default_str();

  // Set after the subcommands are added, so that `list` does not inherit it.
  app.footer(footer);
  div->footer(footer);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const std::vector<std::string> rest = app.remaining();
    if (app.get_subcommands().empty() && !rest.empty() && !rest.front().starts_with("-"))
      return report(fmt::format("unknown command '{}' (the commands are 'divergence' and 'list')", rest.front()));
    return report(fmt::format("{} (run 'kullback --help' for usage)", e.what()));
  }

  try {
    if (list->parsed()) return run_list();
    if (div->parsed()) return run_divergence(a);
  } catch (const usage_error& e) {
    return report(e.message);
  } catch (const kullback::cli::read_error& e) {
    return report(e.what());
  } catch (const kullback::invalid_argument& e) {
    return report(e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kullback: internal error: %s\n", e.what());
    return exit_output_failed;
  }
  return report("no command given (run 'kullback --help' for usage)");
}
