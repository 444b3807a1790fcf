// categorical: construction checks; from_logits by a max-shifted log-sum-exp.
#include "kullback/parametric/categorical.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "../core/format_number.hpp"
#include "../core/summation.hpp"
#include "kullback/core/error.hpp"

namespace kullback {

using detail::format_number;

categorical::categorical(std::span<const double> probs, categorical_options options)
    : probs_(probs.begin(), probs.end()) {
  const char* function = "kullback::categorical";
  if (probs.empty()) throw invalid_argument(std::string(function) + ": probs is empty");
  if (options.tolerance && !(*options.tolerance >= 0.0)) {
    throw invalid_argument(std::string(function) + ": option tolerance = " + format_number(*options.tolerance) +
                           ", but must be >= 0");
  }
  for (std::size_t i = 0; i < probs.size(); ++i) {
    if (!(probs[i] >= 0.0) || !std::isfinite(probs[i])) {
      throw invalid_argument(std::string(function) + ": probs[" + std::to_string(i) + "] = " +
                             format_number(probs[i]) + ", but must be >= 0 and finite");
    }
  }
  const double sum = detail::pairwise_sum(probs_);
  if (options.normalize) {
    if (!(sum > 0.0)) throw invalid_argument(std::string(function) + ": probs sum to 0, so they cannot be normalized");
    for (double& p : probs_) p /= sum;
  } else {
    const double n = static_cast<double>(probs.size());
    const double tolerance = options.tolerance.value_or(std::max(1e-9, n * std::numeric_limits<double>::epsilon()));
    if (!(std::fabs(sum - 1.0) <= tolerance)) {
      throw invalid_argument(std::string(function) + ": probs sum to " + format_number(sum) +
                             ", but must sum to 1 within tolerance " + format_number(tolerance) +
                             " (set normalize to divide by the sum)");
    }
  }
  log_probs_.resize(probs_.size());
  std::transform(probs_.begin(), probs_.end(), log_probs_.begin(), [](double p) { return std::log(p); });
}

categorical categorical::from_logits(std::span<const double> logits) {
  const char* function = "kullback::categorical::from_logits";
  if (logits.empty()) throw invalid_argument(std::string(function) + ": logits is empty");
  double max = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < logits.size(); ++i) {
    if (std::isnan(logits[i]) || logits[i] == std::numeric_limits<double>::infinity()) {
      throw invalid_argument(std::string(function) + ": logits[" + std::to_string(i) + "] = " +
                             format_number(logits[i]) + ", but must be finite or -inf");
    }
    max = std::max(max, logits[i]);
  }
  if (max == -std::numeric_limits<double>::infinity()) {
    throw invalid_argument(std::string(function) + ": every logit is -inf, so there is no distribution");
  }
  // log p_i = (l_i - max) - log sum_j exp(l_j - max): the shifted exponentials are in (0, 1] with
  // at least one equal to 1, so the sum neither overflows nor loses the largest term.
  std::vector<double> shifted(logits.size());
  for (std::size_t i = 0; i < logits.size(); ++i) shifted[i] = std::exp(logits[i] - max);
  const double log_sum = std::log(detail::pairwise_sum(shifted));
  categorical result;
  result.log_probs_.resize(logits.size());
  result.probs_.resize(logits.size());
  for (std::size_t i = 0; i < logits.size(); ++i) {
    result.log_probs_[i] = (logits[i] - max) - log_sum;
    result.probs_[i] = std::exp(result.log_probs_[i]);
  }
  return result;
}

}  // namespace kullback
