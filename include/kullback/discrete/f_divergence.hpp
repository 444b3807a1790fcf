// f-divergences with a user-supplied convex generator.
//
//   f_divergence(p, q, g) = sum_i q_i f(p_i / q_i)
//
// f must be convex with f(1) = 0. Terms with q_i = 0 follow the perspective limit
//   0 * f(p / 0) = p * slope_at_infinity,  slope_at_infinity = lim_{u->inf} f(u) / u,
// and a term with p_i = q_i = 0 is 0. f(0) is used where p_i = 0 < q_i.
// The named generators below reproduce the library's measures (up to their own accuracy: the
// dedicated functions use more accurate termwise forms).
#pragma once

#include <functional>
#include <limits>
#include <span>
#include <string>

#include "kullback/core/distribution_view.hpp"
#include "kullback/core/options.hpp"

namespace kullback {

struct f_generator {
  std::function<double(double)> f;
  double slope_at_infinity = std::numeric_limits<double>::infinity();
  std::string name = "f";
};

namespace generators {
f_generator kl();                    // u log u                          -> KL(p||q)
f_generator reverse_kl();            // -log u                           -> KL(q||p)
f_generator jeffreys();              // (u - 1) log u                    -> KL(p||q) + KL(q||p)
f_generator js();                    // u/2 log(2u/(1+u)) + 1/2 log(2/(1+u)) -> js(p, q, 0.5)
f_generator tv();                    // |u - 1| / 2                      -> total variation
f_generator squared_hellinger();     // (sqrt u - 1)^2 / 2               -> hellinger^2
f_generator pearson_chi2();          // (u - 1)^2                        -> chi2
f_generator neyman_chi2();           // (u - 1)^2 / u                    -> neyman_chi2
f_generator alpha(double alpha);     // (u^a - 1 - a(u-1)) / (a(a-1))    -> alpha_divergence
}  // namespace generators

double f_divergence(const distribution_view& p, const distribution_view& q, const f_generator& generator,
                    const options& opts = {});
void f_divergence(const distribution_view& p, const distribution_view& q, const f_generator& generator,
                  std::span<double> out, const options& opts = {});

}  // namespace kullback
