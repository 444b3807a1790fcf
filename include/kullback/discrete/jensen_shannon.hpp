// Generalised Jensen-Shannon divergence and distance.
//
//   js(p, q, w)          w KL(p||m) + (1 - w) KL(q||m),  m = w p + (1 - w) q,  w in [0, 1]
//                        (w = 0.5 by default; 0 <= js <= log 2 for w = 0.5; always finite)
//   js_distance(p, q, w) sqrt(js(p, q, w)), a metric for w = 0.5; never NaN (scipy's
//                        jensenshannon can return NaN for nearly equal inputs)
//
// Note: js is the divergence, js_distance its square root (scipy.spatial.distance.jensenshannon
// returns the distance). Natural log unless options::base says otherwise (the distance is then
// sqrt of js in that base).
#pragma once

#include <span>

#include "kullback/core/distribution_view.hpp"
#include "kullback/core/options.hpp"

namespace kullback {

double js(const distribution_view& p, const distribution_view& q, const options& opts = {});
double js(const distribution_view& p, const distribution_view& q, double weight, const options& opts = {});
void js(const distribution_view& p, const distribution_view& q, double weight, std::span<double> out,
        const options& opts = {});

double js_distance(const distribution_view& p, const distribution_view& q, const options& opts = {});
double js_distance(const distribution_view& p, const distribution_view& q, double weight, const options& opts = {});
void js_distance(const distribution_view& p, const distribution_view& q, double weight, std::span<double> out,
                 const options& opts = {});

}  // namespace kullback
