// Highway kernels for KL; compiled once per SIMD target and dispatched at run time.
//
// Probabilities: each term p log(p/q) - p + q is taken from s = (p - q')/(p + q'), q' = q 2^k, by
// one branch-free formula without cancellation (see ProbsKlChunk); ratios outside the normal range
// are sent back to the scalar path.
// Logits: the direct form sum p_i u_i - log(z_a / z_b) costs two exps per element; kl_fast_path.cpp
// checks its rounding-error bound and, when it is too large (nearly equal rows), runs the exact
// termwise kernels below (three to four exps per element).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "src/discrete/kl_simd.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "hwy/contrib/math/math-inl.h"
#include "src/discrete/kl_simd.hpp"

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
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

// Lane-wise blocked compensated sum: Add() accumulates plainly into `pending`; Flush(), called by
// the loops every kBlock vectors, adds the block into a Neumaier-compensated total. The error is
// at most ~kBlock ulps of the block magnitudes plus ~1 ulp of the total, at a fraction of the cost
// of compensating every addition.
constexpr std::size_t kBlock = 8;

struct CompensatedSum {
  V pending;
  V sum;
  V compensation;
  explicit CompensatedSum(D d) : pending(hn::Zero(d)), sum(hn::Zero(d)), compensation(hn::Zero(d)) {}
  HWY_INLINE void Add(V x) { pending = hn::Add(pending, x); }
  HWY_INLINE void Flush(D d) {
    const V x = pending;
    pending = hn::Zero(d);
    const V t = hn::Add(sum, x);
    const V big_sum = hn::Add(hn::Sub(sum, t), x);
    const V big_x = hn::Add(hn::Sub(x, t), sum);
    compensation = hn::Add(compensation, hn::IfThenElse(hn::Ge(hn::Abs(sum), hn::Abs(x)), big_sum, big_x));
    sum = t;
  }
  // Lanes folded in a fixed order; an infinite lane sum makes the compensation meaningless.
  double Value(D d) {
    Flush(d);
    const double s = hn::GetLane(hn::SumOfLanes(d, sum));
    if (!std::isfinite(s)) return s;
    return s + hn::GetLane(hn::SumOfLanes(d, compensation));
  }
};

// True on every kBlock-th vector of a loop over i (in elements), when the sums flush.
HWY_INLINE bool BlockEnds(D d, std::size_t i) { return ((i / hn::Lanes(d)) % kBlock) == kBlock - 1; }

// sum_j c[j] x^j by Estrin's scheme: pairs c[2j] + c[2j+1] x, then pairs of those with x^2, ...
// The dependency depth is log2(N) multiply-adds instead of Horner's N, which is what limits these
// loops (the terms decrease fast, so the accuracy matches Horner's to an ulp).
template <std::size_t N>
HWY_INLINE V Estrin(D d, V x, const std::array<double, N>& c) {
  V v[N];
  for (std::size_t j = 0; j < N; ++j) v[j] = hn::Set(d, c[j]);
  V power = x;
  for (std::size_t count = N; count > 1; count = (count + 1) / 2) {
    for (std::size_t j = 0; j < count / 2; ++j) v[j] = hn::MulAdd(v[2 * j + 1], power, v[2 * j]);
    if (count % 2 == 1) v[count / 2] = v[count - 1];
    power = hn::Mul(power, power);
  }
  return v[0];
}

// Taylor coefficients: (e^y - 1 - y)/y^2 = sum y^(k-2) / k!, 15 terms.
constexpr std::array<double, 15> kExpm1MinusXOverXSquared = [] {
  std::array<double, 15> c{};
  double factorial = 1.0;
  for (int k = 2; k <= 16; ++k) {
    factorial *= k;
    c[k - 2] = 1.0 / factorial;
  }
  return c;
}();

// e^r on |r| <= ln2/2 (times 1.0001): degree-11 polynomial from a Chebyshev fit (mpmath chebyfit),
// relative error 1.6e-17 with the coefficients rounded to double (the degree-13 Taylor
// polynomial it replaces: 4e-18), two multiply-adds fewer per exp.
constexpr std::array<double, 12> kExpFit = {
    1.0, 1.0, 0.5000000000000019, 0.1666666666666668, 0.04166666666648795, 0.008333333333319589,
    0.0013888888952352863, 0.00019841269890076403, 2.4801485441561313e-05, 2.755724088722987e-06,
    2.763265472252779e-07, 2.5110049204818658e-08};

// Probabilities, one formula for every lane. With q' = q 2^k, k chosen from the exponent and
// mantissa bits so that p/q' lies in [1/sqrt2, sqrt2) (k = 0 when p/q does), and
// s = (p - q')/(p + q') (|s| <= 3 - 2 sqrt2 = 0.1716; p - q' is exact by Sterbenz's lemma),
//   log(p/q) = k ln2 + 2 atanh(s) = k ln2 + 2s + R(s),   R(s) = 2 (atanh s - s) = s^3 sum_j 2 s^(2j)/(2j+3),
// and since 2s (p + q') = 2 (p - q'), the KL term p log(p/q) - p + q is exactly
//   (p - q') s + p R(s)  +  [p k ln2 + q - q'].
// For k = 0 the bracket is exactly 0 and both remaining terms have full relative accuracy: the first
// is >= 0, and |p R(s)| <= 0.065 of the term, so there is no cancellation even for nearly equal p and
// q (this replaces the separate near-q series). For k != 0, |t| = |p/q - 1| >= 0.29, the term is
// >= 0.047 q, and the bracket takes two roundings of its own size (k ln2_hi is exact, the products are
// fused, q - q' is exact for |k| = 1): the worst case, p/q just above sqrt2, adds -0.02 q to 0.096 q.
// R(s)/s^3 is a degree-7 polynomial in s^2 (Chebyshev fit on [0, (1.002 * 0.1716)^2], relative error
// 2e-18 before rounding the coefficients). Lanes with p or q outside [4 DBL_MIN, 2^1000] (where the
// exponent fields would not give the binade, or q' would leave the normal range) send the chunk
// scalar (the upper end is tested through the row sums).
constexpr std::array<double, 8> kAtanhRemainderOverSCubed = {
    0.6666666666666666, 0.400000000000009,   0.2857142857078817, 0.22222222395207486,
    0.18181795267569884, 0.1538625992668246, 0.1326823260723225, 0.1309226769119501};

template <class T>
probs_kl_partial ProbsKlChunk(const T* p, const T* q, std::size_t n) {
  const D d;
  const hn::RebindToUnsigned<D> du;
  const std::size_t lanes = hn::Lanes(d);
  const V zero = hn::Zero(d);
  const V inf = hn::Set(d, std::numeric_limits<double>::infinity());
  const V sqrt2 = hn::Set(d, 1.4142135623730951);
  const V ln2_hi = hn::Set(d, 6.93147180369123816490e-01);  // 32 significant bits: k ln2_hi is exact
  const V ln2_lo = hn::Set(d, 1.90821492927058770002e-10);
  const V lowest_fast = hn::Set(d, 4 * DBL_MIN);
  const auto exponent_mask = hn::Set(du, 0x7ff0000000000000ULL);
  const auto mantissa_mask = hn::Set(du, 0x000fffffffffffffULL);
  const auto one_exponent = hn::Set(du, 1ULL << 52);
  const auto k_offset = hn::Set(du, 2048ULL << 52);  // k + 2048 in [0, 4096) as the top 12 bits
  const auto two52_bits = hn::BitCast(du, hn::Set(d, 0x1p52));
  const V k_magic = hn::Set(d, 0x1p52 + 2048.0);
  CompensatedSum kl(d), sum_p(d), sum_q(d);
  // Invalid entries: a negative one lowers the running minimum (kept by the rare-lane branch
  // below, which every vector with a negative, zero or NaN entry takes); NaN and +inf make a row
  // sum non-finite. Either way the caller rescans the row for the message. The smallest positive
  // entry, and the row sums as bounds on the largest entry (all entries are then non-negative),
  // decide whether the chunk goes scalar.
  V lowest = zero;
  V lowest_positive = inf;
  // First half of a term: everything up to the division, whose latency the loop below overlaps
  // with the polynomial of the previous pair.
  struct Started {
    V p, difference, s, bracket;
  };
  const auto start = [&](V vp, V vq) HWY_ATTR {
    const V smaller = hn::Min(vp, vq);
    sum_p.Add(vp);
    sum_q.Add(vq);

    const auto q_bits = hn::BitCast(du, vq);
    // q' is q scaled by a power of two into (P/2, P], P = p sqrt2 (so p/q' in [1/sqrt2, sqrt2)):
    // q's mantissa with P's exponent, halved where that exceeds P.
    const V big_p = hn::Mul(vp, sqrt2);
    const auto big_p_exponent = hn::And(hn::BitCast(du, big_p), exponent_mask);
    const V q1 = hn::BitCast(d, hn::Or(hn::And(q_bits, mantissa_mask), big_p_exponent));
    const auto halve = hn::IfThenElseZero(hn::RebindMask(du, hn::Gt(q1, big_p)), one_exponent);
    const auto k_bits = hn::Sub(hn::Sub(big_p_exponent, hn::And(q_bits, exponent_mask)), halve);
    const V q_scaled = hn::BitCast(d, hn::Add(q_bits, k_bits));
    const V k = hn::Sub(hn::BitCast(d, hn::Or(hn::ShiftRight<52>(hn::Add(k_bits, k_offset)), two52_bits)), k_magic);

    Started x;
    x.p = vp;
    x.difference = hn::Sub(vp, q_scaled);
    x.s = hn::Div(x.difference, hn::Add(vp, q_scaled));
    x.bracket = hn::MulAdd(vp, hn::Mul(k, ln2_lo), hn::MulAdd(vp, hn::Mul(k, ln2_hi), hn::Sub(vq, q_scaled)));

    const auto positive = hn::Gt(smaller, zero);
    if (HWY_UNLIKELY(!hn::AllTrue(d, positive))) {  // zeros (or NaN): predictable on dense rows
      lowest = hn::Min(lowest, smaller);
      lowest_positive = hn::Min(lowest_positive, hn::IfThenElse(positive, smaller, inf));
      // Zero p: the term is q (difference 0, bracket q); zero q and positive p: +inf.
      const auto p_zero = hn::Eq(vp, zero);
      x.difference = hn::IfThenZeroElse(p_zero, x.difference);
      x.s = hn::IfThenZeroElse(p_zero, x.s);
      x.p = hn::IfThenZeroElse(p_zero, x.p);
      x.bracket = hn::IfThenElse(p_zero, vq, x.bracket);
      x.bracket = hn::IfThenElse(hn::And(hn::Eq(vq, zero), hn::Gt(vp, zero)), inf, x.bracket);
    } else {
      lowest_positive = hn::Min(lowest_positive, smaller);
    }
    return x;
  };
  const auto finish = [&](const Started& x) HWY_ATTR {
    const V w = hn::Mul(x.s, x.s);
    const V remainder = hn::Mul(hn::Mul(x.s, w), Estrin(d, w, kAtanhRemainderOverSCubed));
    return hn::Add(hn::MulAdd(x.difference, x.s, hn::Mul(x.p, remainder)), x.bracket);
  };
  // Two vectors per iteration, software-pipelined: the divisions of pair j + 1 are issued before
  // the polynomials of pair j. Block ends fall on the second vector of a pair (kBlock is even);
  // the sums of p and q are added at start, the terms at finish, each in vector order.
  static_assert(kBlock % 2 == 0 && kBlock > 2);
  std::size_t i = 0;
  const std::size_t pairs_end = n / (2 * lanes) * (2 * lanes);
  if (pairs_end > 0) {
    Started a0 = start(LoadAsDouble(d, p, lanes), LoadAsDouble(d, q, lanes));
    Started a1 = start(LoadAsDouble(d, p + lanes, lanes), LoadAsDouble(d, q + lanes, lanes));
    for (; i + 2 * lanes < pairs_end; i += 2 * lanes) {
      const std::size_t next = i + 2 * lanes;
      const Started b0 = start(LoadAsDouble(d, p + next, lanes), LoadAsDouble(d, q + next, lanes));
      const Started b1 = start(LoadAsDouble(d, p + next + lanes, lanes), LoadAsDouble(d, q + next + lanes, lanes));
      kl.Add(hn::Add(finish(a0), finish(a1)));
      if (BlockEnds(d, i + lanes)) {
        // The row sums (validation only; their vectors are added one pair ahead) flush every
        // other block: at most 2 kBlock + 2 vectors pending, 18 ulps of the row sum.
        kl.Flush(d);
        if ((i / (kBlock * lanes)) % 2 == 1) {
          sum_p.Flush(d);
          sum_q.Flush(d);
        }
      }
      a0 = b0;
      a1 = b1;
    }
    kl.Add(hn::Add(finish(a0), finish(a1)));
    if (BlockEnds(d, i + lanes)) kl.Flush(d);
    i += 2 * lanes;
  }
  for (; i < n; i += lanes) {
    kl.Add(finish(start(LoadAsDouble(d, p + i, n - i), LoadAsDouble(d, q + i, n - i))));
    if (BlockEnds(d, i)) {
      kl.Flush(d);
      sum_p.Flush(d);
      sum_q.Flush(d);
    }
  }
  probs_kl_partial result;
  result.kl = kl.Value(d);
  result.sum_p = sum_p.Value(d);
  result.sum_q = sum_q.Value(d);
  result.bad = hn::GetLane(hn::MinOfLanes(d, lowest)) < 0.0 || !std::isfinite(result.sum_p) ||
               !std::isfinite(result.sum_q);
  result.needs_scalar = !hn::AllFalse(d, hn::Lt(lowest_positive, lowest_fast)) || result.sum_p > 0x1p999 ||
                        result.sum_q > 0x1p999;
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
// Float rows: the maximum and the checks are exact in float, so they run on float vectors (twice
// the lanes, no conversions).
logits_max_partial LogitsMaxChunkF32(const float* a, std::size_t n) {
  const hn::ScalableTag<float> df;
  const std::size_t lanes = hn::Lanes(df);
  const hn::RebindToUnsigned<decltype(df)> du;
  const auto inf = hn::Set(df, std::numeric_limits<float>::infinity());
  const auto magnitude_mask = hn::Set(du, 0x7fffffffu);
  const auto one = hn::Set(du, 1u);
  auto best0 = hn::Neg(inf);
  auto best1 = best0;
  auto bad = hn::Lt(inf, inf);
  // The smallest nonzero magnitude from the magnitude bits (ordered like the floats) minus 1, so
  // that 0 wraps to the top; the largest magnitude from the minimum (and the maximum): -inf
  // (masked) entries make it +inf, which only turns exact_arguments off.
  auto smallest_minus_one = hn::Set(du, 0xffffffffu);
  auto lowest = inf;
  const auto magnitudes = [&](decltype(best0) x) HWY_ATTR {
    smallest_minus_one = hn::Min(smallest_minus_one, hn::Sub(hn::And(hn::BitCast(du, x), magnitude_mask), one));
    lowest = hn::Min(lowest, x);
  };
  std::size_t i = 0;
  for (; i + 2 * lanes <= n; i += 2 * lanes) {
    const auto x0 = hn::LoadU(df, a + i);
    const auto x1 = hn::LoadU(df, a + i + lanes);
    // NaN and +inf are the only values above the largest float in an unordered-or-greater test.
    bad = hn::Or(bad, hn::Or(hn::Not(hn::Lt(x0, inf)), hn::Not(hn::Lt(x1, inf))));
    best0 = hn::Max(best0, x0);
    best1 = hn::Max(best1, x1);
    magnitudes(x0);
    magnitudes(x1);
  }
  for (; i < n; i += lanes) {
    const auto valid = hn::FirstN(df, n - i);
    const auto x = hn::IfThenElse(valid, hn::MaskedLoad(valid, df, a + i), hn::Neg(inf));
    bad = hn::Or(bad, hn::Not(hn::Lt(x, inf)));
    best0 = hn::Max(best0, x);
    magnitudes(x);
  }
  logits_max_partial result{static_cast<double>(hn::GetLane(hn::MaxOfLanes(df, hn::Max(best0, best1)))),
                            !hn::AllFalse(df, bad)};
  const std::uint32_t smallest_bits = hn::GetLane(hn::MinOfLanes(du, smallest_minus_one)) + 1u;  // 0: none
  float smallest_value;
  std::memcpy(&smallest_value, &smallest_bits, sizeof smallest_value);
  result.smallest_magnitude = smallest_bits == 0 ? std::numeric_limits<double>::infinity() : smallest_value;
  result.min = hn::GetLane(hn::MinOfLanes(df, lowest));
  result.largest_magnitude = std::max(std::fabs(result.max), -result.min);
  return result;
}

// One vector of a logit row pair, with u = (a - b) - (m_a - m_b) computed from error-free
// differences (TwoSum, as in row_source.cpp) so that it keeps its digits when the rows nearly
// agree, and -inf (masked) entries flagged. Tail lanes are loaded as masked (-inf) entries.
struct LogitConstants {
  V a_max, b_max, shift, shift_error, lowest_exponent, largest, neg_inf;
  LogitConstants(D d, double m_a, double m_b) {
    const double max_gap = m_a - m_b;
    const double max_gap_virtual = m_a - max_gap;
    a_max = hn::Set(d, m_a);
    b_max = hn::Set(d, m_b);
    shift = hn::Set(d, max_gap);
    shift_error = hn::Set(d, (m_a - (max_gap + max_gap_virtual)) + (max_gap_virtual - m_b));
    lowest_exponent = hn::Set(d, -1000.0);  // exp underflows to 0 below -745; keeps -inf out of Exp
    largest = hn::Set(d, std::numeric_limits<double>::max());
    neg_inf = hn::Set(d, -std::numeric_limits<double>::infinity());
  }
};

struct LogitLanes {
  V a, b, u;
  hn::Mask<D> a_zero, b_zero;
};

// A full vector whose masks are not needed yet (a_zero and b_zero are left unset).
template <class T>
HWY_INLINE LogitLanes LoadLogitsUnmasked(D d, const LogitConstants& k, const T* a, const T* b) {
  LogitLanes x;
  x.a = LoadAsDouble(d, a, hn::Lanes(d));
  x.b = LoadAsDouble(d, b, hn::Lanes(d));
  const V gap = hn::Sub(x.a, x.b);
  const V b_virtual = hn::Sub(x.a, gap);
  const V gap_error = hn::Add(hn::Sub(x.a, hn::Add(gap, b_virtual)), hn::Sub(b_virtual, x.b));
  x.u = hn::Add(hn::Sub(gap, k.shift), hn::Sub(gap_error, k.shift_error));
  return x;
}

template <class T>
HWY_INLINE LogitLanes LoadLogits(D d, const LogitConstants& k, const T* a, const T* b, std::size_t remaining) {
  LogitLanes x;
  x.a = LoadAsDouble(d, a, remaining);
  x.b = LoadAsDouble(d, b, remaining);
  if (remaining < hn::Lanes(d)) {
    const auto valid = hn::FirstN(d, remaining);
    x.a = hn::IfThenElse(valid, x.a, k.neg_inf);
    x.b = hn::IfThenElse(valid, x.b, k.neg_inf);
  }
  x.a_zero = hn::Eq(x.a, k.neg_inf);
  x.b_zero = hn::Eq(x.b, k.neg_inf);
  const V gap = hn::Sub(x.a, x.b);
  const V b_virtual = hn::Sub(x.a, gap);
  const V gap_error = hn::Add(hn::Sub(x.a, hn::Add(gap, b_virtual)), hn::Sub(b_virtual, x.b));
  x.u = hn::Add(hn::Sub(gap, k.shift), hn::Sub(gap_error, k.shift_error));
  return x;
}

// exp(x) for x <= 0 (softmax numerators), to ~1 ulp, with fewer instructions than a general exp
// on targets without 64-bit integer conversions: x = k ln2 + r with k = round(x / ln2) found by
// the 1.5 * 2^52 rounding trick (whose low mantissa bits are k as an integer), |r| <= ln2/2 by a
// two-part ln2, e^r by the degree-11 polynomial kExpFit, and 2^k added to the exponent bits. x
// below -707 (results under 1e-307) gives 0, as does x = -inf (whose NaN intermediate values are
// discarded by that select). ExpNonPositiveK evaluates K arguments in lockstep; with
// kMayUnderflow = false the arguments must lie in [-707, 0] and the select is left out.
template <std::size_t K, bool kMayUnderflow = true>
HWY_INLINE void ExpNonPositiveK(D d, const V (&x)[K], V (&out)[K]) {
  const hn::RebindToUnsigned<D> du;
  const V magic = hn::Set(d, 0x1.8p52);
  V k_shifted[K], r[K], poly[K];
  for (std::size_t m = 0; m < K; ++m) k_shifted[m] = hn::MulAdd(x[m], hn::Set(d, 1.4426950408889634), magic);
  for (std::size_t m = 0; m < K; ++m) {
    const V k = hn::Sub(k_shifted[m], magic);
    r[m] = hn::NegMulAdd(k, hn::Set(d, 6.93147180369123816490e-01), x[m]);
    r[m] = hn::NegMulAdd(k, hn::Set(d, 1.90821492927058770002e-10), r[m]);
  }
  for (std::size_t m = 0; m < K; ++m) poly[m] = Estrin(d, r[m], kExpFit);
  for (std::size_t m = 0; m < K; ++m) {
    // The low bits of k_shifted are k in two's complement; shifted by 52 they are 2^k's exponent
    // increment (the bits of the 1.5 * 2^52 above them shift out).
    const auto exponent = hn::ShiftLeft<52>(hn::BitCast(du, k_shifted[m]));
    const V result = hn::BitCast(d, hn::Add(hn::BitCast(du, poly[m]), exponent));
    out[m] = kMayUnderflow ? hn::IfThenZeroElse(hn::Lt(x[m], hn::Set(d, -707.0)), result) : result;
  }
}

HWY_INLINE V ExpNonPositive(D d, V x) {
  const V in[1] = {x};
  V out[1];
  ExpNonPositiveK(d, in, out);
  return out[0];
}

// exp(x - shift) for x <= shift; masked entries (-inf) give 0 through ExpNonPositive's final select.
HWY_INLINE V ShiftedExp(D d, V x, V shift) { return ExpNonPositive(d, hn::Sub(x, shift)); }

// A finite pair whose u overflowed (logits near the largest double): the caller goes scalar.
HWY_INLINE hn::Mask<D> Overflowed(const LogitConstants& k, const LogitLanes& x) {
  return hn::AndNot(hn::Or(x.a_zero, x.b_zero), hn::Not(hn::Le(hn::Abs(x.u), k.largest)));
}

template <bool kExactArguments, bool kAllDense, class T>
logits_kl_partial LogitsKlChunk(const T* a, const T* b, std::size_t n, double m_a, double m_b, const T* next_a,
                                const T* next_b) {
  const D d;
  const std::size_t lanes = hn::Lanes(d);
  const LogitConstants k(d, m_a, m_b);
  const V zero = hn::Zero(d);
  const V inf = hn::Set(d, std::numeric_limits<double>::infinity());
  CompensatedSum z_a(d), z_b(d), w(d);
  // sum e_a |u| only feeds the caller's rounding-error bound, so a plain sum (relative error
  // below n eps = 1e-12 of the bound) is enough.
  V w_abs = zero;
  // Largest |u| of the vectors without masked entries: a non-finite one means a finite pair
  // overflowed (the caller goes scalar); vectors with masked entries check their lanes directly.
  V u_largest = zero;
  auto overflow = hn::Lt(zero, zero);
  const V lowest_dense = hn::Set(d, -707.0);
  const auto accumulate_dense = [&](const LogitLanes& x, V ea, V eb) HWY_ATTR {
    z_a.Add(ea);
    z_b.Add(eb);
    const V u_abs = hn::Abs(x.u);
    u_largest = hn::Max(u_largest, u_abs);
    w.Add(hn::Mul(ea, x.u));
    w_abs = hn::MulAdd(ea, u_abs, w_abs);
  };
  const auto accumulate = [&](const LogitLanes& x, V ea, V eb) HWY_ATTR {
    if (HWY_LIKELY(hn::AllFalse(d, hn::Or(x.a_zero, x.b_zero)))) {
      accumulate_dense(x, ea, eb);
    } else {
      z_a.Add(ea);
      z_b.Add(eb);
      overflow = hn::Or(overflow, Overflowed(k, x));
      // p_i > 0 = q_i makes KL infinite even where exp(a_i - m_a) underflows; masked p adds 0.
      const V weighted = hn::IfThenElse(hn::AndNot(x.a_zero, x.b_zero), inf, hn::Mul(ea, x.u));
      w.Add(hn::IfThenZeroElse(x.a_zero, weighted));
      w_abs = hn::Add(w_abs, hn::IfThenZeroElse(x.a_zero, hn::Abs(weighted)));
    }
  };
  // Whole blocks of kBlock vectors, two vectors (four exps) per step, with the blocked sums
  // flushed after each block; then the rest vector by vector.
  const auto flush = [&]() HWY_ATTR {
    z_a.Flush(d);
    z_b.Flush(d);
    w.Flush(d);
  };
  static_assert(kBlock % 2 == 0);
  std::size_t i = 0;
  constexpr std::size_t kLine = 64;  // bytes
  for (; i + kBlock * lanes <= n;) {
    if (next_a != nullptr) {
      // The same block of the caller's next rows (see logits_kl_chunk), into L2: the next row's
      // first pass then reads from cache instead of waiting on memory.
      const std::size_t bytes = kBlock * lanes * sizeof(T);
      for (std::size_t offset = 0; offset < bytes; offset += kLine) {
        __builtin_prefetch(reinterpret_cast<const char*>(next_a + i) + offset, 0, 2);
        __builtin_prefetch(reinterpret_cast<const char*>(next_b + i) + offset, 0, 2);
      }
    }
    for (std::size_t j = 0; j < kBlock / 2; ++j, i += 2 * lanes) {
      LogitLanes x0, x1;
      if constexpr (kExactArguments) {
        x0.a = LoadAsDouble(d, a + i, lanes);
        x0.b = LoadAsDouble(d, b + i, lanes);
        x1.a = LoadAsDouble(d, a + i + lanes, lanes);
        x1.b = LoadAsDouble(d, b + i + lanes, lanes);
      } else {
        x0 = LoadLogitsUnmasked(d, k, a + i, b + i);
        x1 = LoadLogitsUnmasked(d, k, a + i + lanes, b + i + lanes);
      }
      const V arguments0[2] = {hn::Sub(x0.a, k.a_max), hn::Sub(x0.b, k.b_max)};
      const V arguments1[2] = {hn::Sub(x1.a, k.a_max), hn::Sub(x1.b, k.b_max)};
      if constexpr (kExactArguments) {  // exact arguments: u with one rounding (see kl_simd.hpp)
        x0.u = hn::Sub(arguments0[0], arguments0[1]);
        x1.u = hn::Sub(arguments1[0], arguments1[1]);
      }
      V e0[2], e1[2];
      // All four arguments in [-707, 0] (no masked entry, nothing underflows): the common case.
      const auto dense = [&]() HWY_ATTR {
        if constexpr (kAllDense) return true;
        const V lowest = hn::Min(hn::Min(arguments0[0], arguments0[1]), hn::Min(arguments1[0], arguments1[1]));
        return hn::AllFalse(d, hn::Lt(lowest, lowest_dense));
      };
      if (HWY_LIKELY(dense())) {
        ExpNonPositiveK<2, false>(d, arguments0, e0);
        ExpNonPositiveK<2, false>(d, arguments1, e1);
        accumulate_dense(x0, e0[0], e0[1]);
        accumulate_dense(x1, e1[0], e1[1]);
      } else {
        x0 = LoadLogits(d, k, a + i, b + i, lanes);
        x1 = LoadLogits(d, k, a + i + lanes, b + i + lanes, lanes);
        ExpNonPositiveK(d, arguments0, e0);
        ExpNonPositiveK(d, arguments1, e1);
        accumulate(x0, e0[0], e0[1]);
        accumulate(x1, e1[0], e1[1]);
      }
    }
    flush();
  }
  for (; i < n; i += lanes) {
    const LogitLanes x = LoadLogits(d, k, a + i, b + i, n - i);
    const V arguments[2] = {hn::Sub(x.a, k.a_max), hn::Sub(x.b, k.b_max)};
    V e[2];
    ExpNonPositiveK(d, arguments, e);
    accumulate(x, e[0], e[1]);
    if (BlockEnds(d, i)) {
      z_a.Flush(d);
      z_b.Flush(d);
      w.Flush(d);
    }
  }
  overflow = hn::Or(overflow, hn::Not(hn::Le(u_largest, k.largest)));
  return {z_a.Value(d), z_b.Value(d), w.Value(d), hn::GetLane(hn::SumOfLanes(d, w_abs)), !hn::AllFalse(d, overflow)};
}

// Exact path, first pass: z_b = sum e_b and D = z_a - z_b = sum e_b expm1(u) termwise (for
// u > 700, where expm1 would overflow, the term is e_a - e_b = e_a to double precision).
template <class T>
logits_exact_sums LogitsExactSumsChunk(const T* a, const T* b, std::size_t n, double m_a, double m_b) {
  const D d;
  const LogitConstants k(d, m_a, m_b);
  const V zero = hn::Zero(d);
  const V huge_u = hn::Set(d, 700.0);
  CompensatedSum z_b(d), difference(d);
  auto overflow = hn::Lt(zero, zero);
  for (std::size_t i = 0; i < n; i += hn::Lanes(d)) {
    const LogitLanes x = LoadLogits(d, k, a + i, b + i, n - i);
    overflow = hn::Or(overflow, Overflowed(k, x));
    const V eb = ShiftedExp(d, x.b, k.b_max);
    z_b.Add(eb);
    V term = hn::Mul(eb, hn::Expm1(d, hn::Min(hn::Max(x.u, k.lowest_exponent), huge_u)));
    const auto beyond = hn::Gt(x.u, huge_u);
    if (!hn::AllFalse(d, beyond)) term = hn::IfThenElse(beyond, ShiftedExp(d, x.a, k.a_max), term);
    difference.Add(hn::IfThenZeroElse(hn::And(x.a_zero, x.b_zero), term));
    if (BlockEnds(d, i)) {
      z_b.Flush(d);
      difference.Flush(d);
    }
  }
  return {z_b.Value(d), difference.Value(d), !hn::AllFalse(d, overflow)};
}

// Exact path, second pass: with lr = u - c (c = log(z_a/z_b)) and p = exp(a - m_a - log z_a),
// the term p log(p/q) - p + q = p (e^y - 1 - y), y = -lr: a series near y = 0, expm1(y) - y
// elsewhere (cancellation <= 4.4x for |y| > 1/2). Masked p gives q; p/q below e^-700 gives
// q + p (lr - 1) directly.
template <class T>
double LogitsExactKlChunk(const T* a, const T* b, std::size_t n, double m_a, double m_b, double log_ratio,
                          double log_z_a, double log_z_b) {
  const D d;
  const LogitConstants k(d, m_a, m_b);
  const V c = hn::Set(d, log_ratio);
  const V p_shift = hn::Set(d, m_a + log_z_a);
  const V q_shift = hn::Set(d, m_b + log_z_b);
  const V half = hn::Set(d, 0.5);
  const V huge_y = hn::Set(d, 700.0);
  const V one = hn::Set(d, 1.0);
  CompensatedSum kl(d);
  for (std::size_t i = 0; i < n; i += hn::Lanes(d)) {
    const LogitLanes x = LoadLogits(d, k, a + i, b + i, n - i);
    const V lr = hn::Sub(x.u, c);
    const V y = hn::Neg(lr);
    const V p = ShiftedExp(d, x.a, p_shift);
    V excess = hn::Mul(hn::Mul(y, y), Estrin(d, y, kExpm1MinusXOverXSquared));
    const auto far = hn::Gt(hn::Abs(y), half);
    if (!hn::AllFalse(d, far)) {
      const V clamped = hn::Min(hn::Max(y, k.lowest_exponent), huge_y);
      excess = hn::IfThenElse(far, hn::Sub(hn::Expm1(d, clamped), y), excess);
    }
    V term = hn::Mul(p, excess);
    const auto needs_q = hn::AndNot(x.b_zero, hn::Or(x.a_zero, hn::Gt(y, huge_y)));
    if (!hn::AllFalse(d, needs_q)) {
      const V q = ShiftedExp(d, x.b, q_shift);
      const V direct = hn::Add(q, hn::IfThenZeroElse(x.a_zero, hn::Mul(p, hn::Sub(lr, one))));
      term = hn::IfThenElse(needs_q, direct, term);
    }
    kl.Add(hn::IfThenZeroElse(hn::And(x.a_zero, x.b_zero), term));
    if (BlockEnds(d, i)) kl.Flush(d);
  }
  return kl.Value(d);
}

logits_kl_partial LogitsKlChunkF64(const double* a, const double* b, std::size_t n, double m_a, double m_b,
                                   const double* next_a, const double* next_b) {
  return LogitsKlChunk<false, false>(a, b, n, m_a, m_b, next_a, next_b);
}
logits_kl_partial LogitsKlChunkF32(const float* a, const float* b, std::size_t n, double m_a, double m_b,
                                   bool exact_arguments, bool all_dense, const float* next_a,
                                   const float* next_b) {
  if (!exact_arguments) return LogitsKlChunk<false, false>(a, b, n, m_a, m_b, next_a, next_b);
  return all_dense ? LogitsKlChunk<true, true>(a, b, n, m_a, m_b, next_a, next_b)
                   : LogitsKlChunk<true, false>(a, b, n, m_a, m_b, next_a, next_b);
}
logits_exact_sums LogitsExactSumsChunkF64(const double* a, const double* b, std::size_t n, double m_a, double m_b) {
  return LogitsExactSumsChunk(a, b, n, m_a, m_b);
}
logits_exact_sums LogitsExactSumsChunkF32(const float* a, const float* b, std::size_t n, double m_a, double m_b) {
  return LogitsExactSumsChunk(a, b, n, m_a, m_b);
}
double LogitsExactKlChunkF64(const double* a, const double* b, std::size_t n, double m_a, double m_b, double c,
                             double log_z_a, double log_z_b) {
  return LogitsExactKlChunk(a, b, n, m_a, m_b, c, log_z_a, log_z_b);
}
double LogitsExactKlChunkF32(const float* a, const float* b, std::size_t n, double m_a, double m_b, double c,
                             double log_z_a, double log_z_b) {
  return LogitsExactKlChunk(a, b, n, m_a, m_b, c, log_z_a, log_z_b);
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
HWY_EXPORT(LogitsExactSumsChunkF64);
HWY_EXPORT(LogitsExactSumsChunkF32);
HWY_EXPORT(LogitsExactKlChunkF64);
HWY_EXPORT(LogitsExactKlChunkF32);

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
logits_kl_partial logits_kl_chunk(const double* a, const double* b, std::size_t n, double m_a, double m_b,
                                  const double* next_a, const double* next_b) {
  return HWY_DYNAMIC_DISPATCH(LogitsKlChunkF64)(a, b, n, m_a, m_b, next_a, next_b);
}
logits_kl_partial logits_kl_chunk(const float* a, const float* b, std::size_t n, double m_a, double m_b,
                                  bool exact_arguments, bool all_dense, const float* next_a, const float* next_b) {
  return HWY_DYNAMIC_DISPATCH(LogitsKlChunkF32)(a, b, n, m_a, m_b, exact_arguments, all_dense, next_a, next_b);
}
logits_exact_sums logits_exact_sums_chunk(const double* a, const double* b, std::size_t n, double m_a, double m_b) {
  return HWY_DYNAMIC_DISPATCH(LogitsExactSumsChunkF64)(a, b, n, m_a, m_b);
}
logits_exact_sums logits_exact_sums_chunk(const float* a, const float* b, std::size_t n, double m_a, double m_b) {
  return HWY_DYNAMIC_DISPATCH(LogitsExactSumsChunkF32)(a, b, n, m_a, m_b);
}
double logits_exact_kl_chunk(const double* a, const double* b, std::size_t n, double m_a, double m_b, double c,
                             double log_z_a, double log_z_b) {
  return HWY_DYNAMIC_DISPATCH(LogitsExactKlChunkF64)(a, b, n, m_a, m_b, c, log_z_a, log_z_b);
}
double logits_exact_kl_chunk(const float* a, const float* b, std::size_t n, double m_a, double m_b, double c,
                             double log_z_a, double log_z_b) {
  return HWY_DYNAMIC_DISPATCH(LogitsExactKlChunkF32)(a, b, n, m_a, m_b, c, log_z_a, log_z_b);
}

}  // namespace kullback::detail
#endif
