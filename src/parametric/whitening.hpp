// Internal: the squared Mahalanobis distance |L^-1 (x - mean)|^2 of the Gaussian log-densities.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "../core/summation.hpp"

namespace kullback::detail {

// Forward substitution L w = x - mean with the row-major lower Cholesky factor L (d x d), then
// |w|^2 as a compensated sum of squares: no inverse is formed, so ill-conditioned covariances keep
// relative accuracy. Called once per draw in Monte Carlo, so small dimensions use a stack buffer.
inline double squared_mahalanobis(std::span<const double> l, std::span<const double> mean,
                                  std::span<const double> x) {
  const std::size_t d = mean.size();
  std::array<double, 16> small{};
  std::vector<double> large(d > small.size() ? d : 0);
  double* w = d > small.size() ? large.data() : small.data();
  neumaier_sum quadratic;
  for (std::size_t i = 0; i < d; ++i) {
    double r = x[i] - mean[i];
    for (std::size_t j = 0; j < i; ++j) r -= l[i * d + j] * w[j];
    w[i] = r / l[i * d + i];
    quadratic.add(w[i] * w[i]);
  }
  return quadratic.value();
}

}  // namespace kullback::detail
