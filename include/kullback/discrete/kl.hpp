// Kullback-Leibler divergence and its relatives.
//
//   kl(p, q)              KL(p||q) = sum_i p_i log(p_i / q_i)
//   skew_kl(p, q, alpha)  KL(p || alpha p + (1 - alpha) q), alpha in [0, 1]  (DistiLLM's skew KL;
//                         alpha = 0 gives KL(p||q), alpha = 1 gives 0)
//   jeffreys(p, q)        KL(p||q) + KL(q||p) = sum_i (p_i - q_i) log(p_i / q_i)
//                         (the population stability index, PSI, of binned data)
//
// Conventions: 0 log(0/q) = 0; p_i > 0 with q_i = 0 gives +inf (no epsilon is added).
// Each sum is taken in the termwise non-negative (Bregman) form
//   p log(p/q) - p + q,
// which equals KL on the simplex and keeps full relative accuracy when p and q are nearly equal.
// Natural log unless options::base says otherwise.
#pragma once

#include <span>

#include "kullback/core/distribution_view.hpp"
#include "kullback/core/options.hpp"

namespace kullback {

double kl(const distribution_view& p, const distribution_view& q, const options& opts = {});
void kl(const distribution_view& p, const distribution_view& q, std::span<double> out, const options& opts = {});

double skew_kl(const distribution_view& p, const distribution_view& q, double alpha, const options& opts = {});
void skew_kl(const distribution_view& p, const distribution_view& q, double alpha, std::span<double> out,
             const options& opts = {});

double jeffreys(const distribution_view& p, const distribution_view& q, const options& opts = {});
void jeffreys(const distribution_view& p, const distribution_view& q, std::span<double> out,
              const options& opts = {});

}  // namespace kullback
