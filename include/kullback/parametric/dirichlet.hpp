// Dirichlet(concentration a_1 .. a_k): density Gamma(a_0) / prod Gamma(a_i) * prod x_i^(a_i - 1)
// on the simplex, a_0 = sum a_i. torch.distributions: Dirichlet. The concentration is owned.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace kullback {

// Throws kullback::invalid_argument unless there are at least 2 entries and each is > 0 and
// finite (naming the index: "kullback::dirichlet: concentration[2] = 0, but must be > 0 and finite").
class dirichlet {
 public:
  static constexpr const char* family_name = "dirichlet";
  explicit dirichlet(std::span<const double> concentration);
  std::size_t size() const { return concentration_.size(); }
  std::span<const double> concentration() const { return concentration_; }

 private:
  std::vector<double> concentration_;
};

}  // namespace kullback
