// Internal: the numerics shared by the closed forms of the discrete families (bernoulli, binomial,
// geometric, poisson, negative_binomial, categorical and their cross pairs).
//
// Every measure is written through the ratio u = p/q - 1 of the two probability mass functions at
// a point, with three cancellation-free kernels that are O(u^2) for small u:
//   kl_kernel(u)          (1 + u) log(1 + u) - u             >= 0   (KL term: q * kernel)
//   power_kernel(a, u)    (1 + u)^a - 1 - a u                       (chernoff term: q * kernel)
//   log_excess(v)         v - log(1 + v)                     >= 0
// Each is summed as a Taylor series while |u| is small (where the closed expression would lose
// the leading digits to cancellation) and evaluated directly otherwise, where the cancellation
// costs at most a factor ~20 (|u| >= 1/8), i.e. a few ulps.
//
// pair_sums turns a list of points into every measure: with T the listed points where q > 0
// (each given by q, log q, u and t = log(p/q)),
//   KL(p||q)     = sum_T q kl_kernel(u) + (P_T - Q_T)                   (+inf if p has mass where q = 0)
//   c(a) - 1     = sum_T q power_kernel(a, u) - q_rest + a (P_T - Q_T)
//   Jeffreys     = sum_T q u log(1 + u)                                (+inf unless the supports agree)
// where q_rest is q's mass on unlisted points (all with p = 0), and P_T - Q_T is supplied exactly
// by the caller (0 for two full pmfs). These are identities for a pmf q (sum_T q u = P_T - Q_T,
// sum q = 1), so every term is non-negative for KL and Jeffreys, and c(a) - 1 carries no O(1)
// cancellation: nearly equal distributions keep full relative accuracy. When c(a) is far from 1
// the Chernoff coefficient is instead summed directly as a max-shifted sum of exp(log q + a t),
// which keeps relative accuracy when c(a) is tiny.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "../core/summation.hpp"
#include "checks.hpp"

namespace kullback::detail::discrete {

inline constexpr double inf = std::numeric_limits<double>::infinity();

// (1 + u) log1p(u) - u = sum_{k>=2} (-1)^k u^k / (k (k - 1)), u >= -1; 1 at u = -1.
inline double kl_kernel(double u) {
  if (u == -1.0) return 1.0;
  if (std::fabs(u) < 0.125) {
    double power = u * u, sum = 0.0;
    for (int k = 2; k < 40; ++k) {
      const double term = power / (static_cast<double>(k) * (k - 1));
      sum += (k % 2 == 0) ? term : -term;
      if (std::fabs(term) <= 1e-17 * std::fabs(sum)) break;
      power *= u;
    }
    return sum;
  }
  return (1.0 + u) * std::log1p(u) - u;
}

// log(x / y) for x >= 0, y > 0 with v = x/y - 1 computed accurately: log1p(v) while v > -1/2;
// below, v has lost the low digits of x/y to the rounding near -1, so log(x / y) directly.
inline double log_ratio(double x, double y, double v) {
  if (x == 0.0) return -inf;
  return v > -0.5 ? std::log1p(v) : std::log(x / y);
}

// v - log1p(v) = sum_{k>=2} (-1)^k v^k / k, v >= -1 (+inf at v = -1), with log_1pv = log1p(v)
// given accurately by the caller (log_ratio).
inline double log_excess(double v, double log_1pv) {
  if (log_1pv == -inf) return inf;
  if (std::fabs(v) < 0.125) {
    double power = v * v, sum = 0.0;
    for (int k = 2; k < 40; ++k) {
      const double term = power / k;
      sum += (k % 2 == 0) ? term : -term;
      if (std::fabs(term) <= 1e-17 * std::fabs(sum)) break;
      power *= v;
    }
    return sum;
  }
  return v - log_1pv;
}

// expm1(x) - x = sum_{k>=2} x^k / k!.
inline double expm1_excess(double x) {
  if (std::fabs(x) < 0.125) {
    double term = x * x / 2.0, sum = 0.0;
    for (int k = 3; k < 30; ++k) {
      sum += term;
      if (std::fabs(term) <= 1e-17 * std::fabs(sum)) break;
      term *= x / k;
    }
    return sum;
  }
  return std::expm1(x) - x;
}

// (1 + u)^a - 1 - a u = sum_{k>=2} binom(a, k) u^k, u >= -1, a >= 0, with log_1pu = log1p(u) given
// accurately by the caller (where p/q is below the rounding of u = p/q - 1 near -1, t = log(p/q)
// still carries p^a). At log_1pu = -inf (p = 0) the power is 0 for every a, including a = 0 (the convention 0^0 = 0: p^0 is the indicator of p's support,
// so that c(0) = Q(supp p)). Three regimes:
//  - |u| < 1/8 and |a u| <= 1: the series (its terms shrink at least geometrically);
//  - |a - 1| <= 1/4: with b = a - 1 and L = log1p(u), (1 + u)^a = e^L e^(b L), so the kernel is
//    b kl_kernel(u) + e^L (expm1(b L) - b L), whose second part is smaller than the first by
//    a factor ~ b L / 2 (the value is O(b), which the direct form below would get from O(1) terms);
//  - otherwise expm1(a L) - a u, which then loses at most a factor ~ 2 / (|a - 1| |u|) <= 64.
inline double power_kernel(double a, double u, double log_1pu) {
  if (log_1pu == -inf) return a - 1.0;
  if (std::fabs(u) < 0.125 && std::fabs(a * u) <= 1.0) {
    double coefficient = a * (a - 1.0) / 2.0, power = u * u, sum = 0.0;
    for (int k = 2; k < 80; ++k) {
      const double term = coefficient * power;
      sum += term;
      if (std::fabs(term) <= 1e-17 * std::fabs(sum) || coefficient == 0.0) break;
      coefficient *= (a - k) / (k + 1);
      power *= u;
    }
    return sum;
  }
  if (std::fabs(a - 1.0) <= 0.25 && u < 1e100) {
    const double b = a - 1.0;
    return b * kl_kernel(u) + std::exp(log_1pu) * expm1_excess(b * log_1pu);
  }
  return std::expm1(a * log_1pu) - a * u;
}

// One listed point with q > 0: q, log q (for q below the double range), u = p/q - 1 and
// t = log(p/q) (-inf and -1 where p = 0). u may overflow to +inf where p/q does.
struct term {
  double q;
  double log_q;
  double u;
  double t;
};

// A term from log p and log q (log q finite): u = expm1(log p - log q).
inline term term_from_logs(double log_p, double log_q) {
  const double t = log_p - log_q;
  return {std::exp(log_q), log_q, log_p == -inf ? -1.0 : std::expm1(t), t};
}

// A term from p >= 0, 0 < q <= 1 and d = p - q computed exactly (or to a relative ulp) by the
// caller. Where p/q < 1/2, t = log(p/q) directly: u then rounds towards -1 and loses p/q.
inline term term_from_difference(double p, double q, double d) {
  if (p == 0.0) return {q, std::log(q), -1.0, -inf};
  const double u = d / q;
  return {q, std::log(q), u, log_ratio(p, q, u)};
}

// Whether q * kernel(u) is safe: q a normal number and u far from overflow (q * (1 + u) = p).
inline bool ordinary(const term& x) { return x.q >= std::numeric_limits<double>::min() && x.u < 1e100; }

struct pair_sums {
  std::vector<term> terms;
  double p_zero = 0.0;    // p's mass where q = 0 (listed or not)
  double q_rest = 0.0;    // q's mass on unlisted points, where p = 0
  double listed_difference = 0.0;  // P_T - Q_T over the listed points

  // KL(p||q).
  double kl() const {
    if (p_zero > 0.0) return inf;
    neumaier_sum sum;
    for (const term& x : terms) {
      if (x.t == -inf) {
        sum.add(x.q);
      } else if (ordinary(x)) {
        sum.add(x.q * kl_kernel(x.u));
      } else {  // p/q overflows or q underflows: p log(p/q) - p + q with p = exp(log q + t)
        const double p = std::exp(x.log_q + x.t);
        sum.add(p * x.t - p + x.q);
      }
    }
    sum.add(listed_difference);
    return std::max(0.0, sum.value());
  }

  // KL(p||q) + KL(q||p) = sum (p - q) log(p/q).
  double jeffreys() const {
    if (p_zero > 0.0 || q_rest > 0.0) return inf;
    neumaier_sum sum;
    for (const term& x : terms) {
      if (x.t == -inf) return inf;
      if (ordinary(x)) {
        sum.add(x.q * x.u * x.t);
      } else {
        sum.add((std::exp(x.log_q + x.t) - x.q) * x.t);
      }
    }
    return sum.value();
  }

  // log c(a), c(a) = sum p^a q^(1-a) (a >= 0; 0^0 = 0, so c(0) = Q(supp p) and c(1) = P(supp q)).
  double log_chernoff(double a) const {
    if (a > 1.0 && p_zero > 0.0) return inf;
    bool direct = false;
    neumaier_sum near;
    for (const term& x : terms) {
      if (!ordinary(x)) {
        direct = true;
        break;
      }
      near.add(x.q * power_kernel(a, x.u, x.t));
    }
    if (!direct) {
      near.add(-q_rest);
      near.add(a * listed_difference);
      const double c_minus_one = near.value();
      if (std::fabs(c_minus_one) <= 0.5) return std::log1p(c_minus_one);
    }
    // Far from 1: log sum exp(log q + a t) over the points where p > 0 (q_rest and p_zero add 0
    // for a in [0, 1]; for a > 1 the latter was +inf above).
    double top = -inf;
    for (const term& x : terms) {
      if (x.t != -inf) top = std::max(top, x.log_q + a * x.t);
    }
    if (top == -inf) return -inf;
    if (top == inf) return inf;
    neumaier_sum sum;
    for (const term& x : terms) {
      if (x.t != -inf) sum.add(std::exp(x.log_q + a * x.t - top));
    }
    return top + std::log(sum.value());
  }
};

// The measures from KL and log c(a), with the conventions of docs/parametric_discrete_families.md.
inline double renyi_from_log_chernoff(double alpha, double log_c) {
  if (log_c == -inf) return inf;  // disjoint supports (alpha < 1)
  return log_c / (alpha - 1.0);
}
inline double hellinger_from_log_chernoff(double log_c_half) {
  return std::sqrt(std::max(0.0, -std::expm1(log_c_half)));
}

// renyi and chernoff_coefficient of one pair from its KL and log c(a) (callables), after the
// shared alpha check (alpha >= 0 and finite).
template <class Kl, class LogChernoff>
double renyi(double alpha, Kl kl, LogChernoff log_chernoff) {
  check_alpha("kullback::renyi", alpha);
  if (alpha == 1.0) return kl();
  return renyi_from_log_chernoff(alpha, log_chernoff(alpha));
}
template <class LogChernoff>
double chernoff_coefficient(double alpha, LogChernoff log_chernoff) {
  check_alpha("kullback::chernoff_coefficient", alpha);
  return std::exp(log_chernoff(alpha));
}

// Two-point distributions p = (x, 1 - x), q = (y, 1 - y) on {1, 0} (Bernoulli, and the binomial
// with equal total counts). The differences x - y and y - x are exact when x and y are close
// (Sterbenz), so each u = (p - q)/q carries full relative accuracy. A point where q = 0 goes to
// p_zero, and the listed difference P_T - Q_T is then -p_zero (all differences add up to 0).
inline pair_sums two_point_sums(double x, double y) {
  pair_sums s;
  const double point_p[2] = {x, 1.0 - x}, point_q[2] = {y, 1.0 - y}, point_d[2] = {x - y, y - x};
  for (int i = 0; i < 2; ++i) {
    if (point_q[i] > 0.0) {
      s.terms.push_back(term_from_difference(point_p[i], point_q[i], point_d[i]));
    } else {
      s.p_zero += point_p[i];
    }
  }
  s.listed_difference = -s.p_zero;
  return s;
}

// Adds p's mass at a point where q = 0; a mass that underflows still counts (KL is +inf).
inline void add_p_zero(pair_sums& s, double log_p) {
  if (log_p == -inf) return;
  s.p_zero = std::max(s.p_zero + std::exp(log_p), std::numeric_limits<double>::denorm_min());
}

}  // namespace kullback::detail::discrete
