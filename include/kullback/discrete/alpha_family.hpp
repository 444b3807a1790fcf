// The power (alpha) family: Renyi, Tsallis and the Amari alpha divergence.
//
// With S_alpha = sum_i p_i^alpha q_i^(1 - alpha):
//   renyi(p, q, a)            log(S_a) / (a - 1),           a in [0, inf]
//                             a = 1: KL(p||q);  a = 0: -log sum_{p_i > 0} q_i;
//                             a = inf: log max_i p_i / q_i
//   tsallis(p, q, a)          (S_a - 1) / (a - 1),          a > 0;  a = 1: KL(p||q)
//   alpha_divergence(p, q, a) (1 - S_a) / (a (1 - a)),      any real a (Amari / Cichocki);
//                             a = 1: KL(p||q);  a = 0: KL(q||p);  a = 1/2: 4 (1 - sum sqrt(pq))
//
// All three are evaluated from the termwise non-negative sum
//   D_a = sum_i q_i f_a(p_i / q_i),  f_a(u) = (u^a - 1 - a (u - 1)) / (a (a - 1)),
// (alpha_divergence = D_a, tsallis = a D_a, renyi = log1p(a (a - 1) D_a) / (a - 1)), so that
// nearly equal p and q, and a near 0 or 1, keep full relative accuracy. Zero entries follow the
// limits: for a >= 1 a term with q_i = 0 < p_i is +inf, for a <= 0 a term with p_i = 0 < q_i is
// +inf. Only renyi takes a logarithm; the others reject options::base != e.
#pragma once

#include <span>

#include "kullback/core/distribution_view.hpp"
#include "kullback/core/options.hpp"

namespace kullback {

double renyi(const distribution_view& p, const distribution_view& q, double alpha, const options& opts = {});
void renyi(const distribution_view& p, const distribution_view& q, double alpha, std::span<double> out,
           const options& opts = {});

double tsallis(const distribution_view& p, const distribution_view& q, double alpha, const options& opts = {});
void tsallis(const distribution_view& p, const distribution_view& q, double alpha, std::span<double> out,
             const options& opts = {});

double alpha_divergence(const distribution_view& p, const distribution_view& q, double alpha,
                        const options& opts = {});
void alpha_divergence(const distribution_view& p, const distribution_view& q, double alpha, std::span<double> out,
                      const options& opts = {});

}  // namespace kullback
