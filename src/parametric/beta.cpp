// beta: construction checks; the measures are those of the Dirichlet (a, b) (dirichlet_terms.hpp).
#include "kullback/parametric/beta.hpp"

#include <string>

#include "checks.hpp"
#include "dirichlet_terms.hpp"

namespace kullback {

beta::beta(double concentration1, double concentration0)
    : concentration1_(concentration1), concentration0_(concentration0) {
  const char* function = "kullback::beta";
  detail::check_parameter(function, "concentration1", concentration1, detail::positive);
  detail::check_parameter(function, "concentration0", concentration0, detail::positive);
}

namespace {

// measure(pair(p, q), pair(q, p)) with the concentrations as two-entry Dirichlet parameters.
template <class Measure>
double with_pairs(const beta& p, const beta& q, const Measure& measure) {
  const double a[] = {p.concentration1(), p.concentration0()};
  const double b[] = {q.concentration1(), q.concentration0()};
  return measure(detail::dirichlet_pair("kullback::beta", a, b), detail::dirichlet_pair("kullback::beta", b, a));
}

}  // namespace

double kl(const beta& p, const beta& q) {
  return with_pairs(p, q, [](const auto& pq, const auto&) { return detail::expfam::kl(pq); });
}
double jeffreys(const beta& p, const beta& q) {
  return with_pairs(p, q, [](const auto& pq, const auto& qp) { return detail::expfam::jeffreys(pq, qp); });
}
double renyi(const beta& p, const beta& q, double alpha) {
  return with_pairs(p, q, [&](const auto& pq, const auto&) { return detail::expfam::renyi(pq, alpha); });
}
double chernoff_coefficient(const beta& p, const beta& q, double alpha) {
  return with_pairs(p, q, [&](const auto& pq, const auto&) { return detail::expfam::chernoff_coefficient(pq, alpha); });
}
double bhattacharyya(const beta& p, const beta& q) {
  return with_pairs(p, q, [](const auto& pq, const auto&) { return detail::expfam::bhattacharyya(pq); });
}
double hellinger(const beta& p, const beta& q) {
  return with_pairs(p, q, [](const auto& pq, const auto&) { return detail::expfam::hellinger(pq); });
}

}  // namespace kullback
