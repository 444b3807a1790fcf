// Registry entries of the cross-family pairs (include/kullback/parametric/cross_family.hpp): kl for
// every ordered pair torch registers, jeffreys where both directions exist.
#include "builtin_pairs.hpp"
#include "kullback/parametric/cross_family.hpp"

namespace kullback::detail {

void register_cross_family_pairs(measure_registry& r) {
  r.add_closed_forms<beta, continuous_bernoulli>();
  r.add_closed_forms<beta, exponential>();
  r.add_closed_forms<beta, gamma>();
  r.add_closed_forms<beta, chi_squared>();
  r.add_closed_forms<beta, normal>();
  r.add_closed_forms<beta, pareto>();
  r.add_closed_forms<beta, uniform>();
  r.add_closed_forms<continuous_bernoulli, exponential>();
  r.add_closed_forms<continuous_bernoulli, normal>();
  r.add_closed_forms<continuous_bernoulli, pareto>();
  r.add_closed_forms<continuous_bernoulli, uniform>();
  r.add_closed_forms<exponential, beta>();
  r.add_closed_forms<exponential, continuous_bernoulli>();
  r.add_closed_forms<exponential, gumbel>();
  r.add_closed_forms<exponential, normal>();
  r.add_closed_forms<exponential, pareto>();
  r.add_closed_forms<exponential, uniform>();
  r.add_closed_forms<gamma, beta>();
  r.add_closed_forms<gamma, continuous_bernoulli>();
  r.add_closed_forms<gamma, gumbel>();
  r.add_closed_forms<gamma, normal>();
  r.add_closed_forms<gamma, pareto>();
  r.add_closed_forms<gamma, uniform>();
  r.add_closed_forms<chi_squared, beta>();
  r.add_closed_forms<chi_squared, continuous_bernoulli>();
  r.add_closed_forms<chi_squared, gumbel>();
  r.add_closed_forms<chi_squared, normal>();
  r.add_closed_forms<chi_squared, pareto>();
  r.add_closed_forms<chi_squared, uniform>();
  r.add_closed_forms<gumbel, beta>();
  r.add_closed_forms<gumbel, continuous_bernoulli>();
  r.add_closed_forms<gumbel, exponential>();
  r.add_closed_forms<gumbel, gamma>();
  r.add_closed_forms<gumbel, chi_squared>();
  r.add_closed_forms<gumbel, normal>();
  r.add_closed_forms<gumbel, pareto>();
  r.add_closed_forms<gumbel, uniform>();
  r.add_closed_forms<laplace, beta>();
  r.add_closed_forms<laplace, continuous_bernoulli>();
  r.add_closed_forms<laplace, exponential>();
  r.add_closed_forms<laplace, gamma>();
  r.add_closed_forms<laplace, chi_squared>();
  r.add_closed_forms<laplace, normal>();
  r.add_closed_forms<laplace, pareto>();
  r.add_closed_forms<laplace, uniform>();
  r.add_closed_forms<normal, beta>();
  r.add_closed_forms<normal, continuous_bernoulli>();
  r.add_closed_forms<normal, exponential>();
  r.add_closed_forms<normal, gamma>();
  r.add_closed_forms<normal, chi_squared>();
  r.add_closed_forms<normal, gumbel>();
  r.add_closed_forms<normal, laplace>();
  r.add_closed_forms<normal, pareto>();
  r.add_closed_forms<normal, uniform>();
  r.add_closed_forms<pareto, beta>();
  r.add_closed_forms<pareto, continuous_bernoulli>();
  r.add_closed_forms<pareto, exponential>();
  r.add_closed_forms<pareto, gamma>();
  r.add_closed_forms<pareto, chi_squared>();
  r.add_closed_forms<pareto, normal>();
  r.add_closed_forms<pareto, uniform>();
  r.add_closed_forms<uniform, beta>();
  r.add_closed_forms<uniform, continuous_bernoulli>();
  r.add_closed_forms<uniform, exponential>();
  r.add_closed_forms<uniform, gamma>();
  r.add_closed_forms<uniform, chi_squared>();
  r.add_closed_forms<uniform, gumbel>();
  r.add_closed_forms<uniform, normal>();
  r.add_closed_forms<uniform, pareto>();
}

}  // namespace kullback::detail
