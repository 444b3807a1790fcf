// Uses the installed headers and library; exits 0 when KL(p||q) = log(5/3) for p = (1/2, 1/2),
// q = (9/10, 1/10).
#include <kullback/kullback.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

int main() {
  const std::vector<double> p{0.5, 0.5};
  const std::vector<double> q{0.9, 0.1};
  const double value = kullback::kl(p, q);
  const double expected = 0.5 * std::log(0.5 / 0.9) + 0.5 * std::log(0.5 / 0.1);
  std::printf("kl = %.17g (kullback %s)\n", value, kullback::version);
  return std::fabs(value - expected) <= 1e-15 ? 0 : 1;
}
