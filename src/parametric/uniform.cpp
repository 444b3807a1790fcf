// uniform: construction checks and the closed forms of every measure between two uniform laws.
#include "kullback/parametric/uniform.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "checks.hpp"

namespace kullback {

uniform::uniform(double low, double high) : low_(low), high_(high) {
  const char* function = "kullback::uniform";
  detail::check_parameter(function, "low", low, detail::finite);
  detail::check_parameter(function, "high", high, detail::finite);
  if (!(low < high)) {
    throw invalid_argument(std::string(function) + ": low = " + detail::format_number(low) + " and high = " +
                           detail::format_number(high) + ", but low must be < high");
  }
}

}  // namespace kullback

// ---- measures ------------------------------------------------------------------------------------
//
// Every measure depends on the widths w1, w2 and on the parts of each support outside the
// overlap, e1 = w1 - L and e2 = w2 - L, which are sums of exact endpoint differences (Sterbenz)
// rather than differences of widths; the logarithms are log1p(-e / w), so nearly equal supports
// keep full relative accuracy.

namespace kullback {

namespace {

struct overlap {
  double w1, w2;  // widths
  double e1, e2;  // w1 - L, w2 - L (>= 0)
  bool disjoint;  // L <= 0
};

overlap overlap_of(const uniform& p, const uniform& q) {
  const double lo = std::fmax(p.low(), q.low());
  const double hi = std::fmin(p.high(), q.high());
  return {p.high() - p.low(), q.high() - q.low(), (lo - p.low()) + (p.high() - hi),
          (lo - q.low()) + (q.high() - hi), !(hi > lo)};
}

// log C_a = a log(L / w1) + (1 - a) log(L / w2) for 0 <= a < 1; for a > 1 finite only when
// e1 = 0 (p's support inside q's).
double log_chernoff(const overlap& o, double alpha) {
  if (alpha > 1.0 && o.e1 > 0.0) return std::numeric_limits<double>::infinity();
  if (o.disjoint) return -std::numeric_limits<double>::infinity();
  const double lp = o.e1 == 0.0 ? 0.0 : std::log1p(-o.e1 / o.w1);
  const double lq = o.e2 == 0.0 ? 0.0 : std::log1p(-o.e2 / o.w2);
  return alpha * lp + (1.0 - alpha) * lq;
}

}  // namespace

double kl(const uniform& p, const uniform& q) {
  if (p.low() < q.low() || p.high() > q.high()) return std::numeric_limits<double>::infinity();
  const double w1 = p.high() - p.low();
  return std::log1p(((p.low() - q.low()) + (q.high() - p.high())) / w1);  // log(w2 / w1)
}

double jeffreys(const uniform& p, const uniform& q) { return kl(p, q) + kl(q, p); }

// D_a = log C_a / (a - 1): +inf when C_a = 0 (a < 1, disjoint) or C_a = +inf (a > 1).
double renyi(const uniform& p, const uniform& q, double alpha) {
  detail::check_alpha("kullback::renyi", alpha);
  if (alpha == 1.0) return kl(p, q);
  const double lc = log_chernoff(overlap_of(p, q), alpha);
  if (std::isinf(lc)) return std::numeric_limits<double>::infinity();
  return lc == 0.0 ? 0.0 : lc / (alpha - 1.0);
}

double chernoff_coefficient(const uniform& p, const uniform& q, double alpha) {
  detail::check_alpha("kullback::chernoff_coefficient", alpha);
  if (alpha == 1.0) return 1.0;
  return std::exp(log_chernoff(overlap_of(p, q), alpha));
}

double bhattacharyya(const uniform& p, const uniform& q) {
  const double lc = log_chernoff(overlap_of(p, q), 0.5);
  return lc == 0.0 ? 0.0 : -lc;
}

double hellinger(const uniform& p, const uniform& q) {
  return std::sqrt(-std::expm1(log_chernoff(overlap_of(p, q), 0.5)));
}

}  // namespace kullback
