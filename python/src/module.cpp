// The extension module kullback._kullback; the package kullback/ re-exports it.
//
// One register_<area>() per area of the library (DESIGN.md); this file holds what is not a
// measure: the version and the thread count.
#include <pybind11/pybind11.h>

#include "kullback/core/parallel.hpp"
#include "kullback/version.hpp"

namespace py = pybind11;

namespace kullback::python {
void register_discrete(py::module_& m);
void register_mixtures(py::module_& m);
void register_parametric(py::module_& m);
}

PYBIND11_MODULE(_kullback, m) {
  m.doc() = "kullback: divergences between probability distributions (compiled core).";
  m.attr("__version__") = kullback::version;

  m.def("set_num_threads", &kullback::set_num_threads, py::arg("threads"),
        R"(Sets the number of threads later calls use; 0 restores the default (all cores, or
OMP_NUM_THREADS when set). Results do not depend on it: they are bitwise identical for every
thread count. Raises ValueError for a negative count.)");
  m.def("num_threads", &kullback::num_threads, "The number of threads the next call will use.");

  kullback::python::register_parametric(m);
  kullback::python::register_discrete(m);
  kullback::python::register_mixtures(m);
}
