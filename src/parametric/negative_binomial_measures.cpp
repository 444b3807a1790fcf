// negative_binomial and geometric: the measures between two negative binomial distributions
// (closed forms for the same total_count r, a series otherwise), and between two geometric distributions (Geometric(x) is
// NegativeBinomial(1, 1 - x)).
//
// NB(r, s) is an exponential family in log s with log-partition -r log f, f = 1 - s. With
// s1, s2 the success probabilities, f1, f2 = 1 - s, and the exact difference e = s1 - s2 = f2 - f1
// (from the caller: for geometric it is x2 - x1, exact when close):
//   KL / r        = lm(e / f1) + (s1 / f1) lm(-e / s1),   lm(v) = v - log1p(v) >= 0
//                   (every log1p(x/y - 1) is log_ratio: log(x/y) directly where x/y < 1/2)
//                   (KL / r = -log1p(e/f1) - (s1/f1) log1p(-e/s1), regrouped with the identity
//                   (s1/f1)(-e/s1) = -e/f1 into two non-negative parts)
//   Jeffreys / r  = e log1p(e / s2) / (f1 f2)                (both factors have the sign of e)
//   log c(a) / r  = log1p(f2 pk(a, z) / D) - log1p(-s2 pk(a, y) / D),
//                   y = e / s2, z = -e / f2, D = f2 - a e = a f1 + (1 - a) f2, pk = power_kernel,
//                   from f1^a f2^(1-a) = D + f2 pk(a, z) and 1 - s1^a s2^(1-a) = D - s2 pk(a, y);
//                   the two log1p arguments have opposite signs, so nothing cancels and nearly
//                   equal parameters keep full relative accuracy. For a > 1 the series diverges
//                   where 1 - s1^a s2^(1-a) <= 0: +inf.
// s = 0 is the point mass at 0. Different total counts: the series of
// negative_binomial_series.cpp, truncated by a proven tail bound.
#include <cmath>

#include "discrete_terms.hpp"
#include "negative_binomial_series.hpp"
#include "kullback/parametric/geometric.hpp"
#include "kullback/parametric/negative_binomial.hpp"

namespace kullback {

namespace {

namespace d = detail::discrete;

struct nb_pair {
  double r, s1, f1, s2, f2, e;
};

double nb_kl(const nb_pair& x) {
  if (x.s2 == 0.0) return x.s1 == 0.0 ? 0.0 : d::inf;
  if (x.s1 == 0.0) return -x.r * std::log1p(-x.s2);
  const double v = x.e / x.f1, w = -x.e / x.s1;  // f2/f1 - 1 and s2/s1 - 1
  return x.r * (d::log_excess(v, d::log_ratio(x.f2, x.f1, v)) +
                (x.s1 / x.f1) * d::log_excess(w, d::log_ratio(x.s2, x.s1, w)));
}

double nb_jeffreys(const nb_pair& x) {
  if (x.e == 0.0) return 0.0;
  if (x.s1 == 0.0 || x.s2 == 0.0) return d::inf;
  return x.r * x.e * d::log_ratio(x.s1, x.s2, x.e / x.s2) / (x.f1 * x.f2);
}

double nb_log_chernoff(const nb_pair& x, double a) {
  if (x.s2 == 0.0) {  // q is the point mass at 0: only k = 0, where p = f1^r
    if (x.s1 == 0.0) return 0.0;
    return a > 1.0 ? d::inf : a * x.r * std::log1p(-x.s1);
  }
  const double D = x.f2 - a * x.e;
  const double y = x.e / x.s2, z = -x.e / x.f2;  // s1/s2 - 1 and f1/f2 - 1
  const double kernel_y = d::power_kernel(a, y, d::log_ratio(x.s1, x.s2, y));
  const double kernel_z = d::power_kernel(a, z, d::log_ratio(x.f1, x.f2, z));
  const double denominator = D - x.s2 * kernel_y;
  if (!(denominator > 0.0)) return d::inf;  // a > 1 only: sum (s1^a s2^(1-a))^k diverges
  return x.r * (std::log1p(x.f2 * kernel_z / D) - std::log1p(-x.s2 * kernel_y / D));
}

nb_pair pair_of(const negative_binomial& p, const negative_binomial& q) {
  const double s1 = p.probs(), s2 = q.probs();
  return {p.total_count(), s1, 1.0 - s1, s2, 1.0 - s2, s1 - s2};
}

// Different total counts: the sums of negative_binomial_series.cpp; a point mass at 0 (probs 0)
// on either side leaves the single point k = 0.
d::pair_sums series(const char* function, const negative_binomial& p, const negative_binomial& q,
                    d::series_target target, double alpha) {
  const double r1 = p.total_count(), s1 = p.probs(), r2 = q.total_count(), s2 = q.probs();
  if (s1 > 0.0 && s2 > 0.0) return d::negative_binomial_series(function, r1, s1, r2, s2, target, alpha);
  d::pair_sums s;
  const double log_p0 = r1 * std::log1p(-s1), log_q0 = r2 * std::log1p(-s2);
  s.terms.push_back(d::term_from_logs(log_p0, log_q0));
  if (s2 == 0.0) {
    s.p_zero = -std::expm1(log_p0);
    s.listed_difference = -s.p_zero;
  } else {  // s1 == 0
    s.q_rest = -std::expm1(log_q0);
    s.listed_difference = s.q_rest;
  }
  return s;
}

double series_log_chernoff(const char* function, const negative_binomial& p, const negative_binomial& q,
                           double a) {
  const double s1 = p.probs(), s2 = q.probs();
  if (s1 > 0.0 && s2 > 0.0) {
    if (a == 0.0 || a == 1.0) return 0.0;  // both supports are all of N
    if (a > 1.0 && a * std::log(s1) + (1.0 - a) * std::log(s2) >= 0.0) return d::inf;  // diverges
  }
  return series(function, p, q, d::series_target::chernoff, a).log_chernoff(a);
}

bool equal_counts(const negative_binomial& p, const negative_binomial& q) {
  return p.total_count() == q.total_count();
}

double log_chernoff(const char* function, const negative_binomial& p, const negative_binomial& q, double a) {
  if (equal_counts(p, q)) return nb_log_chernoff(pair_of(p, q), a);
  return series_log_chernoff(function, p, q, a);
}

// Geometric(x) = NB(1, 1 - x): s = 1 - x, f = x, e = s1 - s2 = x2 - x1.
nb_pair pair_of(const geometric& p, const geometric& q) {
  const double x1 = p.probs(), x2 = q.probs();
  return {1.0, 1.0 - x1, x1, 1.0 - x2, x2, x2 - x1};
}

}  // namespace

// ---- negative_binomial ---------------------------------------------------------------------

double kl(const negative_binomial& p, const negative_binomial& q) {
  if (equal_counts(p, q)) return nb_kl(pair_of(p, q));
  return series("kullback::kl", p, q, d::series_target::kl, 0.0).kl();
}

double jeffreys(const negative_binomial& p, const negative_binomial& q) {
  if (equal_counts(p, q)) return nb_jeffreys(pair_of(p, q));
  return series("kullback::jeffreys", p, q, d::series_target::jeffreys, 0.0).jeffreys();
}

double renyi(const negative_binomial& p, const negative_binomial& q, double alpha) {
  return d::renyi(alpha, [&] { return kl(p, q); },
                  [&](double a) { return log_chernoff("kullback::renyi", p, q, a); });
}

double chernoff_coefficient(const negative_binomial& p, const negative_binomial& q, double alpha) {
  return d::chernoff_coefficient(alpha,
                                 [&](double a) { return log_chernoff("kullback::chernoff_coefficient", p, q, a); });
}

double bhattacharyya(const negative_binomial& p, const negative_binomial& q) {
  return -log_chernoff("kullback::bhattacharyya", p, q, 0.5);
}

double hellinger(const negative_binomial& p, const negative_binomial& q) {
  return d::hellinger_from_log_chernoff(log_chernoff("kullback::hellinger", p, q, 0.5));
}

// ---- geometric -----------------------------------------------------------------------------

double kl(const geometric& p, const geometric& q) { return nb_kl(pair_of(p, q)); }

double jeffreys(const geometric& p, const geometric& q) { return nb_jeffreys(pair_of(p, q)); }

double renyi(const geometric& p, const geometric& q, double alpha) {
  const nb_pair x = pair_of(p, q);
  return d::renyi(alpha, [&] { return nb_kl(x); }, [&](double a) { return nb_log_chernoff(x, a); });
}

double chernoff_coefficient(const geometric& p, const geometric& q, double alpha) {
  const nb_pair x = pair_of(p, q);
  return d::chernoff_coefficient(alpha, [&](double a) { return nb_log_chernoff(x, a); });
}

double bhattacharyya(const geometric& p, const geometric& q) { return -nb_log_chernoff(pair_of(p, q), 0.5); }

double hellinger(const geometric& p, const geometric& q) {
  return d::hellinger_from_log_chernoff(nb_log_chernoff(pair_of(p, q), 0.5));
}

}  // namespace kullback
