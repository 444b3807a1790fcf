// Accuracy of the Gaussian closed forms against the mpmath reference in
// tests/data/parametric_reference.tsv (written by scripts/gen_parametric_reference.py).
//
// Every row is checked: expected +inf -> the result is +inf; expected 0 -> the result is exactly 0;
// otherwise |result - expected| <= 1e-12 |expected|. At the end the worst relative error per
// measure (and per measure and case family) is printed.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "kullback/kullback.hpp"

#ifndef KULLBACK_TEST_DATA_DIR
#error "KULLBACK_TEST_DATA_DIR must be defined"
#endif

namespace {

constexpr double kRelTol = 1e-12;

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

std::vector<double> numbers(const std::string& s) {
  std::vector<double> out;
  for (const auto& x : split(s, ',')) out.push_back(std::strtod(x.c_str(), nullptr));
  return out;
}

using dist = std::variant<kullback::normal, kullback::multivariate_normal>;

dist parse(const std::string& field) {
  const auto f = split(field, ';');
  if (f[0] == "normal") return kullback::normal(std::strtod(f[1].c_str(), nullptr), std::strtod(f[2].c_str(), nullptr));
  const std::size_t d = std::stoul(f[1]);
  using mvn = kullback::multivariate_normal;
  if (f[0] == "lowrank") {
    const std::size_t r = std::stoul(f[2]);
    const auto mean = numbers(f[3]), w = numbers(f[4]), diag = numbers(f[5]);
    return mvn::low_rank(mean, {w.data(), d, r}, diag);
  }
  const auto mean = numbers(f[2]), a = numbers(f[3]);
  if (f[0] == "diag") return mvn::diagonal(mean, a);
  const kullback::matrix_view<const double> m{a.data(), d, d};
  if (f[0] == "cov") return mvn::from_covariance(mean, m);
  if (f[0] == "tril") return mvn::from_scale_tril(mean, m);
  if (f[0] == "prec") return mvn::from_precision(mean, m);
  throw std::runtime_error("unknown distribution " + f[0]);
}

struct row {
  std::string id, measure;
  double param;
  std::shared_ptr<dist> p, q;
  double expected;
  std::size_t line;
  std::string p_field, q_field;  // as written in the table (for the batch factories)
};

std::vector<row> load() {
  const std::string path = std::string(KULLBACK_TEST_DATA_DIR) + "/parametric_reference.tsv";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<row> rows;
  std::string line;
  std::size_t n = 0;
  std::shared_ptr<dist> p, q;
  std::string p_field, q_field;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line, '\t');
    if (f.size() != 6) throw std::runtime_error("bad line " + std::to_string(n));
    if (f[3] != "=") p = std::make_shared<dist>(parse(f[3])), p_field = f[3];
    if (f[4] != "=") q = std::make_shared<dist>(parse(f[4])), q_field = f[4];
    const double param = f[2] == "-" ? std::numeric_limits<double>::quiet_NaN() : std::strtod(f[2].c_str(), nullptr);
    const double expected = f[5] == "inf" ? std::numeric_limits<double>::infinity() : std::strtod(f[5].c_str(), nullptr);
    rows.push_back({f[0], f[1], param, p, q, expected, n, p_field, q_field});
  }
  return rows;
}

template <class D>
double evaluate(const std::string& measure, double a, const D& p, const D& q) {
  if (measure == "kl") return kullback::kl(p, q);
  if (measure == "jeffreys") return kullback::jeffreys(p, q);
  if (measure == "renyi") return kullback::renyi(p, q, a);
  if (measure == "chernoff") return kullback::chernoff_coefficient(p, q, a);
  if (measure == "bhattacharyya") return kullback::bhattacharyya(p, q);
  if (measure == "hellinger") return kullback::hellinger(p, q);
  if (measure == "w2") return kullback::wasserstein2(p, q);
  throw std::runtime_error("unknown measure " + measure);
}

double evaluate(const row& r) {
  if (std::holds_alternative<kullback::normal>(*r.p)) {
    return evaluate(r.measure, r.param, std::get<kullback::normal>(*r.p), std::get<kullback::normal>(*r.q));
  }
  return evaluate(r.measure, r.param, std::get<kullback::multivariate_normal>(*r.p),
                  std::get<kullback::multivariate_normal>(*r.q));
}

// "mvn16_near_cov_1e-10" -> "mvn near_cov"; "n_far_wide" -> "n far_wide"
std::string family(const std::string& id) {
  const auto parts = split(id, '_');
  std::string head = parts[0].rfind("mvn", 0) == 0 ? "mvn" : parts[0];
  std::string tail = parts.size() > 1 ? parts[1] : "";
  if (parts.size() > 2 && (parts[1] == "near" || parts[1] == "illcond" || parts[1] == "ordinary")) tail += "_" + parts[2];
  return head + " " + tail;
}

TEST(ParametricAccuracy, EveryRowWithin1e12) {
  const auto rows = load();
  ASSERT_GT(rows.size(), 1000u);
  std::map<std::string, std::pair<double, std::string>> worst, worst_family;
  std::size_t failures = 0;
  for (const auto& r : rows) {
    double got = 0.0;
    try {
      got = evaluate(r);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "line " << r.line << " " << r.id << " " << r.measure << ": threw " << e.what();
      ++failures;
      continue;
    }
    double err = 0.0;
    bool ok;
    if (std::isinf(r.expected)) {
      ok = std::isinf(got) && got > 0;
    } else if (r.expected == 0.0) {
      ok = got == 0.0;
      err = std::fabs(got);
    } else {
      err = std::fabs(got - r.expected) / std::fabs(r.expected);
      ok = err <= kRelTol;
    }
    if (!ok) {
      ++failures;
      ADD_FAILURE() << "line " << r.line << " " << r.id << " " << r.measure << "(" << r.param << "): got "
                    << std::to_string(got) << " expected " << r.expected << " rel err " << err;
    }
    const std::string key = r.measure;
    if (err >= worst[key].first) worst[key] = {err, r.id};
    const std::string fkey = r.measure + " / " + family(r.id);
    if (err >= worst_family[fkey].first) worst_family[fkey] = {err, r.id};
  }
  std::printf("worst relative error per measure (%zu rows, %zu failures):\n", rows.size(), failures);
  for (const auto& [k, v] : worst) std::printf("  %-14s %.3g  (%s)\n", k.c_str(), v.first, v.second.c_str());
  if (std::getenv("KULLBACK_ACCURACY_DETAIL")) {
    for (const auto& [k, v] : worst_family) std::printf("  %-40s %.3g  (%s)\n", k.c_str(), v.first, v.second.c_str());
  }
}

// The same table through multivariate_normal_batch (batches of one item; kl and jeffreys, the
// measures with a double kernel) for every pair given as covariance, scale_tril or precision: the
// ordinary rows take the double path, the condition-1e8 rows the long double one.
std::optional<kullback::multivariate_normal_batch> parse_batch(const std::string& field) {
  const auto f = split(field, ';');
  if (f[0] != "cov" && f[0] != "tril" && f[0] != "prec") return std::nullopt;
  const std::size_t d = std::stoul(f[1]);
  const auto mean = numbers(f[2]), a = numbers(f[3]);
  const kullback::matrix_view<const double> means{mean.data(), 1, d}, m{a.data(), d, d};
  using mvnb = kullback::multivariate_normal_batch;
  if (f[0] == "cov") return mvnb::from_covariance(means, m);
  if (f[0] == "tril") return mvnb::from_scale_tril(means, m);
  return mvnb::from_precision(means, m);
}

TEST(ParametricAccuracy, BatchFactoriesWithin1e12) {
  std::map<std::string, std::pair<double, std::string>> worst;
  std::size_t checked = 0, extended = 0;
  for (const auto& r : load()) {
    if (r.measure != "kl" && r.measure != "jeffreys") continue;
    const auto p = parse_batch(r.p_field), q = parse_batch(r.q_field);
    if (!p || !q) continue;
    ++checked;
    extended += p->extended(0) || q->extended(0);
    std::vector<double> out(1);
    if (r.measure == "kl") kullback::kl(*p, *q, out);
    else kullback::jeffreys(*p, *q, out);
    double err = 0.0;
    if (r.expected == 0.0) {
      EXPECT_EQ(out[0], 0.0) << "line " << r.line << " " << r.id;
    } else {
      err = std::fabs(out[0] - r.expected) / std::fabs(r.expected);
      EXPECT_LE(err, kRelTol) << "line " << r.line << " " << r.id << " " << r.measure;
    }
    const std::string key = r.measure + (p->extended(0) || q->extended(0) ? " (long double)" : " (double)");
    if (err >= worst[key].first) worst[key] = {err, r.id};
  }
  EXPECT_GT(checked, 60u);
  EXPECT_GT(extended, 5u);
  std::printf("batch factories, worst relative error (%zu rows, %zu with an extended item):\n", checked, extended);
  for (const auto& [k, v] : worst) std::printf("  %-24s %.3g  (%s)\n", k.c_str(), v.first, v.second.c_str());
}

}  // namespace
