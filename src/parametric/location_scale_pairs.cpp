// Registry entries of the location-scale and heavy-tailed families (same-family pairs): laplace,
// uniform, pareto (every measure but wasserstein2), cauchy, gumbel, weibull, logistic (kl and
// jeffreys).
#include "builtin_pairs.hpp"
#include "kullback/parametric/cauchy.hpp"
#include "kullback/parametric/gumbel.hpp"
#include "kullback/parametric/laplace.hpp"
#include "kullback/parametric/logistic.hpp"
#include "kullback/parametric/pareto.hpp"
#include "kullback/parametric/uniform.hpp"
#include "kullback/parametric/weibull.hpp"

namespace kullback::detail {

void register_location_scale_pairs(measure_registry& r) {
  r.add_closed_forms<laplace, laplace>();
  r.add_closed_forms<uniform, uniform>();
  r.add_closed_forms<pareto, pareto>();
  r.add_closed_forms<cauchy, cauchy>();
  r.add_closed_forms<gumbel, gumbel>();
  r.add_closed_forms<weibull, weibull>();
  r.add_closed_forms<logistic, logistic>();
}

}  // namespace kullback::detail
