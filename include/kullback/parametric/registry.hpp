// The measure registry: closed forms between parametric distributions, looked up by the pair of
// types at run time. It is what lets a caller (the Python module, a user's own code) ask for
// kl(p, q) with types chosen at run time, and what a user extends with a pair kullback lacks:
//
//   struct my_dist { static constexpr const char* family_name = "my_dist"; ... };
//   double kl(const my_dist& p, const kullback::normal& q);             // the user's closed form
//   kullback::registry().add<my_dist, kullback::normal>(kullback::measure::kl,
//       [](const my_dist& p, const kullback::normal& q, double) { return kl(p, q); });
//   kullback::registry().evaluate(kullback::measure::kl, my_dist{...}, kullback::normal(0, 1));
//
// In C++ code that knows its types, call the overloads directly (kullback::kl(gamma, gamma));
// the registry holds exactly those functions. The global registry is filled with every built-in
// pair at its first use (the pairs table in docs/parametric.md lists them); `pairs()` lists the
// current entries. Adding replaces an existing entry for the same (measure, P, Q).
// Thread safety: evaluate/find may run concurrently with each other and with add.
#pragma once

#include <concepts>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <tuple>
#include <typeindex>
#include <vector>

namespace kullback {

// The measures with closed forms between parametric distributions (see docs/parametric.md for
// their definitions and conventions): kl = KL(p||q); jeffreys = KL(p||q) + KL(q||p);
// renyi = D_alpha(p||q); chernoff_coefficient = integral p^alpha q^(1-alpha);
// bhattacharyya = -log integral sqrt(pq); hellinger = sqrt(1 - integral sqrt(pq)) (the distance);
// wasserstein2 = W2 (not squared).
enum class measure { kl, jeffreys, renyi, chernoff_coefficient, bhattacharyya, hellinger, wasserstein2 };

// "kl", "jeffreys", ... (the C++ function names).
const char* measure_name(measure m);

// A distribution family type: a value type that names its family.
template <class T>
concept parametric_family = requires {
  { T::family_name } -> std::convertible_to<const char*>;
};

class measure_registry {
 public:
  // f(p, q, alpha) with p and q type-erased; alpha is NaN for measures without one.
  using erased_function = std::function<double(const void* p, const void* q, double alpha)>;

  struct entry {
    measure m;
    std::string p_family;
    std::string q_family;
  };

  // Registers f(const P&, const Q&, double alpha) -> double for measure m (alpha is ignored by
  // measures without one). Replaces an existing entry.
  template <parametric_family P, parametric_family Q, class F>
  void add(measure m, F f) {
    add_erased(m, typeid(P), typeid(Q), P::family_name, Q::family_name,
               [f = std::move(f)](const void* p, const void* q, double alpha) {
                 return static_cast<double>(f(*static_cast<const P*>(p), *static_cast<const Q*>(q), alpha));
               });
  }

  // Registers every measure for which an overload kl(P, Q), jeffreys(P, Q), renyi(P, Q, double),
  // chernoff_coefficient(P, Q, double), bhattacharyya(P, Q), hellinger(P, Q) or
  // wasserstein2(P, Q) is declared where this is instantiated (found by argument-dependent lookup).
  template <parametric_family P, parametric_family Q>
  void add_closed_forms();

  // The registered function, or null.
  std::shared_ptr<const erased_function> find(measure m, std::type_index p, std::type_index q) const;

  // m(p, q [, alpha]); throws kullback::invalid_argument "kullback::<measure>: no closed form is
  // registered for (<p family>, <q family>)" when the pair is missing.
  template <parametric_family P, parametric_family Q>
  double evaluate(measure m, const P& p, const Q& q, double alpha = default_alpha()) const {
    const auto f = find(m, typeid(P), typeid(Q));
    if (!f) throw_missing(m, P::family_name, Q::family_name);
    return (*f)(&p, &q, alpha);
  }

  std::vector<entry> pairs() const;

  [[noreturn]] static void throw_missing(measure m, const char* p_family, const char* q_family);
  static double default_alpha();

 private:
  void add_erased(measure m, std::type_index p, std::type_index q, const char* p_family, const char* q_family,
                  erased_function f);

  struct stored {
    std::shared_ptr<const erased_function> function;
    std::string p_family;
    std::string q_family;
  };
  mutable std::shared_mutex mutex_;
  std::map<std::tuple<measure, std::type_index, std::type_index>, stored> table_;
};

// The global registry, holding every built-in pair from its first use on.
measure_registry& registry();

template <parametric_family P, parametric_family Q>
void measure_registry::add_closed_forms() {
  if constexpr (requires(const P& p, const Q& q) { kl(p, q); }) {
    add<P, Q>(measure::kl, [](const P& p, const Q& q, double) { return kl(p, q); });
  }
  if constexpr (requires(const P& p, const Q& q) { jeffreys(p, q); }) {
    add<P, Q>(measure::jeffreys, [](const P& p, const Q& q, double) { return jeffreys(p, q); });
  }
  if constexpr (requires(const P& p, const Q& q, double a) { renyi(p, q, a); }) {
    add<P, Q>(measure::renyi, [](const P& p, const Q& q, double a) { return renyi(p, q, a); });
  }
  if constexpr (requires(const P& p, const Q& q, double a) { chernoff_coefficient(p, q, a); }) {
    add<P, Q>(measure::chernoff_coefficient,
              [](const P& p, const Q& q, double a) { return chernoff_coefficient(p, q, a); });
  }
  if constexpr (requires(const P& p, const Q& q) { bhattacharyya(p, q); }) {
    add<P, Q>(measure::bhattacharyya, [](const P& p, const Q& q, double) { return bhattacharyya(p, q); });
  }
  if constexpr (requires(const P& p, const Q& q) { hellinger(p, q); }) {
    add<P, Q>(measure::hellinger, [](const P& p, const Q& q, double) { return hellinger(p, q); });
  }
  if constexpr (requires(const P& p, const Q& q) { wasserstein2(p, q); }) {
    add<P, Q>(measure::wasserstein2, [](const P& p, const Q& q, double) { return wasserstein2(p, q); });
  }
}

}  // namespace kullback
