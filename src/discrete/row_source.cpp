#include "row_source.hpp"

#include <algorithm>
#include <limits>
#include <vector>

#include "../core/chunked_reduce.hpp"
#include "../core/format_number.hpp"
#include "../core/summation.hpp"
#include "kullback/core/error.hpp"

namespace kullback::detail {

std::string argument_name::whole() const {
  std::string s(1, argument);
  if (batched) s += "[row " + std::to_string(row) + "]";
  return s;
}

std::string argument_name::element(std::size_t index) const { return whole() + "[" + std::to_string(index) + "]"; }

namespace {
[[noreturn]] void throw_bad_sum(const argument_name& name, const char* what, double sum, double tolerance) {
  throw invalid_argument(std::string(name.function) + ": " + name.whole() + " " + what + " to " + format_number(sum) +
                         ", but must sum to 1 within tolerance " + format_number(tolerance) +
                         " (pass normalize to rescale)");
}
}  // namespace

void throw_bad_element(const argument_name& name, std::size_t index, double value, const char* rule) {
  throw invalid_argument(std::string(name.function) + ": " + name.element(index) + " = " + format_number(value) +
                         ", but " + rule);
}

template <class T>
prepared_row<T> prepare_row(const distribution_view& view, std::size_t row, const options& opts,
                            const argument_name& name, bool parallel) {
  prepared_row<T> r;
  r.x = static_cast<const T*>(view.data()) + row * view.row_stride();
  r.n = view.cols();
  r.scale = scale_of(view.form());
  const double tolerance = opts.tolerance.value_or(default_tolerance<T>(r.n));
  if (r.n == 0) throw invalid_argument(std::string(name.function) + ": " + name.whole() + " is empty");

  if (r.scale == scale_kind::linear) {
    const bool is_counts = view.form() == input_form::counts;
    if (is_counts) {
      r.offset = view.smoothing();
      if (!std::isfinite(r.offset) || r.offset < 0.0) {
        throw invalid_argument(std::string(name.function) + ": smoothing = " + format_number(r.offset) +
                               ", but must be finite and >= 0");
      }
    }
    // Chunks throw at their first bad entry; parallel_for reports the lowest chunk's error.
    const double total = sum_by_chunks<1>(r.n, parallel, [&](std::size_t begin, std::size_t end) {
      neumaier_sum sum;
      for (std::size_t i = begin; i < end; ++i) {
        const double v = static_cast<double>(r.x[i]);
        if (std::isnan(v) || std::isinf(v)) throw_bad_element(name, i, v, "must be finite");
        if (v < 0.0) throw_bad_element(name, i, v, "must be >= 0");
        sum.add(v + r.offset);
      }
      return std::array<double, 1>{sum.value()};
    })[0];
    if (!std::isfinite(total)) {
      throw invalid_argument(std::string(name.function) + ": " + name.whole() +
                             " sums to more than the largest double; rescale it");
    }
    if (is_counts || opts.normalize) {
      if (!(total > 0.0)) {
        throw invalid_argument(std::string(name.function) + ": " + name.whole() +
                               " sums to 0, so it cannot be normalised");
      }
      r.z = total;
      r.log_z = std::log(total);
      r.renormalized = true;
    } else if (!(std::fabs(total - 1.0) <= tolerance)) {
      throw_bad_sum(name, "sums", total, tolerance);
    }
    return r;
  }

  // Exponential forms: -inf is an exact zero probability; NaN and +inf are errors.
  // Per chunk: its maximum and the first index holding it; chunks combine in order, so argmax is
  // the first index of the row maximum whatever the thread count.
  struct chunk_max {
    double value = -infinity;
    std::size_t index = 0;
  };
  std::vector<chunk_max> maxima((r.n + chunk_size - 1) / chunk_size);
  const auto find_max = [&](std::size_t c) {
    for (std::size_t i = c * chunk_size; i < std::min(r.n, (c + 1) * chunk_size); ++i) {
      const double v = static_cast<double>(r.x[i]);
      if (std::isnan(v) || v == infinity) throw_bad_element(name, i, v, "must be finite or -inf");
      if (v > maxima[c].value) maxima[c] = {v, i};
    }
  };
  if (parallel) {
    parallel_for(maxima.size(), r.n, find_max);
  } else {
    for (std::size_t c = 0; c < maxima.size(); ++c) find_max(c);
  }
  double max = -infinity;
  std::size_t argmax = 0;
  for (const auto& m : maxima) {
    if (m.value > max) {
      max = m.value;
      argmax = m.index;
    }
  }
  if (max == -infinity) {
    throw invalid_argument(std::string(name.function) + ": " + name.whole() + " has no finite entry");
  }
  const bool renormalize = view.form() == input_form::logits || opts.normalize;
  if (renormalize) r.offset = max;
  if (renormalize) {
    // z = 1 + rest (the max contributes exp(0) = 1): log z = log1p(rest) keeps its digits when the
    // softmax is peaked and log z is tiny.
    const double rest = sum_by_chunks<1>(r.n, parallel, [&](std::size_t begin, std::size_t end) {
      neumaier_sum sum;
      for (std::size_t i = begin; i < end; ++i) {
        if (i != argmax) sum.add(std::exp(r.raw(i)));
      }
      return std::array<double, 1>{sum.value()};
    })[0];
    r.z = 1.0 + rest;
    r.log_z = std::log1p(rest);
    r.renormalized = true;
    return r;
  }
  const double total = sum_by_chunks<1>(r.n, parallel, [&](std::size_t begin, std::size_t end) {
    neumaier_sum sum;
    for (std::size_t i = begin; i < end; ++i) sum.add(std::exp(r.raw(i)));
    return std::array<double, 1>{sum.value()};
  })[0];
  if (!(std::fabs(total - 1.0) <= tolerance)) throw_bad_sum(name, "has exp summing", total, tolerance);
  return r;
}

// u = (a - m_a) - (b - m_b) to within a few ulps of u itself, however large the logits: with the
// error-free differences a - b = g + e_g and m_a - m_b = h + e_h (two_difference),
// u = (g - h) + (e_g - e_h), where g - h is exact (Sterbenz) whenever u is small. Logits near the
// largest double overflow g or h; the plain shifted arrangement cannot overflow and is used there.
inline double shifted_log_ratio(double a, double b, double m_a, double m_b) {
  const auto [g, e_g] = two_difference(a, b);
  const auto [h, e_h] = two_difference(m_a, m_b);
  if (std::isfinite(g) && std::isfinite(h)) return (g - h) + (e_g - e_h);
  return (a - m_a) - (b - m_b);
}

template <class T>
row_pair<T>::row_pair(const prepared_row<T>& p, const prepared_row<T>& q, bool parallel) : p_(p), q_(q) {
  KULLBACK_ASSERT(p.scale == q.scale && p.n == q.n);
  if (p_.scale == scale_kind::linear) {
    cross_scaled_ = p_.z != 1.0 || q_.z != 1.0;
    return;
  }
  if (!p_.renormalized) return;  // log_probs taken as given: c = 0
  // D = z_p - z_q, termwise without cancellation.
  const double difference = sum_by_chunks<1>(p_.n, parallel, [&](std::size_t begin, std::size_t end) {
    neumaier_sum sum;
    for (std::size_t i = begin; i < end; ++i) {
      const double a = p_.raw(i);
      const double b = q_.raw(i);
      if (b == -infinity) {
        sum.add(std::exp(a));
      } else {
        const double u = shifted_log_ratio(static_cast<double>(p_.x[i]), static_cast<double>(q_.x[i]), p_.offset, q_.offset);
        sum.add(u > 1.0 ? std::exp(a) - std::exp(b) : std::exp(b) * std::expm1(u));
      }
    }
    return std::array<double, 1>{sum.value()};
  })[0];
  log_z_ratio_ = std::log1p(difference / q_.z);
}

template <class T>
pair_element row_pair<T>::exponential_at(std::size_t i) const {
  const double a = static_cast<double>(p_.x[i]);
  const double b = static_cast<double>(q_.x[i]);
  if (a == -infinity && b == -infinity) return {0.0, 0.0, 0.0, 0.0, 0.0};
  pair_element e{};
  e.p = std::exp((a - p_.offset) - p_.log_z);
  e.q = std::exp((b - q_.offset) - q_.log_z);
  e.lr = shifted_log_ratio(a, b, p_.offset, q_.offset) - log_z_ratio_;
  e.t = std::expm1(e.lr);
  e.d = std::isfinite(e.t) ? e.q * e.t : e.p;
  return e;
}

template class row_pair<float>;
template class row_pair<double>;
template prepared_row<float> prepare_row<float>(const distribution_view&, std::size_t, const options&,
                                                const argument_name&, bool);
template prepared_row<double> prepare_row<double>(const distribution_view&, std::size_t, const options&,
                                                  const argument_name&, bool);

}  // namespace kullback::detail
