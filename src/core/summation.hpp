// Internal: compensated and pairwise summation in double.
#pragma once

#include <cmath>
#include <cstddef>
#include <span>

namespace kullback::detail {

// Knuth's TwoSum for x - y: returns {s, e} with s = fl(x - y) and s + e = x - y exactly.
struct rounded_with_error {
  double value;
  double error;
};
inline rounded_with_error two_difference(double x, double y) {
  const double s = x - y;
  const double y_virtual = x - s;
  const double x_virtual = s + y_virtual;
  return {s, (x - x_virtual) + (y_virtual - y)};
}

// Neumaier's variant of Kahan summation: the running error term also captures the low part of
// the running sum when an addend is larger than it, so mixed-sign sums keep ~1 ulp accuracy.
// Infinite addends are passed through (a plain compensated update would turn inf - inf into NaN).
class neumaier_sum {
 public:
  void add(double x) {
    const double t = sum_ + x;
    if (!std::isfinite(t)) {
      sum_ = t;
      return;
    }
    if (std::fabs(sum_) >= std::fabs(x)) {
      compensation_ += (sum_ - t) + x;
    } else {
      compensation_ += (x - t) + sum_;
    }
    sum_ = t;
  }
  double value() const { return std::isfinite(sum_) ? sum_ + compensation_ : sum_; }

 private:
  double sum_ = 0.0;
  double compensation_ = 0.0;
};

// Pairwise (cascade) sum of partial sums; the tree depends only on the length, so the result does
// not depend on which thread produced which partial.
inline double pairwise_sum(std::span<const double> values) {
  if (values.empty()) return 0.0;
  if (values.size() <= 8) {
    neumaier_sum s;
    for (double v : values) s.add(v);
    return s.value();
  }
  const std::size_t half = values.size() / 2;
  return pairwise_sum(values.first(half)) + pairwise_sum(values.subspan(half));
}

}  // namespace kullback::detail
