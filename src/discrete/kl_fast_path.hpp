// Internal: KL on probabilities (without normalize) and on logits through the SIMD kernels.
#pragma once

#include <span>

#include "kullback/core/distribution_view.hpp"
#include "kullback/core/options.hpp"

namespace kullback::detail {

bool kl_fast_path_applies(const distribution_view& p, const distribution_view& q, const options& opts);
void kl_fast_path(const distribution_view& p, const distribution_view& q, std::span<double> out, const options& opts);

}  // namespace kullback::detail
