// categorical and one_hot_categorical: the measures between two categorical distributions over
// the same categories, as sums over the categories through pair_sums (discrete_terms.hpp).
//
// Every category with q_i > 0 is a term with u_i = (p_i - q_i)/q_i (p_i - q_i is exact when the two
// are within a factor 2, so nearly equal distributions keep full relative accuracy); p_i where
// q_i = 0 goes to p_zero. The stored probabilities add up to 1 only within the construction
// tolerance, so P_T - Q_T = sum_{q_i > 0} (p_i - q_i) is summed (Neumaier) rather than assumed 0:
// KL is then exactly sum p_i log(p_i / q_i) of the stored numbers, and c(a) is that of the stored
// numbers with q's total taken as 1 (so D(p, p) = 0 exactly; a deviation of sum q from 1 by d
// enters c(a) as an absolute error of at most |d|).
#include <string>

#include "../core/summation.hpp"
#include "discrete_terms.hpp"
#include "kullback/core/error.hpp"
#include "kullback/parametric/categorical.hpp"
#include "kullback/parametric/one_hot_categorical.hpp"

namespace kullback {

namespace {

namespace d = detail::discrete;

d::pair_sums sums(const char* function, const categorical& p, const categorical& q) {
  if (p.size() != q.size()) {
    throw invalid_argument(std::string(function) + ": p has " + std::to_string(p.size()) + " categories and q has " +
                           std::to_string(q.size()) + ", but they must have the same number");
  }
  const auto pp = p.probs(), qq = q.probs();
  d::pair_sums s;
  s.terms.reserve(pp.size());
  detail::neumaier_sum listed_difference, p_zero;
  for (std::size_t i = 0; i < pp.size(); ++i) {
    if (qq[i] > 0.0) {
      s.terms.push_back(d::term_from_difference(pp[i], qq[i], pp[i] - qq[i]));
      listed_difference.add(pp[i]);
      listed_difference.add(-qq[i]);
    } else {
      p_zero.add(pp[i]);
    }
  }
  s.p_zero = p_zero.value();
  s.listed_difference = listed_difference.value();
  return s;
}

double log_chernoff(const char* function, const categorical& p, const categorical& q, double alpha) {
  return sums(function, p, q).log_chernoff(alpha);
}

}  // namespace

double kl(const categorical& p, const categorical& q) { return sums("kullback::kl", p, q).kl(); }

double jeffreys(const categorical& p, const categorical& q) { return sums("kullback::jeffreys", p, q).jeffreys(); }

double renyi(const categorical& p, const categorical& q, double alpha) {
  return d::renyi(alpha, [&] { return kl(p, q); },
                  [&](double a) { return log_chernoff("kullback::renyi", p, q, a); });
}

double chernoff_coefficient(const categorical& p, const categorical& q, double alpha) {
  return d::chernoff_coefficient(alpha,
                                 [&](double a) { return log_chernoff("kullback::chernoff_coefficient", p, q, a); });
}

double bhattacharyya(const categorical& p, const categorical& q) {
  return -log_chernoff("kullback::bhattacharyya", p, q, 0.5);
}

double hellinger(const categorical& p, const categorical& q) {
  return d::hellinger_from_log_chernoff(log_chernoff("kullback::hellinger", p, q, 0.5));
}

double kl(const one_hot_categorical& p, const one_hot_categorical& q) { return kl(p.base(), q.base()); }
double jeffreys(const one_hot_categorical& p, const one_hot_categorical& q) { return jeffreys(p.base(), q.base()); }
double renyi(const one_hot_categorical& p, const one_hot_categorical& q, double alpha) {
  return renyi(p.base(), q.base(), alpha);
}
double chernoff_coefficient(const one_hot_categorical& p, const one_hot_categorical& q, double alpha) {
  return chernoff_coefficient(p.base(), q.base(), alpha);
}
double bhattacharyya(const one_hot_categorical& p, const one_hot_categorical& q) {
  return bhattacharyya(p.base(), q.base());
}
double hellinger(const one_hot_categorical& p, const one_hot_categorical& q) { return hellinger(p.base(), q.base()); }

}  // namespace kullback
