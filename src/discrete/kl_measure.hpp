// Internal: the generalised KL term as an engine measure (shared by kl.cpp and the fast paths).
#pragma once

#include "engine.hpp"

namespace kullback::detail {

struct kl_measure {
  static constexpr std::size_t sums = 1;
  static constexpr bool logarithmic = true;
  static constexpr bool needs_log_ratio = true;
  std::array<double, 1> term(const pair_element& e) const { return {kl_term(e.p, e.q, e.t, e.lr)}; }
  double finish(const std::array<double, 1>& s, double log_base) const { return s[0] / log_base; }
};

}  // namespace kullback::detail
