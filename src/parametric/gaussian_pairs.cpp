// Registry entries of the Gaussian families: normal-normal and multivariate_normal pairs.
#include "builtin_pairs.hpp"
#include "kullback/parametric/multivariate_normal.hpp"
#include "kullback/parametric/normal.hpp"

namespace kullback::detail {

void register_gaussian_pairs(measure_registry& r) {
  r.add_closed_forms<normal, normal>();
  r.add_closed_forms<multivariate_normal, multivariate_normal>();
}

}  // namespace kullback::detail
