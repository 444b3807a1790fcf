// NumPy arrays -> the library's distribution views, with NumPy's batch semantics.
//
// A measure's arguments are array-likes whose `axis` holds the distributions; every other axis is
// a batch axis. The arguments broadcast against each other as in NumPy (shapes aligned at the
// right, size-1 axes stretched); the distribution axis itself never broadcasts, its lengths must
// match. The library takes a batch as the rows of a row-major matrix with unit column stride and
// broadcasts a one-row batch against the other, so an argument is passed without a copy whenever
//   - it is float32 or float64 (other real dtypes are converted to float64; complex, object and
//     string arrays are a TypeError),
//   - its distribution axis is contiguous (stride = itemsize), and
//   - its batch axes collapse to one row stride (any C-contiguous array, a slice of rows, a
//     row-padded matrix, ...) and it either has the full broadcast batch or a single row.
// Anything else (a distribution axis that is not the last in memory, reversed views, batches that
// broadcast on both sides) is copied once, before the computation, into a C-contiguous array.
// Mixed float32/float64 arguments are both taken as float64 (with float32's default tolerance for
// the sum check). Masked arrays are a TypeError (their mask would be ignored).
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "kullback/core/distribution_view.hpp"

namespace kullback::python {

namespace py = pybind11;

// One argument, ready for the library: `view` points into `owner` (the caller's array or a copy).
struct distribution_argument {
  py::array owner;
  distribution_view view = distribution_view(std::span<const double>());
};

// The arguments of one call, and the shape of its result.
struct prepared_call {
  std::vector<distribution_argument> arguments;  // p (and q)
  std::vector<py::ssize_t> batch_shape;           // broadcast shape of the batch axes
  std::size_t distribution_axis = 0;              // the axis, counted in the broadcast shape
  std::size_t batch_size = 1;                     // product of batch_shape
  // The library's default tolerance for the arguments as the caller gave them: max(1e-9, n eps)
  // with eps of the coarsest original dtype (float16, float32 or float64), also where an
  // argument is converted to float64 (float16, or float32 next to float64).
  double default_tolerance = 1e-9;
};

// Converts `values` (one or two array-likes, named by `names` in messages: "p", "q") for
// `function` (e.g. "kullback.kl"). Throws py::type_error for dtypes that are not real numbers and
// py::value_error for scalars, an axis out of range, distribution lengths that differ and batch
// shapes that do not broadcast.
prepared_call prepare_call(const char* function, const std::vector<py::handle>& values,
                           const std::vector<const char*>& names, int axis);

// The result array (float64, C-contiguous): the batch shape, with a length-1 axis at the
// distribution axis when keepdims. Every measure writes one value per batch element into it.
py::array_t<double> allocate_result(const prepared_call& call, bool keepdims);

// What the caller gets: a Python float when the result has no batch axes and !keepdims,
// otherwise the array.
py::object finish_result(const prepared_call& call, py::array_t<double> result, bool keepdims);

}  // namespace kullback::python
