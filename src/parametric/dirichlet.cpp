// dirichlet: construction checks and the measures (dirichlet_terms.hpp, exponential_family.hpp).
#include "kullback/parametric/dirichlet.hpp"

#include <cmath>
#include <string>

#include "../core/format_number.hpp"
#include "dirichlet_terms.hpp"
#include "kullback/core/error.hpp"

namespace kullback {

dirichlet::dirichlet(std::span<const double> concentration)
    : concentration_(concentration.begin(), concentration.end()) {
  if (concentration.size() < 2) {
    throw invalid_argument("kullback::dirichlet: concentration has " + std::to_string(concentration.size()) +
                           " entries, but needs at least 2");
  }
  for (std::size_t i = 0; i < concentration.size(); ++i) {
    if (!(concentration[i] > 0.0) || !std::isfinite(concentration[i])) {
      throw invalid_argument("kullback::dirichlet: concentration[" + std::to_string(i) +
                             "] = " + detail::format_number(concentration[i]) + ", but must be > 0 and finite");
    }
  }
}

double kl(const dirichlet& p, const dirichlet& q) {
  return detail::expfam::kl(detail::dirichlet_pair("kullback::kl", p.concentration(), q.concentration()));
}
double jeffreys(const dirichlet& p, const dirichlet& q) {
  const char* f = "kullback::jeffreys";
  return detail::expfam::jeffreys(detail::dirichlet_pair(f, p.concentration(), q.concentration()),
                                  detail::dirichlet_pair(f, q.concentration(), p.concentration()));
}
double renyi(const dirichlet& p, const dirichlet& q, double alpha) {
  return detail::expfam::renyi(detail::dirichlet_pair("kullback::renyi", p.concentration(), q.concentration()), alpha);
}
double chernoff_coefficient(const dirichlet& p, const dirichlet& q, double alpha) {
  return detail::expfam::chernoff_coefficient(
      detail::dirichlet_pair("kullback::chernoff_coefficient", p.concentration(), q.concentration()), alpha);
}
double bhattacharyya(const dirichlet& p, const dirichlet& q) {
  return detail::expfam::bhattacharyya(
      detail::dirichlet_pair("kullback::bhattacharyya", p.concentration(), q.concentration()));
}
double hellinger(const dirichlet& p, const dirichlet& q) {
  return detail::expfam::hellinger(detail::dirichlet_pair("kullback::hellinger", p.concentration(), q.concentration()));
}

}  // namespace kullback
