// Accuracy of the discrete-family closed forms (bernoulli, binomial, geometric, poisson,
// negative_binomial, categorical, one_hot_categorical and the cross pairs with poisson) against
// the mpmath reference in tests/data/discrete_family_reference.tsv (written by
// scripts/gen_discrete_family_reference.py: direct sums over the support at 50 digits).
//
// Every row is checked: expected +inf -> the result is +inf; expected 0 -> the result is exactly 0;
// otherwise |result - expected| <= 1e-12 |expected|. At the end the worst relative error per
// measure (and, with KULLBACK_ACCURACY_DETAIL set, per measure and case family) is printed.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
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

double number(const std::string& s) {
  if (s == "-inf") return -std::numeric_limits<double>::infinity();
  return std::strtod(s.c_str(), nullptr);
}

std::vector<double> numbers(const std::string& s) {
  std::vector<double> out;
  for (const auto& x : split(s, ',')) out.push_back(number(x));
  return out;
}

using dist = std::variant<kullback::bernoulli, kullback::binomial, kullback::geometric, kullback::poisson,
                          kullback::negative_binomial, kullback::categorical, kullback::one_hot_categorical>;

dist parse(const std::string& field) {
  const auto f = split(field, ';');
  if (f[0] == "bernoulli") return kullback::bernoulli(number(f[1]));
  if (f[0] == "binomial") return kullback::binomial(number(f[1]), number(f[2]));
  if (f[0] == "geometric") return kullback::geometric(number(f[1]));
  if (f[0] == "poisson") return kullback::poisson(number(f[1]));
  if (f[0] == "negative_binomial") return kullback::negative_binomial(number(f[1]), number(f[2]));
  const auto v = numbers(f[1]);
  if (f[0] == "categorical") return kullback::categorical(v);
  if (f[0] == "logits") return kullback::categorical::from_logits(v);
  if (f[0] == "one_hot") return kullback::one_hot_categorical(v);
  throw std::runtime_error("unknown distribution " + f[0]);
}

struct row {
  std::string id, measure;
  double param;
  std::shared_ptr<dist> p, q;
  double expected;
  std::size_t line;
};

std::vector<row> load() {
  const std::string path = std::string(KULLBACK_TEST_DATA_DIR) + "/discrete_family_reference.tsv";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<row> rows;
  std::string line;
  std::size_t n = 0;
  std::shared_ptr<dist> p, q;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line, '\t');
    if (f.size() != 6) throw std::runtime_error("bad line " + std::to_string(n));
    if (f[3] != "=") p = std::make_shared<dist>(parse(f[3]));
    if (f[4] != "=") q = std::make_shared<dist>(parse(f[4]));
    const double param = f[2] == "-" ? std::numeric_limits<double>::quiet_NaN() : number(f[2]);
    const double expected = f[5] == "inf" ? std::numeric_limits<double>::infinity() : number(f[5]);
    rows.push_back({f[0], f[1], param, p, q, expected, n});
  }
  return rows;
}

template <class P, class Q>
double evaluate(const std::string& measure, double a, const P& p, const Q& q) {
  if constexpr (requires { kullback::kl(p, q); }) {
    if (measure == "kl") return kullback::kl(p, q);
    if (measure == "jeffreys") return kullback::jeffreys(p, q);
    if (measure == "renyi") return kullback::renyi(p, q, a);
    if (measure == "chernoff") return kullback::chernoff_coefficient(p, q, a);
    if (measure == "bhattacharyya") return kullback::bhattacharyya(p, q);
    if (measure == "hellinger") return kullback::hellinger(p, q);
    throw std::runtime_error("unknown measure " + measure);
  } else {
    throw std::runtime_error(std::string("no overload for (") + P::family_name + ", " + Q::family_name + ")");
  }
}

double evaluate(const row& r) {
  return std::visit([&](const auto& p, const auto& q) { return evaluate(r.measure, r.param, p, q); }, *r.p, *r.q);
}

// "bern_near_1e-08_2" -> "bern near"; "pois_ordinary3" -> "pois ordinary"
std::string family(const std::string& id) {
  const auto parts = split(id, '_');
  std::string tail = parts.size() > 1 ? parts[1] : "";
  while (!tail.empty() && std::isdigit(static_cast<unsigned char>(tail.back()))) tail.pop_back();
  return parts[0] + " " + tail;
}

TEST(DiscreteFamilyAccuracy, EveryRowWithin1e12) {
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
                    << std::to_string(got) << " (" << got << ") expected " << r.expected << " rel err " << err;
    }
    if (err >= worst[r.measure].first) worst[r.measure] = {err, r.id};
    const std::string fkey = r.measure + " / " + family(r.id);
    if (err >= worst_family[fkey].first) worst_family[fkey] = {err, r.id};
  }
  std::printf("worst relative error per measure (%zu rows, %zu failures):\n", rows.size(), failures);
  for (const auto& [k, v] : worst) std::printf("  %-14s %.3g  (%s)\n", k.c_str(), v.first, v.second.c_str());
  if (std::getenv("KULLBACK_ACCURACY_DETAIL")) {
    for (const auto& [k, v] : worst_family) std::printf("  %-40s %.3g  (%s)\n", k.c_str(), v.first, v.second.c_str());
  }
}

}  // namespace
