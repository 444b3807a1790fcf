// Accuracy of the exponential-family closed forms against the mpmath reference in
// tests/data/exponential_family_reference.tsv (written by scripts/gen_exponential_family_reference.py).
//
// Every row is checked: expected +inf -> the result is +inf; expected 0 -> the result is exactly 0;
// otherwise |result - expected| <= 1e-12 |expected| (for chernoff, 1e-12 max(1, |log expected|):
// C = exp((alpha - 1) D) has condition number |log C| in D, so a D accurate to 1e-14 may give
// C = 1e-30 only to ~1e-12). At the end the worst relative error per
// family and measure is printed.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
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

std::vector<double> numbers(const std::string& s) {
  std::vector<double> out;
  for (const auto& x : split(s, ',')) out.push_back(std::strtod(x.c_str(), nullptr));
  return out;
}

using dist = std::variant<kullback::gamma, kullback::exponential, kullback::chi_squared, kullback::inverse_gamma,
                          kullback::beta, kullback::dirichlet, kullback::log_normal, kullback::half_normal,
                          kullback::continuous_bernoulli, kullback::von_mises>;

dist parse(const std::string& field) {
  const auto f = split(field, ';');
  const auto x = [&](std::size_t i) { return std::strtod(f.at(i).c_str(), nullptr); };
  if (f[0] == "gamma") return kullback::gamma(x(1), x(2));
  if (f[0] == "exponential") return kullback::exponential(x(1));
  if (f[0] == "chi_squared") return kullback::chi_squared(x(1));
  if (f[0] == "inverse_gamma") return kullback::inverse_gamma(x(1), x(2));
  if (f[0] == "beta") return kullback::beta(x(1), x(2));
  if (f[0] == "dirichlet") return kullback::dirichlet(numbers(f.at(1)));
  if (f[0] == "log_normal") return kullback::log_normal(x(1), x(2));
  if (f[0] == "half_normal") return kullback::half_normal(x(1));
  if (f[0] == "continuous_bernoulli") return kullback::continuous_bernoulli(x(1));
  if (f[0] == "von_mises") return kullback::von_mises(x(1), x(2));
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
  const std::string path = std::string(KULLBACK_TEST_DATA_DIR) + "/exponential_family_reference.tsv";
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
    const double param = f[2] == "-" ? std::numeric_limits<double>::quiet_NaN() : std::strtod(f[2].c_str(), nullptr);
    const double expected =
        f[5] == "inf" ? std::numeric_limits<double>::infinity() : std::strtod(f[5].c_str(), nullptr);
    rows.push_back({f[0], f[1], param, p, q, expected, n});
  }
  return rows;
}

double evaluate(const row& r) {
  return std::visit(
      [&](const auto& p, const auto& q) -> double {
        // Pairs with every measure (cross-family pairs with kl only are not in this table).
        if constexpr (requires { kullback::renyi(p, q, 0.5); kullback::hellinger(p, q); }) {
          const std::string& m = r.measure;
          const double a = r.param;
          if (m == "kl") return kullback::kl(p, q);
          if (m == "jeffreys") return kullback::jeffreys(p, q);
          if (m == "renyi") return kullback::renyi(p, q, a);
          if (m == "chernoff") return kullback::chernoff_coefficient(p, q, a);
          if (m == "bhattacharyya") return kullback::bhattacharyya(p, q);
          if (m == "hellinger") return kullback::hellinger(p, q);
          throw std::runtime_error("unknown measure " + m);
        } else {
          throw std::runtime_error("no closed form for this pair");
        }
      },
      *r.p, *r.q);
}

// "gamma_near1e-08_shape3" -> "gamma"; "continuous_bernoulli_pair1_2" -> "continuous_bernoulli"
std::string family(const std::string& id) {
  for (const char* f : {"gamma", "exponential", "chi_squared", "cross", "inverse_gamma", "beta", "dirichlet",
                        "log_normal", "half_normal", "continuous_bernoulli", "von_mises"}) {
    const std::string prefix = std::string(f) + "_";
    if (id.rfind(prefix, 0) == 0) return f;
  }
  return id;
}

TEST(ExponentialFamilyAccuracy, EveryRowWithin1e12) {
  const auto rows = load();
  ASSERT_GT(rows.size(), 5000u);
  std::map<std::string, std::pair<double, std::string>> worst, worst_measure;
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
      const double condition = r.measure == "chernoff" ? std::fmax(1.0, std::fabs(std::log(r.expected))) : 1.0;
      ok = err <= kRelTol * condition;
    }
    if (!ok) {
      ++failures;
      ADD_FAILURE() << "line " << r.line << " " << r.id << " " << r.measure << "(" << r.param << "): got "
                    << std::to_string(got) << " (" << got << ") expected " << r.expected << " rel err " << err;
    }
    const std::string key = family(r.id);
    if (err >= worst[key].first) worst[key] = {err, r.id + " " + r.measure};
    const std::string mkey = key + " / " + r.measure;
    if (err >= worst_measure[mkey].first) worst_measure[mkey] = {err, r.id};
  }
  std::printf("worst relative error per family (%zu rows, %zu failures):\n", rows.size(), failures);
  for (const auto& [k, v] : worst) std::printf("  %-22s %.3g  (%s)\n", k.c_str(), v.first, v.second.c_str());
  if (std::getenv("KULLBACK_ACCURACY_DETAIL")) {
    for (const auto& [k, v] : worst_measure) std::printf("  %-40s %.3g  (%s)\n", k.c_str(), v.first, v.second.c_str());
  }
}

}  // namespace
