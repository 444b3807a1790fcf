// Beta(concentration1 a, concentration0 b): density x^(a-1) (1-x)^(b-1) / B(a, b) (torch's argument order).
// Support: (0, 1). torch.distributions: Beta.
//
// Beta(a, b) = Dirichlet(a, b) (dirichlet.hpp gives the measures); natural parameter (a, b) for
// (log x, log(1 - x)), log-partition log B(a, b). With p = Beta(a1, b1), q = Beta(a2, b2):
//   kl(p, q) = log B(a2, b2) - log B(a1, b1) + (a1 - a2) digamma(a1) + (b1 - b2) digamma(b1)
//              + (a2 - a1 + b2 - b1) digamma(a1 + b1)
//   chernoff_coefficient(p, q, a) = B(a a1 + (1-a) a2, a b1 + (1-a) b2) / (B(a1, b1)^a B(a2, b2)^(1-a)),
//   +inf for alpha > 1 when a mixed parameter is <= 0; renyi, bhattacharyya, hellinger, jeffreys
//   as for gamma.hpp. Batches: parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless concentration1 > 0 and finite;
// concentration0 > 0 and finite.
class beta {
 public:
  static constexpr const char* family_name = "beta";
  beta(double concentration1, double concentration0);
  double concentration1() const { return concentration1_; }
  double concentration0() const { return concentration0_; }

 private:
  double concentration1_;
  double concentration0_;
};

double kl(const beta& p, const beta& q);
double jeffreys(const beta& p, const beta& q);
double renyi(const beta& p, const beta& q, double alpha);
double chernoff_coefficient(const beta& p, const beta& q, double alpha);
double bhattacharyya(const beta& p, const beta& q);
double hellinger(const beta& p, const beta& q);

}  // namespace kullback
