// Internal: one row of a distribution_view, validated and prepared for its input form, and the
// pair of rows a divergence reads element by element.
//
// A prepared row knows how to turn its i-th stored number into a probability without building a
// normalised copy:
//   probs      p_i = x_i / z            (z = 1, or the row sum with normalize)
//   counts     p_i = (c_i + s) / z      (z = sum of c_j + s)
//   logits     p_i = exp(a_i - m) / z   (m = max a, z = sum exp(a_j - m))
//   log_probs  p_i = exp(a_i)           (with normalize: as logits)
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstddef>
#include <string>

#include "accurate_terms.hpp"
#include "kullback/core/distribution_view.hpp"
#include "kullback/core/options.hpp"

namespace kullback::detail {

// Names the function and the argument in error messages, e.g. "kullback::kl" and "q[row 2]".
struct argument_name {
  const char* function;
  char argument;
  std::size_t row;
  bool batched;

  std::string element(std::size_t index) const;
  std::string whole() const;
};

[[noreturn]] void throw_bad_element(const argument_name& name, std::size_t index, double value, const char* rule);

// options::tolerance when unset: accepts any row normalised by naive summation in type T.
template <class T>
double default_tolerance(std::size_t n) {
  return std::max(1e-9, static_cast<double>(n) * std::numeric_limits<T>::epsilon());
}

enum class scale_kind { linear, exponential };

inline scale_kind scale_of(input_form form) {
  return (form == input_form::logits || form == input_form::log_probs) ? scale_kind::exponential : scale_kind::linear;
}

template <class T>
struct prepared_row {
  const T* x = nullptr;
  std::size_t n = 0;
  scale_kind scale = scale_kind::linear;
  double offset = 0.0;   // smoothing s (counts) or the max m (exponential forms)
  double z = 1.0;        // normaliser
  double log_z = 0.0;
  bool renormalized = false;  // z is a computed sum rather than 1

  // Linear forms: the unnormalised mass x_i + s. Exponential forms: the shifted log a_i - m.
  double raw(std::size_t i) const { return static_cast<double>(x[i]) + (scale == scale_kind::linear ? offset : -offset); }

  double probability(std::size_t i) const {
    return scale == scale_kind::linear ? raw(i) / z : std::exp(raw(i) - log_z);
  }
  double log_probability(std::size_t i) const {
    return scale == scale_kind::linear ? std::log(raw(i) / z) : raw(i) - log_z;
  }
};

// Validates row `row` of `view` (entries, and the sum where the form requires one) and computes its
// normaliser, splitting a long row across threads when `parallel`. Throws
// kullback::invalid_argument naming the first bad entry.
template <class T>
prepared_row<T> prepare_row(const distribution_view& view, std::size_t row, const options& opts,
                            const argument_name& name, bool parallel = false);

// What a divergence term needs about element i of a row pair.
struct pair_element {
  double p;
  double q;
  double d;   // p - q without cancellation
  double t;   // p / q - 1  (+inf where q = 0 < p, 0 where p = q = 0)
  double lr;  // log(p / q) (only filled when requested)
};

// Two prepared rows of the same form. For exponential forms the difference of the two log
// normalisers, c = log(z_p / z_q), is computed as log1p(D / z_q) with
// D = z_p - z_q = sum_i exp(b_i - m_q) expm1(u_i), u_i = (a_i - m_p) - (b_i - m_q), so that the
// log ratio lr_i = u_i - c keeps full relative accuracy when the two rows nearly agree.
template <class T>
class row_pair {
 public:
  row_pair(const prepared_row<T>& p, const prepared_row<T>& q, bool parallel = false);

  template <bool with_log_ratio>
  pair_element at(std::size_t i) const {
    if (p_.scale == scale_kind::linear) return linear_at<with_log_ratio>(i);
    return exponential_at(i);
  }

  const prepared_row<T>& p() const { return p_; }
  const prepared_row<T>& q() const { return q_; }

 private:
  template <bool with_log_ratio>
  pair_element linear_at(std::size_t i) const {
    const double x = p_.raw(i);
    const double y = q_.raw(i);
    pair_element e{};
    if (!cross_scaled_) {
      e.p = x;
      e.q = y;
      e.d = x - y;
    } else {
      // d = (x z_q - y z_p) / (z_p z_q) with the products' rounding errors recovered by fma.
      const double xz = x * q_.z;
      const double yz = y * p_.z;
      const double num = (xz - yz) + (std::fma(x, q_.z, -xz) - std::fma(y, p_.z, -yz));
      e.p = x / p_.z;
      e.q = y / q_.z;
      e.d = num / (p_.z * q_.z);
    }
    if (e.q > 0.0) {
      e.t = e.d / e.q;
    } else {
      e.t = e.p > 0.0 ? infinity : 0.0;
    }
    if constexpr (with_log_ratio) e.lr = linear_log_ratio(e);
    return e;
  }

  static double linear_log_ratio(const pair_element& e) {
    if (e.p == 0.0) return e.q == 0.0 ? 0.0 : -infinity;
    if (e.q == 0.0) return infinity;
    if (std::fabs(e.t) <= 0.5) return std::log1p(e.t);
    const double ratio = e.p / e.q;
    if (std::isnormal(ratio) && std::isfinite(ratio)) return std::log(ratio);
    return std::log(e.p) - std::log(e.q);
  }

  pair_element exponential_at(std::size_t i) const;

  prepared_row<T> p_;
  prepared_row<T> q_;
  bool cross_scaled_ = false;
  double log_z_ratio_ = 0.0;  // c = log(z_p / z_q)
};

extern template class row_pair<float>;
extern template class row_pair<double>;
extern template prepared_row<float> prepare_row<float>(const distribution_view&, std::size_t, const options&,
                                                       const argument_name&, bool);
extern template prepared_row<double> prepare_row<double>(const distribution_view&, std::size_t, const options&,
                                                         const argument_name&, bool);

}  // namespace kullback::detail
