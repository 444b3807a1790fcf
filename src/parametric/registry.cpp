// The measure registry: a map from (measure, P type, Q type) to a type-erased function, guarded
// by a shared mutex (lookups share, additions exclude). Entries are held by shared_ptr so that a
// function found by one thread stays alive while another thread replaces it.
#include "kullback/parametric/registry.hpp"

#include <limits>
#include <mutex>

#include "builtin_pairs.hpp"
#include "kullback/core/error.hpp"

namespace kullback {

const char* measure_name(measure m) {
  switch (m) {
    case measure::kl: return "kl";
    case measure::jeffreys: return "jeffreys";
    case measure::renyi: return "renyi";
    case measure::chernoff_coefficient: return "chernoff_coefficient";
    case measure::bhattacharyya: return "bhattacharyya";
    case measure::hellinger: return "hellinger";
    case measure::wasserstein2: return "wasserstein2";
  }
  return "unknown measure";
}

void measure_registry::add_erased(measure m, std::type_index p, std::type_index q, const char* p_family,
                                  const char* q_family, erased_function f) {
  auto function = std::make_shared<const erased_function>(std::move(f));
  std::unique_lock lock(mutex_);
  table_.insert_or_assign({m, p, q}, stored{std::move(function), p_family, q_family});
}

std::shared_ptr<const measure_registry::erased_function> measure_registry::find(measure m, std::type_index p,
                                                                                std::type_index q) const {
  std::shared_lock lock(mutex_);
  const auto it = table_.find({m, p, q});
  return it == table_.end() ? nullptr : it->second.function;
}

std::vector<measure_registry::entry> measure_registry::pairs() const {
  std::shared_lock lock(mutex_);
  std::vector<entry> result;
  result.reserve(table_.size());
  for (const auto& [key, value] : table_) result.push_back({std::get<0>(key), value.p_family, value.q_family});
  return result;
}

void measure_registry::throw_missing(measure m, const char* p_family, const char* q_family) {
  throw invalid_argument(std::string("kullback::") + measure_name(m) + ": no closed form is registered for (" +
                         p_family + ", " + q_family + ")");
}

double measure_registry::default_alpha() { return std::numeric_limits<double>::quiet_NaN(); }

measure_registry& registry() {
  static measure_registry* const global = [] {
    auto* r = new measure_registry;  // never destroyed: usable from other static destructors
    detail::register_gaussian_pairs(*r);
    detail::register_exponential_family_pairs(*r);
    detail::register_discrete_family_pairs(*r);
    detail::register_location_scale_pairs(*r);
    detail::register_cross_family_pairs(*r);
    return r;
  }();
  return *global;
}

}  // namespace kullback
