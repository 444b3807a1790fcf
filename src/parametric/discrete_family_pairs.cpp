// Registry entries of the discrete families: every same-family pair, and the cross pairs
// bernoulli <-> poisson and binomial <-> poisson.
#include "builtin_pairs.hpp"
#include "kullback/parametric/bernoulli.hpp"
#include "kullback/parametric/binomial.hpp"
#include "kullback/parametric/categorical.hpp"
#include "kullback/parametric/geometric.hpp"
#include "kullback/parametric/negative_binomial.hpp"
#include "kullback/parametric/one_hot_categorical.hpp"
#include "kullback/parametric/poisson.hpp"

namespace kullback::detail {

void register_discrete_family_pairs(measure_registry& r) {
  r.add_closed_forms<bernoulli, bernoulli>();
  r.add_closed_forms<binomial, binomial>();
  r.add_closed_forms<geometric, geometric>();
  r.add_closed_forms<poisson, poisson>();
  r.add_closed_forms<negative_binomial, negative_binomial>();
  r.add_closed_forms<categorical, categorical>();
  r.add_closed_forms<one_hot_categorical, one_hot_categorical>();
  r.add_closed_forms<bernoulli, poisson>();
  r.add_closed_forms<poisson, bernoulli>();
  r.add_closed_forms<binomial, poisson>();
  r.add_closed_forms<poisson, binomial>();
}

}  // namespace kullback::detail
