// Accuracy of every discrete measure against the mpmath reference in
// tests/data/discrete_reference.tsv (written by scripts/gen_discrete_reference.py).
//
// Each row of the table is one test, named r<line>_<case>_<measure>[_<param>], that calls the public
// API on the row's vectors with options{.tolerance = 1e-6} and requires
//   expected = +inf:  the result is +inf;
//   expected = 0:     |result| <= 1e-300;
//   otherwise:        |result - expected| <= 1e-12 |expected|.
// For kl, js, entropy and renyi the row is also run with options::base = two and compared with
// expected / ln 2 under the same rule.
//
// At the end the worst relative error per measure is printed, and written as a markdown table to
// the file named by the environment variable KULLBACK_ACCURACY_REPORT when it is set.
//
// The table is found through the compile definition KULLBACK_TEST_DATA_DIR.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "kullback/kullback.hpp"
#include "reference_cases.hpp"
#include "support/measure_by_name.hpp"

#ifndef KULLBACK_TEST_DATA_DIR
#error "KULLBACK_TEST_DATA_DIR must be defined (the directory that holds discrete_reference.tsv)"
#endif

namespace {

constexpr double kRelTol = 1e-12;
constexpr double kInf = std::numeric_limits<double>::infinity();

// ---- the table, loaded once ------------------------------------------------------------------

struct loaded_table {
  std::vector<kullback_test::reference_case> cases;
  std::string error;  // non-empty when loading failed
  std::string path;
};

const loaded_table& table() {
  static const loaded_table t = [] {
    loaded_table r;
    r.path = std::string(KULLBACK_TEST_DATA_DIR) + "/discrete_reference.tsv";
    try {
      r.cases = kullback_test::load_reference_cases(r.path);
    } catch (const std::exception& e) {
      r.error = e.what();
    }
    return r;
  }();
  return t;
}

// ---- calling the library ---------------------------------------------------------------------

double evaluate(const kullback_test::reference_case& c, const kullback::options& opts) {
  return kullback_test::evaluate_measure(c.measure, c.param, c.p(), c.q(), opts);
}

bool has_log_base(const std::string& measure) {
  return measure == "kl" || measure == "js" || measure == "entropy" || measure == "renyi";
}

using kullback_test::reference_relative_error;

std::string fmt(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

std::string describe(const kullback_test::reference_case& c) {
  std::ostringstream s;
  s << "discrete_reference.tsv line " << c.line << ": case " << c.id << ", measure " << c.measure;
  if (c.has_param()) s << "(" << c.param_text << ")";
  s << ", n = " << c.p().size() << ", p = " << c.p_field.substr(0, 60)
    << (c.p_field.size() > 60 ? "..." : "") << ", q = " << c.q_field.substr(0, 60)
    << (c.q_field.size() > 60 ? "..." : "");
  return s.str();
}

// ---- the per-measure summary -----------------------------------------------------------------

struct measure_stats {
  std::size_t rows = 0;
  std::size_t failures = 0;
  double worst = 0.0;  // worst finite-vs-finite relative error
  std::string worst_case;
  std::size_t mismatches = 0;  // inf / exact-zero / NaN mismatches (relative error +inf)
  std::string first_mismatch;
};

std::map<std::string, measure_stats>& stats() {
  static std::map<std::string, measure_stats> s;
  return s;
}

void record(const std::string& key, const kullback_test::reference_case& c, double err) {
  measure_stats& s = stats()[key];
  ++s.rows;
  if (!(err <= kRelTol)) ++s.failures;
  if (std::isinf(err)) {
    if (s.mismatches++ == 0) s.first_mismatch = c.id + (c.has_param() ? " (" + c.param_text + ")" : "");
  } else if (s.worst_case.empty() || err > s.worst) {
    s.worst = err;
    s.worst_case = c.id + (c.has_param() ? " (" + c.param_text + ")" : "");
  }
}

std::string report_markdown() {
  std::ostringstream s;
  s << "| measure | rows | failures | worst relative error | worst case | inf/0/NaN mismatches | first mismatch |\n"
    << "|---|---:|---:|---:|---|---:|---|\n";
  for (const auto& [measure, st] : stats()) {
    char err[32];
    std::snprintf(err, sizeof err, "%.3g", st.worst);
    s << "| " << measure << " | " << st.rows << " | " << st.failures << " | " << err << " | " << st.worst_case << " | "
      << st.mismatches << " | " << st.first_mismatch << " |\n";
  }
  return s.str();
}

class report_environment : public ::testing::Environment {
 public:
  void TearDown() override {
    if (stats().empty()) return;
    const std::string md = report_markdown();
    std::printf("\nkullback discrete accuracy vs mpmath (relative error; pass <= %g)\n%s\n", kRelTol, md.c_str());
    std::fflush(stdout);
    if (const char* path = std::getenv("KULLBACK_ACCURACY_REPORT"); path != nullptr && *path != '\0') {
      std::ofstream out(path);
      out << "# kullback discrete accuracy\n\n"
          << "Relative error of each measure against the mpmath reference (`tests/data/discrete_reference.tsv`, "
          << "options `{.tolerance = 1e-6}`); a row passes at <= " << kRelTol
          << ", an expected +inf or 0 must be matched exactly (|x| <= 1e-300 for 0).\n\n"
          << md;
      if (!out) std::fprintf(stderr, "could not write KULLBACK_ACCURACY_REPORT=%s\n", path);
    }
  }
};

[[maybe_unused]] ::testing::Environment* const report_env =
    ::testing::AddGlobalTestEnvironment(new report_environment);

// ---- the tests -------------------------------------------------------------------------------

TEST(DiscreteReference, TableLoads) {
  const loaded_table& t = table();
  ASSERT_TRUE(t.error.empty()) << t.error;
  EXPECT_GT(t.cases.size(), 1000u) << "suspiciously few rows in " << t.path;
  // Every measure of the public API appears.
  for (const char* m : {"entropy", "cross_entropy", "kl", "jeffreys", "js", "js_distance", "skew_kl", "tv", "hellinger",
                        "bhattacharyya", "chi2", "neyman_chi2", "cauchy_schwarz", "alpha_divergence", "tsallis",
                        "renyi"}) {
    EXPECT_TRUE(std::any_of(t.cases.begin(), t.cases.end(), [&](const auto& c) { return c.measure == m; }))
        << "no rows for " << m;
  }
}

class DiscreteAccuracy : public ::testing::TestWithParam<std::size_t> {};

void check_value(const kullback_test::reference_case& c, const std::string& key, double got, double expected) {
  const double err = reference_relative_error(got, expected);
  record(key, c, err);
  EXPECT_LE(err, kRelTol) << key << ": got " << fmt(got) << ", expected " << fmt(expected) << " (relative error "
                          << err << ")";
}

TEST_P(DiscreteAccuracy, MatchesMpmath) {
  const kullback_test::reference_case& c = table().cases.at(GetParam());
  SCOPED_TRACE(describe(c));

  const kullback::options opts{.tolerance = 1e-6};
  double got = 0.0;
  try {
    got = evaluate(c, opts);
  } catch (const std::exception& e) {
    record(c.measure, c, kInf);
    FAIL() << c.measure << " threw: " << e.what();
  }
  check_value(c, c.measure, got, c.expected);

  // js and js_distance with weight 0.5 through the overload without a weight.
  if ((c.measure == "js" || c.measure == "js_distance") && c.param == 0.5) {
    try {
      const double d = c.measure == "js" ? kullback::js(c.p(), c.q(), opts) : kullback::js_distance(c.p(), c.q(), opts);
      check_value(c, c.measure + " (default weight)", d, c.expected);
    } catch (const std::exception& e) {
      ADD_FAILURE() << c.measure << " without a weight threw: " << e.what();
    }
  }

  if (has_log_base(c.measure)) {
    const kullback::options bits{.base = kullback::log_base::two, .tolerance = 1e-6};
    try {
      check_value(c, c.measure + " (bits)", evaluate(c, bits), c.expected / std::numbers::ln2);
    } catch (const std::exception& e) {
      record(c.measure + " (bits)", c, kInf);
      ADD_FAILURE() << c.measure << " with base two threw: " << e.what();
    }
  }
}

std::string test_name(const ::testing::TestParamInfo<std::size_t>& info) {
  const kullback_test::reference_case& c = table().cases.at(info.param);
  std::string name = "r" + std::to_string(c.line) + "_" + c.id + "_" + c.measure;
  if (c.has_param()) name += "_" + c.param_text;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Reference, DiscreteAccuracy, ::testing::Range<std::size_t>(0, table().cases.size()),
                         test_name);

}  // namespace
