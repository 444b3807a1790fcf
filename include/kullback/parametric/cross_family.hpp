// KL divergences between distributions of different families: every cross-family pair that
// torch.distributions registers (beta, continuous_bernoulli, exponential, gamma, gumbel, laplace,
// normal, pareto, uniform -> another of them; chi_squared wherever torch accepts it as a Gamma),
// and jeffreys(p, q) = KL(p||q) + KL(q||p) for every pair registered in both directions.
//
// Convention: kl(p, q) = KL(p||q) = integral p log(p / q), natural log. It is +inf where p's
// support is not inside q's (e.g. normal -> exponential, uniform(-1, 1) -> gamma, pareto -> beta)
// and where the integral diverges: pareto(m, a) -> exponential, gamma, chi_squared for a <= 1
// (p's mean is infinite) and pareto -> normal for a <= 2 (p's second moment is infinite).
//
// Each finite pair is -H(p) - E_p[log q] from p's entropy and moments (E x, Var x, E log x,
// E log(1 - x), E e^(-x / s), E |x - m|) and q's log-density; the formulas are listed in
// docs/parametric_location_scale.md. They agree with torch's where torch is right; kullback differs
// (and is right) where torch returns NaN or the wrong +inf:
//   * uniform(l, h) -> beta with l = 0 or h = 1, and uniform(0, h) -> gamma or chi_squared:
//     torch evaluates 0 log 0 and returns NaN (e.g. uniform(0, 1) -> beta); kullback takes
//     0 log 0 = 0.
//   * continuous_bernoulli <-> uniform: torch tests the supports with >= / <= where it needs > / <,
//     so it returns +inf for cb -> uniform(0, 1) and for uniform(0, 1) -> cb (both finite; the
//     first is 0 for cb(1/2)); kullback returns the finite values.
// Nearly equal cross pairs (exponential(r) vs gamma(1, r), chi_squared(2) = exponential(1/2),
// beta(1, 1) and cb(1/2) = uniform(0, 1)) are evaluated in cancellation-free forms.
#pragma once

#include "kullback/parametric/beta.hpp"
#include "kullback/parametric/chi_squared.hpp"
#include "kullback/parametric/continuous_bernoulli.hpp"
#include "kullback/parametric/exponential.hpp"
#include "kullback/parametric/gamma.hpp"
#include "kullback/parametric/gumbel.hpp"
#include "kullback/parametric/laplace.hpp"
#include "kullback/parametric/normal.hpp"
#include "kullback/parametric/pareto.hpp"
#include "kullback/parametric/uniform.hpp"

namespace kullback {

// beta -> ...
double kl(const beta& p, const continuous_bernoulli& q);
double kl(const beta& p, const exponential& q);
double kl(const beta& p, const gamma& q);
double kl(const beta& p, const chi_squared& q);
double kl(const beta& p, const normal& q);
double kl(const beta& p, const pareto& q);
double kl(const beta& p, const uniform& q);

// continuous_bernoulli -> ...
double kl(const continuous_bernoulli& p, const exponential& q);
double kl(const continuous_bernoulli& p, const normal& q);
double kl(const continuous_bernoulli& p, const pareto& q);
double kl(const continuous_bernoulli& p, const uniform& q);

// exponential -> ...
double kl(const exponential& p, const beta& q);
double kl(const exponential& p, const continuous_bernoulli& q);
double kl(const exponential& p, const gumbel& q);
double kl(const exponential& p, const normal& q);
double kl(const exponential& p, const pareto& q);
double kl(const exponential& p, const uniform& q);

// gamma -> ...
double kl(const gamma& p, const beta& q);
double kl(const gamma& p, const continuous_bernoulli& q);
double kl(const gamma& p, const gumbel& q);
double kl(const gamma& p, const normal& q);
double kl(const gamma& p, const pareto& q);
double kl(const gamma& p, const uniform& q);

// chi_squared -> ...
double kl(const chi_squared& p, const beta& q);
double kl(const chi_squared& p, const continuous_bernoulli& q);
double kl(const chi_squared& p, const gumbel& q);
double kl(const chi_squared& p, const normal& q);
double kl(const chi_squared& p, const pareto& q);
double kl(const chi_squared& p, const uniform& q);

// gumbel -> ...
double kl(const gumbel& p, const beta& q);
double kl(const gumbel& p, const continuous_bernoulli& q);
double kl(const gumbel& p, const exponential& q);
double kl(const gumbel& p, const gamma& q);
double kl(const gumbel& p, const chi_squared& q);
double kl(const gumbel& p, const normal& q);
double kl(const gumbel& p, const pareto& q);
double kl(const gumbel& p, const uniform& q);

// laplace -> ...
double kl(const laplace& p, const beta& q);
double kl(const laplace& p, const continuous_bernoulli& q);
double kl(const laplace& p, const exponential& q);
double kl(const laplace& p, const gamma& q);
double kl(const laplace& p, const chi_squared& q);
double kl(const laplace& p, const normal& q);
double kl(const laplace& p, const pareto& q);
double kl(const laplace& p, const uniform& q);

// normal -> ...
double kl(const normal& p, const beta& q);
double kl(const normal& p, const continuous_bernoulli& q);
double kl(const normal& p, const exponential& q);
double kl(const normal& p, const gamma& q);
double kl(const normal& p, const chi_squared& q);
double kl(const normal& p, const gumbel& q);
double kl(const normal& p, const laplace& q);
double kl(const normal& p, const pareto& q);
double kl(const normal& p, const uniform& q);

// pareto -> ...
double kl(const pareto& p, const beta& q);
double kl(const pareto& p, const continuous_bernoulli& q);
double kl(const pareto& p, const exponential& q);
double kl(const pareto& p, const gamma& q);
double kl(const pareto& p, const chi_squared& q);
double kl(const pareto& p, const normal& q);
double kl(const pareto& p, const uniform& q);

// uniform -> ...
double kl(const uniform& p, const beta& q);
double kl(const uniform& p, const continuous_bernoulli& q);
double kl(const uniform& p, const exponential& q);
double kl(const uniform& p, const gamma& q);
double kl(const uniform& p, const chi_squared& q);
double kl(const uniform& p, const gumbel& q);
double kl(const uniform& p, const normal& q);
double kl(const uniform& p, const pareto& q);

// jeffreys(p, q) = kl(p, q) + kl(q, p) (symmetric), for the pairs registered both ways.
double jeffreys(const beta& p, const exponential& q);
double jeffreys(const beta& p, const gamma& q);
double jeffreys(const beta& p, const chi_squared& q);
double jeffreys(const beta& p, const normal& q);
double jeffreys(const beta& p, const pareto& q);
double jeffreys(const beta& p, const uniform& q);
double jeffreys(const continuous_bernoulli& p, const exponential& q);
double jeffreys(const continuous_bernoulli& p, const normal& q);
double jeffreys(const continuous_bernoulli& p, const pareto& q);
double jeffreys(const continuous_bernoulli& p, const uniform& q);
double jeffreys(const exponential& p, const beta& q);
double jeffreys(const exponential& p, const continuous_bernoulli& q);
double jeffreys(const exponential& p, const gumbel& q);
double jeffreys(const exponential& p, const normal& q);
double jeffreys(const exponential& p, const pareto& q);
double jeffreys(const exponential& p, const uniform& q);
double jeffreys(const gamma& p, const beta& q);
double jeffreys(const gamma& p, const gumbel& q);
double jeffreys(const gamma& p, const normal& q);
double jeffreys(const gamma& p, const pareto& q);
double jeffreys(const gamma& p, const uniform& q);
double jeffreys(const chi_squared& p, const beta& q);
double jeffreys(const chi_squared& p, const gumbel& q);
double jeffreys(const chi_squared& p, const normal& q);
double jeffreys(const chi_squared& p, const pareto& q);
double jeffreys(const chi_squared& p, const uniform& q);
double jeffreys(const gumbel& p, const exponential& q);
double jeffreys(const gumbel& p, const gamma& q);
double jeffreys(const gumbel& p, const chi_squared& q);
double jeffreys(const gumbel& p, const normal& q);
double jeffreys(const gumbel& p, const uniform& q);
double jeffreys(const laplace& p, const normal& q);
double jeffreys(const normal& p, const beta& q);
double jeffreys(const normal& p, const continuous_bernoulli& q);
double jeffreys(const normal& p, const exponential& q);
double jeffreys(const normal& p, const gamma& q);
double jeffreys(const normal& p, const chi_squared& q);
double jeffreys(const normal& p, const gumbel& q);
double jeffreys(const normal& p, const laplace& q);
double jeffreys(const normal& p, const pareto& q);
double jeffreys(const normal& p, const uniform& q);
double jeffreys(const pareto& p, const beta& q);
double jeffreys(const pareto& p, const continuous_bernoulli& q);
double jeffreys(const pareto& p, const exponential& q);
double jeffreys(const pareto& p, const gamma& q);
double jeffreys(const pareto& p, const chi_squared& q);
double jeffreys(const pareto& p, const normal& q);
double jeffreys(const pareto& p, const uniform& q);
double jeffreys(const uniform& p, const beta& q);
double jeffreys(const uniform& p, const continuous_bernoulli& q);
double jeffreys(const uniform& p, const exponential& q);
double jeffreys(const uniform& p, const gamma& q);
double jeffreys(const uniform& p, const chi_squared& q);
double jeffreys(const uniform& p, const gumbel& q);
double jeffreys(const uniform& p, const normal& q);
double jeffreys(const uniform& p, const pareto& q);

}  // namespace kullback
