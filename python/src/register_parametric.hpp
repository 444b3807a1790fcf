// The parametric side of the Python module, as seen by the other register_<area>.cpp files: the
// array measures kullback.kl, .jeffreys, .renyi, .bhattacharyya and .hellinger hand their
// arguments over to evaluate_distributions when either one is a kullback distribution object.
#pragma once

#include <pybind11/pybind11.h>

#include "kullback/parametric/registry.hpp"

namespace kullback::python {

namespace py = pybind11;

// True when `value` is a kullback.Distribution (a family batch or an Independent).
bool is_distribution(py::handle value);

// measure(p, q [, alpha]) between two distribution objects through kullback::registry(), with
// torch's broadcasting of the batch shapes; a float for batch shape (), else a float64 array.
// Throws py::type_error when only one of p, q is a distribution object, py::value_error for batch
// shapes that do not broadcast, kullback::invalid_argument (ValueError) for a pair the registry
// lacks ("no closed form is registered") and for bad alpha.
py::object evaluate_distributions(measure m, py::handle p, py::handle q, double alpha);

}  // namespace kullback::python
