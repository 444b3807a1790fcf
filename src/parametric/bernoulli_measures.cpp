// bernoulli: the measures between two Bernoulli distributions, as two-point sums through the
// cancellation-free kernels of discrete_terms.hpp (two_point_sums), so that
// KL(Bernoulli(x) || Bernoulli(x (1 + 1e-8))) keeps full relative accuracy.
#include "discrete_terms.hpp"
#include "kullback/parametric/bernoulli.hpp"

namespace kullback {

namespace {

namespace d = detail::discrete;

d::pair_sums sums(const bernoulli& p, const bernoulli& q) { return d::two_point_sums(p.probs(), q.probs()); }

double log_chernoff(const bernoulli& p, const bernoulli& q, double alpha) { return sums(p, q).log_chernoff(alpha); }

}  // namespace

double kl(const bernoulli& p, const bernoulli& q) { return sums(p, q).kl(); }

double jeffreys(const bernoulli& p, const bernoulli& q) { return sums(p, q).jeffreys(); }

double renyi(const bernoulli& p, const bernoulli& q, double alpha) {
  return d::renyi(alpha, [&] { return kl(p, q); }, [&](double a) { return log_chernoff(p, q, a); });
}

double chernoff_coefficient(const bernoulli& p, const bernoulli& q, double alpha) {
  return d::chernoff_coefficient(alpha, [&](double a) { return log_chernoff(p, q, a); });
}

double bhattacharyya(const bernoulli& p, const bernoulli& q) { return -log_chernoff(p, q, 0.5); }

double hellinger(const bernoulli& p, const bernoulli& q) {
  return d::hellinger_from_log_chernoff(log_chernoff(p, q, 0.5));
}

}  // namespace kullback
