// HalfNormal(scale): |X| with X ~ N(0, scale^2).
// Support: [0, inf). torch.distributions: HalfNormal.
//
// HalfNormal(s) folds N(0, s^2) onto [0, inf) without changing the density ratio p/q, so every
// measure between HalfNormal(s1) and HalfNormal(s2) (all f-divergences) equals the one between
// N(0, s1^2) and N(0, s2^2) (normal.hpp gives the formulas and conventions); with r = s1/s2:
//   kl = (r^2 - 1 - log r^2) / 2,  D_a = log(s_a^2 / (s1^(2(1-a)) s2^(2a))) / (2 (1 - a)),
//   s_a^2 = a s2^2 + (1 - a) s1^2 (+inf where s_a^2 <= 0, alpha > 1 only).
// Batches: parametric/batch.hpp.
#pragma once

namespace kullback {

// Throws kullback::invalid_argument naming the parameter unless scale > 0 and finite.
class half_normal {
 public:
  static constexpr const char* family_name = "half_normal";
  explicit half_normal(double scale);
  double scale() const { return scale_; }

 private:
  double scale_;
};

double kl(const half_normal& p, const half_normal& q);
double jeffreys(const half_normal& p, const half_normal& q);
double renyi(const half_normal& p, const half_normal& q, double alpha);
double chernoff_coefficient(const half_normal& p, const half_normal& q, double alpha);
double bhattacharyya(const half_normal& p, const half_normal& q);
double hellinger(const half_normal& p, const half_normal& q);

}  // namespace kullback
