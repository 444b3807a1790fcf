// Python bindings of the discrete measures (include/kullback/discrete/): kullback.kl, .js, ...
//
// Every measure takes array-likes with NumPy batch semantics (array_input.hpp) and the same
// keyword arguments: input, base, axis, keepdims, normalize, tolerance, smoothing. The GIL is
// released while the library computes; library errors (kullback::invalid_argument) reach Python
// as ValueError with the library's message.
#include <pybind11/stl.h>

#include <cmath>
#include <memory>
#include <numbers>
#include <string>
#include <tuple>

#include "array_input.hpp"
#include "register_parametric.hpp"
#include "kullback/discrete/alpha_family.hpp"
#include "kullback/discrete/distances.hpp"
#include "kullback/discrete/entropy.hpp"
#include "kullback/discrete/f_divergence.hpp"
#include "kullback/discrete/jensen_shannon.hpp"
#include "kullback/discrete/kl.hpp"

namespace kullback::python {

namespace {

// The keyword arguments every measure takes.
struct call_settings {
  std::string input;
  py::object base;
  int axis;
  bool keepdims;
  bool normalize;
  std::optional<double> tolerance;
  double smoothing;
};

auto common_keywords() {
  return std::make_tuple(py::kw_only(), py::arg("input") = "probs", py::arg("base") = py::none(), py::arg("axis") = -1,
                         py::arg("keepdims") = false, py::arg("normalize") = false, py::arg("tolerance") = py::none(),
                         py::arg("smoothing") = 0.0);
}

constexpr const char* common_doc = R"(

Arguments (shared by every kullback measure):
    p, q: array-likes of float32 or float64 (other real dtypes are converted to float64). The
        distributions lie along `axis`; all other axes are batch axes, which broadcast between
        p and q as in NumPy. The distribution axis does not broadcast: its lengths must match.
    input: the form of the numbers, the same for p and q:
        "probs" (default)  probabilities p_i >= 0 summing to 1;
        "log_probs"        log-probabilities (-inf is an exact zero);
        "logits"           unnormalised log-probabilities, softmax taken inside (fused, no copy);
        "counts"           non-negative counts, p_i = (c_i + s) / sum_j (c_j + s), s = smoothing.
    base: None or e (nats), 2 (bits) or 10. Measures without a logarithm accept only e.
    axis: the axis holding the distributions, default -1 (note: scipy's default is 0).
    keepdims: keep the distribution axis with length 1 in the result.
    normalize: divide each distribution by its sum first. Without it, a sum off 1 by more
        than `tolerance` is a ValueError: kullback never renormalises silently.
    tolerance: allowed |sum - 1| (default max(1e-9, n * machine epsilon of the dtype)).
    smoothing: additive smoothing s >= 0 for input="counts" (must be 0 otherwise).

Returns a Python float for a single pair (1-D p and q), otherwise a float64 array of the
broadcast batch shape. Results are computed and returned in double precision whatever the
input dtype, and are bitwise identical for every thread count (kullback.set_num_threads).

Raises ValueError for bad values (negative, NaN or +inf entries, sums off 1, mismatched
lengths, shapes that do not broadcast, a bad parameter) with a message naming the function,
the argument, the row of the flattened batch and the index; TypeError for non-real dtypes.)";

std::string with_common_doc(const char* specific) { return std::string(specific) + common_doc; }

// The library's options. An unset tolerance becomes the default of the arguments' original dtype
// (a float32 argument read as float64 next to a float64 one keeps float32's tolerance).
options make_options(const char* function, const call_settings& s, double default_tolerance) {
  options opts;
  opts.normalize = s.normalize;
  opts.tolerance = s.tolerance.value_or(default_tolerance);
  const py::object& base = s.base;
  if (base.is_none()) return opts;
  if (!py::isinstance<py::int_>(base) && !py::isinstance<py::float_>(base)) {
    throw py::type_error(std::string(function) + ": base must be None, e, 2 or 10, not " +
                         py::str(base.get_type().attr("__name__")).cast<std::string>());
  }
  const double b = base.cast<double>();
  if (b == 2.0) {
    opts.base = log_base::two;
  } else if (b == 10.0) {
    opts.base = log_base::ten;
  } else if (b != std::numbers::e) {
    throw py::value_error(std::string(function) + ": base = " + py::str(base).cast<std::string>() +
                          ", but must be None or e (nats), 2 (bits) or 10");
  }
  return opts;
}

distribution_view in_form(const char* function, const distribution_view& view, const std::string& input,
                          double smoothing) {
  if (input != "counts" && smoothing != 0.0) {
    // repr, not std::to_string: 1e-12 must not print as 0.000000.
    throw py::value_error(std::string(function) + ": smoothing = " +
                          py::repr(py::float_(smoothing)).cast<std::string>() + " applies to input=\"counts\" only, " +
                          "but input=\"" + input + "\"");
  }
  if (input == "probs") return probs(view);
  if (input == "log_probs") return log_probs(view);
  if (input == "logits") return logits(view);
  if (input == "counts") return counts(view, smoothing);
  throw py::value_error(std::string(function) + ": input = \"" + input +
                        "\", but must be \"probs\", \"log_probs\", \"logits\" or \"counts\"");
}

// Prepares the arguments (p, or p and q), runs compute(views, out, options) with the GIL
// released, and shapes the result. Every measure goes through here.
template <class Compute>
py::object evaluate(const char* function, const std::vector<py::handle>& values, const call_settings& s,
                    const Compute& compute) {
  static const std::vector<const char*> names{"p", "q"};
  const prepared_call call = prepare_call(function, values, {names.begin(), names.begin() + values.size()}, s.axis);
  const options opts = make_options(function, s, call.default_tolerance);
  py::array_t<double> result = allocate_result(call, s.keepdims);
  if (call.batch_size > 0) {
    std::vector<distribution_view> views;
    for (const auto& argument : call.arguments) views.push_back(in_form(function, argument.view, s.input, s.smoothing));
    const std::span<double> out(result.mutable_data(), call.batch_size);
    py::gil_scoped_release release;
    compute(views, out, opts);
  }
  return finish_result(call, std::move(result), s.keepdims);
}

using pair_evaluator = void (*)(const distribution_view& p, const distribution_view& q, double parameter,
                                std::span<double> out, const options& opts);

// Distribution objects (kullback.Normal, ...) go to the closed forms of register_parametric.cpp;
// the keywords that describe arrays must keep their defaults there.
py::object evaluate_distribution_pair(const char* function, measure parametric, py::handle p, py::handle q,
                                      double parameter, const call_settings& s) {
  if (s.input != "probs" || !s.base.is_none() || s.axis != -1 || s.keepdims || s.normalize || s.tolerance ||
      s.smoothing != 0.0) {
    throw py::type_error(std::string(function) + ": input, base, axis, keepdims, normalize, tolerance and smoothing " +
                         "apply to arrays, not to distribution objects");
  }
  return evaluate_distributions(parametric, p, q, parameter);
}

constexpr const char* distribution_doc = R"(

Distribution objects: with p and q kullback distributions (kullback.Normal, kullback.Gamma, ...,
kullback.Independent; help(kullback.Distribution)) this is the closed form between the two
families from the C++ measure registry, with torch's broadcasting of the batch shapes: a float
for batch shape (), else a float64 array. The array keywords must keep their defaults. A pair of
families without a closed form is a ValueError ("no closed form is registered").)";

py::object evaluate_pair(const char* function, pair_evaluator evaluate_measure, py::object p, py::object q,
                         double parameter, const call_settings& s) {
  return evaluate(function, {p, q}, s, [&](const std::vector<distribution_view>& v, std::span<double> out, const options& o) {
    evaluate_measure(v[0], v[1], parameter, out, o);
  });
}

// A measure of (p, q) without a parameter.
// With `parametric` set, p and q may also be distribution objects (evaluate_distribution_pair).
void def_pair_measure(py::module_& m, const char* name, const char* function, pair_evaluator evaluate,
                      const char* doc, std::optional<measure> parametric = std::nullopt) {
  std::apply(
      [&](auto&&... keywords) {
        m.def(
            name,
            [function, evaluate, parametric](py::object p, py::object q, const std::string& input, py::object base,
                                             int axis, bool keepdims, bool normalize, std::optional<double> tolerance,
                                             double smoothing) {
              const call_settings s{input, std::move(base), axis, keepdims, normalize, tolerance, smoothing};
              if (parametric && (is_distribution(p) || is_distribution(q))) {
                return evaluate_distribution_pair(function, *parametric, p, q, measure_registry::default_alpha(), s);
              }
              return evaluate_pair(function, evaluate, p, q, 0.0, s);
            },
            (with_common_doc(doc) + (parametric ? distribution_doc : "")).c_str(), py::arg("p"), py::arg("q"),
            keywords...);
      },
      common_keywords());
}

// A measure of (p, q) with one real parameter, required when `default_value` is empty.
void def_pair_measure(py::module_& m, const char* name, const char* function, pair_evaluator evaluate,
                      const char* parameter, std::optional<double> default_value, const char* doc,
                      std::optional<measure> parametric = std::nullopt) {
  const auto body = [function, evaluate, parametric](py::object p, py::object q, double value,
                                                     const std::string& input, py::object base, int axis,
                                                     bool keepdims, bool normalize, std::optional<double> tolerance,
                                                     double smoothing) {
    const call_settings s{input, std::move(base), axis, keepdims, normalize, tolerance, smoothing};
    if (parametric && (is_distribution(p) || is_distribution(q))) {
      return evaluate_distribution_pair(function, *parametric, p, q, value, s);
    }
    return evaluate_pair(function, evaluate, p, q, value, s);
  };
  const std::string full_doc = with_common_doc(doc) + (parametric ? distribution_doc : "");
  std::apply(
      [&](auto&&... keywords) {
        if (default_value) {
          m.def(name, body, full_doc.c_str(), py::arg("p"), py::arg("q"), py::arg(parameter) = *default_value,
                keywords...);
        } else {
          m.def(name, body, full_doc.c_str(), py::arg("p"), py::arg("q"), py::arg(parameter), keywords...);
        }
      },
      common_keywords());
}

py::object evaluate_entropy(py::object p, const call_settings& s) {
  return evaluate("kullback::entropy", {p}, s,
                  [](const std::vector<distribution_view>& v, std::span<double> out, const options& o) {
                    entropy(v[0], out, o);
                  });
}

// f given by name: the library's named generators.
f_generator named_generator(const std::string& name, std::optional<double> alpha) {
  constexpr const char* function = "kullback::f_divergence";
  if (name == "alpha") {
    if (!alpha) throw py::value_error(std::string(function) + ": f=\"alpha\" needs alpha=<value>");
    return generators::alpha(*alpha);
  }
  if (alpha) throw py::value_error(std::string(function) + ": alpha applies to f=\"alpha\" only, but f=\"" + name + "\"");
  if (name == "kl") return generators::kl();
  if (name == "reverse_kl") return generators::reverse_kl();
  if (name == "jeffreys") return generators::jeffreys();
  if (name == "js") return generators::js();
  if (name == "tv") return generators::tv();
  if (name == "squared_hellinger") return generators::squared_hellinger();
  if (name == "pearson_chi2") return generators::pearson_chi2();
  if (name == "neyman_chi2") return generators::neyman_chi2();
  throw py::value_error(std::string(function) + ": f = \"" + name +
                        "\", but the named generators are kl, reverse_kl, jeffreys, js, tv, squared_hellinger, "
                        "pearson_chi2, neyman_chi2 and alpha");
}

// f given as a Python callable u -> f(u). It is called once per term, from the library's worker
// threads, each call taking the GIL: correct, but far slower than a named generator. The callable
// is held through a shared_ptr so that copies of the std::function never touch its reference
// count without the GIL; the last owner is the generator below, destroyed with the GIL held.
f_generator callable_generator(py::function f, double slope_at_infinity) {
  auto held = std::make_shared<py::function>(std::move(f));
  f_generator generator;
  generator.name = "f";
  generator.slope_at_infinity = slope_at_infinity;
  // The value is checked here, where it is known to come from Python: a non-number would
  // otherwise surface as pybind11's anonymous "Unable to cast" RuntimeError, and a NaN would
  // silently make the result NaN.
  generator.f = [held](double u) {
    py::gil_scoped_acquire gil;
    const py::object value = (*held)(u);
    const double result = PyFloat_AsDouble(value.ptr());  // floats, ints, NumPy scalars, __float__
    if (result == -1.0 && PyErr_Occurred() != nullptr) {
      PyErr_Clear();
      throw py::type_error("kullback::f_divergence: f(" + py::repr(py::float_(u)).cast<std::string>() + ") returned " +
                           py::str(value.get_type().attr("__name__")).cast<std::string>() +
                           ", but must return a real number");
    }
    if (std::isnan(result)) {
      throw py::value_error("kullback::f_divergence: f(" + py::repr(py::float_(u)).cast<std::string>() +
                            ") returned nan, but must return a number (f must be convex with f(1) = 0)");
    }
    return result;
  };
  return generator;
}

py::object evaluate_f_divergence(py::object p, py::object q, const py::object& f, std::optional<double> alpha,
                                 std::optional<double> slope_at_infinity, const call_settings& s) {
  constexpr const char* function = "kullback::f_divergence";
  f_generator generator;
  if (py::isinstance<py::str>(f)) {
    if (slope_at_infinity) {
      throw py::value_error(std::string(function) + ": slope_at_infinity applies to a callable f only");
    }
    generator = named_generator(f.cast<std::string>(), alpha);
  } else if (py::isinstance<py::function>(f) || PyCallable_Check(f.ptr())) {
    if (alpha) throw py::value_error(std::string(function) + ": alpha applies to f=\"alpha\" only");
    generator = callable_generator(py::reinterpret_borrow<py::function>(f),
                                   slope_at_infinity.value_or(std::numeric_limits<double>::infinity()));
  } else {
    throw py::type_error(std::string(function) + ": f must be a generator name or a callable u -> f(u)");
  }
  return evaluate(function, {p, q}, s,
                  [&](const std::vector<distribution_view>& v, std::span<double> out, const options& o) {
                    f_divergence(v[0], v[1], generator, out, o);
                  });
}

}  // namespace

void register_discrete(py::module_& m) {
  std::apply(
      [&](auto&&... keywords) {
        m.def(
            "entropy",
            [](py::object p, const std::string& input, py::object base, int axis, bool keepdims, bool normalize,
               std::optional<double> tolerance, double smoothing) {
              return evaluate_entropy(p, {input, std::move(base), axis, keepdims, normalize, tolerance, smoothing});
            },
            with_common_doc(R"(Shannon entropy H(p) = -sum_i p_i log p_i.

Convention: 0 log 0 = 0. Unlike scipy.stats.entropy(p), an unnormalised p is an error
unless normalize=True (scipy divides by the sum silently). With one argument only.)")
                .c_str(),
            py::arg("p"), keywords...);
      },
      common_keywords());

  def_pair_measure(m, "cross_entropy", "kullback::cross_entropy",
                   [](const distribution_view& p, const distribution_view& q, double, std::span<double> out,
                      const options& o) { cross_entropy(p, q, out, o); },
                   R"(Cross-entropy H(p, q) = -sum_i p_i log q_i.

Conventions: terms with p_i = 0 are 0; p_i > 0 with q_i = 0 gives +inf (no epsilon).
H(p, q) = H(p) + KL(p||q).)");

  def_pair_measure(m, "kl", "kullback::kl",
                   [](const distribution_view& p, const distribution_view& q, double, std::span<double> out,
                      const options& o) { kl(p, q, out, o); },
                   R"(Kullback-Leibler divergence KL(p||q) = sum_i p_i log(p_i / q_i).

Direction: p is the reference ("true") distribution, q the approximation; the same as
scipy.stats.entropy(p, q) and sum(scipy.special.rel_entr(p, q)), and as
torch.nn.functional.kl_div(log(q), p) (torch takes its arguments in the other order).
Conventions: 0 log(0/q) = 0; p_i > 0 with q_i = 0 gives +inf (not an error, no epsilon).
Accuracy: evaluated in the termwise form p log(p/q) - p + q, so that nearly equal p and q keep
full relative accuracy (scipy and torch lose digits there, up to all of them).)", measure::kl);

  def_pair_measure(m, "jeffreys", "kullback::jeffreys",
                   [](const distribution_view& p, const distribution_view& q, double, std::span<double> out,
                      const options& o) { jeffreys(p, q, out, o); },
                   R"(Jeffreys divergence KL(p||q) + KL(q||p) = sum_i (p_i - q_i) log(p_i / q_i).

Symmetric; on binned data it is the population stability index (PSI). +inf where one
distribution has mass and the other none.)", measure::jeffreys);

  def_pair_measure(m, "skew_kl", "kullback::skew_kl",
                   [](const distribution_view& p, const distribution_view& q, double alpha, std::span<double> out,
                      const options& o) { skew_kl(p, q, alpha, out, o); },
                   "alpha", std::nullopt, R"(Skew KL divergence KL(p || alpha p + (1 - alpha) q), alpha in [0, 1].

DistiLLM's skew KL: alpha = 0 gives KL(p||q), alpha = 1 gives 0. Finite for every alpha > 0.)");

  def_pair_measure(m, "js", "kullback::js",
                   [](const distribution_view& p, const distribution_view& q, double w, std::span<double> out,
                      const options& o) { js(p, q, w, out, o); },
                   "weight", 0.5, R"(Generalised Jensen-Shannon divergence, weight w in [0, 1] (default 0.5):
    js = w KL(p||m) + (1 - w) KL(q||m),  m = w p + (1 - w) q.

This is the divergence, not its square root: scipy.spatial.distance.jensenshannon returns
the distance, which is kullback.js_distance. Always finite; 0 <= js <= log 2 for w = 0.5.)");

  def_pair_measure(m, "js_distance", "kullback::js_distance",
                   [](const distribution_view& p, const distribution_view& q, double w, std::span<double> out,
                      const options& o) { js_distance(p, q, w, out, o); },
                   "weight", 0.5, R"(Jensen-Shannon distance sqrt(js(p, q, weight)), a metric for weight 0.5.

What scipy.spatial.distance.jensenshannon returns (which can give NaN for nearly equal inputs;
this never does). In base b it is sqrt(js / ln b).)");

  def_pair_measure(m, "tv", "kullback::tv",
                   [](const distribution_view& p, const distribution_view& q, double, std::span<double> out,
                      const options& o) { tv(p, q, out, o); },
                   R"(Total variation distance 1/2 sum_i |p_i - q_i|, in [0, 1].

No logarithm: base must be e (None).)");

  def_pair_measure(m, "hellinger", "kullback::hellinger",
                   [](const distribution_view& p, const distribution_view& q, double, std::span<double> out,
                      const options& o) { hellinger(p, q, out, o); },
                   R"(Hellinger distance sqrt(1/2 sum_i (sqrt p_i - sqrt q_i)^2), in [0, 1].

The distance, not its square (some references omit the 1/2 or the root). base must be e.)", measure::hellinger);

  def_pair_measure(m, "bhattacharyya", "kullback::bhattacharyya",
                   [](const distribution_view& p, const distribution_view& q, double, std::span<double> out,
                      const options& o) { bhattacharyya(p, q, out, o); },
                   R"(Bhattacharyya distance -log sum_i sqrt(p_i q_i).

+inf for disjoint supports. Computed as -log1p(-H^2), H the Hellinger distance, which keeps
full relative accuracy for nearly equal p and q.)", measure::bhattacharyya);

  def_pair_measure(m, "chi2", "kullback::chi2",
                   [](const distribution_view& p, const distribution_view& q, double, std::span<double> out,
                      const options& o) { chi2(p, q, out, o); },
                   R"(Pearson chi-square divergence sum_i (p_i - q_i)^2 / q_i.

+inf where q_i = 0 < p_i; terms with p_i = q_i = 0 are 0. base must be e.)");

  def_pair_measure(m, "neyman_chi2", "kullback::neyman_chi2",
                   [](const distribution_view& p, const distribution_view& q, double, std::span<double> out,
                      const options& o) { neyman_chi2(p, q, out, o); },
                   R"(Neyman chi-square divergence sum_i (p_i - q_i)^2 / p_i = chi2(q, p).

+inf where p_i = 0 < q_i. base must be e.)");

  def_pair_measure(m, "cauchy_schwarz", "kullback::cauchy_schwarz",
                   [](const distribution_view& p, const distribution_view& q, double, std::span<double> out,
                      const options& o) { cauchy_schwarz(p, q, out, o); },
                   R"(Cauchy-Schwarz divergence -log( sum p_i q_i / sqrt(sum p_i^2 sum q_i^2) ).

Symmetric, 0 iff p = q; +inf when p and q are orthogonal (disjoint supports).)");

  def_pair_measure(m, "renyi", "kullback::renyi",
                   [](const distribution_view& p, const distribution_view& q, double a, std::span<double> out,
                      const options& o) { renyi(p, q, a, out, o); },
                   "alpha", std::nullopt, R"(Renyi divergence of order alpha in [0, inf]:
    D_a(p||q) = log( sum_i p_i^a q_i^(1-a) ) / (a - 1).

Limits taken exactly: a = 1 gives KL(p||q); a = 0 gives -log sum_{p_i > 0} q_i; a = inf
(float("inf")) gives log max_i p_i / q_i. +inf where q_i = 0 < p_i for a >= 1.)", measure::renyi);

  def_pair_measure(m, "tsallis", "kullback::tsallis",
                   [](const distribution_view& p, const distribution_view& q, double a, std::span<double> out,
                      const options& o) { tsallis(p, q, a, out, o); },
                   "alpha", std::nullopt, R"(Tsallis relative entropy of order alpha > 0:
    (sum_i p_i^a q_i^(1-a) - 1) / (a - 1).

a = 1 gives KL(p||q) (taken exactly, and accurate near 1). base must be e.)");

  def_pair_measure(m, "alpha_divergence", "kullback::alpha_divergence",
                   [](const distribution_view& p, const distribution_view& q, double a, std::span<double> out,
                      const options& o) { alpha_divergence(p, q, a, out, o); },
                   "alpha", std::nullopt, R"(Amari alpha divergence, any real alpha:
    (1 - sum_i p_i^a q_i^(1-a)) / (a (1 - a)).

a = 1 gives KL(p||q), a = 0 gives KL(q||p) (limits taken exactly); a = 1/2 gives
4 (1 - sum sqrt(p_i q_i)) = 4 hellinger^2 (hellinger^2 = 1 - sum sqrt(p_i q_i)). base must be e.)");

  std::apply(
      [&](auto&&... keywords) {
        m.def(
            "f_divergence",
            [](py::object p, py::object q, py::object f, const std::string& input, py::object base, int axis,
               bool keepdims, bool normalize, std::optional<double> tolerance, double smoothing,
               std::optional<double> alpha, std::optional<double> slope_at_infinity) {
              return evaluate_f_divergence(p, q, f, alpha, slope_at_infinity,
                                           {input, std::move(base), axis, keepdims, normalize, tolerance, smoothing});
            },
            with_common_doc(R"(f-divergence sum_i q_i f(p_i / q_i) for a convex f with f(1) = 0.

f is either the name of a built-in generator (fast, evaluated in C++):
    "kl"                 u log u                   -> KL(p||q)
    "reverse_kl"         -log u                    -> KL(q||p)
    "jeffreys"           (u - 1) log u             -> KL(p||q) + KL(q||p)
    "js"                 u/2 log(2u/(1+u)) + 1/2 log(2/(1+u))  -> js(p, q)
    "tv"                 |u - 1| / 2               -> tv
    "squared_hellinger"  (sqrt u - 1)^2 / 2        -> hellinger^2
    "pearson_chi2"       (u - 1)^2                 -> chi2
    "neyman_chi2"        (u - 1)^2 / u             -> neyman_chi2
    "alpha"              (u^a - 1 - a(u - 1)) / (a(a - 1)), with alpha=a  -> alpha_divergence
or a Python callable u -> f(u) (called once per term with the GIL held: slow, for prototyping),
with slope_at_infinity = lim_{u->inf} f(u)/u (default +inf).
Conventions: a term with q_i = 0 < p_i is p_i * slope_at_infinity (the perspective limit), a
term with p_i = q_i = 0 is 0, and f(0) is used where p_i = 0 < q_i. The dedicated functions
(kullback.kl, ...) use more accurate termwise forms than the generic sum.)")
                .c_str(),
            py::arg("p"), py::arg("q"), py::arg("f"), keywords..., py::arg("alpha") = py::none(),
            py::arg("slope_at_infinity") = py::none());
      },
      common_keywords());
}

}  // namespace kullback::python
