// Bad input: every case throws kullback::invalid_argument whose message names the function, the
// argument and the index or value (DESIGN.md, "Errors"). Also: a failed call leaves no state behind,
// and what a failing batch leaves in its output buffer.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace {

using namespace kullback;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using kullback_test::inf;
using kullback_test::nan;
using vec = std::vector<double>;
using fvec = std::vector<float>;

using kullback_test::error_of;

using single_fn = std::function<double(const distribution_view&, const distribution_view&, const options&)>;
using batch_fn = std::function<void(const distribution_view&, const distribution_view&, std::span<double>, const options&)>;

struct measure {
  std::string name;  // as in the message: kullback::<name>
  single_fn single_fn_;
  batch_fn batch_fn_;
  double single(const distribution_view& p, const distribution_view& q, const options& o = {}) const {
    return single_fn_(p, q, o);
  }
  void batch(const distribution_view& p, const distribution_view& q, std::span<double> out, const options& o = {}) const {
    batch_fn_(p, q, out, o);
  }
};

// Every pair measure, with a valid parameter.
std::vector<measure> measures() {
  std::vector<measure> m;
  auto add = [&](std::string name, single_fn s, batch_fn b) { m.push_back({std::move(name), std::move(s), std::move(b)}); };
  add("kl", [](auto& p, auto& q, auto& o) { return kl(p, q, o); }, [](auto& p, auto& q, auto out, auto& o) { kl(p, q, out, o); });
  add("skew_kl", [](auto& p, auto& q, auto& o) { return skew_kl(p, q, 0.5, o); },
      [](auto& p, auto& q, auto out, auto& o) { skew_kl(p, q, 0.5, out, o); });
  add("jeffreys", [](auto& p, auto& q, auto& o) { return jeffreys(p, q, o); }, [](auto& p, auto& q, auto out, auto& o) { jeffreys(p, q, out, o); });
  add("cross_entropy", [](auto& p, auto& q, auto& o) { return cross_entropy(p, q, o); },
      [](auto& p, auto& q, auto out, auto& o) { cross_entropy(p, q, out, o); });
  add("js", [](auto& p, auto& q, auto& o) { return js(p, q, o); }, [](auto& p, auto& q, auto out, auto& o) { js(p, q, 0.5, out, o); });
  add("js_distance", [](auto& p, auto& q, auto& o) { return js_distance(p, q, o); },
      [](auto& p, auto& q, auto out, auto& o) { js_distance(p, q, 0.5, out, o); });
  add("tv", [](auto& p, auto& q, auto& o) { return tv(p, q, o); }, [](auto& p, auto& q, auto out, auto& o) { tv(p, q, out, o); });
  add("hellinger", [](auto& p, auto& q, auto& o) { return hellinger(p, q, o); },
      [](auto& p, auto& q, auto out, auto& o) { hellinger(p, q, out, o); });
  add("bhattacharyya", [](auto& p, auto& q, auto& o) { return bhattacharyya(p, q, o); },
      [](auto& p, auto& q, auto out, auto& o) { bhattacharyya(p, q, out, o); });
  add("chi2", [](auto& p, auto& q, auto& o) { return chi2(p, q, o); }, [](auto& p, auto& q, auto out, auto& o) { chi2(p, q, out, o); });
  add("neyman_chi2", [](auto& p, auto& q, auto& o) { return neyman_chi2(p, q, o); },
      [](auto& p, auto& q, auto out, auto& o) { neyman_chi2(p, q, out, o); });
  add("cauchy_schwarz", [](auto& p, auto& q, auto& o) { return cauchy_schwarz(p, q, o); },
      [](auto& p, auto& q, auto out, auto& o) { cauchy_schwarz(p, q, out, o); });
  add("renyi", [](auto& p, auto& q, auto& o) { return renyi(p, q, 0.5, o); }, [](auto& p, auto& q, auto out, auto& o) { renyi(p, q, 0.5, out, o); });
  add("tsallis", [](auto& p, auto& q, auto& o) { return tsallis(p, q, 2.0, o); },
      [](auto& p, auto& q, auto out, auto& o) { tsallis(p, q, 2.0, out, o); });
  add("alpha_divergence", [](auto& p, auto& q, auto& o) { return alpha_divergence(p, q, -0.5, o); },
      [](auto& p, auto& q, auto out, auto& o) { alpha_divergence(p, q, -0.5, out, o); });
  add("f_divergence", [](auto& p, auto& q, auto& o) { return f_divergence(p, q, generators::tv(), o); },
      [](auto& p, auto& q, auto out, auto& o) { f_divergence(p, q, generators::tv(), out, o); });
  // entropy reads only p: exercised through the p cases.
  add("entropy", [](auto& p, auto&, auto& o) { return entropy(p, o); }, [](auto& p, auto&, auto out, auto& o) { entropy(p, out, o); });
  return m;
}

bool reads_q(const measure& m) { return m.name != "entropy"; }

const vec good{0.25, 0.25, 0.25, 0.25};

// ---- the documented message ----

// DESIGN.md and core/error.hpp give this exact message as the example.
TEST(BadInput, DesignExampleMessage) {
  const vec q{0.4, 0.4, 0.4, -0.2};
  EXPECT_THAT(error_of([&] { kl(good, q); }), HasSubstr("kullback::kl: q[3] = -0.2, but must be >= 0"));
  EXPECT_THAT(error_of([&] { tv(good, q); }), HasSubstr("kullback::tv: q[3] = -0.2, but must be >= 0"));
}

// ---- bad entries, for every measure and both arguments ----

struct bad_entry {
  std::string label;
  double value;
  std::string shown;  // how the value appears in the message
  std::string rule;
};

std::vector<bad_entry> bad_probability_entries() {
  return {{"negative", -0.25, "= -0.25", "must be >= 0"},
          {"nan", nan, "= nan", "must be finite"},
          {"+inf", inf, "= inf", "must be finite"},
          {"-inf", -inf, "= -inf", "must be finite"}};
}

TEST(BadInput, BadProbabilityEntriesNameFunctionArgumentIndexAndValue) {
  for (const auto& m : measures()) {
    for (const auto& bad : bad_probability_entries()) {
      vec x{0.5, 0.25, 0.25, 0.0};
      x[2] = bad.value;
      const std::string where = m.name + ", " + bad.label;
      EXPECT_THAT(error_of([&] { m.single(x, good); }),
                  AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr("p[2] " + bad.shown), HasSubstr(bad.rule)))
          << where;
      if (reads_q(m)) {
        EXPECT_THAT(error_of([&] { m.single(good, x); }),
                    AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr("q[2] " + bad.shown), HasSubstr(bad.rule)))
            << where;
      }
      // Float inputs and normalize give the same message.
      const fvec xf = kullback_test::to_float(x), gf = kullback_test::to_float(good);
      EXPECT_THAT(error_of([&] { m.single(xf, gf); }), AllOf(HasSubstr("p[2] " + bad.shown), HasSubstr(bad.rule)))
          << where << " (float)";
      vec one(1);
      EXPECT_THAT(error_of([&] { m.batch(x, good, one); }), AllOf(HasSubstr("p[2] " + bad.shown), HasSubstr(bad.rule)))
          << where << " (out span)";
    }
  }
}

TEST(BadInput, BadEntriesWithNormalizeAndInLongRows) {
  vec x{2.0, 1.0, -0.5, 1.0};
  EXPECT_THAT(error_of([&] { kl(x, good, {.normalize = true}); }), AllOf(HasSubstr("kullback::kl: p[2] = -0.5"), HasSubstr(">= 0")));
  EXPECT_THAT(error_of([&] { js(good, x, {.normalize = true}); }), AllOf(HasSubstr("kullback::js: q[2] = -0.5"), HasSubstr(">= 0")));
  // An entry in a later chunk (chunks are 4096 long) keeps its index.
  vec p(10000, 1e-4), q(10000, 1e-4);
  p[6001] = -0.5;  // entries are checked before the sum
  EXPECT_THAT(error_of([&] { kl(p, q); }), HasSubstr("kullback::kl: p[6001] = -0.5, but must be >= 0"));
  EXPECT_THAT(error_of([&] { hellinger(q, p); }), HasSubstr("kullback::hellinger: q[6001] = -0.5, but must be >= 0"));
  p[6001] = nan;
  EXPECT_THAT(error_of([&] { kl(q, p); }), HasSubstr("kullback::kl: q[6001] = nan"));
}

TEST(BadInput, BadCounts) {
  const vec c{1.0, 2.0, 3.0};
  for (const auto& m : measures()) {
    for (const auto& bad : bad_probability_entries()) {
      vec x{1.0, 2.0, 3.0};
      x[1] = bad.value;
      EXPECT_THAT(error_of([&] { m.single(counts(x), counts(c)); }),
                  AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr("p[1] " + bad.shown), HasSubstr(bad.rule)))
          << m.name << ", " << bad.label;
      if (reads_q(m)) {
        EXPECT_THAT(error_of([&] { m.single(counts(c, 1.0), counts(x, 1.0)); }),
                    AllOf(HasSubstr("q[1] " + bad.shown), HasSubstr(bad.rule)))
            << m.name << ", " << bad.label;
      }
    }
  }
}

TEST(BadInput, BadLogits) {
  const vec a{0.0, 1.0, 2.0};
  for (const auto& m : measures()) {
    for (double v : {nan, inf}) {
      vec x{0.0, 1.0, 2.0};
      x[1] = v;
      const std::string shown = std::isnan(v) ? "p[1] = nan" : "p[1] = inf";
      EXPECT_THAT(error_of([&] { m.single(logits(x), logits(a)); }),
                  AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr(shown), HasSubstr("must be finite or -inf")))
          << m.name << " " << v;
      const vec valid_log_probs{std::log(0.2), std::log(0.3), std::log(0.5)};
      EXPECT_THAT(error_of([&] { m.single(log_probs(x), log_probs(valid_log_probs)); }),
                  AllOf(HasSubstr(shown), HasSubstr("-inf")))
          << m.name << " " << v;
      if (reads_q(m)) {
        EXPECT_THAT(error_of([&] { m.single(logits(a), logits(x)); }), HasSubstr(std::string("q") + shown.substr(1)))
            << m.name << " " << v;
      }
    }
    // -inf is allowed (a masked entry) ...
    EXPECT_NO_THROW(m.single(logits(vec{0.0, -inf, 2.0}), logits(vec{0.0, -inf, 2.0}))) << m.name;
    // ... but not everywhere.
    EXPECT_THAT(error_of([&] { m.single(logits(vec{-inf, -inf, -inf}), logits(a)); }),
                AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr("p has no finite entry")))
        << m.name;
    if (reads_q(m)) {
      EXPECT_THAT(error_of([&] { m.single(logits(a), logits(vec{-inf, -inf, -inf})); }), HasSubstr("q has no finite entry"))
          << m.name;
    }
  }
}

// NaN is rejected wherever it sits in the row, in p and in q, for every measure (the KL logits
// path has its own SIMD validation), in double and float, single rows and batches.
TEST(BadInput, NanLogitAtEveryPosition) {
  for (const auto& m : measures()) {
    for (std::size_t n : {3u, 5u, 8u, 9u}) {
      for (std::size_t i = 0; i < n; ++i) {
        vec x(n, 0.0);
        x[i] = nan;
        const vec y(n, 0.5);
        const std::string expected = "p[" + std::to_string(i) + "] = nan";
        EXPECT_THAT(error_of([&] { m.single(logits(x), logits(y)); }),
                    AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr(expected)))
            << m.name << ", n " << n << ", NaN at " << i;
        EXPECT_THAT(error_of([&] { m.single(logits(kullback_test::to_float(x)), logits(kullback_test::to_float(y))); }),
                    HasSubstr(expected))
            << m.name << " (float), n " << n << ", NaN at " << i;
        if (reads_q(m)) {
          EXPECT_THAT(error_of([&] { m.single(logits(y), logits(x)); }),
                      HasSubstr("q[" + std::to_string(i) + "] = nan"))
              << m.name << ", n " << n << ", NaN in q at " << i;
        }
        const vec rows = kullback_test::stack({y, x});
        vec out(2);
        EXPECT_THAT(error_of([&] { m.batch(logits(matrix_view<const double>{rows.data(), 2, n}), logits(y), out); }),
                    HasSubstr("p[row 1][" + std::to_string(i) + "] = nan"))
            << m.name << " (batch), n " << n << ", NaN at " << i;
      }
    }
  }
}

// The same for probabilities (the KL probability path has its own SIMD validation too).
TEST(BadInput, NanProbabilityAtEveryPosition) {
  for (const auto& m : measures()) {
    for (std::size_t n : {3u, 5u, 8u, 9u}) {
      for (std::size_t i = 0; i < n; ++i) {
        vec x(n, 1.0 / static_cast<double>(n));
        x[i] = nan;
        const vec y(n, 1.0 / static_cast<double>(n));
        EXPECT_THAT(error_of([&] { m.single(x, y); }), HasSubstr("p[" + std::to_string(i) + "] = nan"))
            << m.name << ", n " << n << ", NaN at " << i;
        if (reads_q(m)) {
          EXPECT_THAT(error_of([&] { m.single(y, x); }), HasSubstr("q[" + std::to_string(i) + "] = nan"))
              << m.name << ", n " << n << ", NaN in q at " << i;
        }
      }
    }
  }
}

// ---- sums ----

TEST(BadInput, OffSimplexWithoutNormalize) {
  for (const auto& m : measures()) {
    const vec off{0.5, 0.5, 0.1};
    const vec fine{0.2, 0.3, 0.5};
    EXPECT_THAT(error_of([&] { m.single(off, fine); }),
                AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr("p sums to 1.1"), HasSubstr("tolerance"),
                      HasSubstr("normalize")))
        << m.name;
    if (reads_q(m)) {
      EXPECT_THAT(error_of([&] { m.single(fine, off); }), AllOf(HasSubstr("q sums to 1.1"), HasSubstr("tolerance")))
          << m.name;
    }
    // normalize accepts it.
    EXPECT_NO_THROW(m.single(off, fine, {.normalize = true})) << m.name;
  }
}

TEST(BadInput, ToleranceOption) {
  const vec q{0.2, 0.3, 0.5};
  // Default tolerance: max(1e-9, n eps).
  EXPECT_NO_THROW(kl(vec{0.2, 0.3, 0.5 + 1e-10}, q));
  EXPECT_THROW(kl(vec{0.2, 0.3, 0.5 + 1e-8}, q), kullback::invalid_argument);
  EXPECT_THROW(tv(vec{0.2, 0.3, 0.5 + 1e-8}, q), kullback::invalid_argument);
  // An explicit tolerance widens or narrows it.
  EXPECT_NO_THROW(kl(vec{0.2, 0.3, 0.501}, q, {.tolerance = 1e-2}));
  EXPECT_NO_THROW(tv(vec{0.2, 0.3, 0.501}, q, {.tolerance = 1e-2}));
  EXPECT_THAT(error_of([&] { kl(vec{0.2, 0.3, 0.5 + 1e-10}, q, {.tolerance = 1e-12}); }),
              AllOf(HasSubstr("kullback::kl: p sums to"), HasSubstr("within tolerance")));
  // Float rows get a tolerance fit for float sums.
  EXPECT_NO_THROW(kl(fvec{0.1f, 0.2f, 0.3f, 0.4f}, fvec{0.25f, 0.25f, 0.25f, 0.25f}));
  // A negative or NaN tolerance is itself the error, for every measure (also on exact rows).
  for (const auto& m : measures()) {
    for (const double bad : {-1.0, std::numeric_limits<double>::quiet_NaN()}) {
      EXPECT_THAT(error_of([&] { m.single(q, q, {.tolerance = bad}); }),
                  AllOf(HasSubstr("kullback::" + m.name + ": option tolerance = "), HasSubstr("must be >= 0")))
          << m.name;
    }
    EXPECT_NO_THROW(m.single(q, q, {.tolerance = std::numeric_limits<double>::infinity()})) << m.name;
  }
}

TEST(BadInput, ZeroSumRows) {
  for (const auto& m : measures()) {
    const vec zeros{0.0, 0.0, 0.0};
    const vec fine{0.2, 0.3, 0.5};
    EXPECT_THAT(error_of([&] { m.single(zeros, fine, {}); }), HasSubstr("p sums to 0")) << m.name;
  }
  // With normalize, a zero row cannot be normalised.
  EXPECT_THAT(error_of([&] { kl(vec{0.0, 0.0, 0.0}, vec{0.2, 0.3, 0.5}, {.normalize = true}); }),
              AllOf(HasSubstr("kullback::kl: p sums to 0"), HasSubstr("cannot be normalised")));
  EXPECT_THAT(error_of([&] { js(vec{0.2, 0.3, 0.5}, vec{0.0, 0.0, 0.0}, {.normalize = true}); }),
              AllOf(HasSubstr("kullback::js: q sums to 0"), HasSubstr("cannot be normalised")));
  // All-zero counts without smoothing, too; with smoothing they are uniform.
  EXPECT_THAT(error_of([&] { entropy(counts(vec{0.0, 0.0})); }), HasSubstr("kullback::entropy: p sums to 0"));
  EXPECT_NO_THROW(entropy(counts(vec{0.0, 0.0}, 0.5)));
}

TEST(BadInput, LogProbsNotSummingToOne) {
  const vec a{std::log(0.3), std::log(0.6)};  // exp sums to 0.9
  const vec b{std::log(0.5), std::log(0.5)};
  for (const auto& m : measures()) {
    EXPECT_THAT(error_of([&] { m.single(log_probs(a), log_probs(b)); }),
                AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr("p has exp summing to 0.8999"), HasSubstr("tolerance")))
        << m.name;
    if (reads_q(m)) {
      EXPECT_THAT(error_of([&] { m.single(log_probs(b), log_probs(a)); }), HasSubstr("q has exp summing to 0.8999")) << m.name;
    }
  }
  EXPECT_NO_THROW(kl(log_probs(a), log_probs(b), {.normalize = true}));
}

// ---- shapes, types and forms ----

TEST(BadInput, EmptyVectors) {
  const vec empty;
  for (const auto& m : measures()) {
    EXPECT_THAT(error_of([&] { m.single(empty, empty); }), AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr("p is empty")))
        << m.name;
    if (reads_q(m)) {
      EXPECT_THAT(error_of([&] { m.single(good, empty); }), HasSubstr("q is empty")) << m.name;
    }
  }
}

TEST(BadInput, LengthMismatch) {
  const vec three{0.2, 0.3, 0.5};
  for (const auto& m : measures()) {
    if (!reads_q(m)) continue;
    EXPECT_THAT(error_of([&] { m.single(three, good); }),
                AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr("p has shape (1, 3)"), HasSubstr("q has shape (1, 4)")))
        << m.name;
  }
}

TEST(BadInput, RowCountMismatch) {
  const vec two_rows = kullback_test::stack({good, good});
  const vec three_rows = kullback_test::stack({good, good, good});
  const matrix_view<const double> p2{two_rows.data(), 2, 4}, q3{three_rows.data(), 3, 4};
  for (const auto& m : measures()) {
    if (!reads_q(m)) continue;
    vec out2(2), out3(3);
    EXPECT_THAT(error_of([&] { m.batch(p2, q3, out2); }),
                AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr("p has 2 rows and q has 3")))
        << m.name;
    EXPECT_THAT(error_of([&] { m.batch(p2, q3, out3); }), HasSubstr("p has 2 rows and q has 3")) << m.name;
  }
}

TEST(BadInput, OutSizeMismatch) {
  const vec rows = kullback_test::stack({good, good, good});
  const matrix_view<const double> p3{rows.data(), 3, 4};
  for (const auto& m : measures()) {
    vec out(2);
    EXPECT_THAT(error_of([&] { m.batch(p3, p3, out); }),
                AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr("out has 2 elements"), HasSubstr("3 rows")))
        << m.name;
  }
}

TEST(BadInput, DifferentElementTypesAndForms) {
  const fvec gf{0.25f, 0.25f, 0.25f, 0.25f};
  for (const auto& m : measures()) {
    if (!reads_q(m)) continue;
    EXPECT_THAT(error_of([&] { m.single(good, gf); }),
                AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr("same element type")))
        << m.name;
    EXPECT_THAT(error_of([&] { m.single(gf, good); }), HasSubstr("same element type")) << m.name;
    EXPECT_THAT(error_of([&] { m.single(logits(good), good); }),
                AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr("same input form")))
        << m.name;
    EXPECT_THAT(error_of([&] { m.single(counts(good), log_probs(good)); }), HasSubstr("same input form")) << m.name;
  }
}

TEST(BadInput, SingleValueOverloadWithAMatrix) {
  const vec rows = kullback_test::stack({good, good});
  const matrix_view<const double> p2{rows.data(), 2, 4};
  for (const auto& m : measures()) {
    EXPECT_THAT(error_of([&] { m.single(p2, good); }),
                AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr("single distribution"), HasSubstr("output span")))
        << m.name;
    if (reads_q(m)) {
      EXPECT_THAT(error_of([&] { m.single(good, p2); }), HasSubstr("single distribution")) << m.name;
    }
  }
}

TEST(BadInput, MalformedMatrixViews) {
  const vec data{0.5, 0.5, 0.5, 0.5};
  vec out(2);
  EXPECT_THAT(error_of([&] { kl(matrix_view<const double>{data.data(), 2, 2, 1}, good, out); }),
              AllOf(HasSubstr("kullback::kl: p has row_stride 1 < cols 2")));
  EXPECT_THAT(error_of([&] { kl(matrix_view<const double>{nullptr, 2, 2}, matrix_view<const double>{data.data(), 2, 2}, out); }),
              HasSubstr("kullback::kl: p has no data"));
  vec none;
  EXPECT_THAT(error_of([&] { tv(matrix_view<const double>{data.data(), 0, 2}, data, none); }),
              HasSubstr("kullback::tv: p has no rows"));
}

// ---- parameters and options ----

TEST(BadInput, InvalidParameters) {
  const vec p{0.2, 0.8}, q{0.5, 0.5};
  vec out(1);
  for (double a : {-0.5, -inf, nan}) {
    EXPECT_THAT(error_of([&] { renyi(p, q, a); }), AllOf(HasSubstr("kullback::renyi: alpha = "), HasSubstr("[0, inf]"))) << a;
    EXPECT_THAT(error_of([&] { renyi(p, q, a, out); }), HasSubstr("kullback::renyi: alpha")) << a;
  }
  for (double a : {0.0, -1.0, inf, nan}) {
    EXPECT_THAT(error_of([&] { tsallis(p, q, a); }), AllOf(HasSubstr("kullback::tsallis: alpha = "), HasSubstr("> 0"))) << a;
    EXPECT_THAT(error_of([&] { tsallis(p, q, a, out); }), HasSubstr("kullback::tsallis: alpha")) << a;
  }
  for (double a : {inf, -inf, nan}) {
    EXPECT_THAT(error_of([&] { alpha_divergence(p, q, a); }),
                AllOf(HasSubstr("kullback::alpha_divergence: alpha = "), HasSubstr("finite")))
        << a;
    EXPECT_THAT(error_of([&] { alpha_divergence(p, q, a, out); }), HasSubstr("kullback::alpha_divergence: alpha")) << a;
  }
  for (double a : {-0.1, 1.5, nan, inf}) {
    EXPECT_THAT(error_of([&] { skew_kl(p, q, a); }), AllOf(HasSubstr("kullback::skew_kl: alpha = "), HasSubstr("[0, 1]"))) << a;
    EXPECT_THAT(error_of([&] { skew_kl(p, q, a, out); }), HasSubstr("kullback::skew_kl: alpha")) << a;
    EXPECT_THAT(error_of([&] { js(p, q, a); }), AllOf(HasSubstr("kullback::js: weight = "), HasSubstr("[0, 1]"))) << a;
    EXPECT_THAT(error_of([&] { js(p, q, a, out); }), HasSubstr("kullback::js: weight")) << a;
    EXPECT_THAT(error_of([&] { js_distance(p, q, a); }), AllOf(HasSubstr("kullback::js_distance: weight = "), HasSubstr("[0, 1]")))
        << a;
    EXPECT_THAT(error_of([&] { js_distance(p, q, a, out); }), HasSubstr("kullback::js_distance: weight")) << a;
  }
  // The boundary values are valid.
  EXPECT_NO_THROW(renyi(p, q, 0.0));
  EXPECT_NO_THROW(renyi(p, q, inf));
  EXPECT_NO_THROW(skew_kl(p, q, 0.0));
  EXPECT_NO_THROW(skew_kl(p, q, 1.0));
  EXPECT_NO_THROW(js(p, q, 0.0));
  EXPECT_NO_THROW(js(p, q, 1.0));
  EXPECT_NO_THROW(alpha_divergence(p, q, -1e300));
}

// The value in a parameter message must identify the value that was passed: std::to_string prints
// six fixed decimals, so -1e-10 shows as "-0.000000" and 1.0000001 as "1.000000" (which then reads
// "weight = 1.000000, but must be in [0, 1]").
TEST(BadInput, ParameterMessagesShowTheValuePassed) {
  const vec p{0.2, 0.8}, q{0.5, 0.5};
  EXPECT_THAT(error_of([&] { renyi(p, q, -1e-10); }), HasSubstr("alpha = -1e-10"));
  EXPECT_THAT(error_of([&] { js(p, q, 1.0000001); }), HasSubstr("weight = 1.0000001"));
  EXPECT_THAT(error_of([&] { skew_kl(p, q, 1.0000001); }), HasSubstr("alpha = 1.0000001"));
  EXPECT_THAT(error_of([&] { tsallis(p, q, -1e-300); }), HasSubstr("alpha = -1e-300"));
}

TEST(BadInput, InvalidSmoothing) {
  const vec c{1.0, 2.0};
  for (const auto& m : measures()) {
    EXPECT_THAT(error_of([&] { m.single(counts(c, -1.0), counts(c)); }),
                AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr("smoothing = -1"), HasSubstr(">= 0")))
        << m.name;
    EXPECT_THAT(error_of([&] { m.single(counts(c, nan), counts(c)); }), HasSubstr("smoothing = nan")) << m.name;
    EXPECT_THAT(error_of([&] { m.single(counts(c, inf), counts(c)); }), HasSubstr("smoothing = inf")) << m.name;
    if (reads_q(m)) {
      EXPECT_THAT(error_of([&] { m.single(counts(c), counts(c, -0.5)); }), HasSubstr("smoothing = -0.5")) << m.name;
    }
  }
}

TEST(BadInput, BaseOnANonLogarithmicMeasure) {
  const vec p{0.2, 0.8}, q{0.5, 0.5};
  EXPECT_THAT(error_of([&] { tv(p, q, {.base = log_base::two}); }), AllOf(HasSubstr("kullback::tv: "), HasSubstr("base")));
  EXPECT_THAT(error_of([&] { chi2(p, q, {.base = log_base::ten}); }), HasSubstr("kullback::chi2: "));
  EXPECT_THAT(error_of([&] { tsallis(p, q, 2.0, {.base = log_base::two}); }), HasSubstr("kullback::tsallis: "));
  EXPECT_THAT(error_of([&] { f_divergence(p, q, generators::kl(), {.base = log_base::two}); }),
              HasSubstr("kullback::f_divergence: "));
}

TEST(BadInput, EmptyGenerator) {
  const vec p{0.2, 0.8}, q{0.5, 0.5};
  EXPECT_THAT(error_of([&] { f_divergence(p, q, f_generator{}); }),
              AllOf(HasSubstr("kullback::f_divergence: "), HasSubstr("generator.f is empty")));
  vec out(1);
  EXPECT_THAT(error_of([&] { f_divergence(p, q, f_generator{}, out); }), HasSubstr("generator.f is empty"));
}

// ---- batches ----

TEST(BadInput, BatchRowErrorsNameTheRow) {
  std::vector<vec> rows(4, vec(8, 0.125));
  rows[2][5] = -0.125;
  rows[2][6] = 0.375;  // keeps the sum at 1: only the sign is wrong
  const vec bad = kullback_test::stack(rows);
  const vec fine = kullback_test::stack(std::vector<vec>(4, vec(8, 0.125)));
  const matrix_view<const double> bad_m{bad.data(), 4, 8}, fine_m{fine.data(), 4, 8};
  const vec one_row(8, 0.125);
  for (const auto& m : measures()) {
    vec out(4);
    EXPECT_THAT(error_of([&] { m.batch(bad_m, fine_m, out); }),
                AllOf(HasSubstr("kullback::" + m.name + ": "), HasSubstr("p[row 2][5] = -0.125"), HasSubstr(">= 0")))
        << m.name;
    EXPECT_THAT(error_of([&] { m.batch(bad_m, one_row, out); }), HasSubstr("p[row 2][5] = -0.125")) << m.name;
    if (reads_q(m)) {
      EXPECT_THAT(error_of([&] { m.batch(fine_m, bad_m, out); }), HasSubstr("q[row 2][5] = -0.125")) << m.name;
      EXPECT_THAT(error_of([&] { m.batch(one_row, bad_m, out); }), HasSubstr("q[row 2][5] = -0.125")) << m.name;
      // A broadcast single row is named without a row index.
      vec bad_one(one_row);
      bad_one[3] = nan;
      EXPECT_THAT(error_of([&] { m.batch(fine_m, bad_one, out); }), AllOf(HasSubstr("q[3] = nan"), Not(HasSubstr("row"))))
          << m.name;
    }
  }
  // Row sums are named by row too.
  std::vector<vec> off(3, vec{0.5, 0.5});
  off[1] = {0.5, 0.6};
  const vec off_m = kullback_test::stack(off);
  vec out(3);
  EXPECT_THAT(error_of([&] { kl(matrix_view<const double>{off_m.data(), 3, 2}, vec{0.5, 0.5}, out); }),
              HasSubstr("kullback::kl: p[row 1] sums to 1.1"));
  EXPECT_THAT(error_of([&] { js(vec{0.5, 0.5}, matrix_view<const double>{off_m.data(), 3, 2}, 0.5, out); }),
              HasSubstr("kullback::js: q[row 1] sums to 1.1"));
}

// ---- state after an error ----

TEST(BadInput, ValidCallAfterAnErrorWorks) {
  const vec p{0.2, 0.3, 0.5}, q{0.1, 0.6, 0.3};
  const double expected_kl = kl(p, q), expected_js = js(p, q), expected_h = entropy(p);
  for (int i = 0; i < 3; ++i) {
    EXPECT_THROW(kl(p, vec{0.1, -0.6, 1.5}), kullback::invalid_argument);
    EXPECT_EQ(kl(p, q), expected_kl);
    EXPECT_THROW(js(p, q, 2.0), kullback::invalid_argument);
    EXPECT_EQ(js(p, q), expected_js);
    EXPECT_THROW(entropy(vec{0.5, 0.6}), kullback::invalid_argument);
    EXPECT_EQ(entropy(p), expected_h);
    EXPECT_THROW(kl(logits(vec{inf, 0.0, 0.0}), logits(q)), kullback::invalid_argument);
    EXPECT_EQ(kl(p, q), expected_kl);
  }
  // And after a failing batch.
  const vec rows = kullback_test::stack({p, {0.5, 0.5, 0.5}, q});
  vec out(3);
  EXPECT_THROW(kl(matrix_view<const double>{rows.data(), 3, 3}, q, out), kullback::invalid_argument);
  EXPECT_EQ(kl(p, q), expected_kl);
}

// What a failing batch leaves in `out` is not specified by the headers. Observed: the failing row's
// slot is never written; rows evaluated before the error (one thread: the rows above the failing
// one) or concurrently (several threads: any other row) hold their correct values; the others keep
// what the caller had there. Only that weaker guarantee is asserted: every slot holds either the
// caller's value or the row's correct value, and the failing row's slot is untouched.
TEST(BadInput, FailingBatchOutputBuffer) {
  kullback_test::thread_count_guard guard;
  constexpr std::size_t n_rows = 16;
  std::vector<vec> rows(n_rows, vec{0.25, 0.25, 0.5});
  rows[9] = {0.25, -0.25, 1.0};
  const vec data = kullback_test::stack(rows);
  const vec q{0.5, 0.25, 0.25};
  const double correct_kl = kl(rows[0], q), correct_tv = tv(rows[0], q);
  const double sentinel = -12345.0;
  for (int threads : {1, 2, 3}) {
    set_num_threads(threads);
    for (int which = 0; which < 2; ++which) {
      vec out(n_rows, sentinel);
      if (which == 0) {
        EXPECT_THROW(kl(matrix_view<const double>{data.data(), n_rows, 3}, q, out), kullback::invalid_argument);
      } else {
        EXPECT_THROW(tv(matrix_view<const double>{data.data(), n_rows, 3}, q, out), kullback::invalid_argument);
      }
      const double correct = which == 0 ? correct_kl : correct_tv;
      EXPECT_EQ(out[9], sentinel) << threads << " threads";
      std::size_t written = 0;
      for (std::size_t r = 0; r < n_rows; ++r) {
        EXPECT_TRUE(out[r] == sentinel || out[r] == correct) << "row " << r << ": " << out[r];
        written += out[r] == correct;
      }
      if (threads == 1) {
        // Serial evaluation stops at the failing row.
        for (std::size_t r = 0; r < 9; ++r) EXPECT_EQ(out[r], correct) << "row " << r;
        for (std::size_t r = 9; r < n_rows; ++r) EXPECT_EQ(out[r], sentinel) << "row " << r;
      }
      RecordProperty("written_rows_" + std::to_string(which) + "_threads_" + std::to_string(threads),
                     static_cast<int>(written));
    }
  }
}

}  // namespace
