// binomial: the measures between two binomial distributions.
//
// Equal total counts n: Binomial(n, x) is the sum of n independent Bernoulli(x), so KL, Jeffreys
// and log c(a) are n times the two-point values (two_point_sums; full relative accuracy for
// nearly equal probabilities). n = 0 is the point mass at 0 on both sides: every divergence is 0.
//
// Different total counts: sums over k = 0 .. max(n_p, n_q) of the log pmfs (discrete_log_pmf.hpp);
// the terms go through the same kernels (pair_sums), so each term keeps relative accuracy and
// p's mass above n_q (where q = 0) makes KL +inf. The cost is one log-beta per point and pmf, so
// counts are capped at 10^7.
#include <algorithm>
#include <string>

#include "../core/format_number.hpp"
#include "discrete_log_pmf.hpp"
#include "discrete_terms.hpp"
#include "kullback/core/error.hpp"
#include "kullback/parametric/binomial.hpp"

namespace kullback {

namespace {

namespace d = detail::discrete;

constexpr double max_summed_count = 1e7;

struct binomial_sums {
  d::pair_sums sums;
  double scale;  // n for equal counts (sums of one Bernoulli trial), 1 for the sum over the support
};

binomial_sums sums(const char* function, const binomial& p, const binomial& q) {
  const double np = p.total_count(), nq = q.total_count();
  if (np == nq) return {d::two_point_sums(p.probs(), q.probs()), np};
  const double top = std::max(np, nq);
  if (top > max_summed_count) {
    throw invalid_argument(std::string(function) + ": total_count = " + detail::format_number(top) +
                           " with different total counts, but must be <= 1e7 (the measure is a sum over the support)");
  }
  d::pair_sums s;
  for (double k = 0.0; k <= top; k += 1.0) {
    const double log_p = d::binomial_log_pmf(np, p.probs(), k);
    const double log_q = d::binomial_log_pmf(nq, q.probs(), k);
    if (log_q == -d::inf) {
      d::add_p_zero(s, log_p);
    } else {
      s.terms.push_back(d::term_from_logs(log_p, log_q));
    }
  }
  s.listed_difference = -s.p_zero;  // every point of q's support is listed
  return {std::move(s), 1.0};
}

double log_chernoff(const char* function, const binomial& p, const binomial& q, double alpha) {
  const auto s = sums(function, p, q);
  if (s.scale == 0.0) return 0.0;
  return s.scale * s.sums.log_chernoff(alpha);
}

}  // namespace

double kl(const binomial& p, const binomial& q) {
  const auto s = sums("kullback::kl", p, q);
  return s.scale == 0.0 ? 0.0 : s.scale * s.sums.kl();
}

double jeffreys(const binomial& p, const binomial& q) {
  const auto s = sums("kullback::jeffreys", p, q);
  return s.scale == 0.0 ? 0.0 : s.scale * s.sums.jeffreys();
}

double renyi(const binomial& p, const binomial& q, double alpha) {
  return d::renyi(alpha, [&] { return kl(p, q); },
                  [&](double a) { return log_chernoff("kullback::renyi", p, q, a); });
}

double chernoff_coefficient(const binomial& p, const binomial& q, double alpha) {
  return d::chernoff_coefficient(alpha, [&](double a) { return log_chernoff("kullback::chernoff_coefficient", p, q, a); });
}

double bhattacharyya(const binomial& p, const binomial& q) {
  return -log_chernoff("kullback::bhattacharyya", p, q, 0.5);
}

double hellinger(const binomial& p, const binomial& q) {
  return d::hellinger_from_log_chernoff(log_chernoff("kullback::hellinger", p, q, 0.5));
}

}  // namespace kullback
