// Python bindings of the Gaussian mixtures (include/kullback/parametric/gaussian_mixture.hpp):
// kullback.GaussianMixture, kullback.MonteCarloResult, kullback.kl_monte_carlo, kl_variational,
// kl_lower_bound and kl_upper_bound. Library errors (kullback::invalid_argument) reach Python as
// ValueError with the library's message; the GIL is released while Monte Carlo runs.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "kullback/core/error.hpp"
#include "kullback/core/random.hpp"
#include "kullback/parametric/gaussian_mixture.hpp"

namespace kullback::python {

namespace py = pybind11;

namespace {

using array = py::array_t<double, py::array::c_style | py::array::forcecast>;

std::string shape_of(const array& a) {
  std::string s = "(";
  for (py::ssize_t i = 0; i < a.ndim(); ++i) s += (i ? ", " : "") + std::to_string(a.shape(i));
  return s + (a.ndim() == 1 ? ",)" : ")");
}

[[noreturn]] void shape_error(const char* name, const array& a, const std::string& want) {
  throw invalid_argument(std::string("kullback.GaussianMixture: ") + name + " has shape " + shape_of(a) +
                         ", but must be " + want);
}

gaussian_mixture make_mixture(const array& weights, const array& means, const py::object& scales,
                              const py::object& covariances) {
  if (weights.ndim() != 1) shape_error("weights", weights, "1-D (k,)");
  const auto k = static_cast<std::size_t>(weights.shape(0));
  const std::span<const double> w(weights.data(), k);
  if (scales.is_none() == covariances.is_none()) {
    throw invalid_argument(
        "kullback.GaussianMixture: give scales (a 1-D mixture) or covariances (a d-dimensional one), not both or "
        "neither");
  }
  if (!scales.is_none()) {
    const array s = array::ensure(scales);
    if (!s) throw invalid_argument("kullback.GaussianMixture: scales must be an array of numbers");
    if (means.ndim() != 1 || static_cast<std::size_t>(means.shape(0)) != k) {
      shape_error("means", means, "(k,) = (" + std::to_string(k) + ",) with scales");
    }
    if (s.ndim() != 1 || static_cast<std::size_t>(s.shape(0)) != k) {
      shape_error("scales", s, "(k,) = (" + std::to_string(k) + ",)");
    }
    std::vector<normal> components;
    for (std::size_t a = 0; a < k; ++a) components.emplace_back(means.data()[a], s.data()[a]);
    return {w, components};
  }
  const array c = array::ensure(covariances);
  if (!c) throw invalid_argument("kullback.GaussianMixture: covariances must be an array of numbers");
  if (means.ndim() != 2 || static_cast<std::size_t>(means.shape(0)) != k) {
    shape_error("means", means, "(k, d) with k = " + std::to_string(k) + " with covariances");
  }
  const auto d = static_cast<std::size_t>(means.shape(1));
  if (c.ndim() != 3 || static_cast<std::size_t>(c.shape(0)) != k || static_cast<std::size_t>(c.shape(1)) != d ||
      static_cast<std::size_t>(c.shape(2)) != d) {
    shape_error("covariances", c, "(k, d, d) = (" + std::to_string(k) + ", " + std::to_string(d) + ", " +
                                      std::to_string(d) + ")");
  }
  std::vector<multivariate_normal> components;
  for (std::size_t a = 0; a < k; ++a) {
    components.push_back(multivariate_normal::from_covariance(std::span<const double>(means.data() + a * d, d),
                                                              {c.data() + a * d * d, d, d}));
  }
  return {w, components};
}

// Points as (n, d) (or (n,) / a scalar for a 1-D mixture; (d,) for one point): log-densities.
py::object mixture_log_density(const gaussian_mixture& f, const array& x) {
  const std::size_t d = f.dim();
  const bool one_point = (d == 1 && x.ndim() == 0) || (d > 1 && x.ndim() == 1);
  const bool many_1d = d == 1 && x.ndim() == 1;
  if (!one_point && !many_1d && !(x.ndim() == 2 && static_cast<std::size_t>(x.shape(1)) == d)) {
    throw invalid_argument("kullback.GaussianMixture.log_density: x has shape " + shape_of(x) + ", but must be (n, " +
                           std::to_string(d) + ")" + (d == 1 ? ", (n,) or a scalar" : " or (" + std::to_string(d) + ",)"));
  }
  if (one_point) {
    if (d > 1 && static_cast<std::size_t>(x.shape(0)) != d) {
      throw invalid_argument("kullback.GaussianMixture.log_density: x has shape " + shape_of(x) + ", but must be (" +
                             std::to_string(d) + ",) for one point");
    }
    return py::float_(log_density(f, std::span<const double>(x.data(), d)));
  }
  const auto n = static_cast<std::size_t>(x.shape(0));
  array out(static_cast<py::ssize_t>(n));
  double* o = out.mutable_data();
  for (std::size_t i = 0; i < n; ++i) o[i] = log_density(f, std::span<const double>(x.data() + i * d, d));
  return out;
}

array mixture_sample(const gaussian_mixture& f, std::size_t n, std::uint64_t seed) {
  const std::size_t d = f.dim();
  array out = d == 1 ? array(static_cast<py::ssize_t>(n))
                     : array(std::vector<py::ssize_t>{static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(d)});
  double* o = out.mutable_data();
  rng g(seed);
  for (std::size_t i = 0; i < n; ++i) sample(f, g, std::span<double>(o + i * d, d));
  return out;
}

}  // namespace

void register_mixtures(py::module_& m) {
  py::class_<gaussian_mixture>(m, "GaussianMixture", R"(A Gaussian mixture sum_a w_a N(mean_a, Sigma_a).

GaussianMixture(weights, means, scales=None, *, covariances=None)
    weights: (k,) on the simplex: each >= 0, |sum - 1| <= max(1e-9, k * 2^-52) (never renormalised).
    1-D mixture: means (k,) and scales (k,) (standard deviations, > 0).
    d-dimensional: means (k, d) and covariances (k, d, d), each symmetric positive definite.
Raises ValueError naming the parameter and index for bad values or shapes.
docs/mixtures.md has the formulas of the KL approximations and bounds.)")
      .def(py::init(&make_mixture), py::arg("weights"), py::arg("means"), py::arg("scales") = py::none(),
           py::kw_only(), py::arg("covariances") = py::none())
      .def_property_readonly("weights",
                             [](const gaussian_mixture& f) {
                               return array(static_cast<py::ssize_t>(f.size()), f.weights().data());
                             })
      .def_property_readonly("dim", &gaussian_mixture::dim, "The dimension d (1 for a mixture of normals).")
      .def_property_readonly("n_components", &gaussian_mixture::size, "The number of components k.")
      .def("log_density", &mixture_log_density, py::arg("x"),
           R"(log sum_a w_a N(x; mean_a, Sigma_a) by log-sum-exp (finite far in the tails).
x: a scalar or (n,) for a 1-D mixture, (d,) or (n, d) otherwise. Returns a float for one point,
else a float64 array (n,).)")
      .def("sample", &mixture_sample, py::arg("n"), py::arg("seed"),
           R"(n draws, (n,) for a 1-D mixture or (n, d), from kullback's xoshiro256++ generator seeded
with `seed` (the same seed gives the same draws on every run).)");

  py::class_<monte_carlo_result>(m, "MonteCarloResult",
                                 "A Monte Carlo estimate: value, standard_error, samples, seed.")
      .def_readonly("value", &monte_carlo_result::value, "The estimate (mean of the log-ratios).")
      .def_readonly("standard_error", &monte_carlo_result::standard_error,
                    "sqrt(sample variance of the log-ratios / samples): the standard deviation of value.")
      .def_readonly("samples", &monte_carlo_result::samples)
      .def_readonly("seed", &monte_carlo_result::seed)
      .def("__repr__", [](const monte_carlo_result& r) {
        std::ostringstream s;
        s.precision(17);
        s << "MonteCarloResult(value=" << r.value << ", standard_error=" << r.standard_error
          << ", samples=" << r.samples << ", seed=" << r.seed << ")";
        return s.str();
      });

  m.def(
      "kl_monte_carlo",
      [](const gaussian_mixture& p, const gaussian_mixture& q, std::size_t samples, std::uint64_t seed) {
        py::gil_scoped_release release;
        return kl_monte_carlo(p, q, samples, seed);
      },
      py::arg("p"), py::arg("q"), py::arg("samples"), py::arg("seed"),
      R"(Monte Carlo KL(p||q) = E_p[log p(X) - log q(X)] between two GaussianMixture objects.

Returns MonteCarloResult(value, standard_error, samples, seed): value is the mean of
log p(X_i) - log q(X_i) over `samples` >= 2 draws X_i ~ p (unbiased); standard_error is
sqrt(s^2 / samples), s^2 the sample variance of the log-ratios. Natural logarithm. The draws come
in fixed blocks, each with its own generator stream, so the result is bitwise identical for
every thread count (kullback.set_num_threads) and reproducible from the seed.)");
  m.def(
      "kl_variational", [](const gaussian_mixture& p, const gaussian_mixture& q) { return kl_variational(p, q); },
      py::arg("p"), py::arg("q"),
      R"(Hershey & Olsen's (2007) variational approximation of KL(p||q) between Gaussian mixtures:
sum_a pi_a log(sum_a' pi_a' exp(-KL(f_a||f_a')) / sum_b w_b exp(-KL(f_a||g_b))).
Not a bound; exact when both mixtures have one component.)");
  m.def(
      "kl_lower_bound", [](const gaussian_mixture& p, const gaussian_mixture& q) { return kl_lower_bound(p, q); },
      py::arg("p"), py::arg("q"),
      R"(A lower bound of KL(p||q) between Gaussian mixtures: max(0, L), L the bound of Durrieu,
Thiran & Kelly (2012): sum_a pi_a [log sum_a' pi_a' exp(-KL(f_a||f_a')) - log sum_b w_b z_ab]
- sum_a pi_a H(f_a), z_ab = integral f_a g_b.)");
  m.def(
      "kl_upper_bound", [](const gaussian_mixture& p, const gaussian_mixture& q) { return kl_upper_bound(p, q); },
      py::arg("p"), py::arg("q"),
      R"(An upper bound of KL(p||q) between Gaussian mixtures: the smaller of Durrieu, Thiran &
Kelly's (2012) upper bound and Hershey & Olsen's (2007) variational upper bound (minimised over
the component coupling). Exact when both mixtures have one component.)");
}

}  // namespace kullback::python
