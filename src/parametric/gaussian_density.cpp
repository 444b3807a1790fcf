// Log-densities and sampling for normal and multivariate_normal.
//
// The multivariate log-density whitens x - mu by forward substitution with the stored lower
// Cholesky factor L (whitening.hpp: never forming Sigma^-1), so the quadratic form is a sum of
// squares and keeps relative accuracy for ill-conditioned Sigma; log det Sigma comes from the
// diagonal of L.
#include "kullback/parametric/gaussian_density.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "whitening.hpp"
#include "kullback/core/error.hpp"

namespace kullback {

namespace {

constexpr double half_log_two_pi = 0.91893853320467274178032973640561764;  // log(2 pi) / 2

void check_size(const char* function, const char* name, std::size_t got, std::size_t dim) {
  if (got != dim) {
    throw invalid_argument(std::string(function) + ": " + name + ".size() = " + std::to_string(got) +
                           ", but must equal dim() = " + std::to_string(dim));
  }
}

}  // namespace

double log_density(const normal& p, double x) {
  const double z = (x - p.loc()) / p.scale();
  return -0.5 * z * z - std::log(p.scale()) - half_log_two_pi;
}

double sample(const normal& p, rng& g) { return p.loc() + p.scale() * g.standard_normal(); }

double log_density(const multivariate_normal& p, std::span<const double> x) {
  const std::size_t d = p.dim();
  check_size("kullback::log_density", "x", x.size(), d);
  return -0.5 * detail::squared_mahalanobis(p.scale_tril(), p.mean(), x) - 0.5 * p.log_det_covariance() - static_cast<double>(d) * half_log_two_pi;
}

void sample(const multivariate_normal& p, rng& g, std::span<double> out) {
  const std::size_t d = p.dim();
  check_size("kullback::sample", "out", out.size(), d);
  const std::span<const double> mean = p.mean(), l = p.scale_tril();
  // z into out, then out <- mu + L z in place from the last row up (row i reads z_0 .. z_i only).
  for (double& v : out) v = g.standard_normal();
  for (std::size_t i = d; i-- > 0;) {
    double v = mean[i];
    for (std::size_t j = 0; j <= i; ++j) v += l[i * d + j] * out[j];
    out[i] = v;
  }
}

}  // namespace kullback
