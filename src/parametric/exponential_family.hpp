// Internal: every measure between two members p, q of one exponential family, from its
// log-partition function A(eta) (eta the natural parameter).
//
// Along the segment eta(t) = eta_p + t d, d = eta_q - eta_p, let f(t) = A(eta(t)); then
// f''(t) = d^T H(eta(t)) d >= 0 with H the Hessian of A (the covariance of the sufficient
// statistic), and with tau = 1 - alpha:
//   KL(p||q)          = A(eta_q) - A(eta_p) - <d, grad A(eta_p)>        = f(1) - f(0) - f'(0)
//   log C_alpha(p, q) = A(alpha eta_p + (1 - alpha) eta_q) - alpha A(eta_p) - (1 - alpha) A(eta_q)
//                     = f(tau) - (1 - tau) f(0) - tau f(1)             (C = integral p^a q^(1-a))
//   D_alpha(p||q)     = log C_alpha / (alpha - 1).
// C_alpha is finite iff the mixed parameter eta(tau) lies in the natural domain: always for
// alpha in [0, 1] (the domain is convex), and for alpha > 1 only when the family says so
// (otherwise C = D = +inf).
//
// Numerics. Each family supplies the "textbook" value of KL and of log C from log-partition
// values (lgamma, log I0, ...) together with a bound on its rounding error in units of epsilon:
// the sum of the magnitudes of the terms that cancel in it, plus what the rounding of a mixed
// parameter and the logarithm of a ratio near 1 cost. When p and q are nearly equal (or alpha
// is near 1) those terms cancel catastrophically (KL is O(|d|^2) while the terms are O(1)), so
// whenever the value is below 1/4096 of that bound the engine switches to the exact
// Taylor-remainder forms, which integrate the non-negative f'' and lose nothing to cancellation:
//   KL                         = int_0^1 (1 - u) f''(u) du
//   D_alpha, alpha in (0, 1)   = tau alpha int_0^1 u f''(tau u) du
//                                + alpha^2 int_0^1 (1 - v) f''(tau + alpha v) dv
//   D_alpha, alpha > 1         = KL + (alpha - 1) int_0^1 (1 - u) f''(tau u) du   (tau < 0)
// (the second splits the Green's function of the Jensen gap at its kink t = tau). The integrals
// use adaptive 20-point Gauss-Legendre (integrate below). Above the 1/4096 threshold the
// textbook value loses at most 12 bits, i.e. it stays within ~1e-12 relative (in the mpmath
// table the worst is ~3e-13).
//
// A family provides a "pair model" M with
//   double second_derivative(double t, double s) const  f''(t), s = 1 - t (both accurate),
//                                                   computed without cancellation
//   textbook kl_terms() const                       KL by the textbook formula
//   textbook log_coefficient_terms(double a) const  log C_a by the textbook formula; value = +inf
//                                                   where the mixed parameter leaves the domain
#pragma once

#include <array>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <numbers>

#include "checks.hpp"

namespace kullback::detail::expfam {

// A value computed as a sum of terms, and the sum of the terms' magnitudes.
struct textbook {
  double value;
  double magnitude;
};

// One term of a textbook sum and the bound of its absolute rounding error in units of epsilon
// (|value| for a term accurate to a few ulps; more for e.g. the logarithm of a ratio near 1).
struct term {
  double value;
  double error_scale;
  term(double v) : value(v), error_scale(std::fabs(v)) {}  // NOLINT: a plain double is a term
  term(double v, double scale) : value(v), error_scale(scale) {}
};
inline term operator*(double weight, const term& t) { return {weight * t.value, std::fabs(weight) * t.error_scale}; }

// sum(terms) with the sum of their error scales.
inline textbook sum_terms(std::initializer_list<term> terms) {
  textbook t{0.0, 0.0};
  for (const term& x : terms) {
    t.value += x.value;
    t.magnitude += x.error_scale;
  }
  return t;
}
inline void add_term(textbook& t, const term& x) {
  t.value += x.value;
  t.magnitude += x.error_scale;
}

// The textbook value is kept when it is at least 1/4096 of its error bound.
inline bool accurate(const textbook& t) { return t.value >= t.magnitude * 0x1p-12; }

inline constexpr int gauss_legendre_points = 20;

// Nodes and weights of Gauss-Legendre on [0, 1], by Newton's method on P_n (once, thread-safe).
struct gauss_legendre_rule {
  std::array<double, gauss_legendre_points> node{};
  std::array<double, gauss_legendre_points> complement{};  // 1 - node, to full relative accuracy
  std::array<double, gauss_legendre_points> weight{};
  gauss_legendre_rule() {
    constexpr int n = gauss_legendre_points;
    for (int i = 0; i < n; ++i) {
      double x = std::cos(std::numbers::pi * (i + 0.75) / (n + 0.5));
      double derivative = 0.0;
      for (int iteration = 0; iteration < 100; ++iteration) {
        double p0 = 1.0, p1 = x;  // P_0, P_1, then the three-term recurrence up to P_n
        for (int k = 2; k <= n; ++k) {
          const double p2 = ((2.0 * k - 1.0) * x * p1 - (k - 1.0) * p0) / k;
          p0 = p1;
          p1 = p2;
        }
        derivative = n * (x * p1 - p0) / (x * x - 1.0);
        const double step = p1 / derivative;
        x -= step;
        if (std::fabs(step) < 1e-17) break;
      }
      node[i] = 0.5 * (1.0 - x);
      complement[i] = 0.5 * (1.0 + x);
      weight[i] = 1.0 / ((1.0 - x * x) * derivative * derivative);  // 2 / (...) halved for [0, 1]
    }
  }
};

inline const gauss_legendre_rule& gauss_legendre() {
  static const gauss_legendre_rule rule;
  return rule;
}

// A dyadic panel [lo, hi] of [0, 1] with 1 - lo and 1 - hi (all exact).
struct panel {
  double lo, hi, lo_complement, hi_complement;
  panel left() const {
    const double mid = 0.5 * (lo + hi), mid_complement = 0.5 * (lo_complement + hi_complement);
    return {lo, mid, lo_complement, mid_complement};
  }
  panel right() const {
    const double mid = 0.5 * (lo + hi), mid_complement = 0.5 * (lo_complement + hi_complement);
    return {mid, hi, mid_complement, hi_complement};
  }
};

// int over the panel of g(u, 1 - u) du by the 20-point rule; 1 - u is passed with full relative
// accuracy (the integrands are largest, and most sensitive, near an end of the segment).
template <class G>
double gauss_legendre_panel(const G& g, const panel& p) {
  const auto& rule = gauss_legendre();
  const double width = p.hi - p.lo;
  double sum = 0.0;
  for (int i = 0; i < gauss_legendre_points; ++i) {
    sum += rule.weight[i] * g(p.lo + width * rule.node[i], p.hi_complement + width * rule.complement[i]);
  }
  return width * sum;
}

// Adaptive bisection: a panel is accepted when the rule on it and on its two halves agree to
// 1e-13 relative, or to 1e-15 of the whole integral (so that the rounding noise of an integrand,
// ~1e-13 relative where it is tiny, cannot make the refinement run away). The integrands here
// are >= 0, so panel-wise relative accuracy is global relative accuracy, and the halves' value
// is then accurate far beyond the test (the rule's error falls by ~2^40 per halving once the
// integrand is resolved). Near p = q one level suffices (60 evaluations); a long segment that
// ends close to the boundary of the natural domain (f'' singular there) is refined towards it.
// Depth is bounded by 60 as a last guard.
template <class G>
double integrate_panel(const G& g, const panel& p, double whole, int depth, double absolute) {
  const panel pl = p.left(), pr = p.right();
  const double left = gauss_legendre_panel(g, pl), right = gauss_legendre_panel(g, pr);
  const double halves = left + right;
  const double change = std::fabs(halves - whole);
  if (depth >= 60 || change <= 1e-13 * std::fabs(halves) || change <= absolute) return halves;
  const double a = integrate_panel(g, pl, left, depth + 1, absolute);
  return a + integrate_panel(g, pr, right, depth + 1, absolute);
}

// int_0^1 g(u, 1 - u) du.
template <class G>
double integrate(const G& g) {
  const panel unit{0.0, 1.0, 1.0, 0.0};
  const double whole = gauss_legendre_panel(g, unit);
  return integrate_panel(g, unit, whole, 0, 1e-15 * std::fabs(whole));
}

// The point x1 + t (x2 - x1) of a segment, formed from the nearer end (s = 1 - t, accurate):
// near t = 1 the plain x1 + t d would carry the absolute rounding error of x1, which is large
// relative to x2 when x2 << x1 (e.g. a gamma shape going from 1e4 to 1e-3, where f'' is largest
// near x2).
inline double along(double x1, double x2, double d, double t, double s) { return t <= 0.5 ? x1 + t * d : x2 - s * d; }

template <class M>
double kl_integral(const M& m) {
  return integrate([&](double u, double w) { return w * m.second_derivative(u, w); });
}

template <class M>
double kl(const M& m) {
  const textbook t = m.kl_terms();
  if (std::isinf(t.value) || accurate(t)) return t.value;
  return kl_integral(m);
}

// KL(p||q) + KL(q||p): both terms are non-negative, so the sum loses nothing.
template <class M>
double jeffreys(const M& pq, const M& qp) {
  return kl(pq) + kl(qp);
}

// D_alpha for alpha > 0, alpha != 1 (the callers handle 0 and 1).
template <class M>
double renyi_unchecked(const M& m, double alpha) {
  const textbook t = m.log_coefficient_terms(alpha);
  if (std::isinf(t.value)) return std::numeric_limits<double>::infinity();
  const double scale = 1.0 / std::fabs(alpha - 1.0);
  const textbook d{t.value / (alpha - 1.0), t.magnitude * scale};
  if (accurate(d)) return d.value;
  // The points t and 1 - t are formed without cancellation: 1 - tau u = alpha + tau (1 - u),
  // 1 - (tau + (1 - tau) v) = alpha (1 - v), and 1 - tau u = 1 + (alpha - 1) u for tau < 0.
  const double tau = 1.0 - alpha;
  if (tau < 0.0) {
    return kl(m) + (alpha - 1.0) * integrate([&](double u, double w) {
                     return w * m.second_derivative(tau * u, 1.0 + (alpha - 1.0) * u);
                   });
  }
  const double left = integrate([&](double u, double w) { return u * m.second_derivative(tau * u, alpha + tau * w); });
  const double right =
      integrate([&](double v, double w) { return w * m.second_derivative(tau + alpha * v, alpha * w); });
  return tau * alpha * left + alpha * alpha * right;
}

// renyi(p, q, alpha) = D_alpha(p||q), alpha >= 0 finite (checked like the normal's): 0 at
// alpha = 0, KL at alpha = 1.
template <class M>
double renyi(const M& m, double alpha) {
  check_alpha("kullback::renyi", alpha);
  if (alpha == 1.0) return kl(m);
  if (alpha == 0.0) return 0.0;
  return renyi_unchecked(m, alpha);
}

// C_alpha = exp((alpha - 1) D_alpha); 1 at alpha = 0 and 1; +inf where it diverges (alpha > 1).
template <class M>
double chernoff_coefficient(const M& m, double alpha) {
  check_alpha("kullback::chernoff_coefficient", alpha);
  if (alpha == 1.0 || alpha == 0.0) return 1.0;
  const double d = renyi_unchecked(m, alpha);
  if (std::isinf(d)) return alpha > 1.0 ? d : 0.0;
  return std::exp((alpha - 1.0) * d);
}

// -log C_{1/2} = D_{1/2} / 2.
template <class M>
double bhattacharyya(const M& m) {
  return 0.5 * renyi_unchecked(m, 0.5);
}

// sqrt(1 - C_{1/2}) = sqrt(-expm1(-bhattacharyya)), accurate when p and q are close.
template <class M>
double hellinger(const M& m) {
  return std::sqrt(-std::expm1(-bhattacharyya(m)));
}

// x y - z w with one rounding error (Kahan's fma form): the constant cross terms of the Hessians.
inline double difference_of_products(double x, double y, double z, double w) {
  const double zw = z * w;
  const double error = std::fma(-z, w, zw);
  return std::fma(x, y, -zw) + error;
}

}  // namespace kullback::detail::expfam
