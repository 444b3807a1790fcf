// Options shared by every discrete measure.
#pragma once

#include <optional>

namespace kullback {

// Base of the logarithm for measures defined through one (entropy, KL, JS, Renyi, ...).
// e gives nats, two gives bits, ten gives hartleys. Measures without a logarithm (TV, Hellinger,
// chi-square, Tsallis, alpha divergence, f-divergences) reject any base but e.
enum class log_base { e, two, ten };

struct options {
  log_base base = log_base::e;
  // Divide every row by its sum before the measure is taken. Without it a row whose sum is off 1
  // by more than `tolerance` is an error (kullback never renormalises silently).
  bool normalize = false;
  // Allowed |sum - 1| of a probability row (or |sum exp - 1| of a log-probability row).
  // Unset: max(1e-9, n * machine epsilon of the element type), which accepts any row normalised in
  // that precision by naive summation.
  std::optional<double> tolerance = std::nullopt;
};

}  // namespace kullback
