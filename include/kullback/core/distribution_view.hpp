// A read-only view of one discrete distribution, or of a batch of them (the rows of a row-major
// matrix), together with the form its numbers are in.
//
//   kl(p, q)                          p, q: probabilities (std::span, std::vector, matrix_view)
//   kl(logits(a), logits(b))          softmax is taken inside, fused, without a normalised copy
//   kl(log_probs(a), log_probs(b))    log-probabilities (rows must satisfy logsumexp = 0)
//   kl(counts(c1, 0.5), counts(c2))   counts with optional additive (Laplace/Lidstone) smoothing
//
// Both arguments of a measure must be in the same form. The view does not own its data.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace kullback {

enum class input_form { probs, log_probs, logits, counts };
enum class element_type { f32, f64 };

// Rows of a row-major matrix; row_stride (in elements) >= cols lets a view skip padding.
template <class T>
struct matrix_view {
  T* data = nullptr;
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::size_t row_stride = 0;  // 0 means cols

  std::size_t stride() const { return row_stride == 0 ? cols : row_stride; }
};

class distribution_view {
 public:
  distribution_view(std::span<const double> values) : distribution_view(values.data(), element_type::f64, 1, values.size(), values.size()) {}
  distribution_view(std::span<const float> values) : distribution_view(values.data(), element_type::f32, 1, values.size(), values.size()) {}
  distribution_view(const std::vector<double>& values) : distribution_view(std::span<const double>(values)) {}
  distribution_view(const std::vector<float>& values) : distribution_view(std::span<const float>(values)) {}
  distribution_view(matrix_view<const double> m) : distribution_view(m.data, element_type::f64, m.rows, m.cols, m.stride()) {}
  distribution_view(matrix_view<const float> m) : distribution_view(m.data, element_type::f32, m.rows, m.cols, m.stride()) {}

  const void* data() const { return data_; }
  element_type type() const { return type_; }
  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  std::size_t row_stride() const { return row_stride_; }
  input_form form() const { return form_; }
  double smoothing() const { return smoothing_; }

  // Row r alone, in the same form (a one-row view returns itself for any r, as in broadcasting).
  distribution_view row(std::size_t r) const {
    if (rows_ == 1) return *this;
    distribution_view v = *this;
    const std::size_t bytes = type_ == element_type::f64 ? sizeof(double) : sizeof(float);
    v.data_ = static_cast<const char*>(data_) + r * row_stride_ * bytes;
    v.rows_ = 1;
    return v;
  }

  distribution_view with_form(input_form form, double smoothing = 0.0) const {
    distribution_view v = *this;
    v.form_ = form;
    v.smoothing_ = smoothing;
    return v;
  }

 private:
  distribution_view(const void* data, element_type type, std::size_t rows, std::size_t cols, std::size_t stride)
      : data_(data), type_(type), rows_(rows), cols_(cols), row_stride_(stride) {}

  const void* data_;
  element_type type_;
  std::size_t rows_;
  std::size_t cols_;
  std::size_t row_stride_;
  input_form form_ = input_form::probs;
  double smoothing_ = 0.0;
};

// Input-form markers: kl(logits(a), logits(b)).
inline distribution_view probs(distribution_view v) { return v.with_form(input_form::probs); }
inline distribution_view log_probs(distribution_view v) { return v.with_form(input_form::log_probs); }
inline distribution_view logits(distribution_view v) { return v.with_form(input_form::logits); }
// counts c_i >= 0 with additive smoothing s >= 0: p_i = (c_i + s) / sum_j (c_j + s).
inline distribution_view counts(distribution_view v, double smoothing = 0.0) {
  return v.with_form(input_form::counts, smoothing);
}

}  // namespace kullback
