// KL between distributions of different families (the pairs torch.distributions registers).
//
// Every finite pair is KL(p||q) = -H(p) - E_p[log q]: p contributes its entropy and the moments
// q's log-density needs, q contributes its log-density's expectation (the log_q_* functions
// below). These values are O(1) sums of O(1) terms, so plain evaluation keeps ~1e-15 relative
// accuracy except where p and q are (nearly) the same law in two parametrisations:
//   exponential(r) vs gamma(1, r) or chi_squared(2): evaluated from t - log1p(t) and the
//     lgamma / digamma series around 1 (location_scale_terms.hpp), non-negative terms;
//   continuous_bernoulli(1/2) or beta(1, 1) vs uniform(0, 1): the cb entropy from its series in
//     the natural parameter eta (-H = eta^2 / 24 + ...), the beta entropy vanishes exactly there.
#include "kullback/parametric/cross_family.hpp"

#include <cmath>
#include <limits>
#include <numbers>

#include "gaussian_terms.hpp"
#include "location_scale_terms.hpp"
#include "special_functions.hpp"

namespace kullback {

namespace {

namespace sf = detail::special;
namespace ls = detail::ls;

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double half_log_two_pi = 0.91893853320467274178;  // log(2 pi) / 2

// ---- what p contributes --------------------------------------------------------------------------

struct moments {
  double mean;
  double var;
};

double entropy(const beta& p) {
  const double a = p.concentration1(), b = p.concentration0();
  // log B(a, b) - (a-1) psi(a) - (b-1) psi(b) + (a+b-2) psi(a+b); exactly 0 at a = b = 1
  return sf::log_beta(a, b) - (a - 1.0) * sf::digamma(a) - (b - 1.0) * sf::digamma(b) +
         (a + b - 2.0) * sf::digamma(a + b);
}
moments moments_of(const beta& p) {
  const double a = p.concentration1(), b = p.concentration0(), s = a + b;
  return {a / s, a * b / (s * s * (s + 1.0))};
}
double mean_log(const beta& p) { return sf::digamma(p.concentration1()) - sf::digamma(p.concentration1() + p.concentration0()); }

// continuous_bernoulli(l) in its natural parameter eta = logit(l): density e^(eta x - Lambda(eta))
// on [0, 1], Lambda(eta) = log(expm1(eta) / eta); mean and variance are Lambda' and Lambda''.
// Near eta = 0 the closed forms cancel (mean = 1/2 + eta/12 ..., variance = 1/12 ...), so
// |eta| <= 1/4 uses the Bernoulli-number series (next term < 1e-18 relative).
double cb_eta(const continuous_bernoulli& p) { return std::log(p.probs()) - std::log1p(-p.probs()); }
double cb_log_normaliser(double eta) {
  if (std::fabs(eta) < 1.0) return eta == 0.0 ? 0.0 : std::log1p(ls::expm1_minus_x(eta) / eta);
  if (eta > 0.0) return eta + std::log1p(-std::exp(-eta)) - std::log(eta);
  return std::log1p(-std::exp(eta)) - std::log(-eta);
}
double cb_mean(double eta) {
  if (std::fabs(eta) <= 0.25) {
    const double e2 = eta * eta;
    return 0.5 + eta * (1.0 / 12.0 +
                        e2 * (-1.0 / 720.0 +
                              e2 * (1.0 / 30240.0 +
                                    e2 * (-1.0 / 1209600.0 +
                                          e2 * (1.0 / 47900160.0 - e2 * (691.0 / (479001600.0 * 2730.0)))))));
  }
  return -1.0 / std::expm1(-eta) - 1.0 / eta;
}
double cb_variance(double eta) {
  if (std::fabs(eta) <= 0.25) {
    const double e2 = eta * eta;
    return 1.0 / 12.0 +
           e2 * (-1.0 / 240.0 +
                 e2 * (1.0 / 6048.0 +
                       e2 * (-1.0 / 172800.0 + e2 * (1.0 / 5322240.0 - e2 * (11.0 * 691.0 / (479001600.0 * 2730.0))))));
  }
  const double s = std::sinh(0.5 * eta);
  return 1.0 / (eta * eta) - 1.0 / (4.0 * s * s);
}
// -H = eta mean - Lambda = sum_n B_2n (1 - 1/(2n)) eta^(2n) / (2n)! >= 0
double cb_negative_entropy(double eta) {
  if (std::fabs(eta) <= 0.25) {
    const double e2 = eta * eta;
    return e2 * (1.0 / 24.0 +
                 e2 * (-1.0 / 960.0 +
                       e2 * (1.0 / 36288.0 +
                             e2 * (-7.0 / 9676800.0 +
                                   e2 * (4.5 / (66.0 * 3628800.0) - e2 * (691.0 * 11.0 / (2730.0 * 12.0 * 479001600.0)))))));
  }
  return eta * cb_mean(eta) - cb_log_normaliser(eta);
}

double entropy(const exponential& p) { return 1.0 - std::log(p.rate()); }
moments moments_of(const exponential& p) { return {1.0 / p.rate(), 1.0 / (p.rate() * p.rate())}; }
// log E e^(-x / s) = -log(1 + 1 / (rate s))
double log_mgf(const exponential& p, double s) { return -std::log1p(1.0 / (p.rate() * s)); }

// gamma(k, b); chi_squared(df) is gamma(df / 2, 1 / 2).
gamma as_gamma(const chi_squared& p) { return gamma(0.5 * p.df(), 0.5); }
double entropy(const gamma& p) {
  const double k = p.concentration();
  return k - std::log(p.rate()) + sf::lgamma(k) + (1.0 - k) * sf::digamma(k);
}
moments moments_of(const gamma& p) {
  const double k = p.concentration(), b = p.rate();
  return {k / b, k / (b * b)};
}
double log_mgf(const gamma& p, double s) { return -p.concentration() * std::log1p(1.0 / (p.rate() * s)); }

double entropy(const gumbel& p) { return std::log(p.scale()) + ls::euler_gamma + 1.0; }
moments moments_of(const gumbel& p) {
  const double s = p.scale();
  return {p.loc() + ls::euler_gamma * s, std::numbers::pi * std::numbers::pi * s * s / 6.0};
}

double entropy(const laplace& p) { return 1.0 + std::log(2.0 * p.scale()); }
moments moments_of(const laplace& p) { return {p.loc(), 2.0 * p.scale() * p.scale()}; }

double entropy(const normal& p) { return 0.5 + half_log_two_pi + std::log(p.scale()); }
moments moments_of(const normal& p) { return {p.loc(), p.scale() * p.scale()}; }
double log_mgf(const normal& p, double s) {
  const double r = p.scale() / s;
  return -p.loc() / s + 0.5 * r * r;
}

double entropy(const pareto& p) { return std::log(p.scale() / p.alpha()) + 1.0 / p.alpha() + 1.0; }
double mean_log(const pareto& p) { return std::log(p.scale()) + 1.0 / p.alpha(); }
// mean for alpha > 1, variance for alpha > 2 (the callers return +inf otherwise)
moments moments_of(const pareto& p) {
  const double a = p.alpha(), m = p.scale();
  return {a * m / (a - 1.0), a > 2.0 ? m * m * a / ((a - 1.0) * (a - 1.0) * (a - 2.0)) : inf};
}

double entropy(const uniform& p) { return std::log(p.high() - p.low()); }
moments moments_of(const uniform& p) {
  const double w = p.high() - p.low();
  return {0.5 * (p.low() + p.high()), w * w / 12.0};
}
// E log x for x uniform on [l, h], l >= 0: (h log h - l log l) / w - 1, with 0 log 0 = 0 (torch's
// NaN). For a narrow interval (u = w / l <= 1) from log l + u - (1 + u) (u - log1p u) / u, whose
// terms do not cancel.
double mean_log_uniform(double l, double h) {
  const double w = h - l;
  if (l == 0.0) return std::log(h) - 1.0;
  const double u = w / l;
  if (u <= 1.0) return std::log(l) + u - (1.0 + u) * detail::gauss::t_minus_log1p(u) / u;
  return (h * std::log(h) - l * std::log(l)) / w - 1.0;
}
// log E e^(-x / s) = -l / s + log(s (1 - e^(-w / s)) / w)
double log_mgf(const uniform& p, double s) {
  const double w = p.high() - p.low();
  return -p.low() / s + std::log(-std::expm1(-w / s) * (s / w));
}

// ---- what q contributes: E_p[log q] ---------------------------------------------------------------

double log_q(const normal& q, const moments& m) {
  const double s = q.scale();
  const double d = m.mean - q.loc();
  return -std::log(s) - half_log_two_pi - (m.var + d * d) / (2.0 * s * s);
}
double log_q(const exponential& q, double mean) { return std::log(q.rate()) - q.rate() * mean; }
double log_q(const gamma& q, double mean, double mean_log) {
  const double k = q.concentration(), b = q.rate();
  return k * std::log(b) - sf::lgamma(k) + (k - 1.0) * mean_log - b * mean;
}
// gumbel(m, s): log q = -log s - z - e^(-z), z = (x - m) / s; E e^(-z) = exp(m / s + log E e^(-x/s)).
double log_q(const gumbel& q, double mean, double log_mgf_p) {
  const double s = q.scale();
  return -std::log(s) - (mean - q.loc()) / s - std::exp(q.loc() / s + log_mgf_p);
}
double log_q(const beta& q, double mean_log, double mean_log1m) {
  const double a = q.concentration1(), b = q.concentration0();
  return (a - 1.0) * mean_log + (b - 1.0) * mean_log1m - sf::log_beta(a, b);
}
double log_q(const continuous_bernoulli& q, double mean) {
  const double eta = cb_eta(q);
  return eta * mean - cb_log_normaliser(eta);
}
double log_q(const pareto& q, double mean_log) {
  const double a = q.alpha();
  return std::log(a) + a * std::log(q.scale()) - (a + 1.0) * mean_log;
}

bool contains_unit_interval(const uniform& q) { return q.low() <= 0.0 && q.high() >= 1.0; }

}  // namespace

// ---- beta -> ... ---------------------------------------------------------------------------------

double kl(const beta& p, const continuous_bernoulli& q) { return -entropy(p) - log_q(q, moments_of(p).mean); }
double kl(const beta& p, const exponential& q) { return -entropy(p) - log_q(q, moments_of(p).mean); }
double kl(const beta& p, const gamma& q) { return -entropy(p) - log_q(q, moments_of(p).mean, mean_log(p)); }
double kl(const beta& p, const chi_squared& q) { return kl(p, as_gamma(q)); }
double kl(const beta& p, const normal& q) { return -entropy(p) - log_q(q, moments_of(p)); }
double kl(const beta&, const pareto&) { return inf; }  // (0, 1) is never inside [m, inf), m > 0
double kl(const beta& p, const uniform& q) {
  return contains_unit_interval(q) ? -entropy(p) + std::log(q.high() - q.low()) : inf;
}

// ---- continuous_bernoulli -> ... -------------------------------------------------------------------

double kl(const continuous_bernoulli& p, const exponential& q) {
  const double eta = cb_eta(p);
  return cb_negative_entropy(eta) - log_q(q, cb_mean(eta));
}
double kl(const continuous_bernoulli& p, const normal& q) {
  const double eta = cb_eta(p);
  return cb_negative_entropy(eta) - log_q(q, moments{cb_mean(eta), cb_variance(eta)});
}
double kl(const continuous_bernoulli&, const pareto&) { return inf; }  // [0, 1] is never inside [m, inf)
double kl(const continuous_bernoulli& p, const uniform& q) {
  return contains_unit_interval(q) ? cb_negative_entropy(cb_eta(p)) + std::log(q.high() - q.low()) : inf;
}

// ---- exponential -> ... ----------------------------------------------------------------------------

double kl(const exponential&, const beta&) { return inf; }  // [0, inf) is never inside a bounded support
double kl(const exponential&, const continuous_bernoulli&) { return inf; }
double kl(const exponential& p, const gumbel& q) {
  return -entropy(p) - log_q(q, moments_of(p).mean, log_mgf(p, q.scale()));
}
double kl(const exponential& p, const normal& q) { return -entropy(p) - log_q(q, moments_of(p)); }
double kl(const exponential&, const pareto&) { return inf; }  // [0, inf) is not inside [m, inf), m > 0
double kl(const exponential&, const uniform&) { return inf; }

// ---- gamma and chi_squared -> ... ------------------------------------------------------------------

double kl(const gamma&, const beta&) { return inf; }
double kl(const gamma&, const continuous_bernoulli&) { return inf; }
double kl(const gamma& p, const gumbel& q) {
  return -entropy(p) - log_q(q, moments_of(p).mean, log_mgf(p, q.scale()));
}
double kl(const gamma& p, const normal& q) { return -entropy(p) - log_q(q, moments_of(p)); }
double kl(const gamma&, const pareto&) { return inf; }
double kl(const gamma&, const uniform&) { return inf; }

double kl(const chi_squared&, const beta&) { return inf; }
double kl(const chi_squared&, const continuous_bernoulli&) { return inf; }
double kl(const chi_squared& p, const gumbel& q) { return kl(as_gamma(p), q); }
double kl(const chi_squared& p, const normal& q) { return kl(as_gamma(p), q); }
double kl(const chi_squared&, const pareto&) { return inf; }
double kl(const chi_squared&, const uniform&) { return inf; }

// ---- gumbel, laplace, normal -> ... (support R: +inf into every family on a half-line or interval) -

double kl(const gumbel&, const beta&) { return inf; }
double kl(const gumbel&, const continuous_bernoulli&) { return inf; }
double kl(const gumbel&, const exponential&) { return inf; }
double kl(const gumbel&, const gamma&) { return inf; }
double kl(const gumbel&, const chi_squared&) { return inf; }
double kl(const gumbel& p, const normal& q) { return -entropy(p) - log_q(q, moments_of(p)); }
double kl(const gumbel&, const pareto&) { return inf; }
double kl(const gumbel&, const uniform&) { return inf; }

double kl(const laplace&, const beta&) { return inf; }
double kl(const laplace&, const continuous_bernoulli&) { return inf; }
double kl(const laplace&, const exponential&) { return inf; }
double kl(const laplace&, const gamma&) { return inf; }
double kl(const laplace&, const chi_squared&) { return inf; }
double kl(const laplace& p, const normal& q) { return -entropy(p) - log_q(q, moments_of(p)); }
double kl(const laplace&, const pareto&) { return inf; }
double kl(const laplace&, const uniform&) { return inf; }

double kl(const normal&, const beta&) { return inf; }
double kl(const normal&, const continuous_bernoulli&) { return inf; }
double kl(const normal&, const exponential&) { return inf; }
double kl(const normal&, const gamma&) { return inf; }
double kl(const normal&, const chi_squared&) { return inf; }
double kl(const normal& p, const gumbel& q) {
  return -entropy(p) - log_q(q, moments_of(p).mean, log_mgf(p, q.scale()));
}
// laplace(m, b): E_p |x - m| = s sqrt(2/pi) e^(-z^2/2) + (mu - m) erf(z / sqrt 2), z = (mu - m) / s
double kl(const normal& p, const laplace& q) {
  const double s = p.scale(), d = p.loc() - q.loc(), z = d / s;
  const double mean_abs = s * std::sqrt(2.0 / std::numbers::pi) * std::exp(-0.5 * z * z) +
                          d * std::erf(z / std::numbers::sqrt2);
  return -entropy(p) + std::log(2.0 * q.scale()) + mean_abs / q.scale();
}
double kl(const normal&, const pareto&) { return inf; }
double kl(const normal&, const uniform&) { return inf; }

// ---- pareto -> ... ---------------------------------------------------------------------------------

double kl(const pareto&, const beta&) { return inf; }
double kl(const pareto&, const continuous_bernoulli&) { return inf; }
double kl(const pareto& p, const exponential& q) {
  if (p.alpha() <= 1.0) return inf;  // infinite mean
  return -entropy(p) - log_q(q, moments_of(p).mean);
}
double kl(const pareto& p, const gamma& q) {
  if (p.alpha() <= 1.0) return inf;
  return -entropy(p) - log_q(q, moments_of(p).mean, mean_log(p));
}
double kl(const pareto& p, const chi_squared& q) { return kl(p, as_gamma(q)); }
double kl(const pareto& p, const normal& q) {
  if (p.alpha() <= 2.0) return inf;  // infinite second moment
  return -entropy(p) - log_q(q, moments_of(p));
}
double kl(const pareto&, const uniform&) { return inf; }  // [m, inf) is never inside a bounded support

// ---- uniform -> ... --------------------------------------------------------------------------------

double kl(const uniform& p, const beta& q) {
  if (p.low() < 0.0 || p.high() > 1.0) return inf;
  return -entropy(p) - log_q(q, mean_log_uniform(p.low(), p.high()), mean_log_uniform(1.0 - p.high(), 1.0 - p.low()));
}
double kl(const uniform& p, const continuous_bernoulli& q) {
  if (p.low() < 0.0 || p.high() > 1.0) return inf;
  return -entropy(p) - log_q(q, moments_of(p).mean);
}
double kl(const uniform& p, const exponential& q) {
  if (p.low() < 0.0) return inf;
  return -entropy(p) - log_q(q, moments_of(p).mean);
}
double kl(const uniform& p, const gamma& q) {
  if (p.low() < 0.0) return inf;
  return -entropy(p) - log_q(q, moments_of(p).mean, mean_log_uniform(p.low(), p.high()));
}
double kl(const uniform& p, const chi_squared& q) { return kl(p, as_gamma(q)); }
double kl(const uniform& p, const gumbel& q) {
  return -entropy(p) - log_q(q, moments_of(p).mean, log_mgf(p, q.scale()));
}
double kl(const uniform& p, const normal& q) { return -entropy(p) - log_q(q, moments_of(p)); }
double kl(const uniform& p, const pareto& q) {
  if (p.low() < q.scale()) return inf;
  return -entropy(p) - log_q(q, mean_log_uniform(p.low(), p.high()));
}

// ---- jeffreys --------------------------------------------------------------------------------------

double jeffreys(const beta& p, const exponential& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const beta& p, const gamma& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const beta& p, const chi_squared& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const beta& p, const normal& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const beta& p, const pareto& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const beta& p, const uniform& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const continuous_bernoulli& p, const exponential& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const continuous_bernoulli& p, const normal& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const continuous_bernoulli& p, const pareto& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const continuous_bernoulli& p, const uniform& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const exponential& p, const beta& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const exponential& p, const continuous_bernoulli& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const exponential& p, const gumbel& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const exponential& p, const normal& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const exponential& p, const pareto& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const exponential& p, const uniform& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const gamma& p, const beta& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const gamma& p, const gumbel& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const gamma& p, const normal& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const gamma& p, const pareto& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const gamma& p, const uniform& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const chi_squared& p, const beta& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const chi_squared& p, const gumbel& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const chi_squared& p, const normal& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const chi_squared& p, const pareto& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const chi_squared& p, const uniform& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const gumbel& p, const exponential& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const gumbel& p, const gamma& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const gumbel& p, const chi_squared& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const gumbel& p, const normal& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const gumbel& p, const uniform& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const laplace& p, const normal& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const normal& p, const beta& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const normal& p, const continuous_bernoulli& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const normal& p, const exponential& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const normal& p, const gamma& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const normal& p, const chi_squared& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const normal& p, const gumbel& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const normal& p, const laplace& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const normal& p, const pareto& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const normal& p, const uniform& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const pareto& p, const beta& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const pareto& p, const continuous_bernoulli& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const pareto& p, const exponential& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const pareto& p, const gamma& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const pareto& p, const chi_squared& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const pareto& p, const normal& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const pareto& p, const uniform& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const uniform& p, const beta& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const uniform& p, const continuous_bernoulli& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const uniform& p, const exponential& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const uniform& p, const gamma& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const uniform& p, const chi_squared& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const uniform& p, const gumbel& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const uniform& p, const normal& q) { return kl(p, q) + kl(q, p); }
double jeffreys(const uniform& p, const pareto& q) { return kl(p, q) + kl(q, p); }

}  // namespace kullback
