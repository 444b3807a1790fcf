// Highway kernels for KL; compiled once per SIMD target and dispatched at run time.
//
// Probabilities: each term p log(p/q) - p + q is taken, lane by lane, as
//   q phi(t), phi(t) = sum_{k>=2} (-1)^k t^k / (k (k - 1)),   t = (p - q)/q, |t| <= 0.1
// (15 terms reach 1e-17 relative), and as p (log(p/q) - 1) + q elsewhere (cancellation <= 20x).
// Logits: the direct form sum p_i u_i - log(z_a / z_b) costs two exps per element; kl.cpp checks
// its rounding-error bound and falls back to the exact scalar path when the bound is too large.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "src/discrete/kl_simd.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "hwy/contrib/math/math-inl.h"
#include "src/discrete/kl_simd.hpp"

#include <cfloat>
#include <cmath>
#include <limits>

HWY_BEFORE_NAMESPACE();
namespace kullback::detail::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

using D = hn::ScalableTag<double>;
using V = hn::Vec<D>;

// Loads N doubles from double or float storage (masked for the tail: missing lanes are 0).
HWY_INLINE V LoadAsDouble(D d, const double* x, std::size_t remaining) {
  if (remaining >= hn::Lanes(d)) return hn::LoadU(d, x);
  return hn::MaskedLoad(hn::FirstN(d, remaining), d, x);
}
HWY_INLINE V LoadAsDouble(D d, const float* x, std::size_t remaining) {
  const hn::Rebind<float, D> df;
  if (remaining >= hn::Lanes(d)) return hn::PromoteTo(d, hn::LoadU(df, x));
  return hn::PromoteTo(d, hn::MaskedLoad(hn::FirstN(df, remaining), df, x));
}

// Lane-wise Neumaier compensated accumulator.
struct CompensatedSum {
  V sum;
  V compensation;
  explicit CompensatedSum(D d) : sum(hn::Zero(d)), compensation(hn::Zero(d)) {}
  HWY_INLINE void Add(V x) {
    const V t = hn::Add(sum, x);
    const V big_sum = hn::Add(hn::Sub(sum, t), x);
    const V big_x = hn::Add(hn::Sub(x, t), sum);
    compensation = hn::Add(compensation, hn::IfThenElse(hn::Ge(hn::Abs(sum), hn::Abs(x)), big_sum, big_x));
    sum = t;
  }
  // Lanes folded in a fixed order; an infinite lane sum makes the compensation meaningless.
  double Value(D d) const {
    const double s = hn::GetLane(hn::SumOfLanes(d, sum));
    if (!std::isfinite(s)) return s;
    return s + hn::GetLane(hn::SumOfLanes(d, compensation));
  }
};

// phi(t) / t^2 by Horner on its Taylor series.
HWY_INLINE V PhiOverTSquared(D d, V t) {
  V poly = hn::Set(d, 1.0 / (16.0 * 15.0));
  for (int k = 15; k >= 2; --k) {
    const double c = (k % 2 == 0 ? 1.0 : -1.0) / (static_cast<double>(k) * (k - 1));
    poly = hn::MulAdd(poly, t, hn::Set(d, c));
  }
  return poly;
}

template <class T>
probs_kl_partial ProbsKlChunk(const T* p, const T* q, std::size_t n) {
  const D d;
  const std::size_t lanes = hn::Lanes(d);
  const V zero = hn::Zero(d);
  const V one = hn::Set(d, 1.0);
  const V inf = hn::Set(d, std::numeric_limits<double>::infinity());
  const V near_limit = hn::Set(d, 0.1);
  const V smallest_normal = hn::Set(d, DBL_MIN);
  CompensatedSum kl(d), sum_p(d), sum_q(d);
  auto bad = hn::Lt(zero, zero);
  auto needs_scalar = bad;
  for (std::size_t i = 0; i < n; i += lanes) {
    const V vp = LoadAsDouble(d, p + i, n - i);
    const V vq = LoadAsDouble(d, q + i, n - i);
    bad = hn::Or(bad, hn::Or(hn::Not(hn::Ge(vp, zero)), hn::Not(hn::Ge(vq, zero))));
    bad = hn::Or(bad, hn::Or(hn::Eq(vp, inf), hn::Eq(vq, inf)));
    sum_p.Add(vp);
    sum_q.Add(vq);

    const V inverse_q = hn::Div(one, vq);
    const V t = hn::Mul(hn::Sub(vp, vq), inverse_q);
    const auto near = hn::Le(hn::Abs(t), near_limit);
    V term = hn::Mul(hn::Mul(vq, hn::Mul(t, t)), PhiOverTSquared(d, t));
    const auto positive = hn::And(hn::Gt(vp, zero), hn::Gt(vq, zero));
    const auto far = hn::AndNot(near, positive);
    if (!hn::AllFalse(d, far)) {
      const V ratio = hn::Mul(vp, inverse_q);
      needs_scalar = hn::Or(needs_scalar, hn::And(far, hn::Or(hn::Lt(ratio, smallest_normal), hn::Eq(ratio, inf))));
      const V log_ratio = hn::Log(d, hn::IfThenElse(far, ratio, one));
      term = hn::IfThenElse(far, hn::MulAdd(vp, hn::Sub(log_ratio, one), vq), term);
    }
    term = hn::IfThenElse(hn::Eq(vp, zero), vq, term);
    term = hn::IfThenElse(hn::And(hn::Eq(vq, zero), hn::Gt(vp, zero)), inf, term);
    kl.Add(term);
  }
  probs_kl_partial result;
  result.kl = kl.Value(d);
  result.sum_p = sum_p.Value(d);
  result.sum_q = sum_q.Value(d);
  result.bad = !hn::AllFalse(d, bad);
  result.needs_scalar = !hn::AllFalse(d, needs_scalar);
  return result;
}

probs_kl_partial ProbsKlChunkF64(const double* p, const double* q, std::size_t n) { return ProbsKlChunk(p, q, n); }
probs_kl_partial ProbsKlChunkF32(const float* p, const float* q, std::size_t n) { return ProbsKlChunk(p, q, n); }

template <class T>
logits_max_partial LogitsMaxChunk(const T* a, std::size_t n) {
  const D d;
  const std::size_t lanes = hn::Lanes(d);
  const V inf = hn::Set(d, std::numeric_limits<double>::infinity());
  V best = hn::Set(d, -std::numeric_limits<double>::infinity());
  auto bad = hn::Lt(inf, inf);
  for (std::size_t i = 0; i < n; i += lanes) {
    V x = LoadAsDouble(d, a + i, n - i);
    if (n - i < lanes) x = hn::IfThenElse(hn::FirstN(d, n - i), x, hn::Neg(inf));
    bad = hn::Or(bad, hn::Or(hn::Not(hn::Eq(x, x)), hn::Eq(x, inf)));  // Eq is false for NaN
    best = hn::Max(best, x);
  }
  return {hn::GetLane(hn::MaxOfLanes(d, best)), !hn::AllFalse(d, bad)};
}

logits_max_partial LogitsMaxChunkF64(const double* a, std::size_t n) { return LogitsMaxChunk(a, n); }
logits_max_partial LogitsMaxChunkF32(const float* a, std::size_t n) { return LogitsMaxChunk(a, n); }

template <class T>
logits_kl_partial LogitsKlChunk(const T* a, const T* b, std::size_t n, double m_a, double m_b) {
  const D d;
  const std::size_t lanes = hn::Lanes(d);
  const V neg_inf = hn::Set(d, -std::numeric_limits<double>::infinity());
  const V zero = hn::Zero(d);
  const V va_max = hn::Set(d, m_a);
  const V vb_max = hn::Set(d, m_b);
  // u = (a - b) - (m_a - m_b) with both differences error-free (TwoSum), as in row_source.cpp.
  const double max_gap = m_a - m_b;
  const double max_gap_virtual = m_a - max_gap;
  const double max_gap_error = (m_a - (max_gap + max_gap_virtual)) + (max_gap_virtual - m_b);
  const V shift = hn::Set(d, max_gap);
  const V shift_error = hn::Set(d, max_gap_error);
  // exp underflows to 0 below -745; clamping keeps -inf (a masked entry minus the max) out of Exp.
  const V lowest_exponent = hn::Set(d, -1000.0);
  const V largest = hn::Set(d, std::numeric_limits<double>::max());
  CompensatedSum z_a(d), z_b(d), w(d), w_abs(d);
  auto overflow = hn::Lt(zero, zero);
  for (std::size_t i = 0; i < n; i += lanes) {
    V va = LoadAsDouble(d, a + i, n - i);
    V vb = LoadAsDouble(d, b + i, n - i);
    if (n - i < lanes) {
      const auto valid = hn::FirstN(d, n - i);
      va = hn::IfThenElse(valid, va, neg_inf);
      vb = hn::IfThenElse(valid, vb, neg_inf);
    }
    const auto a_zero = hn::Eq(va, neg_inf);
    const auto b_zero = hn::Eq(vb, neg_inf);
    const V ea = hn::IfThenZeroElse(a_zero, hn::Exp(d, hn::Max(hn::Sub(va, va_max), lowest_exponent)));
    const V eb = hn::IfThenZeroElse(b_zero, hn::Exp(d, hn::Max(hn::Sub(vb, vb_max), lowest_exponent)));
    const V gap = hn::Sub(va, vb);
    const V b_virtual = hn::Sub(va, gap);
    const V gap_error = hn::Add(hn::Sub(va, hn::Add(gap, b_virtual)), hn::Sub(b_virtual, vb));
    const V u = hn::Add(hn::Sub(gap, shift), hn::Sub(gap_error, shift_error));
    overflow = hn::Or(overflow, hn::AndNot(hn::Or(a_zero, b_zero), hn::Not(hn::Le(hn::Abs(u), largest))));
    const auto has_mass = hn::Gt(ea, zero);
    z_a.Add(ea);
    z_b.Add(eb);
    w.Add(hn::IfThenElseZero(has_mass, hn::Mul(ea, u)));
    w_abs.Add(hn::IfThenElseZero(has_mass, hn::Mul(ea, hn::Abs(u))));
  }
  return {z_a.Value(d), z_b.Value(d), w.Value(d), w_abs.Value(d), !hn::AllFalse(d, overflow)};
}

logits_kl_partial LogitsKlChunkF64(const double* a, const double* b, std::size_t n, double m_a, double m_b) {
  return LogitsKlChunk(a, b, n, m_a, m_b);
}
logits_kl_partial LogitsKlChunkF32(const float* a, const float* b, std::size_t n, double m_a, double m_b) {
  return LogitsKlChunk(a, b, n, m_a, m_b);
}

}  // namespace kullback::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace kullback::detail {

HWY_EXPORT(ProbsKlChunkF64);
HWY_EXPORT(ProbsKlChunkF32);
HWY_EXPORT(LogitsMaxChunkF64);
HWY_EXPORT(LogitsMaxChunkF32);
HWY_EXPORT(LogitsKlChunkF64);
HWY_EXPORT(LogitsKlChunkF32);

probs_kl_partial probs_kl_chunk(const double* p, const double* q, std::size_t n) {
  return HWY_DYNAMIC_DISPATCH(ProbsKlChunkF64)(p, q, n);
}
probs_kl_partial probs_kl_chunk(const float* p, const float* q, std::size_t n) {
  return HWY_DYNAMIC_DISPATCH(ProbsKlChunkF32)(p, q, n);
}
logits_max_partial logits_max_chunk(const double* a, std::size_t n) {
  return HWY_DYNAMIC_DISPATCH(LogitsMaxChunkF64)(a, n);
}
logits_max_partial logits_max_chunk(const float* a, std::size_t n) {
  return HWY_DYNAMIC_DISPATCH(LogitsMaxChunkF32)(a, n);
}
logits_kl_partial logits_kl_chunk(const double* a, const double* b, std::size_t n, double m_a, double m_b) {
  return HWY_DYNAMIC_DISPATCH(LogitsKlChunkF64)(a, b, n, m_a, m_b);
}
logits_kl_partial logits_kl_chunk(const float* a, const float* b, std::size_t n, double m_a, double m_b) {
  return HWY_DYNAMIC_DISPATCH(LogitsKlChunkF32)(a, b, n, m_a, m_b);
}

}  // namespace kullback::detail
#endif
