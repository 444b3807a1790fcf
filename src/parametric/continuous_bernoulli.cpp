// continuous_bernoulli: construction checks and the measures (exponential_family.hpp).
#include "kullback/parametric/continuous_bernoulli.hpp"

#include <cmath>
#include <string>

#include "checks.hpp"
#include "exponential_family.hpp"

namespace kullback {

continuous_bernoulli::continuous_bernoulli(double probs) : probs_(probs) {
  const char* function = "kullback::continuous_bernoulli";
  detail::check_parameter(function, "probs", probs, detail::open_unit);
}

namespace {

using detail::expfam::textbook;

// In terms of h = eta / 2, (e^eta - 1) / eta = e^h sinh(h) / h, so A(eta) = h + S(h) with
// S(h) = log(sinh(h) / h); the linear part h cancels from every measure and is left out. Then
// A'(eta) = 1/2 + L(h) / 2 and A''(eta) = L'(h) / 4 with the Langevin function
// L(h) = coth h - 1/h and L'(h) = 1/h^2 - 1/sinh^2 h. For |h| < 1/2 these differences cancel, so
// they are summed from their Taylor series (coefficients 2^2k B_2k / (2k)!, ratio of successive
// terms ~ (h/pi)^2 < 0.026: eleven terms reach 1e-17).
constexpr double langevin_coefficients[] = {
    0.33333333333333333333,   -0.022222222222222222222,   0.0021164021164021164021, -0.00021164021164021164021,
    2.1377799155576933355e-5, -2.1644042808063972085e-6,  2.19259478518737778e-7,   -2.2214608789979679076e-8,
    2.2507846516808992854e-9, -2.2805151204592182866e-10, 2.3106432599002624097e-11};

double log_sinh_ratio(double h) {  // S(h) = log(sinh(h) / h) >= 0
  const double x = std::fabs(h);
  if (x < 0.5) {  // sinh(h)/h - 1 = sum_{k>=1} h^2k / (2k+1)!
    const double y = x * x;
    double term = 1.0, sum = 0.0;
    for (int k = 1; k <= 10; ++k) {
      term *= y / ((2.0 * k) * (2.0 * k + 1.0));
      sum += term;
    }
    return std::log1p(sum);
  }
  if (x > 20.0) return x - std::log(2.0 * x) + std::log1p(-std::exp(-2.0 * x));  // sinh would overflow
  return std::log1p(std::sinh(x) / x - 1.0);
}

double langevin(double h) {  // L(h) = coth h - 1/h
  if (std::fabs(h) < 0.5) {
    const double y = h * h;
    double sum = 0.0, power = h;
    for (const double c : langevin_coefficients) {
      sum += c * power;
      power *= y;
    }
    return sum;
  }
  return 1.0 / std::tanh(h) - 1.0 / h;
}

double langevin_derivative(double h) {  // L'(h) = 1/h^2 - 1/sinh^2 h > 0
  if (std::fabs(h) < 0.5) {
    const double y = h * h;
    double sum = 0.0, power = 1.0;
    int k = 1;
    for (const double c : langevin_coefficients) {
      sum += (2.0 * k - 1.0) * c * power;
      power *= y;
      ++k;
    }
    return sum;
  }
  const double s = std::sinh(h);
  return 1.0 / (h * h) - 1.0 / (s * s);
}

// h = logit(l) / 2; the difference of two is formed from dl = l2 - l1 (exact when they are
// close): logit(l2) - logit(l1) = log(l2 / l1) - log((1 - l2) / (1 - l1)), each logarithm as
// log1p(dl / l1), resp. log1p(-dl / (1 - l1)), when that ratio is within [-1/2, 1/2] (no
// cancellation then), else as the plain difference of logarithms (which then has none either).
// Near l = 1/2 the two logarithms of logit(l) = log(l) - log(1 - l) cancel, so there (l >= 1/4)
// it is log1p((2l - 1) / (1 - l)), with 2l - 1 exact.
double half_logit(double l) {
  if (l >= 0.25) return 0.5 * std::log1p((2.0 * l - 1.0) / (1.0 - l));
  return 0.5 * (std::log(l) - std::log1p(-l));
}
double half_logit_difference(double l1, double l2) {
  const double dl = l2 - l1;
  const double r0 = dl / l1, r1 = -dl / (1.0 - l1);
  const double log0 = std::fabs(r0) <= 0.5 ? std::log1p(r0) : std::log(l2) - std::log(l1);
  const double log1 = std::fabs(r1) <= 0.5 ? std::log1p(r1) : std::log1p(-l2) - std::log1p(-l1);
  return 0.5 * (log0 - log1);
}

struct continuous_bernoulli_pair {
  double h1, h2, dh;

  continuous_bernoulli_pair(const continuous_bernoulli& p, const continuous_bernoulli& q)
      : h1(half_logit(p.probs())), h2(half_logit(q.probs())), dh(half_logit_difference(p.probs(), q.probs())) {}

  // d^2 A''(eta1 + t d) with d = 2 dh.
  double second_derivative(double t, double s) const {
    return dh * dh * langevin_derivative(detail::expfam::along(h1, h2, dh, t, s));
  }

  textbook kl_terms() const {
    return detail::expfam::sum_terms({log_sinh_ratio(h2), -log_sinh_ratio(h1), -dh * langevin(h1)});
  }

  textbook log_coefficient_terms(double alpha) const {
    const double tau = 1.0 - alpha;
    const double hm = h1 + tau * dh;
    textbook t =
        detail::expfam::sum_terms({log_sinh_ratio(hm), -alpha * log_sinh_ratio(h1), -tau * log_sinh_ratio(h2)});
    t.magnitude += std::fabs(hm * langevin(hm));  // the rounding of hm
    return t;
  }
};

}  // namespace

double kl(const continuous_bernoulli& p, const continuous_bernoulli& q) {
  return detail::expfam::kl(continuous_bernoulli_pair(p, q));
}
double jeffreys(const continuous_bernoulli& p, const continuous_bernoulli& q) {
  return detail::expfam::jeffreys(continuous_bernoulli_pair(p, q), continuous_bernoulli_pair(q, p));
}
double renyi(const continuous_bernoulli& p, const continuous_bernoulli& q, double alpha) {
  return detail::expfam::renyi(continuous_bernoulli_pair(p, q), alpha);
}
double chernoff_coefficient(const continuous_bernoulli& p, const continuous_bernoulli& q, double alpha) {
  return detail::expfam::chernoff_coefficient(continuous_bernoulli_pair(p, q), alpha);
}
double bhattacharyya(const continuous_bernoulli& p, const continuous_bernoulli& q) {
  return detail::expfam::bhattacharyya(continuous_bernoulli_pair(p, q));
}
double hellinger(const continuous_bernoulli& p, const continuous_bernoulli& q) {
  return detail::expfam::hellinger(continuous_bernoulli_pair(p, q));
}

}  // namespace kullback
