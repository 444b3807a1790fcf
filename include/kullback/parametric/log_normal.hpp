// LogNormal(loc, scale): log X ~ N(loc, scale^2).
// Support: (0, inf). torch.distributions: LogNormal.
//
// Every measure here is an f-divergence, invariant under the bijection x -> log x, so the
// measures between LogNormal(m1, s1) and LogNormal(m2, s2) equal those between N(m1, s1^2) and
// N(m2, s2^2) (normal.hpp gives the formulas and conventions; e.g. KL = log(s2/s1)
// + (s1^2 + (m1 - m2)^2) / (2 s2^2) - 1/2). Batches: parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless loc finite; scale > 0 and finite.
class log_normal {
 public:
  static constexpr const char* family_name = "log_normal";
  log_normal(double loc, double scale);
  double loc() const { return loc_; }
  double scale() const { return scale_; }

 private:
  double loc_;
  double scale_;
};

double kl(const log_normal& p, const log_normal& q);
double jeffreys(const log_normal& p, const log_normal& q);
double renyi(const log_normal& p, const log_normal& q, double alpha);
double chernoff_coefficient(const log_normal& p, const log_normal& q, double alpha);
double bhattacharyya(const log_normal& p, const log_normal& q);
double hellinger(const log_normal& p, const log_normal& q);

}  // namespace kullback
