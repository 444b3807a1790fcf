// Internal: the sums over the support for two negative binomial distributions with different
// total counts (negative_binomial_series.cpp).
#pragma once

#include "discrete_terms.hpp"

namespace kullback::detail::discrete {

// Which sum the truncation must make accurate: kl, jeffreys, or log c(alpha).
enum class series_target { kl, jeffreys, chernoff };

// The terms of NB(r1, s1) against NB(r2, s2) (r1 != r2) for pair_sums, truncated where a proven
// bound on the omitted tail is below 1e-17 of the partial sum of the target measure. Throws
// kullback::invalid_argument naming `function` when that needs more than 10^6 terms.
pair_sums negative_binomial_series(const char* function, double r1, double s1, double r2, double s2,
                                   series_target target, double alpha);

}  // namespace kullback::detail::discrete
