"""NumPy semantics of the Python module: batches, broadcasting, axis, keepdims, dtypes, layouts.

Values are checked against textbook NumPy formulas (relative 1e-12) computed on the broadcast
arrays; layout tests (Fortran order, strided, reversed, transposed, row-padded, unaligned,
byte-swapped, read-only, broadcast views) require results bitwise equal (==) to the same numbers
in a C-contiguous copy, and thread tests results bitwise equal for 1 and 2 threads. Also: result
types (Python float for one pair, float64 ndarray for a batch), empty batches, a 10^7-element
vector against a chunked NumPy reference, and that no input array is modified.

    PYTHONPATH=build/python /usr/bin/python3 -m pytest -q tests/python/test_arrays.py
"""

import math

import numpy as np
import pytest

import kullback
from large_inputs import chunked, large_probability_pair

RTOL = 1e-12
V = 24


def dirichlet(seed, shape):
    """Random probability vectors of the given shape, distributions along the last axis."""
    rng = np.random.default_rng(seed)
    return rng.dirichlet(np.ones(shape[-1]), size=shape[:-1]) if len(shape) > 1 else rng.dirichlet(np.ones(shape[0]))


# --------------------------------------------------------------------------------------------
# References along any axis (natural log), in the termwise forms of the headers (e.g. KL =
# sum p log(p/q) - p + q): equal to the textbook sums on the simplex, and the definition for rows
# that are off 1 by rounding, as float32 rows read in double are (by ~1e-8).


def ref(name, p, q=None, param=None, axis=-1):
    p = np.moveaxis(np.asarray(p, dtype=np.float64), axis, -1)
    if q is not None:
        q = np.moveaxis(np.asarray(q, dtype=np.float64), axis, -1)
        p, q = np.broadcast_arrays(p, q)
    with np.errstate(divide="ignore", invalid="ignore"):
        if name == "entropy":
            return -np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0), axis=-1)
        if name == "kl":
            return np.sum(np.where(p > 0, p * np.log(p / q) - p + q, q), axis=-1)
        if name == "js":
            m = 0.5 * (p + q)
            return 0.5 * (ref("kl", p, m) + ref("kl", q, m))
        if name == "chi2":
            return np.sum((p - q) ** 2 / q, axis=-1)
        if name == "alpha_divergence":
            a = param
            return np.sum(p**a * q ** (1 - a) - q - a * (p - q), axis=-1) / (a * (a - 1))
        if name == "skew_kl":
            return ref("kl", p, param * p + (1 - param) * q)
        if name == "tv":
            return 0.5 * np.sum(np.abs(p - q), axis=-1)
        if name == "renyi":
            a = param
            return np.log1p(np.sum(p**a * q ** (1 - a) - q - a * (p - q), axis=-1)) / (a - 1)
    raise KeyError(name)


CASES = [("entropy", None), ("kl", None), ("js", None), ("tv", None), ("renyi", 0.5)]


def call(name, p, q=None, param=None, **kw):
    fn = getattr(kullback, name)
    if name == "entropy":
        return fn(p, **kw)
    return fn(p, q, **kw) if param is None else fn(p, q, param, **kw)


def close(got, want, rtol=RTOL):
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape, (got.shape, want.shape)
    np.testing.assert_allclose(got, want, rtol=rtol, atol=0)


def same(got, want, what=""):
    """Bitwise equality of results (type, shape and every value)."""
    assert type(got) is type(want), what
    if isinstance(got, np.ndarray):
        assert got.dtype == want.dtype == np.float64 and got.shape == want.shape, what
    assert np.array_equal(got, want), (what, got, want)


# --------------------------------------------------------------------------------------------
# Batches and broadcasting


@pytest.mark.parametrize("shape", [(V,), (1, V), (5, V), (2, 3, V), (2, 1, 3, V), (1, 1, 1, V)])
@pytest.mark.parametrize("name,param", CASES)
def test_any_leading_shape(name, param, shape):
    p = dirichlet(1, shape)
    q = dirichlet(2, shape)
    got = call(name, p, q, param)
    want = ref(name, p, q, param)
    if len(shape) == 1:
        assert type(got) is float
    else:
        assert isinstance(got, np.ndarray) and got.dtype == np.float64 and got.shape == shape[:-1]
    close(got, want)


BROADCASTS = [
    ((V,), (5, V)),  # one p against a batch of q
    ((5, V), (V,)),
    ((5, V), (1, V)),
    ((1, V), (5, V)),
    ((3, 1, V), (1, 4, V)),  # both sides broadcast
    ((3, 4, V), (4, V)),
    ((V,), (2, 3, V)),
    ((2, 1, 1, V), (3, 1, V)),
]


@pytest.mark.parametrize("ps,qs", BROADCASTS, ids=str)
@pytest.mark.parametrize("name,param", [c for c in CASES if c[0] != "entropy"])
def test_broadcasting(name, param, ps, qs):
    p, q = dirichlet(3, ps), dirichlet(4, qs)
    got = call(name, p, q, param)
    assert got.shape == np.broadcast_shapes(ps, qs)[:-1]
    close(got, ref(name, p, q, param))


@pytest.mark.parametrize("shape,axis", [((V, 5), 0), ((V, 5), -2), ((5, V), 1), ((5, V), -1),
                                        ((3, V, 4), 1), ((3, V, 4), -2), ((V, 2, 3), 0), ((2, 3, V), 2)])
@pytest.mark.parametrize("name,param", CASES)
def test_axis(name, param, shape, axis):
    moved = list(shape)
    n = moved.pop(axis)
    p = np.moveaxis(dirichlet(5, tuple(moved) + (n,)), -1, axis)
    q = np.moveaxis(dirichlet(6, tuple(moved) + (n,)), -1, axis)
    got = call(name, p, q, param, axis=axis)
    assert got.shape == tuple(moved)
    close(got, ref(name, p, q, param, axis=axis))


def test_axis_with_broadcasting():
    p = np.moveaxis(dirichlet(7, (3, 1, V)), -1, 1)  # (3, V, 1)
    q = np.moveaxis(dirichlet(8, (4, V)), -1, 0)  # (V, 4)
    got = kullback.kl(p, q, axis=1)
    assert got.shape == (3, 4)
    close(got, ref("kl", p, np.broadcast_to(q, (3, V, 4)), axis=1))
    # p 1-D, aligned at the right as (1, V), against the (V, 4) q along axis 0: (V, 1) is what
    # broadcasts, so the 1-D p must be given as a column.
    p0 = dirichlet(10, (V,))
    close(kullback.kl(p0[:, None], q, axis=0), ref("kl", p0[:, None], q, axis=0))


@pytest.mark.parametrize("shape,axis,kept", [((V,), -1, (1,)), ((5, V), -1, (5, 1)), ((5, V), 1, (5, 1)),
                                             ((V, 5), 0, (1, 5)), ((3, V, 4), 1, (3, 1, 4)),
                                             ((2, 3, V), -1, (2, 3, 1))])
def test_keepdims(shape, axis, kept):
    moved = list(shape)
    n = moved.pop(axis)
    p = np.moveaxis(dirichlet(11, tuple(moved) + (n,)), -1, axis)
    q = np.moveaxis(dirichlet(12, tuple(moved) + (n,)), -1, axis)
    got = kullback.kl(p, q, axis=axis, keepdims=True)
    assert isinstance(got, np.ndarray) and got.shape == kept
    close(got, np.expand_dims(ref("kl", p, q, axis=axis), axis))
    # NumPy's own keepdims gives the same shape.
    assert np.sum(p, axis=axis, keepdims=True).shape == kept
    h = kullback.entropy(p, axis=axis, keepdims=True)
    assert h.shape == kept
    close(h, np.expand_dims(ref("entropy", p, axis=axis), axis))


def test_result_types():
    p, q = dirichlet(13, (V,)), dirichlet(14, (V,))
    for name, param in CASES:
        assert type(call(name, p, q, param)) is float
        assert type(call(name, p.tolist(), q.tolist(), param)) is float
        r = call(name, p[None], q, param)
        assert isinstance(r, np.ndarray) and r.dtype == np.float64 and r.shape == (1,)
    assert type(kullback.f_divergence(p, q, "kl")) is float
    assert kullback.f_divergence(p[None], q, "kl").shape == (1,)


@pytest.mark.parametrize("ps,qs,out", [((0, V), (0, V), (0,)), ((0, V), (V,), (0,)), ((V,), (0, V), (0,)),
                                       ((2, 0, V), (2, 0, V), (2, 0)), ((0, V), (1, V), (0,)),
                                       ((3, 0, V), (1, V), (3, 0))])
def test_empty_batch(ps, qs, out):
    p = np.full(ps, 1.0 / V)
    q = np.full(qs, 1.0 / V)
    for name, param in CASES:
        got = call(name, p, q, param)
        if name == "entropy" and len(ps) == 1:
            assert type(got) is float
            continue
        assert isinstance(got, np.ndarray) and got.dtype == np.float64
        assert got.shape == (ps[:-1] if name == "entropy" else out)
    assert kullback.kl(p, q, keepdims=True).shape == out + (1,)
    assert kullback.f_divergence(p, q, lambda u: 1 / 0).shape == out  # f is never called


# --------------------------------------------------------------------------------------------
# dtypes and array-likes


def test_float32():
    p = dirichlet(15, (4, V)).astype(np.float32)
    q = dirichlet(16, (4, V)).astype(np.float32)
    for name, param in CASES:
        got = call(name, p, q, param)
        assert got.dtype == np.float64
        # The float32 values, exactly as stored, are the reference's input.
        close(got, ref(name, p.astype(np.float64), q.astype(np.float64), param), rtol=1e-12)


def test_float32_single_pair_and_sum_tolerance():
    # A float32 softmax over 32000 entries is off 1 by far more than 1e-9 and must pass.
    rng = np.random.default_rng(17)
    logits = rng.normal(size=32000).astype(np.float32)
    p = np.exp(logits - logits.max())
    p = (p / p.sum()).astype(np.float32)
    assert abs(float(np.sum(p, dtype=np.float64)) - 1) > 1e-9
    h = kullback.entropy(p)
    assert type(h) is float
    close(h, ref("entropy", p.astype(np.float64)), rtol=1e-12)


def test_mixed_float32_float64():
    p = dirichlet(18, (3, V))
    q32 = dirichlet(19, (3, V)).astype(np.float32)
    # Mixed arguments are both taken as float64: the float32 values, exactly, against the float64 p.
    # The float32 rows are off 1 by ~1e-8 in double, beyond float64's default tolerance (1e-9), but
    # the default tolerance follows the coarsest dtype the caller gave, as for kl(q32, q32).
    got = kullback.kl(p, q32)
    close(got, ref("kl", p, q32.astype(np.float64)))
    same(got, kullback.kl(p, q32.astype(np.float64), tolerance=1e-6))
    same(kullback.kl(q32, p), kullback.kl(q32.astype(np.float64), p, tolerance=1e-6))
    # Given explicitly, the tolerance is the caller's.
    with pytest.raises(ValueError, match="within tolerance"):
        kullback.kl(p, q32 * np.float32(1 + 1e-7), tolerance=1e-9)


def test_float16_keeps_its_own_tolerance():
    # float16 rows normalised in float16 are off 1 by up to n * 2^-10 once read as float64.
    p = (dirichlet(22, (50,))).astype(np.float16)
    q = (dirichlet(23, (50,))).astype(np.float16)
    assert abs(float(p.astype(np.float64).sum()) - 1) > 1e-8  # beyond float64's default 1e-9
    close(kullback.kl(p, q), ref("kl", p.astype(np.float64), q.astype(np.float64)))


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint64])
def test_integer_counts(dtype):
    rng = np.random.default_rng(20)
    c = rng.integers(0, 100, size=(3, V)).astype(dtype)
    d = rng.integers(1, 100, size=(3, V)).astype(dtype)
    pc = c / c.sum(axis=1, keepdims=True)
    pd = d / d.sum(axis=1, keepdims=True)
    close(kullback.kl(c, d, input="counts"), ref("kl", pc, pd))
    s = 0.5
    close(kullback.kl(c, d, input="counts", smoothing=s),
          ref("kl", (c + s) / (c + s).sum(1, keepdims=True), (d + s) / (d + s).sum(1, keepdims=True)))
    close(kullback.entropy(c.tolist(), input="counts"), ref("entropy", pc))


def test_integer_and_bool_probabilities():
    q = dirichlet(21, (V,))
    onehot = np.zeros(V, dtype=np.int64)
    onehot[3] = 1
    close(kullback.kl(onehot, q), -math.log(q[3]))
    close(kullback.kl(onehot.astype(bool), q), -math.log(q[3]))
    close(kullback.cross_entropy(onehot.astype(np.uint8), q), -math.log(q[3]))
    assert kullback.entropy(onehot.astype(bool)) == 0.0
    assert kullback.entropy([0, 1, 0]) == 0.0
    close(kullback.entropy([True, True], normalize=True), math.log(2))


def test_other_float_dtypes_are_converted():
    p = np.array([0.25, 0.25, 0.5])
    q = np.array([0.5, 0.25, 0.25])
    want = ref("kl", p, q)
    close(kullback.kl(p.astype(np.float16), q.astype(np.float16)), want)  # exact in float16
    close(kullback.kl(p.astype(np.longdouble), q.astype(np.longdouble)), want)


def test_python_lists_and_tuples():
    p = [[0.1, 0.2, 0.7], [0.3, 0.3, 0.4]]
    q = (0.2, 0.2, 0.6)
    close(kullback.kl(p, q), ref("kl", np.array(p), np.array(q)))
    close(kullback.kl(p[0], list(q)), ref("kl", np.array(p[0]), np.array(q)))
    close(kullback.js([1, 0], [0, 1]), math.log(2), rtol=1e-15)


# --------------------------------------------------------------------------------------------
# Memory layouts: every layout gives the bits of the C-contiguous copy


def layouts(x, seed):
    """(name, array holding the same numbers as x (2-D, distributions along the last axis), axis)."""
    rows, n = x.shape
    out = [("C", np.ascontiguousarray(x), -1), ("F", np.asfortranarray(x), -1), ("transposed", x.T, 0)]
    # Every second column of a wider array; the other columns hold NaN, which must never be read.
    wide = np.full((rows, 2 * n), np.nan, dtype=x.dtype)
    wide[:, ::2] = x
    out.append(("strided_columns", wide[:, ::2], -1))
    # Every second row.
    tall = np.full((2 * rows, n), np.nan, dtype=x.dtype)
    tall[::2] = x
    out.append(("strided_rows", tall[::2], -1))
    # Reversed rows and reversed distributions.
    out.append(("reversed_rows", np.ascontiguousarray(x[::-1])[::-1], -1))
    out.append(("reversed_columns", np.ascontiguousarray(x[:, ::-1])[:, ::-1], -1))
    # Row-padded: the first n columns of a wider matrix.
    padded = np.full((rows, n + 7), np.nan, dtype=x.dtype)
    padded[:, :n] = x
    out.append(("row_padded", padded[:, :n], -1))
    # A row-padded 3-D view whose batch axes still collapse, and one whose do not.
    big = np.full((2, rows, n + 3), np.nan, dtype=x.dtype)
    big[1, :, :n] = x
    out.append(("padded_3d", big[1:, :, :n], -1))  # shape (1, rows, n)
    grid = np.full((rows, 3, n), np.nan, dtype=x.dtype)
    grid[:, 1, :] = x
    out.append(("middle_of_3d", grid[:, 1, :], -1))
    # Distributions along axis 0 in a Fortran array, and along axis 1 of a 3-D array.
    out.append(("axis0_fortran", np.asfortranarray(x.T), 0))
    out.append(("axis1_3d", np.ascontiguousarray(x.T)[None], 1))  # shape (1, n, rows)
    # Unaligned: float64 data starting at an odd byte address.
    raw = np.zeros(x.nbytes + 1, dtype=np.uint8)
    unaligned = raw[1:].view(x.dtype).reshape(x.shape)
    unaligned[...] = x
    assert not unaligned.flags.aligned
    out.append(("unaligned", unaligned, -1))
    # Byte-swapped (big-endian on this machine), read-only.
    out.append(("byteswapped", x.astype(x.dtype.newbyteorder()), -1))
    ro = x.copy()
    ro.flags.writeable = False
    out.append(("read_only", ro, -1))
    return out


def keep_shape(name, r, rows):
    """Results of the 3-D layouts come back with a leading axis of length 1."""
    return np.asarray(r).reshape(rows) if name in ("padded_3d", "axis1_3d") else r


LAYOUT_MEASURES = CASES + [("chi2", None), ("alpha_divergence", 2.0), ("skew_kl", 0.25)]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name,param", LAYOUT_MEASURES)
def test_layouts_give_identical_bits(name, param, dtype):
    p = dirichlet(30, (6, V)).astype(dtype)
    q = dirichlet(31, (6, V)).astype(dtype)
    want = call(name, p.copy(), q.copy(), param)
    for (lname, pl, axis), (_, ql, _) in zip(layouts(p, 1), layouts(q, 2)):
        got = keep_shape(lname, call(name, pl, ql, param, axis=axis), 6)
        same(got, want, lname)
        # Each layout against a contiguous other argument, both ways round.
        if axis == -1 and pl.ndim == 2:
            same(call(name, pl, q, param), want, lname + " / C")
            same(call(name, p, ql, param), want, "C / " + lname)
    close(want, ref(name, p, q, param))


def test_layouts_of_broadcast_arguments():
    p = dirichlet(32, (5, V))
    q = dirichlet(33, (V,))
    want = kullback.kl(p, np.ascontiguousarray(np.broadcast_to(q, (5, V))))
    same(kullback.kl(p, q), want)
    same(kullback.kl(p, q[None]), want)
    same(kullback.kl(p, np.broadcast_to(q, (5, V))), want)  # row stride 0
    wide = np.full(2 * V, np.nan)
    wide[::2] = q
    same(kullback.kl(p, wide[::2]), want)
    same(kullback.kl(p[::-1], q)[::-1], want)
    same(kullback.kl(np.asfortranarray(p), q[::-1][::-1]), want)


@pytest.mark.parametrize("form", ["logits", "log_probs", "counts"])
def test_layouts_in_every_input_form(form):
    rng = np.random.default_rng(34)
    if form == "counts":
        a, b = rng.integers(0, 9, (6, V)).astype(float), rng.integers(1, 9, (6, V)).astype(float)
    elif form == "logits":
        a, b = rng.normal(size=(6, V)), rng.normal(size=(6, V))
        a[:, 3] = -np.inf
    else:
        a, b = np.log(dirichlet(35, (6, V))), np.log(dirichlet(36, (6, V)))
    want = kullback.js(a, b, input=form)
    for (lname, al, axis), (_, bl, _) in zip(layouts(a, 1), layouts(b, 2)):
        same(keep_shape(lname, kullback.js(al, bl, input=form, axis=axis), 6), want, lname)


# --------------------------------------------------------------------------------------------
# Large inputs and threads


@pytest.fixture(scope="module")
def huge():
    return large_probability_pair()


def test_huge_vector(huge):
    p, q = huge
    close(kullback.kl(p, q), chunked(lambda p, q: p * np.log(p / q), p, q))
    close(kullback.entropy(p), -chunked(lambda p: p * np.log(p), p))
    close(kullback.tv(p, q), 0.5 * chunked(lambda p, q: np.abs(p - q), p, q))
    close(kullback.js_distance(p, q), math.sqrt(0.5 * chunked(
        lambda p, q: p * np.log(2 * p / (p + q)) + q * np.log(2 * q / (p + q)), p, q)))
    # float32 storage: the default tolerance n * eps(float32) takes the rounded vector.
    p32 = p.astype(np.float32)
    close(kullback.entropy(p32), -chunked(lambda p: p * np.log(p), p32.astype(np.float64)))


@pytest.fixture
def restore_threads():
    yield
    kullback.set_num_threads(0)


def test_threads_give_identical_bits(huge, restore_threads):
    p, q = huge
    p6, q6 = p[: 10**6] / math.fsum(p[: 10**6]), q[: 10**6] / math.fsum(q[: 10**6])
    batch_p = dirichlet(41, (3000, 300))
    batch_q = dirichlet(42, (3000, 300))
    logits = np.random.default_rng(43).normal(size=(200, 5000))

    def results():
        return [
            kullback.kl(p, q), kullback.entropy(p), kullback.js(p6, q6), kullback.renyi(p6, q6, 0.5),
            kullback.hellinger(p6, q6), kullback.kl(batch_p, batch_q), kullback.js(batch_p, batch_q[0]),
            kullback.tsallis(batch_p, batch_q, 2.0), kullback.kl(logits, logits[::-1], input="logits"),
            kullback.f_divergence(batch_p, batch_q, "jeffreys"), kullback.cauchy_schwarz(p6, q6),
        ]

    kullback.set_num_threads(1)
    assert kullback.num_threads() == 1
    one = results()
    kullback.set_num_threads(2)
    assert kullback.num_threads() == 2
    two = results()
    for a, b in zip(one, two):
        same(a, b)


def test_python_callable_under_threads(restore_threads):
    """A Python f is called from the library's worker threads (each call takes the GIL)."""
    p = dirichlet(44, (40, 1000))
    q = dirichlet(45, (40, 1000))
    f = lambda u: (u - 1.0) ** 2  # noqa: E731
    kullback.set_num_threads(2)
    two = kullback.f_divergence(p, q, f)
    kullback.set_num_threads(1)
    same(kullback.f_divergence(p, q, f), two)
    close(two, np.sum((p - q) ** 2 / q, axis=1))


# --------------------------------------------------------------------------------------------
# Inputs are never modified


def test_inputs_are_not_modified():
    rng = np.random.default_rng(50)
    p = dirichlet(51, (4, V))
    q = dirichlet(52, (4, V))
    raw = rng.random((4, V)) * 5  # unnormalised
    logits = rng.normal(size=(4, V))
    counts = rng.integers(0, 9, (4, V))
    f32 = p.astype(np.float32)
    args = [p, q, raw, logits, counts, f32]
    before = [a.copy() for a in args]
    kullback.kl(raw, q, normalize=True)
    kullback.kl(raw.T, q.T, normalize=True, axis=0)
    kullback.entropy(raw[:, ::2], normalize=True)
    kullback.kl(logits, logits[::-1], input="logits")
    kullback.kl(logits, logits, input="log_probs", normalize=True)
    kullback.js(counts, counts[::-1], input="counts", smoothing=1.0)
    kullback.kl(f32, q, tolerance=1e-6)
    kullback.f_divergence(p, q, lambda u: abs(u - 1))
    for name, param in LAYOUT_MEASURES:
        call(name, p, q, param)
        call(name, np.asfortranarray(p), q[::-1], param)
    for a, b in zip(args, before):
        assert a.dtype == b.dtype and np.array_equal(a, b)
