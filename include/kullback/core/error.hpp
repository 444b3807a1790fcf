// Errors raised by kullback.
//
// Bad input throws kullback::invalid_argument (a std::invalid_argument) whose message names the
// function, the argument, the index and the value, e.g.
//   "kullback::kl: q[3] = -0.2, but must be >= 0".
// Internal invariants use KULLBACK_ASSERT, active in debug builds only.
#pragma once

#include <cassert>
#include <stdexcept>
#include <string>

namespace kullback {

class invalid_argument : public std::invalid_argument {
 public:
  explicit invalid_argument(const std::string& message) : std::invalid_argument(message) {}
};

}  // namespace kullback

#define KULLBACK_ASSERT(condition) assert(condition)
