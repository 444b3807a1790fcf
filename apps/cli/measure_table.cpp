#include "measure_table.hpp"

#include <array>

#include "kullback/discrete/alpha_family.hpp"
#include "kullback/discrete/distances.hpp"
#include "kullback/discrete/entropy.hpp"
#include "kullback/discrete/jensen_shannon.hpp"
#include "kullback/discrete/kl.hpp"

namespace kullback::cli {

namespace {

using view = kullback::distribution_view;
using opts_t = kullback::options;
using out_t = std::span<double>;

// The definitions follow the library headers (include/kullback/discrete/*.hpp); keep them in step.
constexpr std::array<measure, 16> table{{
    {"entropy", "H(p) = -sum p_i log p_i", "-", "one input (P only); 0 log 0 = 0",
     parameter_kind::none, false, 0.0,
     [](const view& p, const view&, double, out_t out, const opts_t& o) { kullback::entropy(p, out, o); }},
    {"cross_entropy", "H(p, q) = -sum p_i log q_i", "-", "+inf where q_i = 0 < p_i",
     parameter_kind::none, true, 0.0,
     [](const view& p, const view& q, double, out_t out, const opts_t& o) { kullback::cross_entropy(p, q, out, o); }},
    {"kl", "KL(p||q) = sum p_i log(p_i / q_i)", "-", "direction p||q; 0 log(0/q) = 0; +inf where q_i = 0 < p_i",
     parameter_kind::none, true, 0.0,
     [](const view& p, const view& q, double, out_t out, const opts_t& o) { kullback::kl(p, q, out, o); }},
    {"jeffreys", "KL(p||q) + KL(q||p) = sum (p_i - q_i) log(p_i / q_i)", "-",
     "symmetric; the PSI of binned data; +inf where the supports differ",
     parameter_kind::none, true, 0.0,
     [](const view& p, const view& q, double, out_t out, const opts_t& o) { kullback::jeffreys(p, q, out, o); }},
    {"js", "w KL(p||m) + (1-w) KL(q||m), m = w p + (1-w) q", "--weight w in [0, 1], default 0.5",
     "the divergence (not its square root); always finite, <= log 2 for w = 0.5",
     parameter_kind::weight, true, 0.5,
     [](const view& p, const view& q, double w, out_t out, const opts_t& o) { kullback::js(p, q, w, out, o); }},
    {"js_distance", "sqrt(js(p, q, w))", "--weight w in [0, 1], default 0.5",
     "a metric for w = 0.5; what scipy.spatial.distance.jensenshannon returns",
     parameter_kind::weight, true, 0.5,
     [](const view& p, const view& q, double w, out_t out, const opts_t& o) {
       kullback::js_distance(p, q, w, out, o);
     }},
    {"skew_kl", "KL(p || a p + (1-a) q)", "--alpha a in [0, 1]", "a = 0: KL(p||q); a = 1: 0",
     parameter_kind::alpha, true, 0.0,
     [](const view& p, const view& q, double a, out_t out, const opts_t& o) { kullback::skew_kl(p, q, a, out, o); }},
    {"tv", "1/2 sum |p_i - q_i|", "-", "total variation, in [0, 1]; base e only",
     parameter_kind::none, true, 0.0,
     [](const view& p, const view& q, double, out_t out, const opts_t& o) { kullback::tv(p, q, out, o); }},
    {"hellinger", "sqrt(1/2 sum (sqrt p_i - sqrt q_i)^2)", "-", "the distance (not squared), in [0, 1]; base e only",
     parameter_kind::none, true, 0.0,
     [](const view& p, const view& q, double, out_t out, const opts_t& o) { kullback::hellinger(p, q, out, o); }},
    {"bhattacharyya", "-log sum sqrt(p_i q_i)", "-", "+inf for disjoint supports",
     parameter_kind::none, true, 0.0,
     [](const view& p, const view& q, double, out_t out, const opts_t& o) { kullback::bhattacharyya(p, q, out, o); }},
    {"chi2", "sum (p_i - q_i)^2 / q_i", "-", "Pearson; +inf where q_i = 0 < p_i; base e only",
     parameter_kind::none, true, 0.0,
     [](const view& p, const view& q, double, out_t out, const opts_t& o) { kullback::chi2(p, q, out, o); }},
    {"neyman_chi2", "sum (p_i - q_i)^2 / p_i", "-", "Neyman; +inf where p_i = 0 < q_i; base e only",
     parameter_kind::none, true, 0.0,
     [](const view& p, const view& q, double, out_t out, const opts_t& o) { kullback::neyman_chi2(p, q, out, o); }},
    {"cauchy_schwarz", "-log(sum p_i q_i / sqrt(sum p_i^2 sum q_i^2))", "-", "+inf if p and q are orthogonal",
     parameter_kind::none, true, 0.0,
     [](const view& p, const view& q, double, out_t out, const opts_t& o) { kullback::cauchy_schwarz(p, q, out, o); }},
    {"renyi", "log(sum p_i^a q_i^(1-a)) / (a - 1)", "--alpha a in [0, inf]",
     "a = 1: KL(p||q); a = 0: -log sum_{p_i > 0} q_i; a = inf: log max p_i / q_i",
     parameter_kind::alpha, true, 0.0,
     [](const view& p, const view& q, double a, out_t out, const opts_t& o) { kullback::renyi(p, q, a, out, o); }},
    {"tsallis", "(sum p_i^a q_i^(1-a) - 1) / (a - 1)", "--alpha a > 0", "a = 1: KL(p||q); base e only",
     parameter_kind::alpha, true, 0.0,
     [](const view& p, const view& q, double a, out_t out, const opts_t& o) { kullback::tsallis(p, q, a, out, o); }},
    {"alpha_divergence", "(1 - sum p_i^a q_i^(1-a)) / (a (1 - a))", "--alpha a, any real",
     "Amari; a = 1: KL(p||q); a = 0: KL(q||p); a = 1/2: 4 (1 - sum sqrt(p_i q_i)); base e only",
     parameter_kind::alpha, true, 0.0,
     [](const view& p, const view& q, double a, out_t out, const opts_t& o) {
       kullback::alpha_divergence(p, q, a, out, o);
     }},
}};

}  // namespace

std::span<const measure> measures() { return table; }

const measure* find_measure(std::string_view name) {
  for (const measure& m : table)
    if (m.name == name) return &m;
  return nullptr;
}

}  // namespace kullback::cli
