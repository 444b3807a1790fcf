// Accuracy of the location-scale, heavy-tailed and cross-family measures against the mpmath
// reference in tests/data/location_scale_reference.tsv, and agreement with torch.distributions on
// the ordinary inputs of tests/data/location_scale_torch.tsv (both written by
// scripts/gen_location_scale_reference.py).
//
// Reference rows: expected +inf -> the result is +inf; expected 0 -> exactly 0; otherwise
// |result - expected| <= tol |expected| with the row's tol (1e-12 unless the row says otherwise).
// Every value is computed twice, by the overload and through the registry, and both must agree
// bit for bit. The worst relative error per measure and family is printed.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "kullback/kullback.hpp"

#ifndef KULLBACK_TEST_DATA_DIR
#error "KULLBACK_TEST_DATA_DIR must be defined"
#endif

namespace {

namespace k = kullback;
constexpr double inf = std::numeric_limits<double>::infinity();

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

double number(const std::string& s) {
  if (s == "inf") return inf;
  if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
  return std::strtod(s.c_str(), nullptr);
}

using dist = std::variant<k::laplace, k::uniform, k::pareto, k::cauchy, k::gumbel, k::weibull, k::logistic, k::normal,
                          k::exponential, k::gamma, k::chi_squared, k::beta, k::continuous_bernoulli>;

dist parse(const std::string& field) {
  const auto f = split(field, ';');
  const auto x = [&](std::size_t i) { return number(f.at(i)); };
  if (f[0] == "laplace") return k::laplace(x(1), x(2));
  if (f[0] == "uniform") return k::uniform(x(1), x(2));
  if (f[0] == "pareto") return k::pareto(x(1), x(2));
  if (f[0] == "cauchy") return k::cauchy(x(1), x(2));
  if (f[0] == "gumbel") return k::gumbel(x(1), x(2));
  if (f[0] == "weibull") return k::weibull(x(1), x(2));
  if (f[0] == "logistic") return k::logistic(x(1), x(2));
  if (f[0] == "normal") return k::normal(x(1), x(2));
  if (f[0] == "exponential") return k::exponential(x(1));
  if (f[0] == "gamma") return k::gamma(x(1), x(2));
  if (f[0] == "chi2") return k::chi_squared(x(1));
  if (f[0] == "beta") return k::beta(x(1), x(2));
  if (f[0] == "cb") return k::continuous_bernoulli(x(1));
  throw std::runtime_error("unknown distribution " + f[0]);
}

k::measure measure_of(const std::string& m) {
  if (m == "kl") return k::measure::kl;
  if (m == "jeffreys") return k::measure::jeffreys;
  if (m == "renyi") return k::measure::renyi;
  if (m == "chernoff") return k::measure::chernoff_coefficient;
  if (m == "bhattacharyya") return k::measure::bhattacharyya;
  if (m == "hellinger") return k::measure::hellinger;
  throw std::runtime_error("unknown measure " + m);
}

// The overload for (measure, P, Q), or NaN when none is declared.
template <class P, class Q>
double direct(k::measure m, const P& p, const Q& q, double a) {
  using k::measure;
  switch (m) {
    case measure::kl:
      if constexpr (requires { k::kl(p, q); }) return k::kl(p, q);
      break;
    case measure::jeffreys:
      if constexpr (requires { k::jeffreys(p, q); }) return k::jeffreys(p, q);
      break;
    case measure::renyi:
      if constexpr (requires { k::renyi(p, q, a); }) return k::renyi(p, q, a);
      break;
    case measure::chernoff_coefficient:
      if constexpr (requires { k::chernoff_coefficient(p, q, a); }) return k::chernoff_coefficient(p, q, a);
      break;
    case measure::bhattacharyya:
      if constexpr (requires { k::bhattacharyya(p, q); }) return k::bhattacharyya(p, q);
      break;
    case measure::hellinger:
      if constexpr (requires { k::hellinger(p, q); }) return k::hellinger(p, q);
      break;
    default: break;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

struct evaluation {
  double direct;
  double registry;
};

evaluation evaluate(k::measure m, const dist& p, const dist& q, double a) {
  return std::visit(
      [&](const auto& pp, const auto& qq) {
        return evaluation{direct(m, pp, qq, a), k::registry().evaluate(m, pp, qq, a)};
      },
      p, q);
}

struct row {
  std::string id, measure;
  double param;
  std::shared_ptr<dist> p, q;
  double expected, tol;
  std::size_t line;
};

std::vector<row> load_reference() {
  const std::string path = std::string(KULLBACK_TEST_DATA_DIR) + "/location_scale_reference.tsv";
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
    if (f.size() != 7) throw std::runtime_error("bad line " + std::to_string(n));
    if (f[3] != "=") p = std::make_shared<dist>(parse(f[3]));
    if (f[4] != "=") q = std::make_shared<dist>(parse(f[4]));
    const double param = f[2] == "-" ? k::measure_registry::default_alpha() : number(f[2]);
    rows.push_back({f[0], f[1], param, p, q, number(f[5]), number(f[6]), n});
  }
  return rows;
}

// "laplace_near_1e-09_0" -> "laplace near"; "x_uniform_beta_01" -> "cross uniform->beta"
std::string family(const std::string& id) {
  const auto parts = split(id, '_');
  if (parts[0] == "x") return "cross " + parts[1] + "->" + parts[2];
  std::string kind = parts.size() > 1 ? parts[1] : "";
  if (kind.rfind("ordinary", 0) == 0) kind = "ordinary";
  return parts[0] + " " + kind;
}

TEST(LocationScaleAccuracy, EveryRowWithinItsTolerance) {
  const auto rows = load_reference();
  ASSERT_GT(rows.size(), 500u);
  std::map<std::string, std::pair<double, std::string>> worst, worst_family;
  std::size_t failures = 0;
  for (const auto& r : rows) {
    evaluation got{};
    try {
      got = evaluate(measure_of(r.measure), *r.p, *r.q, r.param);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "line " << r.line << " " << r.id << " " << r.measure << ": threw " << e.what();
      ++failures;
      continue;
    }
    const double v = got.direct;
    if (!(v == got.registry || (std::isnan(v) && std::isnan(got.registry)))) {
      ADD_FAILURE() << "line " << r.line << " " << r.id << ": registry " << got.registry << " != overload " << v;
    }
    double err = 0.0;
    bool ok;
    if (std::isinf(r.expected)) {
      ok = std::isinf(v) && v > 0;
    } else if (r.expected == 0.0) {
      ok = v == 0.0;
      err = std::fabs(v);
    } else {
      err = std::fabs(v - r.expected) / std::fabs(r.expected);
      ok = err <= r.tol;
    }
    if (!ok) {
      ++failures;
      ADD_FAILURE() << "line " << r.line << " " << r.id << " " << r.measure << "(" << r.param << "): got "
                    << std::to_string(v) << " (" << v << ") expected " << r.expected << " rel err " << err;
    }
    if (err >= worst[r.measure].first) worst[r.measure] = {err, r.id};
    const std::string fkey = r.measure + " / " + family(r.id);
    if (err >= worst_family[fkey].first) worst_family[fkey] = {err, r.id};
  }
  std::printf("worst relative error per measure (%zu rows, %zu failures):\n", rows.size(), failures);
  for (const auto& [key, v] : worst) std::printf("  %-14s %.3g  (%s)\n", key.c_str(), v.first, v.second.c_str());
  if (std::getenv("KULLBACK_ACCURACY_DETAIL")) {
    for (const auto& [key, v] : worst_family) {
      std::printf("  %-40s %.3g  (%s)\n", key.c_str(), v.first, v.second.c_str());
    }
  }
}

// torch's float64 values on ordinary inputs: agreement to 1e-10 relative (torch's formulas
// subtract O(1) terms), except the cases where torch is wrong (docs/parametric_location_scale.md):
// NaN (0 log 0) for uniform -> beta with an endpoint at 0 or 1 and for uniform(0, h) -> gamma or
// chi_squared, and +inf for continuous_bernoulli <->
// uniform(0, 1). There kullback must be finite (its value is checked against mpmath above).
TEST(LocationScaleAccuracy, AgreesWithTorchOnOrdinaryInputs) {
  const std::string path = std::string(KULLBACK_TEST_DATA_DIR) + "/location_scale_torch.tsv";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot open " << path;
  std::string line;
  std::size_t rows = 0, torch_wrong = 0;
  double worst = 0.0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line, '\t');
    ASSERT_EQ(f.size(), 4u) << line;
    const double t = number(f[3]);
    const double v = evaluate(k::measure::kl, parse(f[1]), parse(f[2]), k::measure_registry::default_alpha()).direct;
    ++rows;
    const bool uniform_log = f[0].rfind("x_uniform_beta", 0) == 0 || f[0].rfind("x_uniform_gamma", 0) == 0 ||
                             f[0].rfind("x_uniform_chi2", 0) == 0;
    const bool cb_uniform = f[0].rfind("x_cb_uniform", 0) == 0 || f[0].rfind("x_uniform_cb", 0) == 0;
    if (std::isnan(t) || (std::isinf(t) && !std::isinf(v))) {
      EXPECT_TRUE((std::isnan(t) && uniform_log) || (std::isinf(t) && cb_uniform)) << f[0] << ": torch " << t
                                                                                      << ", kullback " << v;
      EXPECT_TRUE(std::isfinite(v)) << f[0];
      ++torch_wrong;
      continue;
    }
    if (std::isinf(t)) {
      EXPECT_TRUE(std::isinf(v) && v > 0) << f[0];
      continue;
    }
    const double err = std::fabs(v - t) / std::fmax(std::fabs(t), 1e-300);
    EXPECT_LE(err, 1e-10) << f[0] << ": torch " << t << ", kullback " << v;
    worst = std::fmax(worst, err);
  }
  EXPECT_GT(rows, 100u);
  std::printf("%zu torch rows; worst relative difference %.3g; torch wrong (NaN / +inf) in %zu\n", rows, worst,
              torch_wrong);
}

}  // namespace
