"""End-to-end tests of the `kullback` command.

Runs the built binary (path in the environment variable KULLBACK_CLI) on temporary files and
checks its values against NumPy references written from the definitions in
include/kullback/discrete/*.hpp, a few against SciPy, and checks that every bad input exits with
status 2, one line "kullback: ..." on stderr naming the problem, and nothing on stdout.

    KULLBACK_CLI=build/kullback /usr/bin/python3 -m pytest -q tests/cli/cli_test.py
"""

import json
import math
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

CLI = os.environ.get("KULLBACK_CLI")
if not CLI:
    pytest.skip("KULLBACK_CLI is not set to the kullback binary", allow_module_level=True)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "data"
RTOL = 1e-12


# --------------------------------------------------------------------------------------------
# Running the command


def run(*args, stdin=None):
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run([CLI, *map(str, args)], input=data, capture_output=True, timeout=60)


def values(*args, stdin=None):
    """Runs a command that must succeed; returns its text output as floats."""
    r = run(*args, stdin=stdin)
    assert r.returncode == 0, r.stderr.decode()
    assert r.stderr == b""
    return np.array([float(line) for line in r.stdout.decode().splitlines()])


def fails(*args, stdin=None, expect=()):
    """Runs a command that must fail with status 2; returns its one-line message."""
    r = run(*args, stdin=stdin)
    err = r.stderr.decode()
    assert r.returncode == 2, (r.returncode, err, r.stdout)
    assert r.stdout == b"", "a failing command must print no result"
    assert err.startswith("kullback: ") and err.endswith("\n") and err.count("\n") == 1, repr(err)
    for fragment in expect:
        assert fragment in err, (fragment, err)
    return err


def write_csv(path, rows):
    rows = np.atleast_2d(rows)
    path.write_text("".join(",".join(repr(float(v)) for v in row) + "\n" for row in rows))
    return path


# --------------------------------------------------------------------------------------------
# References, from the definitions in the headers (natural log)


def rel_entr(p, q):
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(p > 0, p * np.log(p / q), 0.0)
    return np.where((p > 0) & (q == 0), np.inf, t)


def s_alpha(p, q, a):
    return np.sum(p**a * q ** (1 - a), axis=-1)


def reference(name, p, q, param=None):
    p, q = np.broadcast_arrays(np.atleast_2d(p), np.atleast_2d(q))
    if name == "entropy":
        return -np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1)), 0), axis=-1)
    if name == "cross_entropy":
        return -np.sum(p * np.log(q), axis=-1)
    if name == "kl":
        return rel_entr(p, q).sum(-1)
    if name == "jeffreys":
        return (rel_entr(p, q) + rel_entr(q, p)).sum(-1)
    if name in ("js", "js_distance"):
        w = 0.5 if param is None else param
        m = w * p + (1 - w) * q
        js = w * rel_entr(p, m).sum(-1) + (1 - w) * rel_entr(q, m).sum(-1)
        return js if name == "js" else np.sqrt(js)
    if name == "skew_kl":
        return rel_entr(p, param * p + (1 - param) * q).sum(-1)
    if name == "tv":
        return 0.5 * np.abs(p - q).sum(-1)
    if name == "hellinger":
        return np.sqrt(0.5 * ((np.sqrt(p) - np.sqrt(q)) ** 2).sum(-1))
    if name == "bhattacharyya":
        return -np.log(np.sqrt(p * q).sum(-1))
    if name == "chi2":
        return ((p - q) ** 2 / q).sum(-1)
    if name == "neyman_chi2":
        return ((p - q) ** 2 / p).sum(-1)
    if name == "cauchy_schwarz":
        return -np.log((p * q).sum(-1) / np.sqrt((p * p).sum(-1) * (q * q).sum(-1)))
    if name == "renyi":
        if math.isinf(param):
            return np.log(np.max(p / q, axis=-1))
        return np.log(s_alpha(p, q, param)) / (param - 1)
    if name == "tsallis":
        return (s_alpha(p, q, param) - 1) / (param - 1)
    if name == "alpha_divergence":
        return (1 - s_alpha(p, q, param)) / (param * (1 - param))
    raise KeyError(name)


# (measure, command-line options, parameter for the reference)
CASES = [
    ("entropy", [], None),
    ("cross_entropy", [], None),
    ("kl", [], None),
    ("jeffreys", [], None),
    ("js", [], None),
    ("js", ["--weight", "0.3"], 0.3),
    ("js_distance", [], None),
    ("js_distance", ["--weight", "0.8"], 0.8),
    ("skew_kl", ["--alpha", "0.25"], 0.25),
    ("tv", [], None),
    ("hellinger", [], None),
    ("bhattacharyya", [], None),
    ("chi2", [], None),
    ("neyman_chi2", [], None),
    ("cauchy_schwarz", [], None),
    ("renyi", ["--alpha", "0.5"], 0.5),
    ("renyi", ["--alpha", "2.5"], 2.5),
    ("renyi", ["--alpha", "inf"], math.inf),
    ("tsallis", ["--alpha", "2"], 2.0),
    ("tsallis", ["--alpha", "0.7"], 0.7),
    ("alpha_divergence", ["--alpha", "0.5"], 0.5),
    ("alpha_divergence", ["--alpha", "-0.5"], -0.5),
    ("alpha_divergence", ["--alpha", "3"], 3.0),
]
ALL_MEASURES = sorted({c[0] for c in CASES})


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    d = tmp_path_factory.mktemp("data")
    rng = np.random.default_rng(20240601)
    p = rng.dirichlet(np.ones(6), size=5)
    q = rng.dirichlet(np.ones(6), size=5)
    return {
        "dir": d,
        "p": p,
        "q": q,
        "p_csv": write_csv(d / "p.csv", p),
        "q_csv": write_csv(d / "q.csv", q),
        "q1_csv": write_csv(d / "q1.csv", q[:1]),
        "p1_csv": write_csv(d / "p1.csv", p[:1]),
    }


# --------------------------------------------------------------------------------------------
# Values


@pytest.mark.parametrize("name,opts,param", CASES, ids=lambda c: str(c))
def test_each_measure_matches_the_reference(data, name, opts, param):
    files = [data["p_csv"]] if name == "entropy" else [data["p_csv"], data["q_csv"]]
    got = values("divergence", name, *files, *opts)
    want = reference(name, data["p"], data["p"] if name == "entropy" else data["q"], param)
    assert got.shape == (5,)
    np.testing.assert_allclose(got, want, rtol=RTOL)


@pytest.mark.parametrize("name,opts,param", [c for c in CASES if c[0] != "entropy"], ids=lambda c: str(c))
def test_a_one_row_file_is_broadcast_against_every_row(data, name, opts, param):
    got = values("divergence", name, data["p_csv"], data["q1_csv"], *opts)
    np.testing.assert_allclose(got, reference(name, data["p"], data["q"][:1], param), rtol=RTOL)
    got = values("divergence", name, data["p1_csv"], data["q_csv"], *opts)
    np.testing.assert_allclose(got, reference(name, data["p"][:1], data["q"], param), rtol=RTOL)


def test_scipy_cross_checks(data):
    special = pytest.importorskip("scipy.special")
    stats = pytest.importorskip("scipy.stats")
    distance = pytest.importorskip("scipy.spatial.distance")
    p, q = data["p"], data["q"]
    pf, qf = data["p_csv"], data["q_csv"]
    np.testing.assert_allclose(values("divergence", "kl", pf, qf), special.rel_entr(p, q).sum(1), rtol=RTOL)
    np.testing.assert_allclose(values("divergence", "kl", pf, qf, "--base", "2"),
                               stats.entropy(p, q, base=2, axis=1), rtol=RTOL)
    js = np.array([distance.jensenshannon(a, b) ** 2 for a, b in zip(p, q)])
    np.testing.assert_allclose(values("divergence", "js", pf, qf), js, rtol=1e-10)
    np.testing.assert_allclose(values("divergence", "js_distance", pf, qf), np.sqrt(js), rtol=1e-10)
    js2 = np.array([distance.jensenshannon(a, b, base=2) for a, b in zip(p, q)])
    np.testing.assert_allclose(values("divergence", "js_distance", pf, qf, "--base", "2"), js2, rtol=1e-10)
    np.testing.assert_allclose(values("divergence", "entropy", pf), stats.entropy(p, axis=1), rtol=RTOL)
    np.testing.assert_allclose(values("divergence", "entropy", pf, "--base", "10"),
                               stats.entropy(p, base=10, axis=1), rtol=RTOL)
    np.testing.assert_allclose(values("divergence", "tv", pf, qf),
                               [distance.cityblock(a, b) / 2 for a, b in zip(p, q)], rtol=RTOL)


@pytest.mark.parametrize("base,factor", [("e", 1.0), ("2", 1 / math.log(2)), ("10", 1 / math.log(10))])
def test_log_base(data, base, factor):
    got = values("divergence", "kl", data["p_csv"], data["q_csv"], "--base", base)
    np.testing.assert_allclose(got, reference("kl", data["p"], data["q"]) * factor, rtol=RTOL)


def test_infinite_values_are_written_as_inf(tmp_path):
    p = write_csv(tmp_path / "p.csv", [[0.5, 0.5], [1.0, 0.0]])
    q = write_csv(tmp_path / "q.csv", [[1.0, 0.0]])
    r = run("divergence", "kl", p, q)
    assert r.returncode == 0 and r.stdout.decode() == "inf\n0\n"
    r = run("divergence", "kl", p, q, "--format", "json")
    assert json.loads(r.stdout) == {"measure": "kl", "values": ["inf", 0]}
    r = run("divergence", "kl", p, q, "--format", "csv")
    assert r.stdout.decode() == "row,value\n0,inf\n1,0\n"
    assert values("divergence", "renyi", p, q, "--alpha", "inf")[0] == math.inf


# --------------------------------------------------------------------------------------------
# Input forms and options


def softmax(a):
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def test_logits_and_log_probs(tmp_path):
    rng = np.random.default_rng(3)
    a, b = rng.normal(size=(4, 7)) * 3, rng.normal(size=(4, 7)) * 3
    fa, fb = write_csv(tmp_path / "a.csv", a), write_csv(tmp_path / "b.csv", b)
    want = reference("kl", softmax(a), softmax(b))
    np.testing.assert_allclose(values("divergence", "kl", fa, fb, "--input", "logits"), want, rtol=1e-10)
    la, lb = a - np.log(np.exp(a).sum(1, keepdims=True)), b - np.log(np.exp(b).sum(1, keepdims=True))
    fla, flb = write_csv(tmp_path / "la.csv", la), write_csv(tmp_path / "lb.csv", lb)
    np.testing.assert_allclose(values("divergence", "kl", fla, flb, "--input", "log-probs"), want, rtol=1e-10)
    np.testing.assert_allclose(values("divergence", "entropy", fa, "--input", "logits"),
                               reference("entropy", softmax(a), None), rtol=1e-10)


def test_counts_with_smoothing(tmp_path):
    c1 = np.array([[3, 0, 5, 2], [10, 10, 0, 1]], dtype=float)
    c2 = np.array([[1, 4, 4, 1]], dtype=float)
    f1, f2 = write_csv(tmp_path / "c1.csv", c1), write_csv(tmp_path / "c2.csv", c2)
    norm = lambda c: c / c.sum(axis=1, keepdims=True)  # noqa: E731
    np.testing.assert_allclose(values("divergence", "kl", f1, f2, "--input", "counts"),
                               reference("kl", norm(c1), norm(c2)), rtol=RTOL)
    np.testing.assert_allclose(values("divergence", "kl", f2, f1, "--input", "counts", "--smoothing", "0.5"),
                               reference("kl", norm(c2 + 0.5), norm(c1 + 0.5)), rtol=RTOL)


def test_normalize_and_tolerance(tmp_path):
    p = write_csv(tmp_path / "p.csv", [[2.0, 6.0], [1.0, 1.0]])
    q = write_csv(tmp_path / "q.csv", [[0.5, 0.5]])
    fails("divergence", "tv", p, q, expect=["P (", "p.csv, line 1)", "sums to 8"])
    np.testing.assert_allclose(values("divergence", "tv", p, q, "--normalize"), [0.25, 0.0], rtol=RTOL)
    near = write_csv(tmp_path / "near.csv", [[0.5, 0.5 + 1e-6]])
    fails("divergence", "tv", near, q, expect=["sums to"])
    assert values("divergence", "tv", near, q, "--tolerance", "1e-5")[0] == pytest.approx(5e-7, rel=1e-6)


def test_stdin(data):
    text = data["q_csv"].read_text()
    want = reference("kl", data["p"], data["q"])
    np.testing.assert_allclose(values("divergence", "kl", data["p_csv"], "-", stdin=text), want, rtol=RTOL)
    np.testing.assert_allclose(values("divergence", "kl", "-", data["q_csv"], stdin=data["p_csv"].read_text()),
                               want, rtol=RTOL)
    np.testing.assert_allclose(values("divergence", "entropy", "-", stdin=text),
                               reference("entropy", data["q"], None), rtol=RTOL)


def test_whitespace_text_and_comments(tmp_path, data):
    p, q = data["p"], data["q"]
    f = tmp_path / "p.txt"
    f.write_text("# rows of p\n\n" + "".join("  ".join(repr(v) for v in row) + "   # a row\n" for row in p))
    np.testing.assert_allclose(values("divergence", "kl", f, data["q_csv"]), reference("kl", p, q), rtol=RTOL)


def test_npy_float32_and_float64(tmp_path, data):
    p, q = data["p"], data["q"]
    np.save(tmp_path / "p64.npy", p)
    np.save(tmp_path / "q64.npy", q)
    np.save(tmp_path / "q64_row.npy", q[0])  # 1-D: one distribution
    p32, q32 = p.astype(np.float32), q.astype(np.float32)
    np.save(tmp_path / "p32.npy", p32)
    np.save(tmp_path / "q32.npy", q32)
    want = reference("kl", p, q)
    np.testing.assert_allclose(values("divergence", "kl", tmp_path / "p64.npy", tmp_path / "q64.npy"), want, rtol=RTOL)
    np.testing.assert_allclose(values("divergence", "kl", tmp_path / "p64.npy", tmp_path / "q64_row.npy"),
                               reference("kl", p, q[:1]), rtol=RTOL)
    want32 = reference("kl", p32.astype(np.float64), q32.astype(np.float64))
    np.testing.assert_allclose(values("divergence", "kl", tmp_path / "p32.npy", tmp_path / "q32.npy"), want32,
                               rtol=1e-6)
    # float32 against float64 text: computed in double.
    np.testing.assert_allclose(values("divergence", "kl", tmp_path / "p32.npy", data["q_csv"]),
                               reference("kl", p32.astype(np.float64), q), rtol=1e-6)
    # .npy on stdin (recognised by its magic string).
    raw = (tmp_path / "q64.npy").read_bytes()
    np.testing.assert_allclose(values("divergence", "kl", tmp_path / "p64.npy", "-", stdin=raw), want, rtol=RTOL)


def test_output_formats_agree(data):
    args = ["divergence", "js", data["p_csv"], data["q_csv"]]
    text = values(*args)
    csv = run(*args, "--format", "csv").stdout.decode().splitlines()
    assert csv[0] == "row,value"
    assert [int(line.split(",")[0]) for line in csv[1:]] == list(range(5))
    assert np.array_equal([float(line.split(",")[1]) for line in csv[1:]], text)
    doc = json.loads(run(*args, "--format", "json").stdout)
    assert doc["measure"] == "js"
    assert np.array_equal(doc["values"], text)
    # %.17g reads back to the same double as the library computed
    assert all(len(line) > 0 for line in run(*args).stdout.decode().splitlines())


def test_many_rows(tmp_path):
    rng = np.random.default_rng(11)
    p, q = rng.dirichlet(np.ones(32), size=3000), rng.dirichlet(np.ones(32), size=3000)
    np.save(tmp_path / "p.npy", p)
    np.save(tmp_path / "q.npy", q)
    got = values("divergence", "hellinger", tmp_path / "p.npy", tmp_path / "q.npy")
    np.testing.assert_allclose(got, reference("hellinger", p, q), rtol=1e-10)


# --------------------------------------------------------------------------------------------
# list, --version, --help, and the bundled examples


def test_list():
    r = run("list")
    assert r.returncode == 0 and r.stderr == b""
    lines = r.stdout.decode().splitlines()
    assert sorted(line.split()[0] for line in lines) == ALL_MEASURES
    assert "f_divergence" not in r.stdout.decode()
    kl = next(line for line in lines if line.startswith("kl "))
    assert "log(p_i / q_i)" in kl
    renyi = next(line for line in lines if line.startswith("renyi "))
    assert "--alpha" in renyi


def test_version_and_help():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.decode().startswith("kullback ")
    for args in (["--help"], ["divergence", "--help"], ["list", "--help"]):
        r = run(*args)
        assert r.returncode == 0 and b"Usage" in r.stdout, args


def test_bundled_examples():
    ref, batch = EXAMPLES / "reference.csv", EXAMPLES / "batch.csv"
    js = values("divergence", "js", ref, batch)
    assert js.shape == (7,)
    assert js[:4].max() < 1e-3 < js[4:].min()  # days 5-7 drifted
    assert np.all(np.diff(js[4:]) > 0)
    kl = values("divergence", "kl", EXAMPLES / "teacher_logits.txt", EXAMPLES / "student_logits.txt",
                "--input", "logits")
    assert kl.shape == (3,) and np.all(kl > 0)


# --------------------------------------------------------------------------------------------
# Bad input: status 2, one line naming the problem, nothing on stdout


@pytest.fixture
def bad(tmp_path):
    """Writes a text file and returns its path."""
    def make(name, text):
        f = tmp_path / name
        f.write_text(text)
        return f
    return make


def test_missing_and_unreadable_files(data, tmp_path):
    fails("divergence", "kl", tmp_path / "missing.csv", data["q_csv"],
          expect=["missing.csv: cannot open: No such file or directory"])
    fails("divergence", "kl", data["p_csv"], tmp_path, expect=[str(tmp_path), "is a directory"])


def test_malformed_number_names_file_line_and_column(bad, data):
    f = bad("p.csv", "0.5,0.5\n# comment\n0.25,0.7x5\n")
    fails("divergence", "tv", f, data["q1_csv"], expect=[f"{f}:3:6: malformed number '0.7x5'"])
    f = bad("q.txt", "0.5 0.5\n0.5 --0.5\n")
    fails("divergence", "tv", data["p_csv"], f, expect=[f"{f}:2:5: malformed number"])


def test_ragged_rows(bad, data):
    f = bad("p.csv", "0.5,0.5\n0.2,0.3,0.5\n")
    fails("divergence", "tv", f, data["q_csv"], expect=[f"{f}:2:9: ragged rows", "first row (line 1) has 2"])


def test_empty_files(bad, data):
    fails("divergence", "entropy", bad("e.csv", ""), expect=["e.csv: empty file"])
    fails("divergence", "entropy", bad("c.csv", "# nothing\n\n"), expect=["c.csv: no data"])
    fails("divergence", "entropy", "-", stdin="", expect=["<stdin>: empty file"])


def test_mismatched_shapes(data, tmp_path):
    q7 = write_csv(tmp_path / "q7.csv", np.full((5, 7), 1 / 7))
    fails("divergence", "kl", data["p_csv"], q7, expect=["P (", "rows of 6 values", "Q (", "rows of 7"])
    q2 = write_csv(tmp_path / "q2.csv", data["q"][:2])
    fails("divergence", "kl", data["p_csv"], q2, expect=["has 5 rows", "has 2", "single row"])


@pytest.mark.parametrize("value,fragment", [("-0.2", "q[row 2][1] = -0.2"), ("nan", "q[row 2][1] = nan"),
                                            ("inf", "q[row 2][1] = inf")])
def test_bad_values_name_the_file_row_and_index(bad, data, value, fragment):
    # rows 0 and 1 are good, row 2 (line 4, after a comment) is bad: no value may be printed
    f = bad("q.csv", f"0.5,0.5\n0.25,0.75\n# c\n0.6,{value}\n")
    p = write_csv(data["dir"] / "p2.csv", [[0.5, 0.5]])
    err = fails("divergence", "kl", p, f, expect=[f"Q ({f}, line 4)", fragment])
    assert "kullback::kl" in err


def test_bad_value_in_p_and_in_a_single_row(bad, data):
    p = bad("p.csv", "-0.5,1.5\n")
    q = write_csv(data["dir"] / "q2.csv", [[0.5, 0.5]])
    fails("divergence", "js", p, q, expect=[f"P ({p}, line 1)", "-0.5", ">= 0"])


def test_off_simplex_rows(bad, data):
    f = bad("p.csv", "0.5,0.5\n0.7,0.7\n")
    q = write_csv(data["dir"] / "q2.csv", [[0.5, 0.5]])
    fails("divergence", "hellinger", f, q, expect=[f"P ({f}, line 2)", "sums to 1.4,", "normalize"])
    col = bad("col.txt", "0.2\n0.3\n0.5\n")
    fails("divergence", "entropy", col, expect=["one value per row"])


def test_bad_npy(tmp_path, data):
    np.save(tmp_path / "i.npy", np.array([1, 2, 3]))
    fails("divergence", "entropy", tmp_path / "i.npy", expect=["i.npy: dtype '<i8' is not supported"])
    np.save(tmp_path / "big.npy", np.array([0.5, 0.5], dtype=">f8"))
    fails("divergence", "entropy", tmp_path / "big.npy", expect=["big-endian"])
    np.save(tmp_path / "three.npy", np.full((2, 2, 2), 0.5))
    fails("divergence", "entropy", tmp_path / "three.npy", expect=["shape (2, 2, 2)"])
    np.save(tmp_path / "fortran.npy", np.asfortranarray(np.full((3, 2), 0.5)))
    fails("divergence", "entropy", tmp_path / "fortran.npy", expect=["Fortran-order"])
    np.save(tmp_path / "two.npy", np.full((2, 2), 0.5))
    (tmp_path / "trunc.npy").write_bytes((tmp_path / "two.npy").read_bytes()[:-8])
    fails("divergence", "entropy", tmp_path / "trunc.npy", expect=["truncated"])
    (tmp_path / "text.npy").write_text("0.5 0.5\n")
    fails("divergence", "entropy", tmp_path / "text.npy", expect=["not a .npy file"])
    (tmp_path / "hdr.npy").write_bytes(b"\x93NUMPY\x01\x00\x10\x00{'descr': <f8}  \n")
    fails("divergence", "entropy", tmp_path / "hdr.npy", expect=["hdr.npy: .npy header is malformed"])


@pytest.mark.parametrize("args,fragment", [
    (["divergence", "kl", "-", "-"], "at most one of P and Q may be '-'"),
    (["divergence", "nosuch", "{p}", "{q}"], "unknown measure 'nosuch'"),
    (["divergence", "f_divergence", "{p}", "{q}"], "unknown measure 'f_divergence'"),
    (["divergence", "kl", "{p}"], "needs two inputs"),
    (["divergence", "entropy", "{p}", "{q}"], "takes one input"),
    (["divergence", "renyi", "{p}", "{q}"], "needs --alpha"),
    (["divergence", "skew_kl", "{p}", "{q}"], "needs --alpha"),
    (["divergence", "kl", "{p}", "{q}", "--alpha", "2"], "takes no parameter"),
    (["divergence", "tv", "{p}", "{q}", "--weight", "0.2"], "takes no parameter"),
    (["divergence", "js", "{p}", "{q}", "--alpha", "0.2"], "takes --weight, not --alpha"),
    (["divergence", "renyi", "{p}", "{q}", "--weight", "0.2"], "takes --alpha, not --weight"),
    (["divergence", "renyi", "{p}", "{q}", "--alpha", "-1"], "alpha"),
    (["divergence", "js", "{p}", "{q}", "--weight", "1.5"], "weight"),
    (["divergence", "kl", "{p}", "{q}", "--smoothing", "1"], "--smoothing applies to --input counts only"),
    (["divergence", "kl", "{p}", "{q}", "--input", "counts", "--smoothing", "-1"], "smoothing"),
    (["divergence", "kl", "{p}", "{q}", "--tolerance", "-1"], "--tolerance"),
    (["divergence", "tv", "{p}", "{q}", "--base", "2"], "base"),
    # CLI11 usage errors exit 2 as well
    (["divergence", "kl", "{p}", "{q}", "--alpha", "abc"], "--alpha"),
    (["divergence", "kl", "{p}", "{q}", "--format", "xml"], "--format"),
    (["divergence", "kl", "{p}", "{q}", "--input", "probabilities"], "--input"),
    (["divergence", "kl", "{p}", "{q}", "--base", "3"], "--base"),
    (["divergence", "kl", "{p}", "{q}", "--bogus"], "--bogus"),
    (["divergence", "kl", "{p}", "{q}", "{q}"], "{q}"),
    (["divergence"], "MEASURE"),
    ([], "subcommand"),
    (["frobnicate"], "frobnicate"),
])
def test_usage_errors(data, args, fragment):
    fill = {"p": data["p_csv"], "q": data["q_csv"]}
    fails(*[a.format(**fill) for a in args], expect=[fragment.format(**fill)])
