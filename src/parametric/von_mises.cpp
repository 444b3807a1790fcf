// von_mises: construction checks and the measures (exponential_family.hpp).
#include "kullback/parametric/von_mises.hpp"

#include <cmath>
#include <string>

#include "checks.hpp"
#include "exponential_family.hpp"
#include "special_functions.hpp"

namespace kullback {

von_mises::von_mises(double loc, double concentration) : loc_(loc), concentration_(concentration) {
  const char* function = "kullback::von_mises";
  detail::check_parameter(function, "loc", loc, detail::finite);
  detail::check_parameter(function, "concentration", concentration, detail::non_negative);
}

namespace {

using detail::expfam::textbook;
namespace sf = detail::special;

// Every measure is invariant under rotation, so p's location is moved to 0: eta1 = (k1, 0),
// eta2 = k2 (cos D, sin D), D = m2 - m1 (exact when the locations are close), and
// d = eta2 - eta1 = ((k2 - k1) - 2 k2 sin^2(D/2), k2 sin D) without the cancellation of
// k2 cos D - k1 when p and q are close.
struct von_mises_pair {
  double k1, k2, d1, d2;

  von_mises_pair(const von_mises& p, const von_mises& q) : k1(p.concentration()), k2(q.concentration()) {
    const double delta = q.loc() - p.loc();
    const double half_sine = std::sin(0.5 * delta);
    d1 = (k2 - k1) - 2.0 * k2 * half_sine * half_sine;
    d2 = k2 * std::sin(delta);
  }

  // With e = eta1 + t d, r = |e|: H(e) = R'(r) e e^T / r^2 + (R(r) / r) (I - e e^T / r^2), so
  // d^T H d = R'(r) (e.d)^2 / r^2 + (R(r) / r) (e x d)^2 / r^2, both terms >= 0, and
  // e x d = k1 d2 for every t. At r = 0, H = I / 2.
  double second_derivative(double t, double s) const {
    const double e1 = detail::expfam::along(k1, k1 + d1, d1, t, s), e2 = t * d2;
    const double r = std::hypot(e1, e2);
    if (r == 0.0) return 0.5 * (d1 * d1 + d2 * d2);
    const sf::bessel_i01 b = sf::bessel_i01_terms(r);
    const double along = (e1 * d1 + e2 * d2) / r, across = k1 * d2 / r;
    return b.ratio_derivative * along * along + b.ratio_over_x * across * across;
  }

  // log I0 is accurate to a few ulps of max(1, log I0) (a logarithm of a value near 1 for small x).
  static detail::expfam::term log_i0(const sf::bessel_i01& b) { return {b.log_i0, 1.0 + std::fabs(b.log_i0)}; }

  textbook kl_terms() const {
    const sf::bessel_i01 b1 = sf::bessel_i01_terms(k1);
    return detail::expfam::sum_terms({log_i0(sf::bessel_i01_terms(k2)), -1.0 * log_i0(b1), -b1.ratio * d1});
  }

  textbook log_coefficient_terms(double alpha) const {
    const double tau = 1.0 - alpha;
    const double mixed = std::hypot(k1 + tau * d1, tau * d2);
    const sf::bessel_i01 bm = sf::bessel_i01_terms(mixed);
    textbook t = detail::expfam::sum_terms(
        {log_i0(bm), -alpha * log_i0(sf::bessel_i01_terms(k1)), -tau * log_i0(sf::bessel_i01_terms(k2))});
    t.magnitude += mixed * bm.ratio;  // the rounding of the mixed parameter moves log I0 by R eps |eta|
    return t;
  }
};

}  // namespace

double kl(const von_mises& p, const von_mises& q) { return detail::expfam::kl(von_mises_pair(p, q)); }
double jeffreys(const von_mises& p, const von_mises& q) {
  return detail::expfam::jeffreys(von_mises_pair(p, q), von_mises_pair(q, p));
}
double renyi(const von_mises& p, const von_mises& q, double alpha) {
  return detail::expfam::renyi(von_mises_pair(p, q), alpha);
}
double chernoff_coefficient(const von_mises& p, const von_mises& q, double alpha) {
  return detail::expfam::chernoff_coefficient(von_mises_pair(p, q), alpha);
}
double bhattacharyya(const von_mises& p, const von_mises& q) {
  return detail::expfam::bhattacharyya(von_mises_pair(p, q));
}
double hellinger(const von_mises& p, const von_mises& q) { return detail::expfam::hellinger(von_mises_pair(p, q)); }

}  // namespace kullback
