"""Values of every measure of the Python module against independent references.

On ordinary, well-conditioned inputs (random Dirichlet vectors, with and without zero entries)
every measure must agree to a relative 1e-12 with
  - textbook NumPy formulas written below from the definitions in include/kullback/discrete/*.hpp
    (natural log, rows summed with math.fsum),
  - scipy (special.rel_entr, stats.entropy, spatial.distance.jensenshannon, special.softmax),
  - torch in float64 (nn.functional.kl_div, log_softmax, cross_entropy with soft targets),
in every input form (probs, log_probs, logits with -inf masks, counts with smoothing), in base 2
and 10, with normalize=True, and must satisfy the defining properties (D(p, p) = 0,
non-negativity, symmetry where it holds, the bounds of tv, hellinger and js).
The hard cases (nearly equal inputs, 300 decades, ...) are in test_accuracy_tables.py.

    PYTHONPATH=build/python /usr/bin/python3 -m pytest -q tests/python/test_values.py
"""

import math

import numpy as np
import pytest

import kullback

special = pytest.importorskip("scipy.special")
stats = pytest.importorskip("scipy.stats")
distance = pytest.importorskip("scipy.spatial.distance")

RTOL = 1e-12
INF = math.inf
LN2, LN10 = math.log(2), math.log(10)


# --------------------------------------------------------------------------------------------
# Data


def dirichlet(seed, rows, n):
    """rows x n random probability vectors, every entry > 0."""
    return np.random.default_rng(seed).dirichlet(np.ones(n), size=rows)


def with_zeros(seed, rows, n, fraction=0.3):
    """rows x n probability vectors with about `fraction` of the entries exactly 0."""
    rng = np.random.default_rng(seed)
    x = rng.dirichlet(np.ones(n), size=rows)
    x[rng.random(x.shape) < fraction] = 0.0
    x[:, 0] += (x.sum(axis=1) == 0)  # never an all-zero row
    return x / x.sum(axis=1, keepdims=True)


P = dirichlet(1, 6, 40)
Q = dirichlet(2, 6, 40)


# --------------------------------------------------------------------------------------------
# Textbook references (natural log), on rows of 2-D arrays. Terms follow the conventions of the
# headers: 0 log 0 = 0, a term with p_i = q_i = 0 is 0, p_i > 0 = q_i gives +inf where the
# definition does.


def rowsum(t):
    return np.array([math.fsum(r) for r in np.atleast_2d(t)])


def terms(fn, p, q):
    """fn(p, q) elementwise, with the terms where p = q = 0 set to 0."""
    p, q = np.broadcast_arrays(np.atleast_2d(p), np.atleast_2d(q))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        t = fn(p, q)
    return np.where((p == 0) & (q == 0), 0.0, t)


def rel(p, q):
    """p log(p/q): 0 where p = 0, +inf where q = 0 < p."""
    def fn(p, q):
        return np.where(p == 0, 0.0, np.where(q == 0, INF, p * np.log(p / q)))
    return terms(fn, p, q)


def s_alpha(p, q, a):
    return rowsum(terms(lambda p, q: p**a * q ** (1 - a), p, q))


def ref_kl(p, q):
    return rowsum(rel(p, q))


def ref_js(p, q, w):
    m = w * np.asarray(p) + (1 - w) * np.asarray(q)
    a = w * rowsum(rel(p, m)) if w > 0 else 0.0
    b = (1 - w) * rowsum(rel(q, m)) if w < 1 else 0.0
    return a + b


def ref_renyi(p, q, a):
    if a == 0:
        return -np.log(rowsum(terms(lambda p, q: np.where(p > 0, q, 0.0), p, q)))
    if a == 1:
        return ref_kl(p, q)
    if math.isinf(a):
        return np.log(np.max(terms(lambda p, q: np.where(p > 0, p / q, 0.0), p, q), axis=-1))
    return np.log(s_alpha(p, q, a)) / (a - 1)


def ref_tsallis(p, q, a):
    return ref_kl(p, q) if a == 1 else (s_alpha(p, q, a) - 1) / (a - 1)


def ref_alpha(p, q, a):
    if a == 0:
        return ref_kl(q, p)
    if a == 1:
        return ref_kl(p, q)
    return (1 - s_alpha(p, q, a)) / (a * (1 - a))


def ref_hellinger_sq(p, q):
    return 0.5 * rowsum(terms(lambda p, q: (np.sqrt(p) - np.sqrt(q)) ** 2, p, q))


REFERENCES = {
    "entropy": lambda p, q, a: -rowsum(terms(lambda p, q: np.where(p > 0, p * np.log(p), 0.0), p, p)),
    "cross_entropy": lambda p, q, a: -rowsum(terms(lambda p, q: np.where(p > 0, p * np.log(q), 0.0), p, q)),
    "kl": lambda p, q, a: ref_kl(p, q),
    "jeffreys": lambda p, q, a: rowsum(rel(p, q) + rel(q, p)),
    "js": lambda p, q, w: ref_js(p, q, w),
    "js_distance": lambda p, q, w: np.sqrt(ref_js(p, q, w)),
    "skew_kl": lambda p, q, a: ref_kl(p, a * np.asarray(p) + (1 - a) * np.asarray(q)),
    "tv": lambda p, q, a: 0.5 * rowsum(terms(lambda p, q: np.abs(p - q), p, q)),
    "hellinger": lambda p, q, a: np.sqrt(ref_hellinger_sq(p, q)),
    "bhattacharyya": lambda p, q, a: -np.log(rowsum(terms(lambda p, q: np.sqrt(p * q), p, q))),
    "chi2": lambda p, q, a: rowsum(terms(lambda p, q: (p - q) ** 2 / q, p, q)),
    "neyman_chi2": lambda p, q, a: rowsum(terms(lambda p, q: (p - q) ** 2 / p, p, q)),
    "cauchy_schwarz": lambda p, q, a: -np.log(
        rowsum(terms(lambda p, q: p * q, p, q)) / np.sqrt(rowsum(np.square(p)) * rowsum(np.square(q)))),
    "renyi": ref_renyi,
    "tsallis": ref_tsallis,
    "alpha_divergence": ref_alpha,
}

# (measure, parameter): every measure, the parametrised ones at several values incl. the limits.
MEASURES = [
    ("entropy", None), ("cross_entropy", None), ("kl", None), ("jeffreys", None),
    ("js", 0.5), ("js", 0.2), ("js", 0.0), ("js", 1.0), ("js_distance", 0.5), ("js_distance", 0.9),
    ("skew_kl", 0.0), ("skew_kl", 0.3), ("skew_kl", 1.0),
    ("tv", None), ("hellinger", None), ("bhattacharyya", None), ("chi2", None), ("neyman_chi2", None),
    ("cauchy_schwarz", None),
    ("renyi", 0.0), ("renyi", 0.5), ("renyi", 1.0), ("renyi", 2.0), ("renyi", 3.5), ("renyi", INF),
    ("tsallis", 0.5), ("tsallis", 1.0), ("tsallis", 2.5),
    ("alpha_divergence", -0.5), ("alpha_divergence", 0.0), ("alpha_divergence", 0.5),
    ("alpha_divergence", 1.0), ("alpha_divergence", 2.0), ("alpha_divergence", 3.0),
]
# Measures that take a logarithm (accept base=2 and 10).
LOG_MEASURES = {"entropy", "cross_entropy", "kl", "jeffreys", "js", "js_distance", "skew_kl", "renyi",
                "bhattacharyya", "cauchy_schwarz"}
# Divergences: D(p, p) = 0 and D >= 0.
DIVERGENCES = [m for m in MEASURES if m[0] not in ("entropy", "cross_entropy")]


def mid(m):
    return m[0] if m[1] is None else f"{m[0]}({m[1]})"


def call(name, p, q, param=None, **kw):
    fn = getattr(kullback, name)
    if name == "entropy":
        return fn(p, **kw)
    return fn(p, q, **kw) if param is None else fn(p, q, param, **kw)


def reference(name, p, q, param=None):
    return REFERENCES[name](p, p if name == "entropy" else q, param)


def close(got, want, rtol=RTOL):
    """Relative agreement; +inf must be matched exactly (assert_allclose checks inf positions)."""
    got = np.asarray(got, dtype=float)
    want = np.asarray(want, dtype=float)
    assert got.shape == want.shape, (got.shape, want.shape)
    assert not np.isnan(want).any(), "the reference itself is NaN"
    np.testing.assert_allclose(got, want, rtol=rtol, atol=0)


# --------------------------------------------------------------------------------------------
# Every measure against the textbook formulas


@pytest.mark.parametrize("m", MEASURES, ids=mid)
def test_batch_matches_textbook_formula(m):
    name, param = m
    if (name, param) == ("renyi", 0.0):
        # On strictly positive p, renyi(0) = -log sum q is 0 up to rounding: use p with zeros.
        p, q = with_zeros(3, 6, 40), Q
    else:
        p, q = P, Q
    got = call(name, p, q, param)
    assert isinstance(got, np.ndarray) and got.dtype == np.float64 and got.shape == (6,)
    close(got, reference(name, p, q, param))


@pytest.mark.parametrize("m", MEASURES, ids=mid)
def test_single_pair_matches_textbook_formula(m):
    name, param = m
    p, q = np.array([0.1, 0.4, 0.5]), np.array([0.8, 0.15, 0.05])
    if (name, param) == ("renyi", 0.0):
        p = np.array([0.0, 0.4, 0.6])
    got = call(name, p, q, param)
    assert type(got) is float
    close(got, reference(name, p, q, param)[0])


@pytest.mark.parametrize("zeros", ["p", "q", "both"])
@pytest.mark.parametrize("m", MEASURES, ids=mid)
def test_zero_entries_follow_the_conventions(m, zeros):
    """Zeros in p, in q, or in both (shared and not): +inf exactly where the definition says."""
    name, param = m
    p = with_zeros(10, 8, 30) if zeros in ("p", "both") else dirichlet(10, 8, 30)
    q = with_zeros(11, 8, 30) if zeros in ("q", "both") else dirichlet(11, 8, 30)
    want = reference(name, p, q, param)
    if (name, param) == ("renyi", 0.0) and zeros == "q":
        # -log sum_{p_i > 0} q_i with every p_i > 0 is 0 up to the rounding of sum q.
        assert np.all(np.abs(call(name, p, q, param)) <= 1e-15)
        return
    close(call(name, p, q, param), want)


def test_zero_entries_give_inf_where_expected():
    """Hand-computed values at zeros, independent of the reference functions above."""
    p, q = np.array([0.5, 0.5, 0.0]), np.array([0.5, 0.0, 0.5])
    assert kullback.kl(p, q) == INF and kullback.kl(q, p) == INF
    assert kullback.chi2(p, q) == INF and kullback.neyman_chi2(p, q) == INF
    assert kullback.jeffreys(p, q) == INF and kullback.cross_entropy(p, q) == INF
    close(kullback.kl(p, [0.25, 0.5, 0.25]), 0.5 * math.log(2) + 0.5 * math.log(1.0))
    close(kullback.renyi(p, q, 0.0), -math.log(0.5))
    close(kullback.tv(p, q), 0.5)
    assert math.isfinite(kullback.js(p, q)) and math.isfinite(kullback.skew_kl(p, q, 0.5))
    assert kullback.alpha_divergence(p, q, 2.0) == INF and kullback.alpha_divergence(p, q, -0.5) == INF
    close(kullback.alpha_divergence(p, q, 0.5), (1 - 0.5) / 0.25)
    assert kullback.renyi(p, q, INF) == INF


# --------------------------------------------------------------------------------------------
# scipy and torch


def test_kl_vs_scipy_rel_entr_and_entropy():
    for p, q in zip(P, Q):
        close(kullback.kl(p, q), special.rel_entr(p, q).sum())
        close(kullback.kl(p, q), stats.entropy(p, q))
        close(kullback.kl(p, q, base=2), stats.entropy(p, q, base=2))
        close(kullback.kl(p, q, base=10), stats.entropy(p, q, base=10))
    close(kullback.kl(P, Q), special.rel_entr(P, Q).sum(axis=1))
    close(kullback.kl(P.T, Q.T, axis=0), stats.entropy(P.T, Q.T))  # scipy's axis is 0


def test_entropy_vs_scipy():
    for p in P:
        close(kullback.entropy(p), stats.entropy(p))
        close(kullback.entropy(p, base=2), stats.entropy(p, base=2))
        close(kullback.entropy(p, base=10), stats.entropy(p, base=10))
    close(kullback.entropy(P), stats.entropy(P, axis=1))
    z = with_zeros(5, 4, 25)
    close(kullback.entropy(z, base=2), stats.entropy(z, base=2, axis=1))
    # scipy normalises silently; kullback only when asked.
    raw = np.random.default_rng(6).random((3, 25)) * 7
    close(kullback.entropy(raw, normalize=True), stats.entropy(raw, axis=1))


def test_cross_entropy_vs_scipy():
    for p, q in zip(P, Q):
        close(kullback.cross_entropy(p, q), stats.entropy(p) + stats.entropy(p, q))


def test_js_distance_vs_scipy_jensenshannon():
    for p, q in zip(P, Q):
        close(kullback.js_distance(p, q), distance.jensenshannon(p, q))
        close(kullback.js_distance(p, q, base=2), distance.jensenshannon(p, q, base=2))
        close(kullback.js(p, q), distance.jensenshannon(p, q) ** 2)
    close(kullback.js_distance(P, Q), distance.jensenshannon(P, Q, axis=1))
    close(kullback.js_distance(P, Q, base=10), distance.jensenshannon(P, Q, axis=1, base=10))


@pytest.fixture(scope="module")
def torch():
    return pytest.importorskip("torch")


def test_kl_vs_torch_kl_div(torch):
    F = torch.nn.functional
    tp, tq = torch.from_numpy(P), torch.from_numpy(Q)
    assert tp.dtype == torch.float64
    close(kullback.kl(P[0], Q[0]), F.kl_div(tq[0].log(), tp[0], reduction="sum").item())
    # torch takes (input = log q, target = p): the other order.
    close(kullback.kl(P, Q), F.kl_div(tq.log(), tp, reduction="none").sum(-1).numpy())


def test_logits_vs_torch_log_softmax(torch):
    F = torch.nn.functional
    rng = np.random.default_rng(7)
    a, b = rng.normal(size=(5, 50)) * 3, rng.normal(size=(5, 50)) * 3
    la, lb = F.log_softmax(torch.from_numpy(a), -1), F.log_softmax(torch.from_numpy(b), -1)
    close(kullback.kl(a, b, input="logits"),
          F.kl_div(lb, la, reduction="none", log_target=True).sum(-1).numpy())
    close(kullback.kl(b, a, input="logits"),
          F.kl_div(la, lb, reduction="none", log_target=True).sum(-1).numpy())
    close(kullback.entropy(a, input="logits"), -(la.exp() * la).sum(-1).numpy())
    # cross-entropy with soft targets: torch's cross_entropy(logits of q, probabilities p).
    close(kullback.cross_entropy(a, b, input="logits"),
          F.cross_entropy(torch.from_numpy(b), la.exp(), reduction="none").numpy())
    close(kullback.kl(la.numpy(), lb.numpy(), input="log_probs"),
          F.kl_div(lb, la, reduction="none", log_target=True).sum(-1).numpy())


# --------------------------------------------------------------------------------------------
# Input forms


def softmax(a):
    return special.softmax(a, axis=-1)


def forms(seed):
    """(form, p-like, q-like, probabilities p, probabilities q, extra kwargs) for every input form."""
    rng = np.random.default_rng(seed)
    p, q = dirichlet(seed, 4, 30), dirichlet(seed + 1, 4, 30)
    a = rng.normal(size=(4, 30)) * 2
    b = a + rng.normal(size=(4, 30))
    # Masks: -inf at the same places in a and b (finite KL), plus p-only masks.
    am, bm = a.copy(), b.copy()
    shared = rng.random(a.shape) < 0.2
    am[shared] = -INF
    bm[shared] = -INF
    am[rng.random(a.shape) < 0.2] = -INF
    am[:, 0] = 0.0  # keep a finite entry per row
    bm[:, 0] = 0.0
    c = rng.integers(0, 20, size=(4, 30))
    c[c < 4] = 0  # zero counts
    d = rng.integers(0, 20, size=(4, 30))
    s = 0.5
    return [
        ("probs", p, q, p, q, {}),
        ("log_probs", np.log(p), np.log(q), p, q, {}),
        ("logits", a, b, softmax(a), softmax(b), {}),
        ("logits", am, bm, softmax(am), softmax(bm), {}),
        ("counts", c, d, (c + s) / (c + s).sum(1, keepdims=True), (d + s) / (d + s).sum(1, keepdims=True),
         {"smoothing": s}),
        ("counts", c + 0.0, d + 0.0, c / c.sum(1, keepdims=True), d / d.sum(1, keepdims=True), {}),
    ]


FORM_IDS = ["probs", "log_probs", "logits", "logits_masked", "counts_smoothed", "counts"]


@pytest.mark.parametrize("k", range(len(FORM_IDS)), ids=FORM_IDS)
@pytest.mark.parametrize("m", MEASURES, ids=mid)
def test_input_forms(m, k):
    name, param = m
    form, x, y, p, q, kw = forms(20)[k]
    want = reference(name, p, q, param)
    if (name, param) == ("renyi", 0.0) and not (p == 0).any():
        pytest.skip("renyi(0) of a p without zeros is 0 up to rounding")
    close(call(name, x, y, param, input=form, **kw), want)


def test_log_probs_with_minus_inf_are_exact_zeros():
    p = np.array([0.5, 0.0, 0.25, 0.25])
    q = np.array([0.25, 0.25, 0.25, 0.25])
    with np.errstate(divide="ignore"):
        lp, lq = np.log(p), np.log(q)
    assert lp[1] == -INF
    for name, param in MEASURES:
        close(call(name, lp, lq, param, input="log_probs"), reference(name, p, q, param)[0])


def test_logits_invariant_under_shift():
    """softmax(a + c) = softmax(a): the reference on the probabilities, for large shifts too."""
    rng = np.random.default_rng(21)
    a, b = rng.normal(size=30), rng.normal(size=30)
    want = ref_kl(softmax(a), softmax(b))[0]
    for c in (0.0, 700.0, -700.0, 1e6):
        close(kullback.kl(a + c, b - c, input="logits"), want, rtol=1e-12 if abs(c) < 1e3 else 1e-9)


# --------------------------------------------------------------------------------------------
# base and normalize


@pytest.mark.parametrize("base,ln", [(2, LN2), (10, LN10), (2.0, LN2), (math.e, 1.0), (None, 1.0)])
@pytest.mark.parametrize("m", [m for m in MEASURES if m[0] in LOG_MEASURES], ids=mid)
def test_log_base(m, base, ln):
    name, param = m
    p = with_zeros(3, 6, 40) if (name, param) == ("renyi", 0.0) else P
    want = reference(name, p, Q, param)
    want = np.sqrt(want**2 / ln) if name == "js_distance" else want / ln
    close(call(name, p, Q, param, base=base), want)


@pytest.mark.parametrize("m", MEASURES, ids=mid)
def test_normalize(m):
    name, param = m
    p = with_zeros(3, 6, 40) if (name, param) == ("renyi", 0.0) else P
    scale_p = np.array([[3.0], [0.5], [1e-3], [7.0], [1.0], [1e5]])
    scale_q = scale_p[::-1]
    # The scaled rows divided back by their sums are the reference's input up to rounding.
    close(call(name, p * scale_p, Q * scale_q, param, normalize=True), reference(name, p, Q, param), rtol=1e-12)


def test_normalize_log_probs_are_taken_as_logits():
    close(kullback.kl(np.log(P) + 1.5, np.log(Q) - 2.0, input="log_probs", normalize=True), ref_kl(P, Q))


# --------------------------------------------------------------------------------------------
# f_divergence: every named generator, and Python callables


def generator_reference(name, alpha=None):
    gens = {
        "kl": lambda u: u * np.log(u),
        "reverse_kl": lambda u: -np.log(u),
        "jeffreys": lambda u: (u - 1) * np.log(u),
        "js": lambda u: u / 2 * np.log(2 * u / (1 + u)) + 0.5 * np.log(2 / (1 + u)),
        "tv": lambda u: np.abs(u - 1) / 2,
        "squared_hellinger": lambda u: (np.sqrt(u) - 1) ** 2 / 2,
        "pearson_chi2": lambda u: (u - 1) ** 2,
        "neyman_chi2": lambda u: (u - 1) ** 2 / u,
        "alpha": lambda u: (u**alpha - 1 - alpha * (u - 1)) / (alpha * (alpha - 1)),
    }
    return gens[name]


# named generator -> (measure, parameter) it reproduces, and the transform of that measure
GENERATORS = [
    ("kl", None, lambda p, q: ref_kl(p, q)),
    ("reverse_kl", None, lambda p, q: ref_kl(q, p)),
    ("jeffreys", None, lambda p, q: ref_kl(p, q) + ref_kl(q, p)),
    ("js", None, lambda p, q: ref_js(p, q, 0.5)),
    ("tv", None, lambda p, q: REFERENCES["tv"](p, q, None)),
    ("squared_hellinger", None, lambda p, q: ref_hellinger_sq(p, q)),
    ("pearson_chi2", None, lambda p, q: REFERENCES["chi2"](p, q, None)),
    ("neyman_chi2", None, lambda p, q: REFERENCES["neyman_chi2"](p, q, None)),
    ("alpha", -0.5, lambda p, q: ref_alpha(p, q, -0.5)),
    ("alpha", 0.5, lambda p, q: ref_alpha(p, q, 0.5)),
    ("alpha", 2.0, lambda p, q: ref_alpha(p, q, 2.0)),
]


@pytest.mark.parametrize("name,alpha,measure", GENERATORS, ids=lambda g: str(g) if not callable(g) else "")
def test_f_divergence_named_generators(name, alpha, measure):
    kw = {} if alpha is None else {"alpha": alpha}
    got = kullback.f_divergence(P, Q, name, **kw)
    f = generator_reference(name, alpha)
    close(got, rowsum(Q * f(P / Q)))  # the definition sum q f(p/q)
    close(got, measure(P, Q))  # the measure it reproduces
    close(kullback.f_divergence(P[2], Q[2], name, **kw), measure(P[2], Q[2])[0])


def test_f_divergence_python_callables():
    kl_f = lambda u: u * math.log(u) if u > 0 else 0.0  # noqa: E731
    close(kullback.f_divergence(P, Q, kl_f), ref_kl(P, Q))
    close(kullback.f_divergence(P, Q, lambda u: (u - 1) ** 2), REFERENCES["chi2"](P, Q, None))
    close(kullback.f_divergence(P[0], Q[0], lambda u: abs(u - 1) / 2), REFERENCES["tv"](P[0], Q[0], None)[0])
    # A callable object returning NumPy scalars is a callable too.
    class Chi2:
        def __call__(self, u):
            return np.float64((u - 1.0) ** 2)
    close(kullback.f_divergence(P, Q, Chi2()), REFERENCES["chi2"](P, Q, None))


def test_f_divergence_zero_conventions():
    p = with_zeros(30, 5, 20)
    q = with_zeros(31, 5, 20)
    # f(0) where p = 0 < q, the perspective limit p * slope where q = 0 < p, 0 where both are 0.
    tv_f = lambda u: abs(u - 1) / 2  # noqa: E731
    close(kullback.f_divergence(p, q, tv_f, slope_at_infinity=0.5), REFERENCES["tv"](p, q, None))
    close(kullback.f_divergence(p, q, "tv"), REFERENCES["tv"](p, q, None))
    # With the default slope_at_infinity = +inf, every row with some q_i = 0 < p_i is +inf.
    assert np.all(kullback.f_divergence(p, q, tv_f)[((p > 0) & (q == 0)).any(axis=1)] == INF)
    close(kullback.f_divergence(p, q, "kl"), ref_kl(p, q))
    close(kullback.f_divergence(p, q, "pearson_chi2"), REFERENCES["chi2"](p, q, None))
    close(kullback.f_divergence(p, q, "js"), ref_js(p, q, 0.5))
    close(kullback.f_divergence(p, q, "alpha", alpha=0.5), ref_alpha(p, q, 0.5))
    pq = dirichlet(32, 5, 20)
    close(kullback.f_divergence(p, pq, lambda u: (u - 1) ** 2), REFERENCES["chi2"](p, pq, None))


def test_f_divergence_base_and_forms():
    a = np.log(P)
    close(kullback.f_divergence(a, np.log(Q), "kl", input="logits"), ref_kl(P, Q))
    close(kullback.f_divergence(P * 4, Q / 3, "kl", normalize=True), ref_kl(P, Q))


# --------------------------------------------------------------------------------------------
# Properties


def property_inputs():
    """A batch mixing positive rows, rows with zeros, one-hot and uniform rows."""
    n = 16
    rows = [dirichlet(40, 4, n), with_zeros(41, 4, n), np.eye(n)[:2], np.full((1, n), 1 / n)]
    return np.concatenate(rows)


@pytest.mark.parametrize("m", DIVERGENCES, ids=mid)
def test_divergence_of_p_with_itself_is_zero(m):
    name, param = m
    x = property_inputs()
    got = call(name, x, x, param)
    assert np.all(got == 0.0), got


@pytest.mark.parametrize("m", DIVERGENCES, ids=mid)
def test_non_negative(m):
    name, param = m
    x = property_inputs()
    y = np.concatenate([dirichlet(50, 8, 16), with_zeros(51, 3, 16)])
    got = call(name, x, y, param)
    assert np.all(got >= 0), got
    assert not np.isnan(got).any()


def test_entropy_bounds():
    x = property_inputs()
    h = kullback.entropy(x)
    assert np.all(h >= 0) and np.all(h <= math.log(16) * (1 + 1e-15))
    assert kullback.entropy(np.eye(5)[2]) == 0.0
    close(kullback.entropy(np.full(16, 1 / 16)), math.log(16))
    close(kullback.entropy(np.full(16, 1 / 16), base=2), 4.0)


@pytest.mark.parametrize("name", ["jeffreys", "js", "js_distance", "tv", "hellinger", "bhattacharyya",
                                  "cauchy_schwarz"])
def test_symmetric_measures(name):
    x = np.concatenate([P, with_zeros(60, 6, 40)])
    y = np.concatenate([Q, with_zeros(61, 6, 40)])
    close(getattr(kullback, name)(x, y), getattr(kullback, name)(y, x), rtol=1e-14)
    close(getattr(kullback, name)(x, y), reference(name, x, y, 0.5), rtol=RTOL)


def test_mirror_identities():
    close(kullback.renyi(P, Q, 0.5), kullback.renyi(Q, P, 0.5), rtol=1e-14)
    close(kullback.chi2(P, Q), kullback.neyman_chi2(Q, P), rtol=1e-14)
    for w in (0.1, 0.3):
        close(kullback.js(P, Q, w), kullback.js(Q, P, 1 - w), rtol=1e-13)
    for a in (-0.5, 0.3, 2.0):
        close(kullback.alpha_divergence(P, Q, a), kullback.alpha_divergence(Q, P, 1 - a), rtol=1e-13)
    # The documented identities between measures.
    close(kullback.cross_entropy(P, Q), kullback.entropy(P) + kullback.kl(P, Q))
    close(kullback.alpha_divergence(P, Q, 0.5), 4 * kullback.hellinger(P, Q) ** 2)
    close(kullback.bhattacharyya(P, Q), -np.log1p(-kullback.hellinger(P, Q) ** 2))
    close(kullback.tsallis(P, Q, 2.0), kullback.chi2(P, Q))
    close(kullback.renyi(P, Q, 2.0), np.log1p(kullback.chi2(P, Q)))


def test_bounds():
    x = property_inputs()
    y = np.concatenate([dirichlet(70, 8, 16), np.roll(np.eye(16)[:3], 1, axis=1)])
    for name in ("tv", "hellinger"):
        v = getattr(kullback, name)(x, y)
        assert np.all((v >= 0) & (v <= 1)), (name, v)
    js = kullback.js(x, y)
    assert np.all(js <= LN2) and np.all(kullback.js(x, y, base=2) <= 1.0)
    assert np.all(kullback.js_distance(x, y) <= math.sqrt(LN2))
    # Disjoint supports reach the bounds.
    a, b = np.array([0.5, 0.5, 0.0, 0.0]), np.array([0.0, 0.0, 0.25, 0.75])
    assert kullback.tv(a, b) == 1.0 and kullback.hellinger(a, b) == 1.0
    close(kullback.js(a, b), LN2, rtol=1e-15)
    close(kullback.js(a, b, base=2), 1.0, rtol=1e-15)
    assert kullback.bhattacharyya(a, b) == INF and kullback.cauchy_schwarz(a, b) == INF
