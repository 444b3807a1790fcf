// Highway kernel for the row sums of the independent-normal KL, compiled once per SIMD target.
//
// Lane by lane, the same formula as normal_kl in normal_terms.hpp:
//   KL = 1/2 [g + delta^2],  delta = (m1 - m2) / s2,  t = (s1 - s2) / s2,  r = s1 / s2,
//   g = 2 psi(t) + t^2 for |t| <= 1/4 (series of gaussian_terms.hpp), (r^2 - 1) - 2 log r beyond,
// with Highway's vector log (a few ulp; the log branch cancels by at most a factor ~5). Sums are
// lane-wise, blocked and Neumaier-compensated, then combined in lane order: the result is
// deterministic for a given SIMD target but may differ in the last bits from the scalar sum of
// the elementwise values.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "src/parametric/normal_simd.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "hwy/contrib/math/math-inl.h"
#include "src/parametric/normal_simd.hpp"
#include "src/parametric/normal_terms.hpp"
#include "src/core/summation.hpp"

#include <cmath>

HWY_BEFORE_NAMESPACE();
namespace kullback::detail::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

using D = hn::ScalableTag<double>;
using V = hn::Vec<D>;

HWY_INLINE V Load(D d, const normal_row_operand& x, std::size_t c) {
  return x.step == 0 ? hn::Set(d, x.data[0]) : hn::LoadU(d, x.data + c);
}

normal_kl_row_result NormalKlRow(normal_row_operand m1, normal_row_operand s1, normal_row_operand m2,
                                 normal_row_operand s2, std::size_t n) {
  const D d;
  const std::size_t lanes = hn::Lanes(d);
  const V one = hn::Set(d, 1.0), two = hn::Set(d, 2.0), half = hn::Set(d, 0.5);
  const V bound = hn::Set(d, gauss::psi_series_bound);
  const V r_min = hn::Set(d, 0x1p-1022), r_max = hn::Set(d, 1e150);
  V pending = hn::Zero(d), sum = hn::Zero(d), comp = hn::Zero(d);
  auto flush = [&] {
    const V x = pending;
    pending = hn::Zero(d);
    const V t = hn::Add(sum, x);
    const V big_sum = hn::Add(hn::Sub(sum, t), x);
    const V big_x = hn::Add(hn::Sub(x, t), sum);
    comp = hn::Add(comp, hn::IfThenElse(hn::Ge(hn::Abs(sum), hn::Abs(x)), big_sum, big_x));
    sum = t;
  };
  auto bad = hn::FirstN(d, 0);
  std::size_t c = 0, blocks = 0;
  for (; c + lanes <= n; c += lanes) {
    const V a1 = Load(d, m1, c), b1 = Load(d, s1, c), a2 = Load(d, m2, c), b2 = Load(d, s2, c);
    const V inv = hn::Div(one, b2);
    const V t = hn::Mul(hn::Sub(b1, b2), inv);
    const V delta = hn::Mul(hn::Sub(a1, a2), inv);
    const V r = hn::Mul(b1, inv);
    // series branch
    const V s = hn::Div(t, hn::Add(two, t));
    const V w = hn::Mul(s, s);
    const V w2 = hn::Mul(w, w);
    const V a0 = hn::MulAdd(w, hn::Set(d, 1.0 / 5.0), hn::Set(d, 1.0 / 3.0));
    const V a1c = hn::MulAdd(w, hn::Set(d, 1.0 / 9.0), hn::Set(d, 1.0 / 7.0));
    const V a2c = hn::MulAdd(w, hn::Set(d, 1.0 / 13.0), hn::Set(d, 1.0 / 11.0));
    const V a3c = hn::MulAdd(w, hn::Set(d, 1.0 / 17.0), hn::Set(d, 1.0 / 15.0));
    const V a4c = hn::MulAdd(w, hn::Set(d, 1.0 / 21.0), hn::Set(d, 1.0 / 19.0));
    const V w4 = hn::Mul(w2, w2);
    const V poly = hn::Add(hn::MulAdd(w2, a1c, a0), hn::Mul(w4, hn::MulAdd(w4, a4c, hn::MulAdd(w2, a3c, a2c))));
    const V psi = hn::Sub(hn::Mul(w, hn::Add(two, t)), hn::Mul(hn::Mul(hn::Add(s, s), w), poly));
    const V series = hn::MulAdd(t, t, hn::Add(psi, psi));
    // log branch
    const V logr = hn::Log(d, r);
    const V far = hn::Sub(hn::MulSub(r, r, one), hn::Add(logr, logr));
    const auto near = hn::Le(hn::Abs(t), bound);
    const V g = hn::IfThenElse(near, series, far);
    pending = hn::Add(pending, hn::Mul(half, hn::MulAdd(delta, delta, g)));
    bad = hn::Or(bad, hn::AndNot(near, hn::Or(hn::Lt(r, r_min), hn::Gt(r, r_max))));
    if (++blocks == 8) {
      flush();
      blocks = 0;
    }
  }
  flush();
  normal_kl_row_result out;
  if (!hn::AllFalse(d, bad)) {
    out.needs_scalar = true;
    return out;
  }
  neumaier_sum total;
  HWY_ALIGN double lane_sum[HWY_MAX_BYTES / sizeof(double)];
  HWY_ALIGN double lane_comp[HWY_MAX_BYTES / sizeof(double)];
  hn::Store(sum, d, lane_sum);
  hn::Store(comp, d, lane_comp);
  for (std::size_t i = 0; i < lanes; ++i) {
    total.add(lane_sum[i]);
    total.add(lane_comp[i]);
  }
  for (; c < n; ++c) {
    total.add(gauss::normal_kl(m1.data[c * m1.step], s1.data[c * s1.step], m2.data[c * m2.step], s2.data[c * s2.step]));
  }
  out.sum = total.value();
  return out;
}

}  // namespace kullback::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace kullback::detail {
HWY_EXPORT(NormalKlRow);
normal_kl_row_result normal_kl_row(normal_row_operand m1, normal_row_operand s1, normal_row_operand m2,
                                   normal_row_operand s2, std::size_t n) {
  return HWY_DYNAMIC_DISPATCH(NormalKlRow)(m1, s1, m2, s2, n);
}
}  // namespace kullback::detail
#endif
