// Batches of any parametric family: out[i] = measure(p[i], q[i]), where a span of size 1
// broadcasts against the other (torch's broadcasting restricted to one batch axis; build the
// broadcast arrays first for more axes). Spread over kullback's threads in fixed chunks; every
// element equals the single-pair call bit for bit, for any thread count. An invalid pair (e.g.
// a negative alpha) throws the error of the lowest index.
//
//   std::vector<kullback::gamma> p = ..., q = ...;
//   std::vector<double> out(p.size());
//   kullback::kl(std::span<const kullback::gamma>(p), std::span<const kullback::gamma>(q), out);
//
// normal_batch and multivariate_normal have their own (faster) batch overloads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <span>

#include "kullback/parametric/registry.hpp"

namespace kullback {
namespace detail {

// Runs body(i) for i in [0, count) on kullback's threads (inline for small work); rethrows the
// exception of the lowest failing index.
void run_batch(std::size_t count, const std::function<void(std::size_t)>& body);

// Throws unless the sizes are equal or one is 1 (and neither is 0), and out has the broadcast size.
void check_batch_sizes(const char* function, std::size_t p_size, std::size_t q_size, std::size_t out_size);

template <class P, class Q, class F>
void evaluate_batch(const char* function, std::span<const P> p, std::span<const Q> q, std::span<double> out,
                    const F& f) {
  check_batch_sizes(function, p.size(), q.size(), out.size());
  const bool p_one = p.size() == 1, q_one = q.size() == 1;
  run_batch(out.size(), [&](std::size_t i) { out[i] = f(p[p_one ? 0 : i], q[q_one ? 0 : i]); });
}

}  // namespace detail

template <parametric_family P, parametric_family Q>
  requires requires(const P& a, const Q& b) { kl(a, b); }
void kl(std::span<const P> p, std::span<const Q> q, std::span<double> out) {
  detail::evaluate_batch("kullback::kl", p, q, out, [](const P& a, const Q& b) { return kl(a, b); });
}

template <parametric_family P, parametric_family Q>
  requires requires(const P& a, const Q& b) { jeffreys(a, b); }
void jeffreys(std::span<const P> p, std::span<const Q> q, std::span<double> out) {
  detail::evaluate_batch("kullback::jeffreys", p, q, out, [](const P& a, const Q& b) { return jeffreys(a, b); });
}

template <parametric_family P, parametric_family Q>
  requires requires(const P& a, const Q& b, double alpha) { renyi(a, b, alpha); }
void renyi(std::span<const P> p, std::span<const Q> q, double alpha, std::span<double> out) {
  detail::evaluate_batch("kullback::renyi", p, q, out, [alpha](const P& a, const Q& b) { return renyi(a, b, alpha); });
}

template <parametric_family P, parametric_family Q>
  requires requires(const P& a, const Q& b, double alpha) { chernoff_coefficient(a, b, alpha); }
void chernoff_coefficient(std::span<const P> p, std::span<const Q> q, double alpha, std::span<double> out) {
  detail::evaluate_batch("kullback::chernoff_coefficient", p, q, out,
                         [alpha](const P& a, const Q& b) { return chernoff_coefficient(a, b, alpha); });
}

template <parametric_family P, parametric_family Q>
  requires requires(const P& a, const Q& b) { bhattacharyya(a, b); }
void bhattacharyya(std::span<const P> p, std::span<const Q> q, std::span<double> out) {
  detail::evaluate_batch("kullback::bhattacharyya", p, q, out,
                         [](const P& a, const Q& b) { return bhattacharyya(a, b); });
}

template <parametric_family P, parametric_family Q>
  requires requires(const P& a, const Q& b) { hellinger(a, b); }
void hellinger(std::span<const P> p, std::span<const Q> q, std::span<double> out) {
  detail::evaluate_batch("kullback::hellinger", p, q, out, [](const P& a, const Q& b) { return hellinger(a, b); });
}

}  // namespace kullback
