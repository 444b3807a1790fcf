"""The Python module as a package: version, exports, help texts, type stubs, threads and the GIL.

  - kullback.__version__ equals the version in include/kullback/version.hpp;
  - __all__ lists every measure, every distribution class and every public name of the compiled
    module;
  - help() / __doc__ of each function gives its signature, its formula and the shared arguments,
    and the identities the help texts state hold numerically;
  - python/kullback/_kullback.pyi declares exactly the exported functions and classes, with the parameter
    names, kinds (positional / keyword-only) and defaults of the runtime signatures;
  - num_threads / set_num_threads (also OMP_NUM_THREADS in a fresh interpreter);
  - the GIL is released while the library computes: another Python thread runs meanwhile, and two
    threads computing 10^7-element divergences at once both get correct results.

    PYTHONPATH=build/python /usr/bin/python3 -m pytest -q tests/python/test_module.py
"""

import ast
import doctest
import math
import os
import pydoc
import re
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

import kullback
from large_inputs import chunked, large_probability_pair
import kullback._kullback as compiled

ROOT = Path(__file__).resolve().parents[2]
STUB = ROOT / "python" / "kullback" / "_kullback.pyi"

MEASURES = ["entropy", "cross_entropy", "kl", "jeffreys", "js", "js_distance", "skew_kl", "tv", "hellinger",
            "bhattacharyya", "chi2", "neyman_chi2", "cauchy_schwarz", "renyi", "tsallis", "alpha_divergence",
            "f_divergence"]
# The defining formula each help text must state.
FORMULAS = {
    "entropy": "H(p) = -sum_i p_i log p_i",
    "cross_entropy": "H(p, q) = -sum_i p_i log q_i",
    "kl": "KL(p||q) = sum_i p_i log(p_i / q_i)",
    "jeffreys": "sum_i (p_i - q_i) log(p_i / q_i)",
    "skew_kl": "KL(p || alpha p + (1 - alpha) q)",
    "js": "js = w KL(p||m) + (1 - w) KL(q||m),  m = w p + (1 - w) q",
    "js_distance": "sqrt(js(p, q, weight))",
    "tv": "1/2 sum_i |p_i - q_i|",
    "hellinger": "sqrt(1/2 sum_i (sqrt p_i - sqrt q_i)^2)",
    "bhattacharyya": "-log sum_i sqrt(p_i q_i)",
    "chi2": "sum_i (p_i - q_i)^2 / q_i",
    "neyman_chi2": "sum_i (p_i - q_i)^2 / p_i",
    "cauchy_schwarz": "-log( sum p_i q_i / sqrt(sum p_i^2 sum q_i^2) )",
    "renyi": "D_a(p||q) = log( sum_i p_i^a q_i^(1-a) ) / (a - 1)",
    "tsallis": "(sum_i p_i^a q_i^(1-a) - 1) / (a - 1)",
    "alpha_divergence": "(1 - sum_i p_i^a q_i^(1-a)) / (a (1 - a))",
    "f_divergence": "sum_i q_i f(p_i / q_i)",
}
# The Gaussian mixture API (tests/python/test_mixtures.py): functions and classes.
MIXTURE_FUNCTIONS = ["kl_lower_bound", "kl_monte_carlo", "kl_upper_bound", "kl_variational"]
MIXTURE_CLASSES = ["GaussianMixture", "MonteCarloResult"]
# Measures between distribution objects only, and the family classes (tests/python/test_parametric.py).
PARAMETRIC_MEASURES = ["chernoff_coefficient", "wasserstein2"]
DISTRIBUTIONS = sorted(kullback.distributions.__all__)
SHARED = ["Arguments (shared by every kullback measure)", "input:", '"probs" (default)', '"log_probs"', '"logits"',
          '"counts"', "base:", "axis:", "keepdims:", "normalize:", "tolerance:", "smoothing:", "Returns a Python float",
          "Raises ValueError", "TypeError"]


# --------------------------------------------------------------------------------------------
# Version and exports


def test_version_matches_the_header():
    header = (ROOT / "include" / "kullback" / "version.hpp").read_text()
    match = re.search(r'version\s*=\s*"([^"]+)"', header)
    assert match, "no version string in version.hpp"
    assert kullback.__version__ == match.group(1) == "0.1.0"
    assert compiled.__version__ == kullback.__version__


def test_all_lists_every_measure_and_every_public_name():
    assert set(MEASURES) <= set(kullback.__all__)
    assert len(kullback.__all__) == len(set(kullback.__all__))
    public = {n for n in dir(compiled) if not n.startswith("_")} | {"__version__"}
    assert set(kullback.__all__) == public
    assert set(kullback.__all__) == (set(MEASURES) | set(PARAMETRIC_MEASURES) | set(DISTRIBUTIONS)
                                     | set(MIXTURE_FUNCTIONS) | set(MIXTURE_CLASSES)
                                     | {"__version__", "num_threads", "set_num_threads"})
    for name in kullback.__all__:
        assert getattr(kullback, name) is getattr(compiled, name)
    ns = {}
    exec("from kullback import *", ns)
    assert set(MEASURES) <= set(ns)


def test_package_docstring_example():
    """The example in kullback.__doc__ runs and prints what it says, which is KL by hand."""
    assert kullback.__doc__ and "kullback.kl(" in kullback.__doc__
    finder = doctest.DocTestFinder(recurse=False)
    runner = doctest.DocTestRunner(optionflags=0)
    tests = finder.find(kullback, "kullback", globs={})
    assert tests and tests[0].examples
    for t in tests:
        runner.run(t)
    assert runner.failures == 0
    assert kullback.kl([0.5, 0.5], [0.9, 0.1]) == pytest.approx(0.5 * math.log(0.5 / 0.9) + 0.5 * math.log(5),
                                                                rel=1e-15)


# --------------------------------------------------------------------------------------------
# Help texts


@pytest.mark.parametrize("name", MEASURES)
def test_help_states_formula_and_shared_conventions(name):
    fn = getattr(kullback, name)
    doc = fn.__doc__
    assert doc.startswith(f"{name}(p: object"), doc.splitlines()[0]
    assert FORMULAS[name] in doc, (name, doc)
    for fragment in SHARED:
        assert fragment in doc, (name, fragment)
    text = pydoc.render_doc(fn, renderer=pydoc.plaintext)
    assert FORMULAS[name] in text and "Arguments (shared" in text


def test_help_of_thread_functions():
    assert "0 restores the default" in kullback.set_num_threads.__doc__
    assert "bitwise identical" in kullback.set_num_threads.__doc__
    assert kullback.num_threads.__doc__.startswith("num_threads() -> int")


def test_f_divergence_help_lists_every_generator():
    doc = kullback.f_divergence.__doc__
    for g in ("kl", "reverse_kl", "jeffreys", "js", "tv", "squared_hellinger", "pearson_chi2", "neyman_chi2",
              "alpha"):
        assert f'"{g}"' in doc, g
        kw = {"alpha": 0.5} if g == "alpha" else {}
        assert math.isfinite(kullback.f_divergence([0.2, 0.8], [0.5, 0.5], g, **kw))
    assert "slope_at_infinity" in doc


def test_identities_stated_in_the_help_texts_hold():
    """Each identity a help text states, checked numerically (relative 1e-12)."""
    rng = np.random.default_rng(3)
    p, q = rng.dirichlet(np.ones(30)), rng.dirichlet(np.ones(30))
    k = kullback

    def check(name, fragment, lhs, rhs):
        assert fragment in getattr(k, name).__doc__, (name, fragment)
        assert lhs == pytest.approx(rhs, rel=1e-12, abs=0), (name, fragment)

    check("cross_entropy", "H(p, q) = H(p) + KL(p||q)", k.cross_entropy(p, q), k.entropy(p) + k.kl(p, q))
    check("skew_kl", "alpha = 0 gives KL(p||q)", k.skew_kl(p, q, 0.0), k.kl(p, q))
    assert k.skew_kl(p, q, 1.0) == 0.0 and "alpha = 1 gives 0" in k.skew_kl.__doc__
    check("js_distance", "In base b it is sqrt(js / ln b)", k.js_distance(p, q, base=2),
          math.sqrt(k.js(p, q) / math.log(2)))
    check("js_distance", "sqrt(js(p, q, weight))", k.js_distance(p, q, 0.3), math.sqrt(k.js(p, q, 0.3)))
    check("bhattacharyya", "-log1p(-H^2)", k.bhattacharyya(p, q), -math.log1p(-k.hellinger(p, q) ** 2))
    check("neyman_chi2", "= chi2(q, p)", k.neyman_chi2(p, q), k.chi2(q, p))
    check("renyi", "a = 1 gives KL(p||q)", k.renyi(p, q, 1.0), k.kl(p, q))
    check("renyi", "a = inf", k.renyi(p, q, math.inf), math.log(np.max(p / q)))
    pz = p.copy()
    pz[:10] = 0
    pz /= pz.sum()
    check("renyi", "a = 0 gives -log sum_{p_i > 0} q_i", k.renyi(pz, q, 0.0), -math.log(q[10:].sum()))
    check("tsallis", "a = 1 gives KL(p||q)", k.tsallis(p, q, 1.0), k.kl(p, q))
    check("alpha_divergence", "a = 1 gives KL(p||q), a = 0 gives KL(q||p)", k.alpha_divergence(p, q, 0.0), k.kl(q, p))
    check("alpha_divergence", "a = 1/2 gives\n4 (1 - sum sqrt(p_i q_i))", k.alpha_divergence(p, q, 0.5),
          4 * (1 - np.sum(np.sqrt(p * q))))
    check("alpha_divergence", "= 4 hellinger^2", k.alpha_divergence(p, q, 0.5), 4 * k.hellinger(p, q) ** 2)
    check("jeffreys", "KL(p||q) + KL(q||p)", k.jeffreys(p, q), k.kl(p, q) + k.kl(q, p))
    check("f_divergence", '"squared_hellinger"  (sqrt u - 1)^2 / 2        -> hellinger^2',
          k.f_divergence(p, q, "squared_hellinger"), k.hellinger(p, q) ** 2)
    assert "0 <= js <= log 2 for w = 0.5" in k.js.__doc__
    assert k.js([1.0, 0.0], [0.0, 1.0]) == pytest.approx(math.log(2), rel=1e-15)


# --------------------------------------------------------------------------------------------
# The type stub


def split_top_level(text):
    """Splits 'a: X, b: Y[Z, W] = 1' at the commas outside brackets."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    if text[start:].strip():
        parts.append(text[start:].strip())
    return parts


def runtime_signature(fn):
    """[(name, keyword_only, default or NO_DEFAULT)] from pybind11's signature line in __doc__."""
    first = fn.__doc__.splitlines()[0]
    match = re.fullmatch(r"(\w+)\((.*)\) -> .+", first)
    assert match, first
    params, keyword_only = [], False
    for part in split_top_level(match.group(2)):
        if part == "*":
            keyword_only = True
            continue
        name = part.split(":")[0].strip()
        default = ast.literal_eval(part.split(" = ", 1)[1]) if " = " in part else NO_DEFAULT
        params.append((name, keyword_only, default))
    return match.group(1), params


NO_DEFAULT = object()


def stub_functions():
    """{name: params} of the stub's functions, and the names of its annotations and classes."""
    tree = ast.parse(STUB.read_text())
    functions, annotations = {}, set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            annotations.add(node.name)
            continue
        if isinstance(node, ast.FunctionDef):
            a = node.args
            positional = a.posonlyargs + a.args
            defaults = [NO_DEFAULT] * (len(positional) - len(a.defaults)) + [ast.literal_eval(d) for d in a.defaults]
            params = [(arg.arg, False, d) for arg, d in zip(positional, defaults)]
            params += [(arg.arg, True, NO_DEFAULT if d is None else ast.literal_eval(d))
                       for arg, d in zip(a.kwonlyargs, a.kw_defaults)]
            assert a.vararg is None and a.kwarg is None, node.name
            functions[node.name] = params
        elif isinstance(node, ast.AnnAssign):
            annotations.add(node.target.id)
    return functions, annotations


def test_stub_names_exactly_the_exported_functions():
    functions, annotations = stub_functions()
    exported = {n for n in dir(compiled) if not n.startswith("_") and callable(getattr(compiled, n))}
    classes = {n for n in exported if isinstance(getattr(compiled, n), type)}
    assert classes == set(DISTRIBUTIONS) | set(MIXTURE_CLASSES)
    assert set(functions) - {"_registered_pairs"} == exported - classes
    assert classes <= annotations
    assert "__version__" in annotations


@pytest.mark.parametrize("name", sorted(MEASURES + PARAMETRIC_MEASURES + MIXTURE_FUNCTIONS
                                         + ["num_threads", "set_num_threads"]))
def test_stub_parameters_match_the_runtime_signature(name):
    functions, _ = stub_functions()
    runtime_name, runtime = runtime_signature(getattr(kullback, name))
    assert runtime_name == name
    assert functions[name] == runtime, (functions[name], runtime)


def test_stub_is_installed_next_to_the_module():
    built = Path(compiled.__file__).with_name("_kullback.pyi")
    if built.exists():  # the build tree and installs carry a copy
        assert built.read_text() == STUB.read_text()
    assert (Path(kullback.__file__).parent / "py.typed").exists()


# --------------------------------------------------------------------------------------------
# Threads


@pytest.fixture
def restore_threads():
    yield
    kullback.set_num_threads(0)


def test_num_threads(restore_threads):
    default = kullback.num_threads()
    assert default >= 1
    for n in (1, 2, 3, 7):
        kullback.set_num_threads(n)
        assert kullback.num_threads() == n
    kullback.set_num_threads(0)
    assert kullback.num_threads() == default


def test_omp_num_threads_sets_the_default():
    env = dict(os.environ, OMP_NUM_THREADS="3")
    code = "import kullback; print(kullback.num_threads())"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "3"


@pytest.fixture(scope="module")
def big():
    return large_probability_pair()


def test_gil_is_released_while_computing(big):
    """With a huge switch interval the worker thread keeps the GIL until it gives it up: the main
    thread can only run between the worker's "start" and "done" if kullback releases the GIL."""
    p, q = big
    order, results = [], []

    def worker():
        order.append("worker: start")
        results.append(kullback.js(p, q))  # ~0.5 s of computation
        order.append("worker: done")

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    try:
        t = threading.Thread(target=worker)
        t.start()
        order.append("main")
        t.join()
    finally:
        sys.setswitchinterval(old)
    assert order == ["worker: start", "main", "worker: done"]
    m = 0.5 * (p + q)
    assert results[0] == pytest.approx(0.5 * chunked(lambda a, b: a * np.log(a / b), p, m)
                                       + 0.5 * chunked(lambda a, b: a * np.log(a / b), q, m), rel=1e-12)


def test_two_threads_compute_at_once(big):
    p, q = big
    want_pq = chunked(lambda a, b: a * np.log(a / b), p, q)
    want_qp = chunked(lambda a, b: a * np.log(a / b), q, p)
    results = {}
    barrier = threading.Barrier(2)

    def worker(key, a, b):
        barrier.wait()
        results[key] = [kullback.kl(a, b) for _ in range(3)]

    threads = [threading.Thread(target=worker, args=("pq", p, q)), threading.Thread(target=worker, args=("qp", q, p))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
        assert not t.is_alive()
    for value in results["pq"]:
        assert value == pytest.approx(want_pq, rel=1e-12, abs=0)
    for value in results["qp"]:
        assert value == pytest.approx(want_qp, rel=1e-12, abs=0)
