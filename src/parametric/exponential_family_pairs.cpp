// Registry entries of the continuous exponential families: every same-family pair, and every
// cross pair among gamma, exponential and chi_squared (all gammas).
#include "builtin_pairs.hpp"
#include "kullback/parametric/beta.hpp"
#include "kullback/parametric/chi_squared.hpp"
#include "kullback/parametric/continuous_bernoulli.hpp"
#include "kullback/parametric/dirichlet.hpp"
#include "kullback/parametric/exponential.hpp"
#include "kullback/parametric/gamma.hpp"
#include "kullback/parametric/half_normal.hpp"
#include "kullback/parametric/inverse_gamma.hpp"
#include "kullback/parametric/log_normal.hpp"
#include "kullback/parametric/von_mises.hpp"

namespace kullback::detail {

void register_exponential_family_pairs(measure_registry& r) {
  r.add_closed_forms<gamma, gamma>();
  r.add_closed_forms<exponential, exponential>();
  r.add_closed_forms<chi_squared, chi_squared>();
  r.add_closed_forms<exponential, gamma>();
  r.add_closed_forms<gamma, exponential>();
  r.add_closed_forms<chi_squared, gamma>();
  r.add_closed_forms<gamma, chi_squared>();
  r.add_closed_forms<chi_squared, exponential>();
  r.add_closed_forms<exponential, chi_squared>();
  r.add_closed_forms<inverse_gamma, inverse_gamma>();
  r.add_closed_forms<beta, beta>();
  r.add_closed_forms<dirichlet, dirichlet>();
  r.add_closed_forms<log_normal, log_normal>();
  r.add_closed_forms<half_normal, half_normal>();
  r.add_closed_forms<continuous_bernoulli, continuous_bernoulli>();
  r.add_closed_forms<von_mises, von_mises>();
}

}  // namespace kullback::detail
