// gamma: construction checks and the measures between two gammas (exponential_family.hpp).
#include "kullback/parametric/gamma.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "checks.hpp"
#include "exponential_family.hpp"
#include "special_functions.hpp"

namespace kullback {

gamma::gamma(double concentration, double rate) : concentration_(concentration), rate_(rate) {
  const char* function = "kullback::gamma";
  detail::check_parameter(function, "concentration", concentration, detail::positive);
  detail::check_parameter(function, "rate", rate, detail::positive);
}

namespace {

namespace sf = detail::special;
using detail::expfam::textbook;

detail::expfam::term lgd(double a, double b) {
  const auto d = sf::lgamma_difference_with_error(a, b);
  return {d.value, d.error_scale};
}

// Every measure is invariant under x -> c x, so the rates are divided by p's: eta_p = (a1, 1),
// eta_q = (a2, 1 + db) with db = (b2 - b1) / b1 (b2 - b1 is exact when the rates are close), and
// the direction is d = (da, db), da = a2 - a1.
struct gamma_pair {
  double a1, a2, da, db;
  double b2;         // b2 / b1
  double log_ratio;  // log(b2 / b1): log1p(db) near 1, else a difference of logarithms (no overflow)
  double cross;      // a1 db - da = (a1 b2 - a2 b1) / b1, constant along the segment

  gamma_pair(const gamma& p, const gamma& q)
      : a1(p.concentration()),
        a2(q.concentration()),
        da(a2 - a1),
        db((q.rate() - p.rate()) / p.rate()),
        b2(q.rate() / p.rate()),
        log_ratio(std::fabs(db) < 0.5 ? std::log1p(db) : std::log(q.rate()) - std::log(p.rate())),
        cross(detail::expfam::difference_of_products(a1, q.rate(), a2, p.rate()) / p.rate()) {}

  // d^T H d with H = [[trigamma(a), -1/b], [-1/b, a/b^2]] at (a, b) = (a1 + t da, 1 + t db),
  // written as the sum of two non-negative terms:
  //   (trigamma(a) - 1/a) da^2 + a (db/b - da/a)^2,  a (db/b - da/a)^2 = (a1 db - da)^2 / (a b^2).
  double second_derivative(double t, double s) const {
    const double a = detail::expfam::along(a1, a2, da, t, s), b = detail::expfam::along(1.0, b2, db, t, s);
    return sf::trigamma_minus_reciprocal(a) * da * da + cross * cross / (a * b * b);
  }

  textbook kl_terms() const {
    return detail::expfam::sum_terms({lgd(a2, a1), -da * sf::digamma(a1), -a2 * log_ratio, a1 * db});
  }

  // A(m) - alpha A(p) - (1 - alpha) A(q) with A(a, b) = lgamma(a) - a log b, grouped as
  // alpha (lgamma(am) - lgamma(a1)) + (1 - alpha) (lgamma(am) - lgamma(a2)) - am log bm
  // + (1 - alpha) a2 log(1 + db).
  textbook log_coefficient_terms(double alpha) const {
    const double tau = 1.0 - alpha;
    // bm = alpha + (1 - alpha) b2 (a sum of positive terms for alpha < 1); its logarithm as
    // log1p((1 - alpha) db) near 1.
    const double am = a1 + tau * da, bm = alpha + tau * b2;
    if (!(am > 0.0) || !(bm > 0.0)) return {std::numeric_limits<double>::infinity(), 0.0};
    const double log_bm = std::fabs(tau * db) < 0.5 ? std::log1p(tau * db) : std::log(bm);
    textbook t =
        detail::expfam::sum_terms({alpha * lgd(am, a1), tau * lgd(am, a2), -am * log_bm, tau * a2 * log_ratio});
    // am and bm are rounded: log C moves by (digamma(am) - log bm) eps am and by eps am.
    t.magnitude += am * (std::fabs(sf::digamma(am) - log_bm) + 1.0);
    return t;
  }
};

}  // namespace

double kl(const gamma& p, const gamma& q) { return detail::expfam::kl(gamma_pair(p, q)); }
double jeffreys(const gamma& p, const gamma& q) { return detail::expfam::jeffreys(gamma_pair(p, q), gamma_pair(q, p)); }
double renyi(const gamma& p, const gamma& q, double alpha) { return detail::expfam::renyi(gamma_pair(p, q), alpha); }
double chernoff_coefficient(const gamma& p, const gamma& q, double alpha) {
  return detail::expfam::chernoff_coefficient(gamma_pair(p, q), alpha);
}
double bhattacharyya(const gamma& p, const gamma& q) { return detail::expfam::bhattacharyya(gamma_pair(p, q)); }
double hellinger(const gamma& p, const gamma& q) { return detail::expfam::hellinger(gamma_pair(p, q)); }

}  // namespace kullback
