// Python bindings of the parametric families (include/kullback/parametric/): kullback.Normal,
// kullback.Gamma, ..., kullback.Independent, and the measures between them.
//
// Every family is a batch, like torch.distributions: parameters given as arrays broadcast against
// each other (NumPy rules) to the batch shape, and each element is one value of the C++ family
// type, checked by its constructor at construction (a bad element raises ValueError naming the
// parameter and its batch index). Measures between two batches broadcast their batch shapes
// against each other and look the pair up in kullback::registry(), so every pair the C++ side
// registers is reachable without a change here; the loop runs on kullback's threads through
// detail::run_batch (parametric/batch.hpp), with the GIL released, and its results do not depend
// on the thread count. Normal-Normal pairs take the dedicated normal_batch kernels instead of the
// registry (same values, SIMD for Independent kl): the VAE loss is the hot case.
//
// Independent(base, reinterpreted_batch_ndims) moves the last batch axes of the base into the
// event and combines the elementwise values over them: kl, jeffreys, renyi and bhattacharyya add
// up (compensated sum in index order), chernoff_coefficient multiplies, hellinger is
// sqrt(1 - prod BC_j) with BC_j = exp(-bhattacharyya_j) (or 1 - hellinger_j^2 when the pair has no
// bhattacharyya entry), wasserstein2 = sqrt(sum W2_j^2).
#include "register_parametric.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <type_traits>
#include <typeindex>
#include <utility>
#include <vector>

#include "kullback/core/error.hpp"
#include "kullback/parametric/batch.hpp"
#include "kullback/parametric/bernoulli.hpp"
#include "kullback/parametric/beta.hpp"
#include "kullback/parametric/binomial.hpp"
#include "kullback/parametric/categorical.hpp"
#include "kullback/parametric/cauchy.hpp"
#include "kullback/parametric/chi_squared.hpp"
#include "kullback/parametric/continuous_bernoulli.hpp"
#include "kullback/parametric/dirichlet.hpp"
#include "kullback/parametric/exponential.hpp"
#include "kullback/parametric/gamma.hpp"
#include "kullback/parametric/geometric.hpp"
#include "kullback/parametric/gumbel.hpp"
#include "kullback/parametric/half_normal.hpp"
#include "kullback/parametric/independent.hpp"
#include "kullback/parametric/inverse_gamma.hpp"
#include "kullback/parametric/laplace.hpp"
#include "kullback/parametric/log_normal.hpp"
#include "kullback/parametric/logistic.hpp"
#include "kullback/parametric/multivariate_normal.hpp"
#include "kullback/parametric/negative_binomial.hpp"
#include "kullback/parametric/normal.hpp"
#include "kullback/parametric/one_hot_categorical.hpp"
#include "kullback/parametric/pareto.hpp"
#include "kullback/parametric/poisson.hpp"
#include "kullback/parametric/uniform.hpp"
#include "kullback/parametric/von_mises.hpp"
#include "kullback/parametric/weibull.hpp"

namespace kullback::python {

namespace {

using namespace pybind11::literals;
using shape_t = std::vector<py::ssize_t>;

std::size_t product(shape_t::const_iterator first, shape_t::const_iterator last) {
  std::size_t n = 1;
  for (; first != last; ++first) n *= static_cast<std::size_t>(*first);
  return n;
}
std::size_t product(const shape_t& s) { return product(s.begin(), s.end()); }

std::string shape_string(const shape_t& s) {
  std::string text = "(";
  for (std::size_t i = 0; i < s.size(); ++i) text += (i > 0 ? ", " : "") + std::to_string(s[i]);
  return text + (s.size() == 1 ? ",)" : ")");
}

py::tuple shape_tuple(const shape_t& s) {
  py::tuple t(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) t[i] = py::int_(s[i]);
  return t;
}

shape_t shape_of(const py::array& a) { return shape_t(a.shape(), a.shape() + a.ndim()); }

// The multi-index of flat (row-major) index i of `shape`, as text for error messages.
std::string index_string(std::size_t i, const shape_t& shape) {
  shape_t index(shape.size());
  for (std::size_t k = shape.size(); k-- > 0;) {
    index[k] = static_cast<py::ssize_t>(i % static_cast<std::size_t>(shape[k]));
    i /= static_cast<std::size_t>(shape[k]);
  }
  return shape_string(index);
}

// NumPy's broadcasting of two shapes (aligned at the right, size-1 axes stretched).
std::optional<shape_t> broadcast_shapes(const shape_t& a, const shape_t& b) {
  shape_t out(std::max(a.size(), b.size()));
  for (std::size_t k = 0; k < out.size(); ++k) {
    const py::ssize_t x = k < a.size() ? a[a.size() - 1 - k] : 1, y = k < b.size() ? b[b.size() - 1 - k] : 1;
    if (x != y && x != 1 && y != 1) return std::nullopt;
    out[out.size() - 1 - k] = x == 1 ? y : x;
  }
  return out;
}

// Maps a flat index of the broadcast shape to the flat index of an operand of shape `from`.
class broadcast_index {
 public:
  broadcast_index(const shape_t& from, const shape_t& to) : to_(to), strides_(to.size(), 0) {
    identity_ = from == to;
    scalar_ = product(from) == 1;
    std::size_t stride = 1;
    for (std::size_t k = 0; k < from.size(); ++k) {
      const std::size_t axis = from.size() - 1 - k;
      if (from[axis] != 1) strides_[to.size() - 1 - k] = stride;
      stride *= static_cast<std::size_t>(from[axis]);
    }
  }
  std::size_t operator()(std::size_t i) const {
    if (identity_) return i;
    if (scalar_) return 0;
    std::size_t j = 0;
    for (std::size_t k = to_.size(); k-- > 0;) {
      const auto n = static_cast<std::size_t>(to_[k]);
      j += (i % n) * strides_[k];
      i /= n;
    }
    return j;
  }

 private:
  shape_t to_;
  std::vector<std::size_t> strides_;
  bool identity_ = false;
  bool scalar_ = false;
};

// ---------------------------------------------------------------------------------------------
// Distribution objects

// Room for one element built on the fly (families that keep their parameters as arrays).
struct scratch {
  alignas(std::max_align_t) unsigned char bytes[64];
};

// kullback.Distribution: what every family and Independent share.
class distribution {
 public:
  virtual ~distribution() = default;
  std::string class_name;  // the Python class name, for messages and repr
  shape_t batch_shape;
  shape_t event_shape;
  py::dict parameters;  // the broadcast parameters as float64 arrays, by torch's names
};

// A batch of one C++ family type, elements in row-major order over batch_shape.
class family_batch : public distribution {
 public:
  virtual std::type_index type() const = 0;
  virtual const char* family() const = 0;
  // The i-th element (a T for the batch's type), valid until `s` is reused.
  virtual const void* element(std::size_t i, scratch& s) const = 0;
};

// Families that store their elements. Tag tells apart two Python classes of one C++ type
// (MultivariateNormal and LowRankMultivariateNormal).
template <class T, int Tag = 0>
class stored_batch final : public family_batch {
 public:
  std::vector<T> items;
  std::type_index type() const override { return typeid(T); }
  const char* family() const override { return T::family_name; }
  const void* element(std::size_t i, scratch&) const override { return &items[i]; }
};

// Normal keeps loc and scale as arrays (half the memory of a vector<normal> next to them; the
// arrays feed the normal_batch kernels) and builds each element when the registry needs it.
class normal_family final : public family_batch {
 public:
  py::array_t<double> loc, scale;  // C-contiguous, batch_shape
  std::type_index type() const override { return typeid(normal); }
  const char* family() const override { return normal::family_name; }
  const void* element(std::size_t i, scratch& s) const override {
    static_assert(std::is_trivially_destructible_v<normal> && sizeof(normal) <= sizeof(scratch));
    return ::new (static_cast<void*>(s.bytes)) normal(loc.data()[i], scale.data()[i]);
  }
};

// kullback.Independent(base_distribution, reinterpreted_batch_ndims).
class independent_distribution final : public distribution {
 public:
  std::shared_ptr<family_batch> base;
  std::size_t ndims = 0;
};

// ---------------------------------------------------------------------------------------------
// Construction from array-likes

// `value` as a float64 NumPy array; TypeError for complex, object, string... dtypes.
py::array as_real_array(const std::string& cls, const char* name, py::handle value) {
  py::module_ np = py::module_::import("numpy");
  py::array a = np.attr("asarray")(value);
  const char kind = a.dtype().kind();
  if (kind != 'f' && kind != 'i' && kind != 'u' && kind != 'b') {
    throw py::type_error("kullback." + cls + ": " + name + " has dtype " + py::str(a.dtype()).cast<std::string>() +
                         ", but must be real numbers");
  }
  return py::array(np.attr("require")(a, "float64", "C"));
}

// A C-contiguous float64 copy the distribution owns, read-only: the caller's array may change
// afterwards, and the parameters exposed as attributes cannot, so the checks made at construction hold.
py::array_t<double> frozen_copy(py::handle values) {
  py::module_ np = py::module_::import("numpy");
  py::array_t<double> copy = np.attr("array")(values, "dtype"_a = "float64", "order"_a = "C", "copy"_a = true);
  copy.attr("setflags")("write"_a = false);
  return copy;
}

// The parameters broadcast against each other: C-contiguous float64 arrays of one shape.
std::vector<py::array_t<double>> broadcast_parameters(const std::string& cls, const std::vector<const char*>& names,
                                                      const std::vector<py::handle>& values) {
  std::vector<py::array> arrays;
  shape_t shape;
  for (std::size_t i = 0; i < names.size(); ++i) {
    arrays.push_back(as_real_array(cls, names[i], values[i]));
    const auto b = broadcast_shapes(shape, shape_of(arrays.back()));
    if (!b) {
      std::string shapes;
      for (std::size_t j = 0; j <= i; ++j) {
        shapes += std::string(j == 0   ? ""
                              : j == i ? " and "
                                       : ", ") +
                  names[j] + " " + shape_string(shape_of(arrays[j]));
      }
      throw py::value_error("kullback." + cls + ": the shapes of " + shapes + " do not broadcast");
    }
    shape = *b;
  }
  py::module_ np = py::module_::import("numpy");
  std::vector<py::array_t<double>> out;
  for (auto& a : arrays) {
    out.push_back(frozen_copy(np.attr("broadcast_to")(a, shape_tuple(shape))));
  }
  return out;
}

// The family's own error message (which names the parameter), completed with the batch index.
[[noreturn]] void throw_at(const std::string& cls, const shape_t& batch_shape, std::size_t i,
                           const kullback::invalid_argument& e) {
  throw kullback::invalid_argument(std::string(e.what()) + " (kullback." + cls +
                                   (batch_shape.empty() ? "" : ", batch index " + index_string(i, batch_shape)) + ")");
}

// make(i) for every element, on kullback's threads with the GIL released (make must not touch
// Python objects); the lowest failing index is reported, whatever the thread count. Families
// whose elements are expensive to build (Cholesky factors, owned vectors) gain most.
template <class T, class Make>
std::vector<T> build_elements(const std::string& cls, const shape_t& batch_shape, const Make& make) {
  std::vector<std::optional<T>> slots(product(batch_shape));
  {
    py::gil_scoped_release release;
    detail::run_batch(slots.size(), [&](std::size_t i) {
      try {
        slots[i].emplace(make(i));
      } catch (const kullback::invalid_argument& e) {
        throw_at(cls, batch_shape, i, e);
      }
    });
  }
  std::vector<T> items;
  items.reserve(slots.size());
  for (auto& slot : slots) items.push_back(std::move(*slot));
  return items;
}

// Only the checks of the element constructors, for families that keep their parameters as arrays.
template <class T, class Make>
void check_elements(const std::string& cls, const shape_t& batch_shape, const Make& make) {
  py::gil_scoped_release release;
  detail::run_batch(product(batch_shape), [&](std::size_t i) {
    try {
      static_cast<void>(make(i));
    } catch (const kullback::invalid_argument& e) {
      throw_at(cls, batch_shape, i, e);
    }
  });
}

// A family with scalar parameters: T(v_0[i], v_1[i], ...) for each broadcast element.
template <class T, int Tag = 0, class Make>
std::shared_ptr<stored_batch<T, Tag>> scalar_family(const std::string& cls, const std::vector<const char*>& names,
                                                    const std::vector<py::handle>& values, const Make& make) {
  auto arrays = broadcast_parameters(cls, names, values);
  auto batch = std::make_shared<stored_batch<T, Tag>>();
  batch->class_name = cls;
  batch->batch_shape = shape_of(arrays[0]);
  std::vector<const double*> data;
  for (std::size_t k = 0; k < names.size(); ++k) {
    batch->parameters[names[k]] = arrays[k];
    data.push_back(arrays[k].data());
  }
  batch->items = build_elements<T>(cls, batch->batch_shape, [&](std::size_t i) { return make(data, i); });
  return batch;
}

// 1 / (1 + e^-x) without overflow, for logits= arguments.
double sigmoid(double x) { return x >= 0.0 ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x) / (1.0 + std::exp(x)); }

// Exactly one of probs and logits, as probabilities (sigmoid of the logits); the given one is
// kept in `given` under its own name.
py::array_t<double> probs_or_logits(const std::string& cls, py::object probs, py::object logits, py::dict& given) {
  if (probs.is_none() == logits.is_none()) {
    throw py::value_error("kullback." + cls + ": give exactly one of probs and logits");
  }
  if (!probs.is_none()) {
    py::array_t<double> p = as_real_array(cls, "probs", probs);
    given["probs"] = p;
    return p;
  }
  py::array_t<double> l = as_real_array(cls, "logits", logits);
  given["logits"] = l;
  py::array_t<double> p(shape_of(l));
  const std::size_t n = static_cast<std::size_t>(l.size());
  for (std::size_t i = 0; i < n; ++i) p.mutable_data()[i] = sigmoid(l.data()[i]);
  return p;
}

// Bernoulli-like families: one probability per element, from probs= or logits=.
template <class T>
std::shared_ptr<stored_batch<T>> probability_family(const std::string& cls, py::object probs, py::object logits) {
  py::dict given;
  py::array_t<double> p = probs_or_logits(cls, std::move(probs), std::move(logits), given);
  auto batch = scalar_family<T>(cls, {"probs"}, {p}, [](const auto& v, std::size_t i) { return T(v[0][i]); });
  if (given.contains("logits")) batch->parameters["logits"] = frozen_copy(given["logits"]);
  return batch;
}

// Families with a total_count and a probability (Binomial, NegativeBinomial).
template <class T>
std::shared_ptr<stored_batch<T>> count_family(const std::string& cls, py::object total_count, py::object probs,
                                              py::object logits) {
  py::dict given;
  py::array_t<double> p = probs_or_logits(cls, std::move(probs), std::move(logits), given);
  auto batch = scalar_family<T>(cls, {"total_count", "probs"}, {total_count, p},
                                [](const auto& v, std::size_t i) { return T(v[0][i], v[1][i]); });
  if (given.contains("logits")) {
    py::module_ np = py::module_::import("numpy");
    batch->parameters["logits"] =
        frozen_copy(np.attr("broadcast_to")(given["logits"], shape_tuple(batch->batch_shape)));
  }
  return batch;
}

// An array whose last `event_ndim` axes are one element's parameter: (..., n) or (..., d, d).
struct event_array {
  py::array_t<double> array;  // C-contiguous, batch_shape + event shape
  shape_t event;
};

// Broadcasts the batch axes (all but the last event_ndims[k] axes) of several arrays.
std::vector<event_array> broadcast_events(const std::string& cls, const std::vector<const char*>& names,
                                          const std::vector<py::handle>& values, const std::vector<int>& event_ndims,
                                          shape_t& batch_shape) {
  std::vector<py::array> arrays;
  batch_shape.clear();
  for (std::size_t k = 0; k < names.size(); ++k) {
    arrays.push_back(as_real_array(cls, names[k], values[k]));
    const shape_t s = shape_of(arrays.back());
    if (s.size() < static_cast<std::size_t>(event_ndims[k])) {
      throw py::value_error("kullback." + cls + ": " + names[k] + " has shape " + shape_string(s) +
                            ", but must have at least " + std::to_string(event_ndims[k]) + " axes");
    }
    const auto b = broadcast_shapes(batch_shape, shape_t(s.begin(), s.end() - event_ndims[k]));
    if (!b) {
      throw py::value_error("kullback." + cls + ": the batch shape of " + names[k] + " " + shape_string(s) +
                            " does not broadcast against " + shape_string(batch_shape));
    }
    batch_shape = *b;
  }
  py::module_ np = py::module_::import("numpy");
  std::vector<event_array> out;
  for (std::size_t k = 0; k < names.size(); ++k) {
    const shape_t s = shape_of(arrays[k]);
    shape_t event(s.end() - event_ndims[k], s.end());
    shape_t full = batch_shape;
    full.insert(full.end(), event.begin(), event.end());
    out.push_back({frozen_copy(np.attr("broadcast_to")(arrays[k], shape_tuple(full))), event});
  }
  return out;
}

// Categorical and OneHotCategorical: probs (or logits) of shape (..., n).
template <class T>
std::shared_ptr<stored_batch<T>> categorical_family(const std::string& cls, py::object probs, py::object logits,
                                                    bool normalize, std::optional<double> tolerance) {
  if (probs.is_none() == logits.is_none()) {
    throw py::value_error("kullback." + cls + ": give exactly one of probs and logits");
  }
  const bool from_logits = probs.is_none();
  const char* name = from_logits ? "logits" : "probs";
  auto batch = std::make_shared<stored_batch<T>>();
  batch->class_name = cls;
  auto arrays = broadcast_events(cls, {name}, {from_logits ? logits : probs}, {1}, batch->batch_shape);
  const event_array& a = arrays[0];
  batch->parameters[name] = a.array;
  if constexpr (std::is_same_v<T, one_hot_categorical>) batch->event_shape = a.event;
  const std::size_t n = static_cast<std::size_t>(a.event[0]);
  const double* data = a.array.data();
  const categorical_options options{.normalize = normalize, .tolerance = tolerance};
  batch->items = build_elements<T>(cls, batch->batch_shape, [&](std::size_t i) {
    const std::span<const double> row(data + i * n, n);
    return from_logits ? T::from_logits(row) : T(row, options);
  });
  return batch;
}

std::shared_ptr<stored_batch<dirichlet>> dirichlet_family(py::object concentration) {
  auto batch = std::make_shared<stored_batch<dirichlet>>();
  batch->class_name = "Dirichlet";
  auto arrays = broadcast_events("Dirichlet", {"concentration"}, {concentration}, {1}, batch->batch_shape);
  batch->parameters["concentration"] = arrays[0].array;
  batch->event_shape = arrays[0].event;
  const std::size_t k = static_cast<std::size_t>(arrays[0].event[0]);
  const double* data = arrays[0].array.data();
  batch->items = build_elements<dirichlet>("Dirichlet", batch->batch_shape, [&](std::size_t i) {
    return dirichlet(std::span<const double>(data + i * k, k));
  });
  return batch;
}

// MultivariateNormal(loc, covariance_matrix= | precision_matrix= | scale_tril=), exactly one matrix.
std::shared_ptr<stored_batch<multivariate_normal>> multivariate_normal_family(py::object loc,
                                                                              py::object covariance_matrix,
                                                                              py::object precision_matrix,
                                                                              py::object scale_tril) {
  const std::string cls = "MultivariateNormal";
  const int given = !covariance_matrix.is_none() + !precision_matrix.is_none() + !scale_tril.is_none();
  if (given != 1) {
    throw py::value_error("kullback." + cls +
                          ": give exactly one of covariance_matrix, precision_matrix and scale_tril");
  }
  const char* name = !covariance_matrix.is_none()  ? "covariance_matrix"
                     : !precision_matrix.is_none() ? "precision_matrix"
                                                   : "scale_tril";
  py::object matrix = !covariance_matrix.is_none()  ? covariance_matrix
                      : !precision_matrix.is_none() ? precision_matrix
                                                    : scale_tril;
  auto batch = std::make_shared<stored_batch<multivariate_normal>>();
  batch->class_name = cls;
  auto arrays = broadcast_events(cls, {"loc", name}, {loc, matrix}, {1, 2}, batch->batch_shape);
  const std::size_t d = static_cast<std::size_t>(arrays[0].event[0]);
  if (arrays[1].event != shape_t{static_cast<py::ssize_t>(d), static_cast<py::ssize_t>(d)}) {
    throw py::value_error("kullback." + cls + ": loc has " + std::to_string(d) + " entries, so " + name + " must be " +
                          std::to_string(d) + " x " + std::to_string(d) + ", but its last axes are " +
                          shape_string(arrays[1].event));
  }
  batch->parameters["loc"] = arrays[0].array;
  batch->parameters[name] = arrays[1].array;
  batch->event_shape = arrays[0].event;
  const double* m = arrays[0].array.data();
  const double* s = arrays[1].array.data();
  batch->items = build_elements<multivariate_normal>(cls, batch->batch_shape, [&](std::size_t i) {
    const std::span<const double> mean(m + i * d, d);
    const matrix_view<const double> view{s + i * d * d, d, d, d};
    if (name[0] == 'c') return multivariate_normal::from_covariance(mean, view);
    if (name[0] == 'p') return multivariate_normal::from_precision(mean, view);
    return multivariate_normal::from_scale_tril(mean, view);
  });
  return batch;
}

// LowRankMultivariateNormal(loc, cov_factor, cov_diag): covariance W W^T + diag(D).
std::shared_ptr<stored_batch<multivariate_normal, 1>> low_rank_family(py::object loc, py::object cov_factor,
                                                                      py::object cov_diag) {
  const std::string cls = "LowRankMultivariateNormal";
  auto batch = std::make_shared<stored_batch<multivariate_normal, 1>>();
  batch->class_name = cls;
  auto arrays = broadcast_events(cls, {"loc", "cov_factor", "cov_diag"}, {loc, cov_factor, cov_diag}, {1, 2, 1},
                                 batch->batch_shape);
  const std::size_t d = static_cast<std::size_t>(arrays[0].event[0]);
  const std::size_t r = static_cast<std::size_t>(arrays[1].event[1]);
  if (static_cast<std::size_t>(arrays[1].event[0]) != d || static_cast<std::size_t>(arrays[2].event[0]) != d) {
    throw py::value_error("kullback." + cls + ": loc has " + std::to_string(d) + " entries, so cov_factor must be " +
                          std::to_string(d) + " x rank and cov_diag must have " + std::to_string(d) +
                          " entries, but their last axes are " + shape_string(arrays[1].event) + " and " +
                          shape_string(arrays[2].event));
  }
  const char* names[] = {"loc", "cov_factor", "cov_diag"};
  for (std::size_t k = 0; k < 3; ++k) batch->parameters[names[k]] = arrays[k].array;
  batch->event_shape = arrays[0].event;
  const double* m = arrays[0].array.data();
  const double* w = arrays[1].array.data();
  const double* diag = arrays[2].array.data();
  batch->items = build_elements<multivariate_normal>(cls, batch->batch_shape, [&](std::size_t i) {
    return multivariate_normal::low_rank(std::span<const double>(m + i * d, d), {w + i * d * r, d, r, r},
                                         std::span<const double>(diag + i * d, d));
  });
  return batch;
}

std::shared_ptr<normal_family> normal_family_of(py::object loc, py::object scale) {
  auto arrays = broadcast_parameters("Normal", {"loc", "scale"}, {loc, scale});
  auto batch = std::make_shared<normal_family>();
  batch->class_name = "Normal";
  batch->batch_shape = shape_of(arrays[0]);
  batch->loc = arrays[0];
  batch->scale = arrays[1];
  batch->parameters["loc"] = arrays[0];
  batch->parameters["scale"] = arrays[1];
  const double* l = batch->loc.data();
  const double* s = batch->scale.data();
  check_elements<normal>("Normal", batch->batch_shape, [&](std::size_t i) { return normal(l[i], s[i]); });
  return batch;
}

std::shared_ptr<independent_distribution> independent_of(const std::shared_ptr<distribution>& base, int ndims) {
  auto result = std::make_shared<independent_distribution>();
  result->class_name = "Independent";
  std::size_t inner = 0;
  if (auto nested = std::dynamic_pointer_cast<independent_distribution>(base)) {
    result->base = nested->base;  // Independent(Independent(b, j), k) = Independent(b, j + k)
    inner = nested->ndims;
  } else {
    result->base = std::dynamic_pointer_cast<family_batch>(base);
  }
  const shape_t& shape = base->batch_shape;
  if (ndims < 0 || static_cast<std::size_t>(ndims) > shape.size()) {
    throw py::value_error("kullback.Independent: reinterpreted_batch_ndims = " + std::to_string(ndims) +
                          ", but must be in [0, " + std::to_string(shape.size()) + "] (the base has batch shape " +
                          shape_string(shape) + ")");
  }
  result->ndims = inner + static_cast<std::size_t>(ndims);
  result->batch_shape.assign(shape.begin(), shape.end() - ndims);
  result->event_shape.assign(shape.end() - ndims, shape.end());
  result->event_shape.insert(result->event_shape.end(), base->event_shape.begin(), base->event_shape.end());
  result->parameters["base_dist"] = py::cast(base);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

// Combines the elementwise values over the event axes of Independent (see the file comment).
class combiner {
 public:
  combiner(measure m, bool from_bhattacharyya) : m_(m), from_bhattacharyya_(from_bhattacharyya) {
    if (m == measure::chernoff_coefficient) sum_ = 1.0;
  }
  void add(double v) {
    switch (m_) {
      case measure::chernoff_coefficient: sum_ *= v; return;
      case measure::hellinger: accumulate(from_bhattacharyya_ ? -v : std::log1p(-v * v)); return;
      case measure::wasserstein2: accumulate(v * v); return;
      default: accumulate(v); return;
    }
  }
  double result() const {
    const double s = sum_ + compensation_;
    switch (m_) {
      case measure::chernoff_coefficient: return sum_;
      case measure::hellinger: return std::sqrt(-std::expm1(s));  // s = log prod BC_j
      case measure::wasserstein2: return std::sqrt(s);
      default: return s;
    }
  }

 private:
  // Neumaier's compensated sum. Once the sum is infinite (a coordinate with KL = +inf) the
  // correction terms would be inf - inf = NaN, so they stop: the result is the infinite sum.
  void accumulate(double v) {
    const double t = sum_ + v;
    if (std::isfinite(t)) compensation_ += std::abs(sum_) >= std::abs(v) ? (sum_ - t) + v : (v - t) + sum_;
    else compensation_ = 0.0;
    sum_ = t;
  }
  measure m_;
  bool from_bhattacharyya_;
  double sum_ = 0.0;
  double compensation_ = 0.0;
};

struct resolved {
  const family_batch* base;
  std::size_t ndims;
};

resolved resolve(py::handle value) {
  auto& d = value.cast<distribution&>();
  if (auto* ind = dynamic_cast<independent_distribution*>(&d)) return {ind->base.get(), ind->ndims};
  return {static_cast<const family_batch*>(&d), 0};
}

// The normal_batch view of a Normal's parameter over the broadcast shape (rows x cols), copying
// only when the Normal is neither the full shape nor a single element.
matrix_view<const double> normal_view(const py::array_t<double>& values, const shape_t& from, const shape_t& to,
                                      std::size_t rows, std::size_t cols, std::vector<double>& copy) {
  if (product(from) == 1) return {values.data(), 1, 1, 1};
  if (from == to) return {values.data(), rows, cols, cols};
  const broadcast_index index(from, to);
  copy.resize(rows * cols);
  for (std::size_t i = 0; i < copy.size(); ++i) copy[i] = values.data()[index(i)];
  return {copy.data(), rows, cols, cols};
}

template <class Batch>
void normal_kernel(measure m, const Batch& p, const Batch& q, double alpha, std::span<double> out) {
  switch (m) {
    case measure::kl: kl(p, q, out); return;
    case measure::jeffreys: jeffreys(p, q, out); return;
    case measure::renyi: renyi(p, q, alpha, out); return;
    case measure::chernoff_coefficient: chernoff_coefficient(p, q, alpha, out); return;
    case measure::bhattacharyya: bhattacharyya(p, q, out); return;
    case measure::hellinger: hellinger(p, q, out); return;
    case measure::wasserstein2: wasserstein2(p, q, out); return;
  }
}

}  // namespace

bool is_distribution(py::handle value) { return py::isinstance<distribution>(value); }

py::object evaluate_distributions(measure m, py::handle p_object, py::handle q_object, double alpha) {
  const std::string function = std::string("kullback.") + measure_name(m);
  if (!is_distribution(p_object) || !is_distribution(q_object)) {
    const char* which = is_distribution(p_object) ? "q" : "p";
    throw py::type_error(function + ": " + which + " is a " +
                         py::str(py::type::handle_of(is_distribution(p_object) ? q_object : p_object).attr("__name__"))
                             .cast<std::string>() +
                         ", but the other argument is a kullback distribution: give two distributions or two arrays");
  }
  const resolved p = resolve(p_object), q = resolve(q_object);
  if (p.ndims != q.ndims) {
    throw py::value_error(function + ": p reinterprets " + std::to_string(p.ndims) +
                          " batch axes as event axes and q " + std::to_string(q.ndims) +
                          " (Independent), but they must agree");
  }
  const auto shape = broadcast_shapes(p.base->batch_shape, q.base->batch_shape);
  if (!shape) {
    throw py::value_error(function + ": the batch shapes of p " + shape_string(p.base->batch_shape) + " and q " +
                          shape_string(q.base->batch_shape) + " do not broadcast");
  }
  const std::size_t k = p.ndims;
  const shape_t out_shape(shape->begin(), shape->end() - static_cast<std::ptrdiff_t>(k));
  const std::size_t rows = product(out_shape),
                    cols = product(shape->end() - static_cast<std::ptrdiff_t>(k), shape->end());
  py::array_t<double> out(out_shape);
  double* o = out.mutable_data();
  if (rows * cols == 0) {  // an empty event combines to the empty sum (product 1 for chernoff_coefficient)
    std::fill(o, o + rows, combiner(m, false).result());
    return out;
  }

  if (p.base->type() == typeid(normal) && q.base->type() == typeid(normal)) {
    // Elementwise batches are split into rows along their last axis so that they spread over threads.
    const std::size_t r = k > 0 ? rows : shape->empty() ? 1 : product(*shape) / static_cast<std::size_t>(shape->back());
    const std::size_t c = rows * cols / r;
    const auto& pn = static_cast<const normal_family&>(*p.base);
    const auto& qn = static_cast<const normal_family&>(*q.base);
    std::vector<double> copies[4];
    const normal_batch pb(normal_view(pn.loc, pn.batch_shape, *shape, r, c, copies[0]),
                          normal_view(pn.scale, pn.batch_shape, *shape, r, c, copies[1]));
    const normal_batch qb(normal_view(qn.loc, qn.batch_shape, *shape, r, c, copies[2]),
                          normal_view(qn.scale, qn.batch_shape, *shape, r, c, copies[3]));
    {
      py::gil_scoped_release release;
      if (k > 0) {
        normal_kernel(m, independent(pb), independent(qb), alpha, std::span<double>(o, rows));
      } else {
        normal_kernel(m, pb, qb, alpha, std::span<double>(o, rows * cols));
      }
    }
  } else {
    const auto f = registry().find(m, p.base->type(), q.base->type());
    if (!f) measure_registry::throw_missing(m, p.base->family(), q.base->family());
    // Independent hellinger from the bhattacharyya entries when the pair has them (accurate when
    // BC_j is small, where 1 - h_j^2 cancels).
    const auto bhattacharyya_f = m == measure::hellinger && k > 0
                                     ? registry().find(measure::bhattacharyya, p.base->type(), q.base->type())
                                     : nullptr;
    const auto& elementwise = bhattacharyya_f ? *bhattacharyya_f : *f;
    const broadcast_index p_index(p.base->batch_shape, *shape), q_index(q.base->batch_shape, *shape);
    py::gil_scoped_release release;
    detail::run_batch(rows, [&](std::size_t row) {
      scratch ps, qs;
      if (k == 0) {
        o[row] = elementwise(p.base->element(p_index(row), ps), q.base->element(q_index(row), qs), alpha);
        return;
      }
      combiner sum(m, bhattacharyya_f != nullptr);
      for (std::size_t j = row * cols; j < (row + 1) * cols; ++j) {
        sum.add(elementwise(p.base->element(p_index(j), ps), q.base->element(q_index(j), qs), alpha));
      }
      o[row] = sum.result();
    });
  }
  if (out_shape.empty()) return py::float_(o[0]);
  return out;
}

namespace {

constexpr const char* distribution_doc = R"(A batch of distributions of one family, like torch.distributions.

Parameters given as arrays broadcast against each other (NumPy rules) to `batch_shape`; each
element is checked at construction (ValueError naming the parameter and the batch index).
kullback.kl(p, q), jeffreys, renyi, chernoff_coefficient, bhattacharyya, hellinger and wasserstein2
take two distributions, broadcast their batch shapes and evaluate the closed form registered for
the pair of families (kullback._registered_pairs() lists them).)";

template <class Class>
void def_parameter_properties(Class& c, const std::vector<const char*>& names) {
  for (const char* name : names) {
    c.def_property_readonly(name, [name](const distribution& d) -> py::object {
      return d.parameters.contains(name) ? py::object(d.parameters[name]) : py::object(py::none());
    });
  }
}

template <class Batch>
py::class_<Batch, distribution, std::shared_ptr<Batch>> def_family(py::module_& m, const char* name, const char* doc,
                                                                   const std::vector<const char*>& properties) {
  py::class_<Batch, distribution, std::shared_ptr<Batch>> c(m, name, doc);
  def_parameter_properties(c, properties);
  return c;
}

// Families T(a) and T(a, b) with scalar parameters named as torch names them.
template <class T>
void def_scalar1(py::module_& m, const char* name, const char* parameter, const char* doc) {
  def_family<stored_batch<T>>(m, name, doc, {parameter})
      .def(py::init([name, parameter](py::object a) {
             return scalar_family<T>(name, {parameter}, {a}, [](const auto& v, std::size_t i) { return T(v[0][i]); });
           }),
           py::arg(parameter));
}

template <class T>
void def_scalar2(py::module_& m, const char* name, const char* first, const char* second, const char* doc) {
  def_family<stored_batch<T>>(m, name, doc, {first, second})
      .def(py::init([name, first, second](py::object a, py::object b) {
             return scalar_family<T>(name, {first, second}, {a, b},
                                     [](const auto& v, std::size_t i) { return T(v[0][i], v[1][i]); });
           }),
           py::arg(first), py::arg(second));
}

template <class T>
void def_probability(py::module_& m, const char* name, const char* doc) {
  def_family<stored_batch<T>>(m, name, doc, {"probs", "logits"})
      .def(py::init([name](py::object probs, py::object logits) { return probability_family<T>(name, probs, logits); }),
           py::arg("probs") = py::none(), py::arg("logits") = py::none());
}

// Binomial(total_count=1, ...) has a default count, NegativeBinomial(total_count, ...) none (as in torch).
template <class T, class CountArg>
void def_count(py::module_& m, const char* name, CountArg count_arg, const char* doc) {
  def_family<stored_batch<T>>(m, name, doc, {"total_count", "probs", "logits"})
      .def(py::init([name](py::object total_count, py::object probs, py::object logits) {
             return count_family<T>(name, total_count, probs, logits);
           }),
           count_arg, py::arg("probs") = py::none(), py::arg("logits") = py::none());
}

template <class T>
void def_categorical(py::module_& m, const char* name, const char* doc) {
  def_family<stored_batch<T>>(m, name, doc, {"probs", "logits"})
      .def(py::init([name](py::object probs, py::object logits, bool normalize, std::optional<double> tolerance) {
             return categorical_family<T>(name, probs, logits, normalize, tolerance);
           }),
           py::arg("probs") = py::none(), py::arg("logits") = py::none(), py::kw_only(), py::arg("normalize") = false,
           py::arg("tolerance") = py::none());
}

}  // namespace

void register_parametric(py::module_& m) {
  py::class_<distribution, std::shared_ptr<distribution>>(m, "Distribution", distribution_doc)
      .def_property_readonly("batch_shape", [](const distribution& d) { return shape_tuple(d.batch_shape); })
      .def_property_readonly("event_shape", [](const distribution& d) { return shape_tuple(d.event_shape); })
      .def_property_readonly(
          "family",
          [](const distribution& d) -> std::string {
            if (auto* f = dynamic_cast<const family_batch*>(&d)) return f->family();
            return "independent";
          },
          "The C++ family name (the registry's name; 'independent' for Independent).")
      .def("__repr__", [](const distribution& d) {
        return d.class_name + "(batch_shape=" + shape_string(d.batch_shape) +
               ", event_shape=" + shape_string(d.event_shape) + ")";
      });

  def_family<normal_family>(m, "Normal", "Normal(loc, scale): N(loc, scale^2).", {"loc", "scale"})
      .def(py::init(&normal_family_of), py::arg("loc"), py::arg("scale"));
  def_scalar2<log_normal>(m, "LogNormal", "loc", "scale", "LogNormal(loc, scale): log X ~ N(loc, scale^2).");
  def_scalar1<half_normal>(m, "HalfNormal", "scale", "HalfNormal(scale): |X| with X ~ N(0, scale^2).");
  def_scalar2<laplace>(m, "Laplace", "loc", "scale",
                       "Laplace(loc, scale): density exp(-|x - loc| / scale) / (2 scale).");
  def_scalar2<cauchy>(m, "Cauchy", "loc", "scale", "Cauchy(loc, scale).");
  def_scalar2<gumbel>(m, "Gumbel", "loc", "scale", "Gumbel(loc, scale) (maximum).");
  def_scalar2<logistic>(m, "Logistic", "loc", "scale",
                        "Logistic(loc, scale): density e^-z / (scale (1 + e^-z)^2), z = (x - loc) / scale.");
  def_scalar1<exponential>(m, "Exponential", "rate", "Exponential(rate): density rate e^(-rate x).");
  def_scalar2<gamma>(m, "Gamma", "concentration", "rate",
                     "Gamma(concentration, rate): density b^a x^(a-1) e^(-b x) / Gamma(a).");
  def_scalar2<inverse_gamma>(m, "InverseGamma", "concentration", "rate",
                             "InverseGamma(concentration, rate): 1/X for X ~ Gamma(concentration, rate).");
  def_scalar1<chi_squared>(m, "Chi2", "df", "Chi2(df) = Gamma(df / 2, 1 / 2).");
  def_scalar2<beta>(m, "Beta", "concentration1", "concentration0",
                    "Beta(concentration1, concentration0): density x^(a-1) (1-x)^(b-1) / B(a, b).");
  def_scalar2<uniform>(m, "Uniform", "low", "high", "Uniform(low, high) on [low, high).");
  def_scalar2<pareto>(m, "Pareto", "scale", "alpha", "Pareto(scale, alpha): density alpha scale^alpha / x^(alpha+1).");
  def_scalar2<weibull>(m, "Weibull", "scale", "concentration",
                       "Weibull(scale, concentration): density (k/l) (x/l)^(k-1) e^(-(x/l)^k).");
  def_scalar2<von_mises>(m, "VonMises", "loc", "concentration", "VonMises(loc, concentration) on the circle.");
  def_scalar1<poisson>(m, "Poisson", "rate", "Poisson(rate).");
  def_probability<bernoulli>(m, "Bernoulli", "Bernoulli(probs=None, logits=None): P(1) = probs.");
  def_probability<continuous_bernoulli>(m, "ContinuousBernoulli",
                                        "ContinuousBernoulli(probs=None, logits=None), probs in (0, 1).");
  def_probability<geometric>(m, "Geometric", "Geometric(probs=None, logits=None): failures before the first success.");
  def_count<binomial>(m, "Binomial", py::arg("total_count") = 1, "Binomial(total_count=1, probs=None, logits=None).");
  def_count<negative_binomial>(m, "NegativeBinomial", py::arg("total_count"),
                               "NegativeBinomial(total_count, probs=None, logits=None): successes before the "
                               "total_count-th failure.");
  def_categorical<categorical>(
      m, "Categorical",
      "Categorical(probs=None, logits=None, *, normalize=False, tolerance=None): probs of "
      "shape (..., n). Unlike torch, probs off the simplex are a ValueError unless normalize.");
  def_categorical<one_hot_categorical>(
      m, "OneHotCategorical",
      "OneHotCategorical(probs=None, logits=None, *, normalize=False, tolerance=None): "
      "the categorical on one-hot vectors (event_shape (n,)).");
  def_family<stored_batch<dirichlet>>(m, "Dirichlet", "Dirichlet(concentration): concentration of shape (..., k).",
                                      {"concentration"})
      .def(py::init(&dirichlet_family), py::arg("concentration"));
  def_family<stored_batch<multivariate_normal>>(
      m, "MultivariateNormal",
      "MultivariateNormal(loc, covariance_matrix=None, precision_matrix=None, scale_tril=None): loc (..., d) and "
      "exactly one (..., d, d) matrix.",
      {"loc", "covariance_matrix", "precision_matrix", "scale_tril"})
      .def(py::init(&multivariate_normal_family), py::arg("loc"), py::arg("covariance_matrix") = py::none(),
           py::arg("precision_matrix") = py::none(), py::arg("scale_tril") = py::none());
  def_family<stored_batch<multivariate_normal, 1>>(
      m, "LowRankMultivariateNormal",
      "LowRankMultivariateNormal(loc, cov_factor, cov_diag): covariance cov_factor cov_factor^T + diag(cov_diag); "
      "loc (..., d), cov_factor (..., d, r), cov_diag (..., d). Same family as MultivariateNormal.",
      {"loc", "cov_factor", "cov_diag"})
      .def(py::init(&low_rank_family), py::arg("loc"), py::arg("cov_factor"), py::arg("cov_diag"));
  def_family<independent_distribution>(
      m, "Independent",
      "Independent(base_distribution, reinterpreted_batch_ndims): the last reinterpreted_batch_ndims batch axes of "
      "the base become event axes; measures add up over them (chernoff_coefficient multiplies, hellinger = "
      "sqrt(1 - prod BC_j), wasserstein2 = sqrt(sum W2_j^2)).",
      {"base_dist"})
      .def(py::init(&independent_of), py::arg("base_distribution"), py::arg("reinterpreted_batch_ndims"))
      .def_property_readonly("reinterpreted_batch_ndims", [](const independent_distribution& d) { return d.ndims; });

  m.def(
      "chernoff_coefficient",
      [](py::object p, py::object q, double alpha) {
        return evaluate_distributions(measure::chernoff_coefficient, p, q, alpha);
      },
      R"(Chernoff alpha-coefficient between two kullback distributions: integral p^a q^(1-a), a >= 0.

Batch shapes broadcast; a float for batch shape (), else a float64 array. Independent multiplies
over its event axes. ValueError when the pair of families has no closed form registered.)",
      py::arg("p"), py::arg("q"), py::arg("alpha"));
  m.def(
      "wasserstein2",
      [](py::object p, py::object q) { return evaluate_distributions(measure::wasserstein2, p, q, 0.0); },
      R"(2-Wasserstein distance W2 (not squared) between two kullback distributions.

Between Gaussians: sqrt(|m1 - m2|^2 + tr(S1 + S2 - 2 (S2^1/2 S1 S2^1/2)^1/2)). Batch shapes
broadcast; a float for batch shape (), else a float64 array. Independent gives sqrt(sum W2_j^2).
ValueError when the pair of families has no closed form registered.)",
      py::arg("p"), py::arg("q"));
  m.def(
      "_registered_pairs",
      [] {
        std::vector<std::tuple<std::string, std::string, std::string>> pairs;
        for (const auto& e : registry().pairs()) pairs.emplace_back(measure_name(e.m), e.p_family, e.q_family);
        std::sort(pairs.begin(), pairs.end());
        return pairs;
      },
      "The registry's (measure, p_family, q_family) entries, sorted.");
}

}  // namespace kullback::python
