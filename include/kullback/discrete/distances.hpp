// Distances and divergences without a parameter, beyond the KL family.
//
//   tv(p, q)              total variation  1/2 sum_i |p_i - q_i|                    in [0, 1]
//   hellinger(p, q)       sqrt(1/2 sum_i (sqrt p_i - sqrt q_i)^2)                   in [0, 1]
//   bhattacharyya(p, q)   -log sum_i sqrt(p_i q_i)  (+inf for disjoint supports)
//   chi2(p, q)            Pearson  sum_i (p_i - q_i)^2 / q_i   (+inf where q_i = 0 < p_i)
//   neyman_chi2(p, q)     Neyman   sum_i (p_i - q_i)^2 / p_i   (+inf where p_i = 0 < q_i)
//   cauchy_schwarz(p, q)  -log( sum p_i q_i / sqrt(sum p_i^2 sum q_i^2) )  (+inf if orthogonal)
//
// Terms with p_i = q_i = 0 contribute 0. Bhattacharyya is computed as -log1p(-H^2) with H the
// Hellinger distance, which equals -log sum sqrt(pq) on the simplex and is accurate when p ~ q.
// Only bhattacharyya and cauchy_schwarz take a logarithm; the others reject options::base != e.
#pragma once

#include <span>

#include "kullback/core/distribution_view.hpp"
#include "kullback/core/options.hpp"

namespace kullback {

#define KULLBACK_DECLARE_PAIR_MEASURE(name)                                                          \
  double name(const distribution_view& p, const distribution_view& q, const options& opts = {}); \
  void name(const distribution_view& p, const distribution_view& q, std::span<double> out, const options& opts = {});

KULLBACK_DECLARE_PAIR_MEASURE(tv)
KULLBACK_DECLARE_PAIR_MEASURE(hellinger)
KULLBACK_DECLARE_PAIR_MEASURE(bhattacharyya)
KULLBACK_DECLARE_PAIR_MEASURE(chi2)
KULLBACK_DECLARE_PAIR_MEASURE(neyman_chi2)
KULLBACK_DECLARE_PAIR_MEASURE(cauchy_schwarz)

#undef KULLBACK_DECLARE_PAIR_MEASURE

}  // namespace kullback
