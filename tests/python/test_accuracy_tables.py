"""The committed mpmath accuracy tables, replayed through the Python module.

tests/data/discrete_reference.tsv (scripts/gen_discrete_reference.py; C++ counterpart
tests/discrete/accuracy_test.cpp) and tests/data/input_forms_reference.tsv
(scripts/gen_input_forms_reference.py; C++ counterpart tests/discrete/input_forms_accuracy_test.cpp)
hold exact values, rounded once to double, of every measure on hard inputs: nearly equal vectors,
entries spanning 300 decades, zeros, disjoint supports, subnormals, 10^5-element vectors, logits
that nearly cancel, float32 storage, counts. The pass rule is the C++ one: each call with
tolerance=1e-6 must be within a relative 1e-12 of the table; an expected +inf must be +inf and an
expected 0 must be |x| <= 1e-300. kl, js, entropy and renyi are also run in base 2 (expected / ln 2),
and js / js_distance with weight 0.5 also through the default weight.

One test per case of the table (all its measures; every failing row is listed), a test that runs
the cases of equal length as one batch, and a test showing rows where scipy is far off (or NaN)
while kullback is within 1e-12, which is the point of the library.

    PYTHONPATH=build/python /usr/bin/python3 -m pytest -q tests/python/test_accuracy_tables.py
"""

import functools
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

import kullback

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT / "scripts"))
from gen_discrete_reference import expand_field  # noqa: E402  (the recipes' one definition)

RTOL = 1e-12
TOLERANCE = 1e-6  # the sum tolerance the C++ tests pass
LOG_BASE_MEASURES = {"kl", "js", "entropy", "renyi"}
ALL_MEASURES = {"entropy", "cross_entropy", "kl", "jeffreys", "js", "js_distance", "skew_kl", "tv", "hellinger",
                "bhattacharyya", "chi2", "neyman_chi2", "cauchy_schwarz", "alpha_divergence", "tsallis", "renyi"}


# --------------------------------------------------------------------------------------------
# Reading the tables


def parse_number(text):
    return float(text)  # float() reads 'inf', '-inf' and repr() doubles exactly


def data_lines(path):
    """(line number, fields) of the data lines after the header."""
    header_seen = False
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        if not header_seen and line.startswith("case_id"):
            header_seen = True
            continue
        yield number, line.split("\t")


def load_discrete():
    rows = []
    for line, f in data_lines(DATA / "discrete_reference.tsv"):
        assert len(f) == 6, f"discrete_reference.tsv line {line}: {len(f)} fields"
        cid, measure, param, p, q, expected = f
        rows.append(dict(line=line, id=cid, measure=measure, param_text=param,
                         param=None if param == "-" else parse_number(param), p=p, q=q,
                         expected=parse_number(expected)))
    return rows


def load_input_forms():
    rows = []
    for line, f in data_lines(DATA / "input_forms_reference.tsv"):
        assert len(f) == 9, f"input_forms_reference.tsv line {line}: {len(f)} fields"
        cid, form, dtype, smoothing, measure, param, a, b, expected = f
        assert a.startswith("v:") and b.startswith("v:"), line
        rows.append(dict(line=line, id=cid, form=form, dtype=dtype, smoothing=parse_number(smoothing),
                         measure=measure, param_text=param, param=None if param == "-" else parse_number(param),
                         a=a, b=b, expected=parse_number(expected)))
    return rows


DISCRETE = load_discrete()
INPUT_FORMS = load_input_forms()


def by_case(rows):
    cases = defaultdict(list)
    for r in rows:
        cases[r["id"]].append(r)
    return dict(cases)


DISCRETE_CASES = by_case(DISCRETE)
INPUT_FORM_CASES = by_case(INPUT_FORMS)


@functools.lru_cache(maxsize=None)
def vector(field, dtype="f64"):
    """A table field as a read-only array (recipes expanded once, shared by the rows of a case)."""
    values = expand_field(field)
    x = np.array(values, dtype=np.float32 if dtype == "f32" else np.float64)
    if dtype == "f32":
        # The table promises float32-representable values; a silent rounding would test nothing.
        assert np.array_equal(x.astype(np.float64), np.array(values)), field[:60]
    x.flags.writeable = False
    return x


# --------------------------------------------------------------------------------------------
# Calling the module and the pass rule


def evaluate(measure, param, p, q, **kw):
    fn = getattr(kullback, measure)
    if measure == "entropy":
        return fn(p, **kw)
    return fn(p, q, **kw) if param is None else fn(p, q, param, **kw)


def relative_error(got, expected):
    """As kullback_test::reference_relative_error: 0 for a matched +inf or exact 0, inf for a mismatch."""
    got = float(got)
    if math.isnan(got):
        return math.inf
    if math.isinf(expected):
        return 0.0 if got == expected else math.inf
    if expected == 0.0:
        return 0.0 if abs(got) <= 1e-300 else math.inf
    if not math.isfinite(got):
        return math.inf
    return abs(got - expected) / abs(expected)


def describe(r, variant, got, expected):
    param = "" if r["param"] is None else f"({r['param_text']})"
    return (f"line {r['line']}: {r['id']} {r['measure']}{param} {variant}: got {got!r}, expected {expected!r} "
            f"(relative error {relative_error(got, expected):.3g})")


def check_row(r, p, q, failures, **kw):
    """Runs one row as the C++ test does: plain, in bits, and with the default weight."""
    variants = [("", r["expected"], {})]
    if r["measure"] in LOG_BASE_MEASURES:
        variants.append(("base=2", r["expected"] / math.log(2), {"base": 2}))
    for variant, expected, extra in variants:
        try:
            got = evaluate(r["measure"], r["param"], p, q, tolerance=TOLERANCE, **kw, **extra)
        except Exception as e:  # noqa: BLE001 - every row must give a number
            failures.append(f"line {r['line']}: {r['id']} {r['measure']} {variant} raised {type(e).__name__}: {e}")
            continue
        assert type(got) is float
        if relative_error(got, expected) > RTOL:
            failures.append(describe(r, variant, got, expected))
    if r["measure"] in ("js", "js_distance") and r["param"] == 0.5:
        got = getattr(kullback, r["measure"])(p, q, tolerance=TOLERANCE, **kw)
        if relative_error(got, r["expected"]) > RTOL:
            failures.append(describe(r, "default weight", got, r["expected"]))


# --------------------------------------------------------------------------------------------
# discrete_reference.tsv


def test_discrete_table_loads():
    assert len(DISCRETE) == 2122
    assert len(DISCRETE_CASES) == 38
    assert {r["measure"] for r in DISCRETE} == ALL_MEASURES
    keys = [(r["id"], r["measure"], r["param_text"]) for r in DISCRETE]
    assert len(keys) == len(set(keys))
    # The recipes expand to the lengths their names promise.
    assert len(vector("gen:decades:0:301:300")) == 301
    assert vector("gen:decades:0:301:300")[0] > 0.5 and vector("gen:decades:0:301:300")[-1] < 1e-299


@pytest.mark.parametrize("case_id", list(DISCRETE_CASES))
def test_discrete_case(case_id):
    rows = DISCRETE_CASES[case_id]
    failures = []
    for r in rows:
        p = vector(r["p"])
        q = None if r["q"] == "-" else vector(r["q"])
        check_row(r, p, q, failures)
    assert not failures, f"{len(failures)} of {len(rows)} rows of {case_id} fail:\n" + "\n".join(failures)


def test_discrete_cases_as_batches():
    """The cases of equal length stacked into one (k, n) batch per measure: each row still exact."""
    groups = defaultdict(list)
    for cid, rows in DISCRETE_CASES.items():
        groups[len(vector(rows[0]["p"]))].append(cid)
    failures = []
    batched = 0
    for n, ids in groups.items():
        if len(ids) < 2:
            continue
        keyed = defaultdict(list)  # (measure, param_text) -> rows of these cases
        for cid in ids:
            for r in DISCRETE_CASES[cid]:
                keyed[(r["measure"], r["param_text"])].append(r)
        for (measure, _), rows in keyed.items():
            if len(rows) < 2:
                continue
            P = np.stack([vector(r["p"]) for r in rows])
            Q = None if measure == "entropy" else np.stack([vector(r["q"]) for r in rows])
            got = evaluate(measure, rows[0]["param"], P, Q, tolerance=TOLERANCE)
            assert got.shape == (len(rows),)
            batched += len(rows)
            for r, g in zip(rows, got):
                if relative_error(g, r["expected"]) > RTOL:
                    failures.append(describe(r, f"batch of {len(rows)} (n = {n})", float(g), r["expected"]))
    assert batched > 1500
    assert not failures, f"{len(failures)} batched rows fail:\n" + "\n".join(failures)


# Rows where float64 evaluations of the textbook sums lose every digit: near-equal vectors, whose
# KL is 1e-17 .. 1e-21 while the terms p log(p/q) are 1e-3 .. 1e-5 and cancel.
ADVERSARIAL = [
    ("near_n10_1e-10", "kl"),
    ("near_n1000_1e-8", "kl"),
    ("near_n1000_1e-10", "kl"),
    ("vocab_near_n100000_1e-8", "kl"),
    ("near_n10_1e-10", "js_distance"),
    ("near_n1000_1e-10", "js_distance"),
]


def table_row(case_id, measure, param_text):
    for r in DISCRETE_CASES[case_id]:
        if r["measure"] == measure and r["param_text"] == param_text:
            return r
    raise KeyError((case_id, measure, param_text))


@pytest.mark.parametrize("case_id,measure", ADVERSARIAL, ids=lambda x: x)
def test_scipy_is_far_off_where_kullback_is_exact(case_id, measure):
    special = pytest.importorskip("scipy.special")
    distance = pytest.importorskip("scipy.spatial.distance")
    r = table_row(case_id, measure, "-" if measure == "kl" else "0.5")
    p, q = vector(r["p"]), vector(r["q"])
    if measure == "kl":
        theirs = special.rel_entr(p, q).sum()
        ours = kullback.kl(p, q, tolerance=TOLERANCE)
    else:
        with np.errstate(invalid="ignore"):
            theirs = distance.jensenshannon(p, q)
        ours = kullback.js_distance(p, q, tolerance=TOLERANCE)
    assert relative_error(ours, r["expected"]) <= RTOL, (ours, r["expected"])
    # scipy: wrong in the leading digit, of the wrong sign, or NaN.
    assert math.isnan(theirs) or relative_error(theirs, r["expected"]) > 1e-3, (theirs, r["expected"])


def test_torch_kl_div_is_far_off_where_kullback_is_exact():
    torch = pytest.importorskip("torch")
    r = table_row("near_n1000_1e-10", "kl", "-")
    p, q = vector(r["p"]), vector(r["q"])
    theirs = torch.nn.functional.kl_div(torch.from_numpy(q.copy()).log(), torch.from_numpy(p.copy()),
                                        reduction="sum").item()
    assert relative_error(theirs, r["expected"]) > 1e-3, (theirs, r["expected"])
    assert relative_error(kullback.kl(p, q, tolerance=TOLERANCE), r["expected"]) <= RTOL


# --------------------------------------------------------------------------------------------
# input_forms_reference.tsv


def test_input_forms_table_loads():
    assert len(INPUT_FORMS) >= 400
    assert {r["form"] for r in INPUT_FORMS} == {"logits", "log_probs", "counts"}
    assert {r["dtype"] for r in INPUT_FORMS} == {"f64", "f32"}
    assert any(r["smoothing"] > 0 for r in INPUT_FORMS)
    assert any("-inf" in r["a"] for r in INPUT_FORMS), "no masked logits"


@pytest.mark.parametrize("case_id", list(INPUT_FORM_CASES))
def test_input_forms_case(case_id):
    rows = INPUT_FORM_CASES[case_id]
    failures = []
    for r in rows:
        a, b = vector(r["a"], r["dtype"]), vector(r["b"], r["dtype"])
        kw = {"input": r["form"]}
        if r["form"] == "counts":
            kw["smoothing"] = r["smoothing"]
        else:
            assert r["smoothing"] == 0.0
        check_row(r, a, b, failures, **kw)
    assert not failures, f"{len(failures)} of {len(rows)} rows of {case_id} fail:\n" + "\n".join(failures)
