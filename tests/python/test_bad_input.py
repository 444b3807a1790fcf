"""Every kind of bad input to the Python module gives a clear exception, never a crash or a number.

Bad values (negative, NaN, +inf entries, sums off 1, lengths or shapes that do not fit, bad
parameters) must raise ValueError, non-real dtypes and wrong argument types TypeError, each with
a message that starts with "kullback::<function>:" and names the argument and, for entries, the
index as p[3] or p[row 1][3]. Exceptions raised by a Python callable given to f_divergence must
reach the caller unchanged. After every error the module keeps working.

    PYTHONPATH=build/python /usr/bin/python3 -m pytest -q tests/python/test_bad_input.py
"""

import math

import numpy as np
import pytest

import kullback

NAN, INF = math.nan, math.inf

# Every measure with a valid parameter (None: the measure takes none).
MEASURES = [
    ("entropy", None), ("cross_entropy", None), ("kl", None), ("jeffreys", None), ("js", 0.5),
    ("js_distance", 0.5), ("skew_kl", 0.5), ("tv", None), ("hellinger", None), ("bhattacharyya", None),
    ("chi2", None), ("neyman_chi2", None), ("cauchy_schwarz", None), ("renyi", 2.0), ("tsallis", 2.0),
    ("alpha_divergence", 0.5), ("f_divergence", "kl"),
]
NAMES = [m[0] for m in MEASURES]
NO_LOG = {"tv", "hellinger", "chi2", "neyman_chi2", "tsallis", "alpha_divergence", "f_divergence"}

P = np.array([0.1, 0.2, 0.3, 0.4])
Q = np.array([0.25, 0.25, 0.25, 0.25])


def call(name, p, q=None, param=None, **kw):
    fn = getattr(kullback, name)
    if name == "entropy":
        return fn(p, **kw)
    return fn(p, q, **kw) if param is None else fn(p, q, param, **kw)


def param_of(name):
    return dict(MEASURES)[name]


def raises(exc, name, fn, *fragments):
    """fn() must raise exc with a message starting 'kullback::<name>: ' and holding each fragment."""
    with pytest.raises(exc) as info:
        fn()
    message = str(info.value)
    assert message.startswith(f"kullback::{name}: "), message
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    # The module still works afterwards.
    assert kullback.kl([0.5, 0.5], [0.5, 0.5]) == 0.0
    return message


# --------------------------------------------------------------------------------------------
# Bad entries


@pytest.mark.parametrize("value,what", [(-0.25, "must be >= 0"), (NAN, "nan"), (INF, "inf"), (-INF, "-inf")])
@pytest.mark.parametrize("name", NAMES)
def test_bad_entry_is_named_with_its_index(name, value, what):
    param = param_of(name)
    bad = np.array([0.25, 0.25, 0.25, value])
    if name != "entropy":
        raises(ValueError, name, lambda: call(name, P, bad, param), "q[3]", what)
    raises(ValueError, name, lambda: call(name, bad, Q, param), "p[3]", what)


@pytest.mark.parametrize("name", NAMES)
def test_bad_entry_in_a_batch_names_the_row(name):
    param = param_of(name)
    p = np.tile(Q, (5, 1))
    p[3, 2] = -0.5
    raises(ValueError, name, lambda: call(name, p, Q, param), "p[row 3][2]", "-0.5")
    if name != "entropy":
        raises(ValueError, name, lambda: call(name, Q, p, param), "q[row 3][2]")
    # Along axis 0, the row is the batch index and the index the position along the axis.
    raises(ValueError, name, lambda: call(name, p.T.copy(), Q[:, None], param, axis=0), "p[row 3][2]")


@pytest.mark.parametrize("form,values,fragments", [
    ("log_probs", [-1.0, NAN, -1.0], ["p[1]", "nan"]),
    ("log_probs", [-1.0, INF, -1.0], ["p[1]", "inf"]),
    ("logits", [0.5, NAN, 1.0], ["p[1]", "nan"]),
    ("logits", [0.5, INF, 1.0], ["p[1]", "inf"]),
    ("logits", [-INF, -INF, -INF], ["p", "no finite entry"]),
    ("counts", [3.0, -1.0, 2.0], ["p[1]", "-1"]),
    ("counts", [3.0, NAN, 2.0], ["p[1]", "nan"]),
    ("counts", [3.0, INF, 2.0], ["p[1]", "inf"]),
    ("counts", [0.0, 0.0, 0.0], ["p", "sums to 0"]),
])
def test_bad_entries_in_every_input_form(form, values, fragments):
    good = {"log_probs": np.log([0.2, 0.3, 0.5]), "logits": [0.0, 1.0, 2.0], "counts": [1.0, 2.0, 3.0]}[form]
    raises(ValueError, "kl", lambda: kullback.kl(values, good, input=form), *fragments)
    raises(ValueError, "entropy", lambda: kullback.entropy(values, input=form), *fragments)


def test_log_probs_that_do_not_sum_to_one():
    raises(ValueError, "kl", lambda: kullback.kl([0.0, 0.0], [-1.0, -1.0], input="log_probs"), "p", "sum to 1")


# --------------------------------------------------------------------------------------------
# Sums, lengths, shapes


@pytest.mark.parametrize("name", NAMES)
def test_sum_off_one_without_normalize(name):
    param = param_of(name)
    raises(ValueError, name, lambda: call(name, P * 1.01, Q, param), "p sums to 1.01", "normalize")
    if name != "entropy":
        raises(ValueError, name, lambda: call(name, P, Q * 0.5, param), "q sums to 0.5")
    batch = np.tile(P, (4, 1))
    batch[2] *= 2
    raises(ValueError, name, lambda: call(name, batch, Q, param), "p[row 2] sums to 2")
    # A sum off by more than the default tolerance (1e-9) but within an explicit one passes.
    off = P * (1 + 1e-7)
    with pytest.raises(ValueError):
        call(name, off, Q, param)
    assert math.isfinite(call(name, off, Q, param, tolerance=1e-6))
    assert math.isfinite(call(name, off * 3, Q, param, normalize=True))


@pytest.mark.parametrize("name", NAMES[1:])
def test_mismatched_lengths(name):
    param = param_of(name)
    raises(ValueError, name, lambda: call(name, P, Q[:3], param), "p has 4 entries", "q has 3", "must match")
    raises(ValueError, name, lambda: call(name, np.tile(P, (2, 1)), np.ones((2, 5)) / 5, param), "must match")
    # The distribution axis never broadcasts, not even from length 1.
    raises(ValueError, name, lambda: call(name, P, [1.0], param), "must match")


@pytest.mark.parametrize("ps,qs", [((2, 4), (3, 4)), ((2, 3, 4), (2, 4, 4)), ((5, 2, 4), (3, 4)),
                                   ((2, 1, 4), (3, 2, 4))], ids=str)
def test_shapes_that_do_not_broadcast(ps, qs):
    p, q = np.full(ps, 0.25), np.full(qs, 0.25)
    with pytest.raises(ValueError):
        np.broadcast_shapes(ps, qs)  # NumPy agrees
    raises(ValueError, "kl", lambda: kullback.kl(p, q), "do not broadcast", f"p {ps} and q {qs}")
    raises(ValueError, "f_divergence", lambda: kullback.f_divergence(p, q, "tv"), "do not broadcast")


@pytest.mark.parametrize("name", NAMES)
def test_scalars(name):
    param = param_of(name)
    raises(ValueError, name, lambda: call(name, 0.5, Q, param), "p is a scalar")
    raises(ValueError, name, lambda: call(name, np.float64(1.0), Q, param), "p is a scalar")
    if name != "entropy":
        raises(ValueError, name, lambda: call(name, P, np.array(1.0), param), "q is a scalar")


@pytest.mark.parametrize("name", NAMES)
def test_empty_distributions(name):
    param = param_of(name)
    raises(ValueError, name, lambda: call(name, [], [], param), "empty")
    raises(ValueError, name, lambda: call(name, np.zeros((3, 0)), np.zeros((3, 0)), param), "empty")


@pytest.mark.parametrize("axis", [1, 2, -2, -3, 100])
def test_axis_out_of_range(axis):
    raises(ValueError, "kl", lambda: kullback.kl(P, Q, axis=axis), f"axis = {axis}", "1 axes")
    raises(ValueError, "entropy", lambda: kullback.entropy(P, axis=axis), f"axis = {axis}")
    if axis not in (1, -2):
        raises(ValueError, "js", lambda: kullback.js(np.tile(P, (2, 1)), Q, axis=axis), f"axis = {axis}", "2 axes")


def test_axis_of_wrong_type():
    with pytest.raises(TypeError):
        kullback.kl(P, Q, axis=None)
    with pytest.raises(TypeError):
        kullback.kl(P, Q, axis=0.5)


# --------------------------------------------------------------------------------------------
# Types


@pytest.mark.parametrize("value,dtype", [
    (P.astype(np.complex128), "complex128"),
    (np.array(["0.5", "0.5", "0", "0"]), "<U3"),
    (np.array([0.5, 0.5, None, 0.0], dtype=object), "object"),
    (["a", "b", "c", "d"], "<U1"),
    (np.array([b"x", b"y", b"z", b"w"]), "S1"),
    (np.array(["2024-01-01"] * 4, dtype="datetime64[D]"), "datetime64"),
])
@pytest.mark.parametrize("name", NAMES)
def test_non_real_dtypes_are_a_type_error(name, value, dtype):
    param = param_of(name)
    raises(TypeError, name, lambda: call(name, value, Q, param), "p has dtype", dtype, "real numbers")
    if name != "entropy":
        raises(TypeError, name, lambda: call(name, P, value, param), "q has dtype")


@pytest.mark.parametrize("ragged", [[[0.5, 0.5], [1.0]], [[0.5, 0.5], 1.0], [0.5, [0.25, 0.25]]])
def test_ragged_lists(ragged):
    raises(ValueError, "kl", lambda: kullback.kl(ragged, [0.5, 0.5]), "p is not a valid array", "inhomogeneous")
    raises(ValueError, "js", lambda: kullback.js([0.5, 0.5], ragged), "q is not a valid array")


def test_objects_that_are_not_arrays():
    raises(TypeError, "kl", lambda: kullback.kl(object(), Q), "p has dtype object")
    raises(TypeError, "kl", lambda: kullback.kl({"a": 1}, Q), "p has dtype object")
    with pytest.raises(TypeError):
        kullback.kl(P)  # q missing
    with pytest.raises(TypeError):
        kullback.kl(P, Q, colour="red")  # unknown keyword


@pytest.mark.parametrize("name", NAMES)
def test_bad_input_form_string(name):
    param = param_of(name)
    for bad in ("prob", "Probs", "logit", ""):
        raises(ValueError, name, lambda: call(name, P, Q, param, input=bad), f'input = "{bad}"', '"probs"',
               '"log_probs"', '"logits"', '"counts"')
    with pytest.raises(TypeError):
        call(name, P, Q, param, input=None)


@pytest.mark.parametrize("name", NAMES)
def test_bad_base(name):
    param = param_of(name)
    for bad in (3, 0, -2, 1, math.pi, 2.5, INF, NAN, True):
        raises(ValueError, name, lambda: call(name, P, Q, param, base=bad), "base", "must be")
    for bad in ("x", "2", [2], 2j):
        raises(TypeError, name, lambda: call(name, P, Q, param, base=bad), "base must be None, e, 2 or 10")
    if name in NO_LOG:
        for base in (2, 10):
            raises(ValueError, name, lambda: call(name, P, Q, param, base=base), "base must be e",
                   "no logarithm")
        assert math.isfinite(call(name, P, Q, param, base=math.e))


@pytest.mark.parametrize("name", NAMES)
def test_smoothing(name):
    param = param_of(name)
    for form in ("probs", "log_probs", "logits"):
        raises(ValueError, name, lambda: call(name, P, Q, param, input=form, smoothing=0.5), "smoothing = 0.5",
               'input="counts" only', f'input="{form}"')
    for bad, text in ((-1.0, "smoothing = -1"), (NAN, "smoothing = nan"), (INF, "smoothing = inf")):
        raises(ValueError, name, lambda: call(name, [1, 2, 3], [3, 2, 1], param, input="counts", smoothing=bad),
               text, ">= 0")


def test_bad_tolerance_is_an_error():
    for bad in (-1.0, NAN):
        for name in ("kl", "js", "tv", "entropy"):
            fn = getattr(kullback, name)
            args = (P,) if name == "entropy" else (P, Q)
            raises(ValueError, name, lambda: fn(*args, tolerance=bad), "option tolerance = ", "must be >= 0")
    with pytest.raises(TypeError):
        kullback.kl(P, Q, tolerance="tight")


# --------------------------------------------------------------------------------------------
# Parameters


@pytest.mark.parametrize("name,bad,fragment", [
    ("renyi", -0.5, "alpha = -0.5, but must be in [0, inf]"),
    ("renyi", -INF, "alpha = -inf"),
    ("renyi", NAN, "alpha = nan"),
    ("skew_kl", -0.1, "alpha = -0.1, but must be in [0, 1]"),
    ("skew_kl", 1.5, "alpha = 1.5, but must be in [0, 1]"),
    ("skew_kl", NAN, "alpha = nan"),
    ("js", -0.1, "weight = -0.1, but must be in [0, 1]"),
    ("js", 1.0000001, "weight = 1.0000001"),
    ("js", NAN, "weight = nan"),
    ("js_distance", 2.0, "weight = 2, but must be in [0, 1]"),
    ("js_distance", -1e-300, "must be in [0, 1]"),
    ("tsallis", 0.0, "alpha = 0, but must be > 0"),
    ("tsallis", -1.0, "alpha = -1, but must be > 0"),
    ("tsallis", NAN, "alpha = nan"),
    ("tsallis", INF, "alpha = inf"),
    ("alpha_divergence", NAN, "alpha = nan, but must be finite"),
    ("alpha_divergence", INF, "alpha = inf, but must be finite"),
])
def test_bad_parameters(name, bad, fragment):
    raises(ValueError, name, lambda: getattr(kullback, name)(P, Q, bad), fragment)
    # By keyword too, and in a batch.
    keyword = "weight" if name.startswith("js") else "alpha"
    raises(ValueError, name, lambda: getattr(kullback, name)(np.tile(P, (3, 1)), Q, **{keyword: bad}), fragment)


@pytest.mark.parametrize("name", ["renyi", "tsallis", "alpha_divergence", "skew_kl"])
def test_required_parameter(name):
    with pytest.raises(TypeError):
        getattr(kullback, name)(P, Q)
    with pytest.raises(TypeError):
        getattr(kullback, name)(P, Q, "0.5")


# --------------------------------------------------------------------------------------------
# f_divergence


def test_f_divergence_bad_generators():
    f = "f_divergence"
    raises(ValueError, f, lambda: kullback.f_divergence(P, Q, "kullback"), 'f = "kullback"', "named generators",
           "reverse_kl", "alpha")
    raises(ValueError, f, lambda: kullback.f_divergence(P, Q, ""), 'f = ""')
    raises(ValueError, f, lambda: kullback.f_divergence(P, Q, "alpha"), 'f="alpha" needs alpha=')
    raises(ValueError, f, lambda: kullback.f_divergence(P, Q, "kl", alpha=0.5), 'alpha applies to f="alpha" only')
    raises(ValueError, f, lambda: kullback.f_divergence(P, Q, lambda u: u, alpha=0.5), "alpha applies")
    raises(ValueError, f, lambda: kullback.f_divergence(P, Q, "tv", slope_at_infinity=0.5),
           "slope_at_infinity applies to a callable f only")
    raises(TypeError, f, lambda: kullback.f_divergence(P, Q, 3), "generator name or a callable")
    raises(TypeError, f, lambda: kullback.f_divergence(P, Q, None), "generator name or a callable")
    with pytest.raises(TypeError):
        kullback.f_divergence(P, Q)  # f missing


class Boom(Exception):
    pass


@pytest.mark.parametrize("threads", [1, 2])
def test_f_divergence_callable_that_raises(threads):
    """The callable's own exception reaches the caller, also from the library's worker threads."""
    def f(u):
        if u > 1.5:
            raise Boom(f"no value at {u}")
        return (u - 1) ** 2

    p = np.random.default_rng(1).dirichlet(np.ones(1000), size=50)
    q = np.random.default_rng(2).dirichlet(np.ones(1000), size=50)
    try:
        kullback.set_num_threads(threads)
        with pytest.raises(Boom, match="no value at"):
            kullback.f_divergence(p, q, f)
        with pytest.raises(ZeroDivisionError):
            kullback.f_divergence(P, Q, lambda u: 1 / 0)
        with pytest.raises(KeyboardInterrupt):  # not only Exception subclasses
            kullback.f_divergence(P, Q, _interrupt)
    finally:
        kullback.set_num_threads(0)
    assert kullback.f_divergence(P, Q, lambda u: (u - 1) ** 2) == pytest.approx(kullback.chi2(P, Q), rel=1e-12)


def _interrupt(u):
    raise KeyboardInterrupt


@pytest.mark.parametrize("value,exc,fragment", [
    ("x", TypeError, "returned str, but must return a real number"),
    (None, TypeError, "returned NoneType"),
    ([1.0], TypeError, "returned list"),
    (1j, TypeError, "returned complex"),
    (NAN, ValueError, "returned nan"),
])
def test_f_divergence_callable_returning_a_non_number(value, exc, fragment):
    raises(exc, "f_divergence", lambda: kullback.f_divergence(P, Q, lambda u: value), fragment)


def test_f_divergence_callable_returning_numpy_and_int_values():
    # NumPy scalars and ints are numbers.
    assert kullback.f_divergence(P, Q, lambda u: np.float32(0.0)) == 0.0
    assert kullback.f_divergence(P, Q, lambda u: 0) == 0.0


# --------------------------------------------------------------------------------------------
# Threads


def test_set_num_threads_negative():
    before = kullback.num_threads()
    raises(ValueError, "set_num_threads", lambda: kullback.set_num_threads(-1), "threads = -1", ">= 0")
    assert kullback.num_threads() == before
    with pytest.raises(TypeError):
        kullback.set_num_threads("2")
    with pytest.raises(TypeError):
        kullback.set_num_threads(1.5)


def test_masked_arrays_are_refused():
    # np.asarray would drop the mask and count the masked entries: refuse instead.
    masked = np.ma.masked_array(P, mask=[False, True, False, False])
    raises(TypeError, "kl", lambda: kullback.kl(masked, Q), "p is a masked array")
    raises(TypeError, "kl", lambda: kullback.kl(P, masked), "q is a masked array")
    raises(TypeError, "entropy", lambda: kullback.entropy(masked), "masked array")
    # Other ndarray subclasses are read as arrays.
    class Tagged(np.ndarray):
        pass

    assert kullback.kl(P.view(Tagged), Q) == kullback.kl(P, Q)
