// Internal: the built-in entries of the measure registry, one function per group of families,
// each defined next to the families it registers. registry() calls every one at first use.
#pragma once

#include "kullback/parametric/registry.hpp"

namespace kullback::detail {

void register_gaussian_pairs(measure_registry& r);
void register_exponential_family_pairs(measure_registry& r);
void register_discrete_family_pairs(measure_registry& r);
void register_location_scale_pairs(measure_registry& r);
void register_cross_family_pairs(measure_registry& r);

}  // namespace kullback::detail
