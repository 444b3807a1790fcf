// Log-densities and sampling for the Gaussian families, the two operations that Monte Carlo
// estimation (kullback/parametric/monte_carlo.hpp) and the mixtures need.
//
//   log_density(normal{m, s}, x)        log N(x; m, s^2) = -((x - m) / s)^2 / 2 - log s - log(2 pi) / 2
//   sample(normal{m, s}, g)             m + s z, z = g.standard_normal()
//   log_density(mvn{mu, Sigma}, x)      -|L^-1 (x - mu)|^2 / 2 - sum_i log L_ii - d log(2 pi) / 2,
//                                       Sigma = L L^T (the stored Cholesky factor)
//   sample(mvn{mu, Sigma}, g, out)      mu + L z, z_i = g.standard_normal() for i = 0 .. d-1
//
// Natural logarithms. x and out must have dim() entries, else kullback::invalid_argument; a
// non-finite x gives -inf (infinite x) or NaN (NaN x), as the density would.
// Each sample consumes a fixed number of normals from g (1, or d), so a seeded generator gives the
// same draws on every run.
#pragma once

#include <span>

#include "kullback/core/random.hpp"
#include "kullback/parametric/multivariate_normal.hpp"
#include "kullback/parametric/normal.hpp"

namespace kullback {

double log_density(const normal& p, double x);
double sample(const normal& p, rng& g);

double log_density(const multivariate_normal& p, std::span<const double> x);
void sample(const multivariate_normal& p, rng& g, std::span<double> out);

}  // namespace kullback
