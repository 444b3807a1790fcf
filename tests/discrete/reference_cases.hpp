// Reader for tests/data/discrete_reference.tsv, the mpmath accuracy reference written by
// scripts/gen_discrete_reference.py, and an exact C++ replica of that script's vector recipes.
//
// Each data line is
//   case_id <TAB> measure <TAB> param <TAB> p <TAB> q <TAB> expected
// with param '-' (no parameter), 'inf' or a double; p and q either 'v:x0,x1,...' (explicit doubles,
// printed with Python's repr) or a recipe 'gen:<kind>:<seed>:<n>:<arg>'; q is '-' for entropy;
// expected is the exact value rounded to the nearest double ('%.17g', or 'inf'). Lines that are
// empty or start with '#' are comments.
//
// Recipes (the grammar is documented in full in the generator's docstring):
//   kind = base('.'transform)*, arg = '-' or a ','-separated list consumed left to right by the
//   stages that take a parameter; one splitmix64 stream seeded with <seed> feeds all stages.
//   bases:      uniform | flat | zipf | decades(kmax) | onehot(k)      (each ends normalised)
//   transforms: near(eps) | zero(m) (both renormalise) | shuffle | reverse | shift
// Every step is one IEEE double operation or integer arithmetic, evaluated in the same order as
// in Python, so both sides produce the same bits. Decimal parameters go through strtod, which is
// correctly rounded like Python's float().
//
// Header-only so that a test needs no extra source file.
#pragma once

#include <algorithm>
#include <cerrno>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#ifdef __FAST_MATH__
#error "reference_cases.hpp replays IEEE double arithmetic exactly; do not compile it with -ffast-math"
#endif
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD != 0
#error "reference_cases.hpp needs double arithmetic without excess precision (FLT_EVAL_METHOD == 0)"
#endif

namespace kullback_test {

// One row of the reference table. The vectors are shared between the rows of a case (the
// vocabulary-size cases would otherwise take hundreds of MB).
struct reference_case {
  std::string id;       // case_id, e.g. "near_n1000_1e-8"
  std::string measure;  // e.g. "kl", "renyi"
  double param = std::numeric_limits<double>::quiet_NaN();  // NaN if '-'; may be +inf (renyi)
  std::shared_ptr<const std::vector<double>> p_data;
  std::shared_ptr<const std::vector<double>> q_data;  // empty vector for entropy
  double expected = 0.0;
  std::size_t line = 0;     // 1-based line in the .tsv
  std::string param_text;   // as written in the file
  std::string p_field;      // the field as written (recipe or explicit)
  std::string q_field;

  const std::vector<double>& p() const { return *p_data; }
  const std::vector<double>& q() const { return *q_data; }
  bool has_param() const { return !std::isnan(param); }
};

class reference_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace detail {

inline std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

// A decimal (or 'inf') to the nearest double, like Python's float(); the whole text must be used.
// strtod may set ERANGE for subnormal results, which are still exact-rounded, so errno is ignored.
inline double parse_double(std::string_view text) {
  const std::string s(text);
  if (s.empty()) throw reference_error("empty number");
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) throw reference_error("bad number '" + s + "'");
  return v;
}

inline std::uint64_t parse_uint(std::string_view text) {
  std::uint64_t v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty())
    throw reference_error("bad unsigned integer '" + std::string(text) + "'");
  return v;
}

// Forces a product to be rounded to double before it is added, so the compiler cannot fuse
// 1.0 + eps * t into one fma (which Python does not do).
inline double rounded(double x) {
  volatile double r = x;
  return r;
}

}  // namespace detail

// splitmix64 (Steele, Lea, Flood 2014), as in the generator.
class splitmix64 {
 public:
  explicit splitmix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // A double in [0, 1): the top 53 bits times 2^-53 (both steps exact).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1p-53; }

 private:
  std::uint64_t state_;
};

// Divide by the sum taken left to right in double.
inline void normalise(std::vector<double>& x) {
  double s = 0.0;
  for (double v : x) s += v;
  if (!(s > 0.0)) throw reference_error("recipe produced a vector with sum <= 0");
  for (double& v : x) v = v / s;
}

// Expands 'gen:<kind>:<seed>:<n>:<arg>' exactly as scripts/gen_discrete_reference.py does.
inline std::vector<double> expand_recipe(std::string_view field) {
  const auto parts = detail::split(field, ':');
  if (parts.size() != 5 || parts[0] != "gen") throw reference_error("bad recipe '" + std::string(field) + "'");
  const std::uint64_t seed = detail::parse_uint(parts[2]);
  const std::uint64_t n64 = detail::parse_uint(parts[3]);
  if (n64 < 1 || n64 > (std::uint64_t{1} << 32)) throw reference_error("bad n in '" + std::string(field) + "'");
  const auto n = static_cast<std::size_t>(n64);
  const auto stages = detail::split(parts[1], '.');
  std::vector<std::string_view> args;
  if (parts[4] != "-") args = detail::split(parts[4], ',');

  auto takes_param = [](std::string_view s) -> int {
    if (s == "decades" || s == "onehot" || s == "near" || s == "zero") return 1;
    if (s == "uniform" || s == "flat" || s == "zipf" || s == "shuffle" || s == "reverse" || s == "shift") return 0;
    return -1;
  };
  const bool base_ok = stages[0] == "uniform" || stages[0] == "flat" || stages[0] == "zipf" ||
                       stages[0] == "decades" || stages[0] == "onehot";
  std::size_t needed = 0;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const int t = takes_param(stages[i]);
    const bool is_base = stages[i] == "uniform" || stages[i] == "flat" || stages[i] == "zipf" ||
                         stages[i] == "decades" || stages[i] == "onehot";
    if (t < 0 || (i > 0 && is_base)) throw reference_error("bad recipe stage in '" + std::string(field) + "'");
    needed += static_cast<std::size_t>(t);
  }
  if (!base_ok || needed != args.size())
    throw reference_error("bad recipe kind/arguments in '" + std::string(field) + "'");

  splitmix64 rng(seed);
  std::size_t next_arg = 0;
  std::vector<double> x(n);

  const std::string_view base = stages[0];
  if (base == "uniform") {
    for (auto& v : x) v = rng.uniform();
  } else if (base == "flat") {
    std::fill(x.begin(), x.end(), 1.0);
  } else if (base == "zipf") {
    for (std::size_t i = 0; i < n; ++i) x[i] = 1.0 / static_cast<double>(i + 1);
  } else if (base == "decades") {
    const std::uint64_t kmax = detail::parse_uint(args[next_arg++]);
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t k = n == 1 ? 0 : (static_cast<std::uint64_t>(i) * kmax) / (n64 - 1);
      x[i] = detail::parse_double("1e-" + std::to_string(k));
    }
  } else {  // onehot
    const std::uint64_t k = detail::parse_uint(args[next_arg++]);
    if (k >= n64) throw reference_error("onehot index out of range in '" + std::string(field) + "'");
    std::fill(x.begin(), x.end(), 0.0);
    x[static_cast<std::size_t>(k)] = 1.0;
  }
  normalise(x);

  for (std::size_t s = 1; s < stages.size(); ++s) {
    const std::string_view stage = stages[s];
    if (stage == "near") {
      const double eps = detail::parse_double(args[next_arg++]);
      for (auto& v : x) {
        const double t = detail::rounded(eps * (2.0 * rng.uniform() - 1.0));
        v = v * (1.0 + t);
      }
      normalise(x);
    } else if (stage == "zero") {
      const std::uint64_t m = detail::parse_uint(args[next_arg++]);
      if (m < 1) throw reference_error("zero(m) needs m >= 1 in '" + std::string(field) + "'");
      for (auto& v : x)
        if (rng.next() % m == 0) v = 0.0;
      normalise(x);
    } else if (stage == "shuffle") {
      for (std::size_t i = n - 1; i >= 1; --i) {
        const auto j = static_cast<std::size_t>(rng.next() % (static_cast<std::uint64_t>(i) + 1));
        std::swap(x[i], x[j]);
      }
    } else if (stage == "reverse") {
      std::reverse(x.begin(), x.end());
    } else if (stage == "shift") {
      std::rotate(x.begin(), x.begin() + 1, x.end());
    }
  }
  return x;
}

// A vector field: 'v:...' or 'gen:...'. ('-' is handled by the caller.)
inline std::vector<double> parse_vector_field(std::string_view field) {
  if (field.substr(0, 2) == "v:") {
    std::vector<double> out;
    for (auto tok : detail::split(field.substr(2), ',')) out.push_back(detail::parse_double(tok));
    return out;
  }
  if (field.substr(0, 4) == "gen:") return expand_recipe(field);
  throw reference_error("bad vector field '" + std::string(field.substr(0, 40)) + "'");
}

// Reads the whole table. Throws reference_error (naming the line) on any malformed line.
inline std::vector<reference_case> load_reference_cases(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw reference_error("cannot open " + path);
  std::map<std::string, std::shared_ptr<const std::vector<double>>, std::less<>> cache;
  auto vector_for = [&](std::string_view field) {
    auto it = cache.find(field);
    if (it != cache.end()) return it->second;
    auto v = field == "-" ? std::make_shared<const std::vector<double>>()
                          : std::make_shared<const std::vector<double>>(parse_vector_field(field));
    cache.emplace(std::string(field), v);
    return std::shared_ptr<const std::vector<double>>(v);
  };

  std::vector<reference_case> cases;
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    try {
      const auto f = detail::split(line, '\t');
      if (f.size() != 6) throw reference_error("expected 6 tab-separated fields, got " + std::to_string(f.size()));
      reference_case c;
      c.id = std::string(f[0]);
      c.measure = std::string(f[1]);
      c.param_text = std::string(f[2]);
      if (f[2] != "-") c.param = detail::parse_double(f[2]);
      c.p_field = std::string(f[3]);
      c.q_field = std::string(f[4]);
      if (f[3] == "-") throw reference_error("p must not be '-'");
      c.p_data = vector_for(f[3]);
      c.q_data = vector_for(f[4]);
      c.expected = detail::parse_double(f[5]);
      c.line = line_no;
      cases.push_back(std::move(c));
    } catch (const std::exception& e) {
      throw reference_error(path + ":" + std::to_string(line_no) + ": " + e.what());
    }
  }
  return cases;
}

}  // namespace kullback_test
