// poisson: the measures between two Poisson distributions, and the cross pairs with bernoulli and
// binomial.
//
// Poisson(l) vs Poisson(m), u = (l - m)/m (l - m exact when l and m are close):
//   KL = m kl_kernel(u), Jeffreys = (l - m) log1p(u), log c(a) = m power_kernel(a, u)
// (the exponent l^a m^(1-a) - a l - (1-a) m of c(a) is m [(1 + u)^a - 1 - a u]), so nearly equal
// rates keep full relative accuracy. m = 0 (the point mass at 0) is handled by its support.
//
// Cross pairs: sums over the finite support {0 .. n} of the binomial side (a Bernoulli is a
// binomial with n = 1) through pair_sums; the Poisson mass beyond n, P(X > n) = P(n + 1, l)
// (regularized lower incomplete gamma), enters as q_rest (binomial -> poisson: q's mass where
// p = 0) or p_zero (poisson -> binomial: p's mass where q = 0, so KL is +inf for l > 0).
#include <cmath>
#include <string>

#include "../core/format_number.hpp"
#include "discrete_log_pmf.hpp"
#include "discrete_terms.hpp"
#include "kullback/core/error.hpp"
#include "kullback/parametric/poisson.hpp"
#include "special_functions.hpp"

namespace kullback {

namespace {

namespace d = detail::discrete;

double log_chernoff(const poisson& p, const poisson& q, double alpha) {
  const double l = p.rate(), m = q.rate();
  if (m == 0.0) {
    if (l == 0.0) return 0.0;
    return alpha > 1.0 ? d::inf : -alpha * l;  // only k = 0: e^(-a l); c(1) = P(X = 0)
  }
  const double u = (l - m) / m;
  return m * d::power_kernel(alpha, u, d::log_ratio(l, m, u));
}

// The sums have n + 1 terms; binomial total counts above 10^7 are rejected.
void check_count(const char* function, double n) {
  if (n > 1e7) {
    throw invalid_argument(std::string(function) + ": binomial total_count = " + detail::format_number(n) +
                           ", but must be <= 1e7 against a poisson (the measure is a sum over the support)");
  }
}

// p = Binomial(n, x), q = Poisson(m): the listed points are q's support within {0 .. n}.
d::pair_sums binomial_to_poisson(const char* function, double n, double x, double m) {
  check_count(function, n);
  d::pair_sums s;
  if (m == 0.0) {  // q is the point mass at 0; p's mass at k >= 1, 1 - P(0), is where q = 0
    const double log_p0 = d::binomial_log_pmf(n, x, 0.0);
    s.terms.push_back(d::term_from_logs(log_p0, 0.0));
    s.p_zero = -std::expm1(log_p0);
    s.listed_difference = -s.p_zero;
    return s;
  }
  for (double k = 0.0; k <= n; k += 1.0) {
    s.terms.push_back(d::term_from_logs(d::binomial_log_pmf(n, x, k), d::poisson_log_pmf(m, k)));
  }
  s.q_rest = detail::special::gamma_p(n + 1.0, m);
  s.listed_difference = s.q_rest;  // P_T = 1, Q_T = 1 - q_rest
  return s;
}

// p = Poisson(l), q = Binomial(n, x): the listed points are q's support.
d::pair_sums poisson_to_binomial(const char* function, double l, double n, double x) {
  check_count(function, n);
  d::pair_sums s;
  for (double k = 0.0; k <= n; k += 1.0) {
    const double log_p = d::poisson_log_pmf(l, k), log_q = d::binomial_log_pmf(n, x, k);
    if (log_q == -d::inf) {
      d::add_p_zero(s, log_p);
    } else {
      s.terms.push_back(d::term_from_logs(log_p, log_q));
    }
  }
  if (l > 0.0) s.p_zero += detail::special::gamma_p(n + 1.0, l);  // P(X > n)
  s.listed_difference = -s.p_zero;
  return s;
}

// Every measure of a cross pair from its sums(function, p, q).
template <class P, class Q>
struct cross {
  d::pair_sums (*sums)(const char*, const P&, const Q&);
  double kl(const P& p, const Q& q) const { return sums("kullback::kl", p, q).kl(); }
  double jeffreys(const P& p, const Q& q) const { return sums("kullback::jeffreys", p, q).jeffreys(); }
  double renyi(const P& p, const Q& q, double alpha) const {
    return d::renyi(alpha, [&] { return kl(p, q); },
                    [&](double a) { return sums("kullback::renyi", p, q).log_chernoff(a); });
  }
  double chernoff_coefficient(const P& p, const Q& q, double alpha) const {
    return d::chernoff_coefficient(
        alpha, [&](double a) { return sums("kullback::chernoff_coefficient", p, q).log_chernoff(a); });
  }
  double bhattacharyya(const P& p, const Q& q) const {
    return -sums("kullback::bhattacharyya", p, q).log_chernoff(0.5);
  }
  double hellinger(const P& p, const Q& q) const {
    return d::hellinger_from_log_chernoff(sums("kullback::hellinger", p, q).log_chernoff(0.5));
  }
};

constexpr cross<bernoulli, poisson> bernoulli_poisson{[](const char* f, const bernoulli& p, const poisson& q) {
  return binomial_to_poisson(f, 1.0, p.probs(), q.rate());
}};
constexpr cross<poisson, bernoulli> poisson_bernoulli{[](const char* f, const poisson& p, const bernoulli& q) {
  return poisson_to_binomial(f, p.rate(), 1.0, q.probs());
}};
constexpr cross<binomial, poisson> binomial_poisson{[](const char* f, const binomial& p, const poisson& q) {
  return binomial_to_poisson(f, p.total_count(), p.probs(), q.rate());
}};
constexpr cross<poisson, binomial> poisson_binomial{[](const char* f, const poisson& p, const binomial& q) {
  return poisson_to_binomial(f, p.rate(), q.total_count(), q.probs());
}};

}  // namespace

// ---- poisson, poisson ----------------------------------------------------------------------

double kl(const poisson& p, const poisson& q) {
  const double l = p.rate(), m = q.rate();
  if (m == 0.0) return l == 0.0 ? 0.0 : d::inf;
  return m * d::kl_kernel((l - m) / m);
}

double jeffreys(const poisson& p, const poisson& q) {
  const double l = p.rate(), m = q.rate();
  if (l == m) return 0.0;
  if (l == 0.0 || m == 0.0) return d::inf;
  return (l - m) * d::log_ratio(l, m, (l - m) / m);
}

double renyi(const poisson& p, const poisson& q, double alpha) {
  return d::renyi(alpha, [&] { return kl(p, q); }, [&](double a) { return log_chernoff(p, q, a); });
}

double chernoff_coefficient(const poisson& p, const poisson& q, double alpha) {
  return d::chernoff_coefficient(alpha, [&](double a) { return log_chernoff(p, q, a); });
}

double bhattacharyya(const poisson& p, const poisson& q) { return -log_chernoff(p, q, 0.5); }

double hellinger(const poisson& p, const poisson& q) { return d::hellinger_from_log_chernoff(log_chernoff(p, q, 0.5)); }

// ---- cross pairs ---------------------------------------------------------------------------

double kl(const bernoulli& p, const poisson& q) { return bernoulli_poisson.kl(p, q); }
double jeffreys(const bernoulli& p, const poisson& q) { return bernoulli_poisson.jeffreys(p, q); }
double renyi(const bernoulli& p, const poisson& q, double alpha) { return bernoulli_poisson.renyi(p, q, alpha); }
double chernoff_coefficient(const bernoulli& p, const poisson& q, double alpha) {
  return bernoulli_poisson.chernoff_coefficient(p, q, alpha);
}
double bhattacharyya(const bernoulli& p, const poisson& q) { return bernoulli_poisson.bhattacharyya(p, q); }
double hellinger(const bernoulli& p, const poisson& q) { return bernoulli_poisson.hellinger(p, q); }

double kl(const poisson& p, const bernoulli& q) { return poisson_bernoulli.kl(p, q); }
double jeffreys(const poisson& p, const bernoulli& q) { return poisson_bernoulli.jeffreys(p, q); }
double renyi(const poisson& p, const bernoulli& q, double alpha) { return poisson_bernoulli.renyi(p, q, alpha); }
double chernoff_coefficient(const poisson& p, const bernoulli& q, double alpha) {
  return poisson_bernoulli.chernoff_coefficient(p, q, alpha);
}
double bhattacharyya(const poisson& p, const bernoulli& q) { return poisson_bernoulli.bhattacharyya(p, q); }
double hellinger(const poisson& p, const bernoulli& q) { return poisson_bernoulli.hellinger(p, q); }

double kl(const binomial& p, const poisson& q) { return binomial_poisson.kl(p, q); }
double jeffreys(const binomial& p, const poisson& q) { return binomial_poisson.jeffreys(p, q); }
double renyi(const binomial& p, const poisson& q, double alpha) { return binomial_poisson.renyi(p, q, alpha); }
double chernoff_coefficient(const binomial& p, const poisson& q, double alpha) {
  return binomial_poisson.chernoff_coefficient(p, q, alpha);
}
double bhattacharyya(const binomial& p, const poisson& q) { return binomial_poisson.bhattacharyya(p, q); }
double hellinger(const binomial& p, const poisson& q) { return binomial_poisson.hellinger(p, q); }

double kl(const poisson& p, const binomial& q) { return poisson_binomial.kl(p, q); }
double jeffreys(const poisson& p, const binomial& q) { return poisson_binomial.jeffreys(p, q); }
double renyi(const poisson& p, const binomial& q, double alpha) { return poisson_binomial.renyi(p, q, alpha); }
double chernoff_coefficient(const poisson& p, const binomial& q, double alpha) {
  return poisson_binomial.chernoff_coefficient(p, q, alpha);
}
double bhattacharyya(const poisson& p, const binomial& q) { return poisson_binomial.bhattacharyya(p, q); }
double hellinger(const poisson& p, const binomial& q) { return poisson_binomial.hellinger(p, q); }

}  // namespace kullback
