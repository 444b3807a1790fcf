// Shannon entropy and cross-entropy.
//
//   entropy(p)           H(p)    = -sum_i p_i log p_i            (0 log 0 = 0)
//   cross_entropy(p, q)  H(p, q) = -sum_i p_i log q_i            (+inf where p_i > 0 and q_i = 0)
//
// Single-row arguments give a double; with `out`, one value per row (a one-row argument is
// broadcast against the other's rows). Natural log unless options::base says otherwise.
#pragma once

#include <span>

#include "kullback/core/distribution_view.hpp"
#include "kullback/core/options.hpp"

namespace kullback {

double entropy(const distribution_view& p, const options& opts = {});
void entropy(const distribution_view& p, std::span<double> out, const options& opts = {});

double cross_entropy(const distribution_view& p, const distribution_view& q, const options& opts = {});
void cross_entropy(const distribution_view& p, const distribution_view& q, std::span<double> out,
                   const options& opts = {});

}  // namespace kullback
