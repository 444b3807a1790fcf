// kullback/core/distribution_view.hpp: construction from spans, vectors and matrix views, row
// strides (padding is never read), and the input-form markers.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <span>
#include <vector>

#include "support/test_support.hpp"

namespace {

using namespace kullback;
using kullback_test::close_rel;
using kullback_test::nan;

TEST(DistributionView, FromVectorOfDouble) {
  const std::vector<double> v{0.25, 0.75};
  const distribution_view d(v);
  EXPECT_EQ(d.data(), v.data());
  EXPECT_EQ(d.type(), element_type::f64);
  EXPECT_EQ(d.rows(), 1u);
  EXPECT_EQ(d.cols(), 2u);
  EXPECT_EQ(d.row_stride(), 2u);
  EXPECT_EQ(d.form(), input_form::probs);
  EXPECT_EQ(d.smoothing(), 0.0);
}

TEST(DistributionView, FromVectorOfFloat) {
  const std::vector<float> v{0.25f, 0.5f, 0.25f};
  const distribution_view d(v);
  EXPECT_EQ(d.data(), v.data());
  EXPECT_EQ(d.type(), element_type::f32);
  EXPECT_EQ(d.rows(), 1u);
  EXPECT_EQ(d.cols(), 3u);
  EXPECT_EQ(d.form(), input_form::probs);
}

TEST(DistributionView, FromSpanAndSubspan) {
  const std::array<double, 6> storage{9.0, 0.5, 0.25, 0.25, 9.0, 9.0};
  const std::span<const double> all(storage);
  const distribution_view d(all.subspan(1, 3));
  EXPECT_EQ(d.data(), storage.data() + 1);
  EXPECT_EQ(d.cols(), 3u);
  EXPECT_EQ(d.rows(), 1u);
  // Only the subspan is read: the 9s around it would make the sum far from 1.
  EXPECT_TRUE(close_rel(entropy(d), 1.5 * std::log(2.0), 1e-15));

  const std::array<float, 2> fs{0.5f, 0.5f};
  const distribution_view f{std::span<const float>(fs)};
  EXPECT_EQ(f.type(), element_type::f32);
  EXPECT_EQ(f.cols(), 2u);
}

TEST(DistributionView, FromMatrixView) {
  const std::vector<double> m{0.5, 0.5, 0.0, 0.25, 0.25, 0.5};
  const distribution_view d(matrix_view<const double>{m.data(), 2, 3});
  EXPECT_EQ(d.data(), m.data());
  EXPECT_EQ(d.type(), element_type::f64);
  EXPECT_EQ(d.rows(), 2u);
  EXPECT_EQ(d.cols(), 3u);
  EXPECT_EQ(d.row_stride(), 3u);  // row_stride 0 means cols

  const std::vector<float> mf{0.5f, 0.5f, 0.0f, 0.0f, 0.25f, 0.75f, 0.0f, 0.0f};
  const distribution_view f(matrix_view<const float>{mf.data(), 2, 2, 4});
  EXPECT_EQ(f.type(), element_type::f32);
  EXPECT_EQ(f.rows(), 2u);
  EXPECT_EQ(f.cols(), 2u);
  EXPECT_EQ(f.row_stride(), 4u);
}

TEST(MatrixView, StrideDefaultsToCols) {
  matrix_view<const double> m{nullptr, 3, 5};
  EXPECT_EQ(m.stride(), 5u);
  m.row_stride = 8;
  EXPECT_EQ(m.stride(), 8u);
}

TEST(DistributionView, RowStridePaddingIsSkipped) {
  // 3 rows of 4 with 2 padding slots holding values that are invalid in every form.
  const std::vector<std::vector<double>> rows{{0.1, 0.2, 0.3, 0.4}, {0.25, 0.25, 0.25, 0.25}, {0.7, 0.0, 0.2, 0.1}};
  std::vector<double> padded;
  for (const auto& r : rows) {
    padded.insert(padded.end(), r.begin(), r.end());
    padded.push_back(nan);
    padded.push_back(-1.0);
  }
  const std::vector<double> q{0.3, 0.3, 0.2, 0.2};
  const distribution_view p_view(matrix_view<const double>{padded.data(), 3, 4, 6});
  EXPECT_EQ(p_view.row_stride(), 6u);

  std::vector<double> out(3);
  kl(p_view, q, out);
  for (std::size_t r = 0; r < 3; ++r) EXPECT_EQ(out[r], kl(rows[r], q)) << "row " << r;

  entropy(p_view, out);
  for (std::size_t r = 0; r < 3; ++r) EXPECT_EQ(out[r], entropy(rows[r])) << "row " << r;

  // Counts and logits read through the same stride.
  js(counts(p_view, 0.5), counts(q, 0.5), 0.5, out);
  for (std::size_t r = 0; r < 3; ++r) EXPECT_EQ(out[r], js(counts(rows[r], 0.5), counts(q, 0.5))) << "row " << r;
  kl(logits(p_view), logits(q), out);  // the KL logits fast path reads through the stride too
  for (std::size_t r = 0; r < 3; ++r) EXPECT_EQ(out[r], kl(logits(rows[r]), logits(q))) << "row " << r;
  tv(logits(p_view), logits(q), out);
  for (std::size_t r = 0; r < 3; ++r) EXPECT_EQ(out[r], tv(logits(rows[r]), logits(q))) << "row " << r;
}

TEST(DistributionView, RowStridePaddingFloat) {
  const std::vector<float> padded{0.5f, 0.5f, nan, 0.25f, 0.75f, nan};
  const std::vector<float> q{0.5f, 0.5f};
  std::vector<double> out(2);
  hellinger(matrix_view<const float>{padded.data(), 2, 2, 3}, q, out);
  EXPECT_EQ(out[0], 0.0);
  EXPECT_EQ(out[1], hellinger(std::vector<float>{0.25f, 0.75f}, q));
}

TEST(DistributionView, SingleRowMatrixIsASingleDistribution) {
  const std::vector<double> p{0.2, 0.8};
  const std::vector<double> q{0.5, 0.5};
  const distribution_view one_row(matrix_view<const double>{p.data(), 1, 2});
  EXPECT_EQ(kl(one_row, q), kl(p, q));
  EXPECT_EQ(entropy(one_row), entropy(p));
}

TEST(DistributionView, RowSelectsOneRowOfAMatrix) {
  const std::vector<double> m{0.5, 0.5, 9.0, 0.25, 0.75, 9.0};
  const distribution_view d(matrix_view<const double>{m.data(), 2, 2, 3});
  const distribution_view r1 = d.row(1);
  EXPECT_EQ(r1.data(), m.data() + 3);
  EXPECT_EQ(r1.rows(), 1u);
  EXPECT_EQ(r1.cols(), 2u);
  EXPECT_EQ(r1.type(), element_type::f64);
  EXPECT_EQ(d.row(0).data(), m.data());
  EXPECT_EQ(entropy(r1), entropy(std::vector<double>{0.25, 0.75}));
  // The form and the smoothing come along.
  EXPECT_EQ(logits(d).row(1).form(), input_form::logits);
  EXPECT_EQ(counts(d, 0.5).row(1).smoothing(), 0.5);
  // Float rows step in floats.
  const std::vector<float> mf{0.5f, 0.5f, 0.25f, 0.75f};
  const distribution_view f(matrix_view<const float>{mf.data(), 2, 2});
  EXPECT_EQ(f.row(1).data(), mf.data() + 2);
  EXPECT_EQ(f.row(1).type(), element_type::f32);
  // A one-row view is its own row r for every r (as in broadcasting).
  const std::vector<double> v{0.5, 0.5};
  const distribution_view one(v);
  EXPECT_EQ(one.row(0).data(), v.data());
  EXPECT_EQ(one.row(7).data(), v.data());
  EXPECT_EQ(one.row(7).cols(), 2u);
}

TEST(DistributionView, FormMarkers) {
  const std::vector<double> v{1.0, 2.0, 3.0};
  const distribution_view plain(v);
  EXPECT_EQ(probs(plain).form(), input_form::probs);
  EXPECT_EQ(log_probs(plain).form(), input_form::log_probs);
  EXPECT_EQ(logits(plain).form(), input_form::logits);
  EXPECT_EQ(counts(plain).form(), input_form::counts);
  EXPECT_EQ(counts(plain).smoothing(), 0.0);
  EXPECT_EQ(counts(plain, 0.5).smoothing(), 0.5);

  // Markers return a new view and keep data, shape and type.
  const distribution_view c = counts(v, 1.5);
  EXPECT_EQ(c.data(), v.data());
  EXPECT_EQ(c.cols(), 3u);
  EXPECT_EQ(c.rows(), 1u);
  EXPECT_EQ(c.type(), element_type::f64);
  EXPECT_EQ(plain.form(), input_form::probs);

  // Re-marking replaces the form, and a non-counts marker drops the smoothing.
  EXPECT_EQ(logits(c).form(), input_form::logits);
  EXPECT_EQ(logits(c).smoothing(), 0.0);
  EXPECT_EQ(probs(logits(plain)).form(), input_form::probs);
  EXPECT_EQ(plain.with_form(input_form::counts, 2.0).smoothing(), 2.0);

  // Markers work on matrices and floats too.
  const std::vector<float> m{1.0f, 2.0f, 3.0f, 4.0f};
  const distribution_view lm = logits(matrix_view<const float>{m.data(), 2, 2});
  EXPECT_EQ(lm.form(), input_form::logits);
  EXPECT_EQ(lm.type(), element_type::f32);
  EXPECT_EQ(lm.rows(), 2u);
}

TEST(DistributionView, FormsDescribeTheSameDistribution) {
  // counts {1, 3}, logits {0, log 3}, log_probs {log 1/4, log 3/4} and probs {1/4, 3/4} are one
  // distribution; its entropy is log 4 - (3/4) log 3.
  const double expected = std::log(4.0) - 0.75 * std::log(3.0);
  EXPECT_TRUE(close_rel(entropy(counts(std::vector<double>{1.0, 3.0})), expected, 1e-15));
  EXPECT_TRUE(close_rel(entropy(logits(std::vector<double>{0.0, std::log(3.0)})), expected, 1e-15));
  EXPECT_TRUE(close_rel(entropy(log_probs(std::vector<double>{std::log(0.25), std::log(0.75)})), expected, 1e-15));
  EXPECT_TRUE(close_rel(entropy(probs(std::vector<double>{0.25, 0.75})), expected, 1e-15));
  EXPECT_TRUE(close_rel(entropy(std::vector<double>{0.25, 0.75}), expected, 1e-15));
}

TEST(DistributionView, StrideSmallerThanColsIsRejected) {
  const std::vector<double> m{0.5, 0.5, 0.5, 0.5};
  const matrix_view<const double> bad{m.data(), 2, 2, 1};
  std::vector<double> out(2);
  EXPECT_THROW(kl(bad, m, out), kullback::invalid_argument);
  EXPECT_THROW(entropy(bad, out), kullback::invalid_argument);
}

TEST(DistributionView, EmptyMatrixIsRejected) {
  const std::vector<double> m{0.5, 0.5};
  std::vector<double> out;
  EXPECT_THROW(entropy(matrix_view<const double>{m.data(), 0, 2}, out), kullback::invalid_argument);
  EXPECT_THROW(entropy(matrix_view<const double>{nullptr, 1, 2}), kullback::invalid_argument);
}

}  // namespace
