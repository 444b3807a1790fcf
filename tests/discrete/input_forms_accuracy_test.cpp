// Accuracy of every measure on logits, log-probabilities and counts (float64 and float32 storage)
// against tests/data/input_forms_reference.tsv (scripts/gen_input_forms_reference.py): the
// stored numbers are turned into probabilities exactly in mpmath there, so this checks the fused
// softmax / exp / count paths, including nearly equal logits where log-normalisers cancel.
// Pass rule as in accuracy_test.cpp: relative error <= 1e-12, +inf and 0 matched exactly.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "kullback/kullback.hpp"
#include "support/measure_by_name.hpp"

#ifndef KULLBACK_TEST_DATA_DIR
#error "KULLBACK_TEST_DATA_DIR must be defined (the directory that holds input_forms_reference.tsv)"
#endif

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct row {
  std::size_t line = 0;
  std::string id, form, dtype, measure, param_text;
  double smoothing = 0.0, param = 0.0, expected = 0.0;
  std::vector<double> a, b;
};

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, sep);) parts.push_back(part);
  return parts;
}

double parse_number(const std::string& s) {
  if (s == "inf") return kInf;
  if (s == "-inf") return -kInf;
  std::size_t used = 0;
  const double v = std::stod(s, &used);
  if (used != s.size()) throw std::runtime_error("bad number '" + s + "'");
  return v;
}

std::vector<double> parse_vector(const std::string& field) {
  if (field.rfind("v:", 0) != 0) throw std::runtime_error("bad vector field");
  std::vector<double> values;
  for (const auto& item : split(field.substr(2), ',')) values.push_back(parse_number(item));
  return values;
}

std::vector<row> load() {
  const std::string path = std::string(KULLBACK_TEST_DATA_DIR) + "/input_forms_reference.tsv";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<row> rows;
  std::size_t line_number = 0;
  bool header_seen = false;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    if (!header_seen) {
      header_seen = true;
      continue;
    }
    const auto f = split(line, '\t');
    if (f.size() != 9) throw std::runtime_error("line " + std::to_string(line_number) + ": expected 9 fields");
    row r;
    r.line = line_number;
    r.id = f[0];
    r.form = f[1];
    r.dtype = f[2];
    r.smoothing = parse_number(f[3]);
    r.measure = f[4];
    r.param_text = f[5];
    r.param = f[5] == "-" ? std::nan("") : parse_number(f[5]);
    r.a = parse_vector(f[6]);
    r.b = parse_vector(f[7]);
    r.expected = parse_number(f[8]);
    rows.push_back(std::move(r));
  }
  return rows;
}

kullback::distribution_view in_form(const row& r, kullback::distribution_view v) {
  if (r.form == "logits") return kullback::logits(v);
  if (r.form == "log_probs") return kullback::log_probs(v);
  if (r.form == "counts") return kullback::counts(v, r.smoothing);
  throw std::runtime_error("unknown form " + r.form);
}

TEST(InputFormsAccuracy, MatchesMpmath) {
  const auto rows = load();
  ASSERT_GE(rows.size(), 400u);
  std::map<std::string, std::pair<double, std::string>> worst;  // "form/measure" -> (error, case)
  for (const row& r : rows) {
    SCOPED_TRACE("input_forms_reference.tsv line " + std::to_string(r.line) + ": " + r.id + " " + r.measure + "(" +
                 r.param_text + ")");
    const std::vector<float> a32(r.a.begin(), r.a.end());
    const std::vector<float> b32(r.b.begin(), r.b.end());
    const bool f32 = r.dtype == "f32";
    const auto p = in_form(r, f32 ? kullback::distribution_view(a32) : kullback::distribution_view(r.a));
    const auto q = in_form(r, f32 ? kullback::distribution_view(b32) : kullback::distribution_view(r.b));
    const double got = kullback_test::evaluate_measure(r.measure, r.param, p, q, {.tolerance = 1e-6});
    const double error = kullback_test::reference_relative_error(got, r.expected);
    EXPECT_LE(error, 1e-12) << "got " << got << ", expected " << r.expected;
    auto& w = worst[r.form + "/" + r.measure];
    if (w.second.empty() || error > w.first) w = {error, r.id};
  }
  std::printf("worst relative error per input form and measure:\n");
  for (const auto& [key, value] : worst) std::printf("  %-32s %.3g  (%s)\n", key.c_str(), value.first, value.second.c_str());
}

}  // namespace
