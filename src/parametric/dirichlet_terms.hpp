// Internal: the pair model (exponential_family.hpp) of two Dirichlet distributions, shared by the
// dirichlet and beta families (Beta(a, b) = Dirichlet(a, b)).
//
// Natural parameter eta = (a_1 .. a_k) for the sufficient statistic (log x_1 .. log x_k),
// log-partition A(a) = sum lgamma(a_i) - lgamma(a_0), a_0 = sum a_i, domain a_i > 0; gradient
// digamma(a_i) - digamma(a_0); Hessian diag(trigamma(a_i)) - trigamma(a_0) 1 1^T.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "../core/summation.hpp"
#include "exponential_family.hpp"
#include "kullback/core/error.hpp"
#include "special_functions.hpp"

namespace kullback::detail {

class dirichlet_pair {
 public:
  // p and q are the concentrations; throws naming the function unless their sizes match.
  dirichlet_pair(const char* function, std::span<const double> p, std::span<const double> q)
      : p_(p), q_(q), d_(p.size()), cross_(p.size()) {
    if (p.size() != q.size()) {
      throw invalid_argument(std::string(function) + ": q.concentration has " + std::to_string(q.size()) +
                             " entries, but p.concentration has " + std::to_string(p.size()) +
                             " (the dimensions must match)");
    }
    neumaier_sum p0, q0, d0;
    for (std::size_t i = 0; i < p.size(); ++i) {
      d_[i] = q[i] - p[i];  // exact when the entries are close
      p0.add(p[i]);
      q0.add(q[i]);
      d0.add(d_[i]);
    }
    p0_ = p0.value();
    q0_ = q0.value();
    d0_ = d0.value();
    for (std::size_t i = 0; i < p.size(); ++i) cross_[i] = expfam::difference_of_products(d_[i], p0_, d0_, p[i]);
  }

  // d^T H d at a = p + t d, rearranged (with g(x) = trigamma(x) - 1/x > 0) into
  //   sum g(a_i) d_i^2 - g(a_0) d_0^2 + sum a_i (d_i / a_i - d_0 / a_0)^2,
  // where the 1/x parts, which cancel to leading order when d is nearly parallel to a, are
  // combined exactly: a_i (d_i/a_i - d_0/a_0)^2 = c_i^2 / (a_i a_0^2) with the constant
  // c_i = d_i a_0 - d_0 a_i = d_i p_0 - d_0 p_i. The first difference loses at most a factor
  // ~k/(k-1) (g is decreasing and sum g(a_i) d_i^2 >= g(a_0) d_0^2 up to that factor).
  double second_derivative(double t, double s) const {
    const double a0 = expfam::along(p0_, q0_, d0_, t, s);
    double sum = -special::trigamma_minus_reciprocal(a0) * d0_ * d0_;
    for (std::size_t i = 0; i < p_.size(); ++i) {
      const double a = expfam::along(p_[i], q_[i], d_[i], t, s);
      sum += special::trigamma_minus_reciprocal(a) * d_[i] * d_[i] + cross_[i] * cross_[i] / (a * a0 * a0);
    }
    return sum;
  }

  // KL = sum (lgamma(q_i) - lgamma(p_i)) - (lgamma(q_0) - lgamma(p_0)) - sum d_i digamma(p_i)
  //      + d_0 digamma(p_0).
  expfam::textbook kl_terms() const {
    const double psi0 = special::digamma(p0_);
    expfam::textbook t = expfam::sum_terms({-1.0 * lgd(q0_, p0_), d0_ * psi0});
    double d_magnitude = 0.0;
    for (std::size_t i = 0; i < p_.size(); ++i) {
      expfam::add_term(t, lgd(q_[i], p_[i]));
      expfam::add_term(t, -d_[i] * special::digamma(p_[i]));
      d_magnitude += std::fabs(d_[i]);
    }
    // The totals p_0, q_0 and d_0 are rounded sums: lgamma(q_0) - lgamma(p_0) moves by about
    // eps (p_0 |digamma(p_0)| + q_0 |digamma(q_0)|), d_0 digamma(p_0) by eps sum |d_i| |digamma(p_0)|.
    t.magnitude += p0_ * std::fabs(psi0) + q0_ * std::fabs(special::digamma(q0_)) + d_magnitude * std::fabs(psi0);
    return t;
  }

  // A(m) - alpha A(p) - (1 - alpha) A(q), m = p + (1 - alpha) d, as
  // sum_i [alpha (lgamma(m_i) - lgamma(p_i)) + (1 - alpha) (lgamma(m_i) - lgamma(q_i))] minus the
  // same for the totals; +inf when some m_i <= 0 (alpha > 1 only).
  expfam::textbook log_coefficient_terms(double alpha) const {
    const double tau = 1.0 - alpha;
    expfam::textbook t{0.0, 0.0};
    for (std::size_t i = 0; i < p_.size(); ++i) {
      const double m = p_[i] + tau * d_[i];
      if (!(m > 0.0)) return {std::numeric_limits<double>::infinity(), 0.0};
      expfam::add_term(t, alpha * lgd(m, p_[i]));
      t.magnitude += m * std::fabs(special::digamma(m));  // the rounding of m_i
      expfam::add_term(t, tau * lgd(m, q_[i]));
    }
    const double m0 = p0_ + tau * d0_;
    expfam::add_term(t, -alpha * lgd(m0, p0_));
    expfam::add_term(t, -tau * lgd(m0, q0_));
    t.magnitude += m0 * std::fabs(special::digamma(m0)) + alpha * p0_ * std::fabs(special::digamma(p0_)) +
                   std::fabs(tau) * q0_ * std::fabs(special::digamma(q0_));  // the rounded totals
    return t;
  }

 private:
  static expfam::term lgd(double a, double b) {
    const auto d = special::lgamma_difference_with_error(a, b);
    return {d.value, d.error_scale};
  }

  std::span<const double> p_, q_;
  std::vector<double> d_, cross_;
  double p0_, q0_, d0_;
};

}  // namespace kullback::detail
