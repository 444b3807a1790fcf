// kullback/core/parallel.hpp: the thread-count setting, and the promise that every result is
// bitwise identical whatever the thread count (fixed chunking, fixed reduction order).
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <functional>
#include <ostream>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace {

using namespace kullback;
using kullback_test::bits;
using kullback_test::thread_count_guard;

TEST(NumThreads, SetAndGet) {
  thread_count_guard guard;
  set_num_threads(3);
  EXPECT_EQ(num_threads(), 3);
  set_num_threads(1);
  EXPECT_EQ(num_threads(), 1);
  set_num_threads(7);
  EXPECT_EQ(num_threads(), 7);
}

TEST(NumThreads, ZeroRestoresTheDefault) {
  thread_count_guard guard;
  set_num_threads(0);
  const int default_threads = num_threads();
  EXPECT_GE(default_threads, 1);
  set_num_threads(default_threads + 5);
  EXPECT_EQ(num_threads(), default_threads + 5);
  set_num_threads(0);
  EXPECT_EQ(num_threads(), default_threads);
}

TEST(NumThreads, NegativeIsAnErrorAndKeepsTheSetting) {
  thread_count_guard guard;
  set_num_threads(2);
  try {
    set_num_threads(-1);
    FAIL() << "set_num_threads(-1) did not throw";
  } catch (const kullback::invalid_argument& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("kullback::set_num_threads"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("-1"));
  }
  EXPECT_THROW(set_num_threads(-100), std::invalid_argument);  // also a std::invalid_argument
  EXPECT_EQ(num_threads(), 2);
}

// ---- Bitwise independence of the thread count. ----

using runner = std::function<void(const distribution_view&, const distribution_view&, std::span<double>, const options&)>;

struct measure_case {
  std::string name;
  runner run;
};

void PrintTo(const measure_case& m, std::ostream* os) { *os << m.name; }

// Every form is tried on the measures below (the KL fast paths are form-specific); the rest use
// probabilities and logits, which exercise both kinds of row preparation.
bool uses_every_form(const std::string& measure) {
  return measure == "kl" || measure == "entropy" || measure == "js" || measure == "renyi_05";
}
bool skip_form(const std::string& measure, const std::string& form) {
  return !uses_every_form(measure) && form != "probs" && form != "logits";
}

std::vector<measure_case> all_measures() {
  std::vector<measure_case> m;
  auto pair = [&](std::string name, auto f) {
    m.push_back({std::move(name), [f](const distribution_view& p, const distribution_view& q, std::span<double> out,
                                      const options& o) { f(p, q, out, o); }});
  };
  pair("kl", [](auto& p, auto& q, auto out, auto& o) { kl(p, q, out, o); });
  pair("skew_kl", [](auto& p, auto& q, auto out, auto& o) { skew_kl(p, q, 0.3, out, o); });
  pair("jeffreys", [](auto& p, auto& q, auto out, auto& o) { jeffreys(p, q, out, o); });
  pair("entropy", [](auto& p, auto&, auto out, auto& o) { entropy(p, out, o); });
  pair("cross_entropy", [](auto& p, auto& q, auto out, auto& o) { cross_entropy(p, q, out, o); });
  pair("js", [](auto& p, auto& q, auto out, auto& o) { js(p, q, 0.5, out, o); });
  pair("js_w03", [](auto& p, auto& q, auto out, auto& o) { js(p, q, 0.3, out, o); });
  pair("js_distance", [](auto& p, auto& q, auto out, auto& o) { js_distance(p, q, 0.5, out, o); });
  pair("tv", [](auto& p, auto& q, auto out, auto& o) { tv(p, q, out, o); });
  pair("hellinger", [](auto& p, auto& q, auto out, auto& o) { hellinger(p, q, out, o); });
  pair("bhattacharyya", [](auto& p, auto& q, auto out, auto& o) { bhattacharyya(p, q, out, o); });
  pair("chi2", [](auto& p, auto& q, auto out, auto& o) { chi2(p, q, out, o); });
  pair("neyman_chi2", [](auto& p, auto& q, auto out, auto& o) { neyman_chi2(p, q, out, o); });
  pair("cauchy_schwarz", [](auto& p, auto& q, auto out, auto& o) { cauchy_schwarz(p, q, out, o); });
  pair("renyi_0", [](auto& p, auto& q, auto out, auto& o) { renyi(p, q, 0.0, out, o); });
  pair("renyi_05", [](auto& p, auto& q, auto out, auto& o) { renyi(p, q, 0.5, out, o); });
  pair("renyi_1", [](auto& p, auto& q, auto out, auto& o) { renyi(p, q, 1.0, out, o); });
  pair("renyi_2", [](auto& p, auto& q, auto out, auto& o) { renyi(p, q, 2.0, out, o); });
  pair("renyi_inf", [](auto& p, auto& q, auto out, auto& o) { renyi(p, q, kullback_test::inf, out, o); });
  pair("tsallis_05", [](auto& p, auto& q, auto out, auto& o) { tsallis(p, q, 0.5, out, o); });
  pair("tsallis_2", [](auto& p, auto& q, auto out, auto& o) { tsallis(p, q, 2.0, out, o); });
  pair("alpha_m05", [](auto& p, auto& q, auto out, auto& o) { alpha_divergence(p, q, -0.5, out, o); });
  pair("alpha_09", [](auto& p, auto& q, auto out, auto& o) { alpha_divergence(p, q, 0.9, out, o); });
  pair("alpha_15", [](auto& p, auto& q, auto out, auto& o) { alpha_divergence(p, q, 1.5, out, o); });
  pair("f_kl", [](auto& p, auto& q, auto out, auto& o) { f_divergence(p, q, generators::kl(), out, o); });
  pair("f_tv", [](auto& p, auto& q, auto out, auto& o) { f_divergence(p, q, generators::tv(), out, o); });
  pair("f_alpha07", [](auto& p, auto& q, auto out, auto& o) { f_divergence(p, q, generators::alpha(0.7), out, o); });
  return m;
}

// One distribution pair in every input form.
struct form_data {
  std::string name;
  std::vector<double> p, q;
  bool logits = false, log_probs = false, counts = false;
  double smoothing = 0.0;
  options opts;

  distribution_view view(const std::vector<double>& v, std::size_t rows, std::size_t cols) const {
    const distribution_view d = rows == 1 ? distribution_view(v) : distribution_view(matrix_view<const double>{v.data(), rows, cols});
    if (logits) return kullback::logits(d);
    if (log_probs) return kullback::log_probs(d);
    if (counts) return kullback::counts(d, smoothing);
    return d;
  }
};

// rows x cols row-major probabilities: p with ~10% zeros, q with full support.
std::vector<form_data> make_forms(std::size_t rows, std::size_t cols, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::vector<double>> ps, qs;
  for (std::size_t r = 0; r < rows; ++r) {
    ps.push_back(kullback_test::sparse(rng, cols, 0.1));
    qs.push_back(kullback_test::dirichlet_like(rng, cols, 1.5));
  }
  const std::vector<double> p = kullback_test::stack(ps);
  const std::vector<double> q = kullback_test::stack(qs);
  auto make = [](std::string name, std::vector<double> pv, std::vector<double> qv) {
    form_data f;
    f.name = std::move(name);
    f.p = std::move(pv);
    f.q = std::move(qv);
    return f;
  };
  std::vector<form_data> forms;
  forms.push_back(make("probs", p, q));
  {
    form_data f = make("probs_normalize", p, q);
    for (double& x : f.p) x *= 3.0;
    for (double& x : f.q) x *= 0.5;
    f.opts.normalize = true;
    forms.push_back(f);
  }
  {
    form_data f = make("logits", kullback_test::logs_of(p, 2.5), kullback_test::logs_of(q, -7.0));
    f.logits = true;
    forms.push_back(f);
  }
  {
    form_data f = make("log_probs", kullback_test::logs_of(p), kullback_test::logs_of(q));
    f.log_probs = true;
    forms.push_back(f);
  }
  {
    form_data f = make("counts", p, q);
    for (double& x : f.p) x = std::floor(x * 1e7);
    for (double& x : f.q) x = std::floor(x * 1e7);
    f.counts = true;
    f.smoothing = 0.5;
    forms.push_back(f);
  }
  return forms;
}

const std::vector<form_data>& long_row_forms() {
  static const std::vector<form_data> forms = make_forms(1, 100003, 20240601);  // 25 chunks of 4096, a short tail
  return forms;
}

constexpr std::size_t batch_rows = 37;
constexpr std::size_t batch_cols = 513;

const std::vector<form_data>& batch_forms() {
  static const std::vector<form_data> forms = make_forms(batch_rows, batch_cols, 77);
  return forms;
}

const int thread_counts[] = {1, 2, 3, 7};

class ThreadIndependence : public ::testing::TestWithParam<measure_case> {};

TEST_P(ThreadIndependence, LongSingleRow) {
  thread_count_guard guard;
  const auto& measure = GetParam();
  for (const auto& form : long_row_forms()) {
    if (skip_form(measure.name, form.name)) continue;
    const distribution_view p = form.view(form.p, 1, form.p.size());
    const distribution_view q = form.view(form.q, 1, form.q.size());
    double reference = 0.0;
    for (int threads : thread_counts) {
      set_num_threads(threads);
      double value = 0.0;
      measure.run(p, q, std::span<double>(&value, 1), form.opts);
      if (threads == 1) {
        reference = value;
        EXPECT_FALSE(std::isnan(reference)) << form.name;
      } else {
        EXPECT_EQ(bits(value), bits(reference))
            << form.name << ", " << threads << " threads: " << value << " vs " << reference;
      }
    }
  }
}

TEST_P(ThreadIndependence, Batch) {
  thread_count_guard guard;
  const auto& measure = GetParam();
  for (const auto& form : batch_forms()) {
    if (skip_form(measure.name, form.name)) continue;
    const distribution_view p = form.view(form.p, batch_rows, batch_cols);
    const distribution_view q = form.view(form.q, batch_rows, batch_cols);
    // Also a broadcast: the first row of q against every row of p.
    const std::vector<double> q0(form.q.begin(), form.q.begin() + batch_cols);
    const distribution_view q_one = form.view(q0, 1, batch_cols);
    std::vector<double> reference(batch_rows), reference_broadcast(batch_rows);
    for (int threads : thread_counts) {
      set_num_threads(threads);
      std::vector<double> out(batch_rows), out_broadcast(batch_rows);
      measure.run(p, q, out, form.opts);
      measure.run(p, q_one, out_broadcast, form.opts);
      if (threads == 1) {
        reference = out;
        reference_broadcast = out_broadcast;
        continue;
      }
      for (std::size_t r = 0; r < batch_rows; ++r) {
        EXPECT_EQ(bits(out[r]), bits(reference[r])) << form.name << ", " << threads << " threads, row " << r;
        EXPECT_EQ(bits(out_broadcast[r]), bits(reference_broadcast[r]))
            << form.name << " (broadcast), " << threads << " threads, row " << r;
      }
    }
    // A batch row equals the same pair evaluated alone.
    set_num_threads(2);
    for (std::size_t r : {std::size_t{0}, std::size_t{17}, batch_rows - 1}) {
      const std::vector<double> pr(form.p.begin() + r * batch_cols, form.p.begin() + (r + 1) * batch_cols);
      const std::vector<double> qr(form.q.begin() + r * batch_cols, form.q.begin() + (r + 1) * batch_cols);
      double alone = 0.0;
      measure.run(form.view(pr, 1, batch_cols), form.view(qr, 1, batch_cols), std::span<double>(&alone, 1),
                  form.opts);
      EXPECT_EQ(bits(alone), bits(reference[r])) << form.name << ", row " << r << " alone";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllMeasures, ThreadIndependence, ::testing::ValuesIn(all_measures()),
                         [](const ::testing::TestParamInfo<measure_case>& info) { return info.param.name; });

// The error of a failing batch names the lowest failing row whatever the thread count.
TEST(ThreadIndependence, BatchErrorNamesTheFirstBadRow) {
  thread_count_guard guard;
  std::vector<double> p(batch_rows * 8, 0.125);
  p[5 * 8 + 3] = -0.5;
  p[30 * 8 + 1] = -0.25;
  const std::vector<double> q(8, 0.125);
  for (int threads : thread_counts) {
    set_num_threads(threads);
    std::vector<double> out(batch_rows);
    for (int which = 0; which < 2; ++which) {
      try {
        if (which == 0) {
          kl(matrix_view<const double>{p.data(), batch_rows, 8}, q, out);
        } else {
          hellinger(matrix_view<const double>{p.data(), batch_rows, 8}, q, out);
        }
        ADD_FAILURE() << "no throw with " << threads << " threads";
      } catch (const kullback::invalid_argument& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("p[row 5][3]")) << threads << " threads";
      }
    }
  }
}

}  // namespace
