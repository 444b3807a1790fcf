#!/usr/bin/python3
"""Accuracy reference for kullback's discrete measures.

Writes tests/data/discrete_reference.tsv: one row per (case, measure, parameter) with the exact
value of the measure on the given double-precision vectors, computed with mpmath (mp.dps = 60 by
default) and rounded once to the nearest double. Nothing in the table is typed in by hand: every
expected value comes from the definitions below, evaluated in multiple precision.

Usage:
    /usr/bin/python3 scripts/gen_discrete_reference.py [--out PATH] [--dps 60] [--jobs 2]
                                                       [--verify-dps 100] [--verify-large]

File format (tab-separated, '#' starts a comment line):

    case_id  measure  param  p  q  expected

  case_id   name of the (p, q) pair; (case_id, measure, param) is unique.
  measure   entropy, cross_entropy, kl, jeffreys, js, js_distance, skew_kl, tv, hellinger,
            bhattacharyya, chi2, neyman_chi2, cauchy_schwarz, alpha_divergence, tsallis, renyi.
  param     the weight / alpha as Python's repr of the double ('inf' for Renyi alpha = infinity),
            or '-' for measures without one.
  p, q      a vector field (q is '-' for entropy):
              v:<x0>,<x1>,...          explicit doubles, each printed with repr() (exact round trip)
              gen:<kind>:<seed>:<n>:<arg>   a recipe (below)
  expected  the exact value rounded to the nearest double, printed with '%.17g', or 'inf'.

Recipe gen:<kind>:<seed>:<n>:<arg>
  kind is a '.'-separated pipeline 'base.transform.transform...'; arg is '-' (no parameters) or
  a ','-separated list of parameters consumed left to right by the stages that take one. One
  splitmix64 stream, seeded with <seed> (decimal, < 2^64), is consumed by the stages in order, so
  'uniform' and 'uniform.near' with the same seed give p and a perturbation of that same p.

  splitmix64: state += 0x9E3779B97F4A7C15; z = state;
              z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
              return z ^ (z >> 31)                    (all mod 2^64)
  u()       = (next() >> 11) * 2^-53                  (a double in [0, 1))
  normalise : s = 0.0; for i in 0..n-1: s += x[i]   (double, left to right); x[i] = x[i] / s

  base stages (each ends with normalise):
    uniform            x[i] = u()                                    (n draws)
    flat               x[i] = 1.0
    zipf               x[i] = 1.0 / (i + 1)
    decades  (kmax)    x[i] = double nearest 10^-k[i], k[i] = (i * kmax) // (n - 1) (0 if n = 1),
                       read from the decimal string '1e-<k>' (Python float(), C++ strtod)
    onehot   (k)       x[i] = 1.0 if i == k else 0.0
  transforms:
    near     (eps)     x[i] = x[i] * (1.0 + eps * (2.0 * u() - 1.0)) for i in order (n draws),
                       then normalise; eps is a decimal string (Python float(), C++ strtod)
    zero     (m)       for i in order: if next() % m == 0: x[i] = 0.0 (n draws); then normalise
    shuffle            for i = n-1 down to 1: j = next() % (i + 1); swap x[i], x[j]
    reverse            reverse the order
    shift              x[i] = old x[(i + 1) % n]
  Every operation is a single IEEE double +, -, *, / (no fused multiply-add) or integer
  arithmetic, so a C++ replica (tests/discrete/reference_cases.cpp) expands the same bits.

Definitions (evaluated exactly on the given doubles, p and q NOT renormalised; natural log):
  entropy           -sum p log p                                   (0 log 0 = 0)
  cross_entropy     -sum p log q                                   (p > 0 = q: +inf)
  kl                sum [p log(p/q) - p + q]                       (p = 0: q; p > 0 = q: +inf)
  jeffreys          sum (p - q) log(p/q)                           (p = q = 0: 0; one zero: +inf)
  js (w)            sum [w p log(p/m) + (1-w) q log(q/m)], m = w p + (1-w) q  (0 log 0 = 0)
  js_distance (w)   sqrt(js)
  skew_kl (a)       sum [p log(p/m) - p + m], m = a p + (1-a) q    (p = 0: m; p > 0 = m: +inf)
  tv                1/2 sum |p - q|
  hellinger         sqrt(1/2 sum (sqrt p - sqrt q)^2)
  bhattacharyya     -log(1 - 1/2 sum (sqrt p - sqrt q)^2)
  chi2              sum (p - q)^2 / q                              (p = q = 0: 0; q = 0 < p: +inf)
  neyman_chi2       sum (p - q)^2 / p                              (mirror)
  cauchy_schwarz    -log(sum p q / sqrt(sum p^2 sum q^2))          (sum p q = 0: +inf)
  alpha_divergence  D_a = sum q f_a(p/q), f_a(u) = (u^a - 1 - a (u - 1)) / (a (a - 1));
                    a = 1: kl; a = 0: sum [q log(q/p) - q + p]; p = q = 0: 0;
                    p = 0 < q: q/a if a > 0 else +inf; q = 0 < p: p/(1-a) if a < 1 else +inf
  tsallis (a > 0)   a D_a                                          (a = 1: kl)
  renyi (a >= 0)    log(1 + a (a - 1) D_a) / (a - 1); a = 1: kl; a = 0: -log(1 - sum_{p=0} q);
                    a = inf: log max_i p_i / q_i (+inf if some q_i = 0 < p_i)
A true value beyond the largest double is written 'inf' (it rounds to +inf).

Rows left out: bhattacharyya and renyi with 0 <= a < 1 end in log(1 - s) for a sum s of
non-negative terms. Where s is so close to 1 that the condition number of that last step exceeds
KAPPA_MAX (e.g. nearly disjoint supports, where 1 - s is below the rounding of sum p and sum q),
the exact value on the given doubles is not reachable in double precision by any evaluation of the
definition, and the row is listed in the file's comments instead of the table. Exact +inf rows
(s = 1 exactly, as for disjoint supports with sums that are exactly 1) are kept.

Checks: every case with n <= 1000 (all cases with --verify-large) is evaluated again at
--verify-dps and must round to the same doubles; skew_kl(a = 0), alpha_divergence(1), tsallis(1)
and renyi(1) must equal kl exactly; and cases with n <= 1000 are compared loosely (1e-6) with
independent float64 formulas from numpy/scipy, which only catches a wrong formula here.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import sys
import time

import mpmath
from mpmath import mp, mpf

MASK64 = (1 << 64) - 1
TWO_M53 = 2.0 ** -53


# --------------------------------------------------------------------------------------------
# Vector recipes (mirrored bit for bit by tests/discrete/reference_cases.cpp)
# --------------------------------------------------------------------------------------------

class SplitMix64:
    def __init__(self, seed: int):
        self.state = seed & MASK64

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def uniform(self) -> float:
        return float(self.next() >> 11) * TWO_M53


def _normalise(x: list[float]) -> list[float]:
    s = 0.0
    for v in x:  # left to right; not sum(), which may compensate in newer Pythons
        s += v
    if not (s > 0.0):
        raise ValueError("recipe produced a vector with sum <= 0")
    return [v / s for v in x]


BASES = {"uniform": 0, "flat": 0, "zipf": 0, "decades": 1, "onehot": 1}
TRANSFORMS = {"near": 1, "zero": 1, "shuffle": 0, "reverse": 0, "shift": 0}


def expand_recipe(field: str) -> list[float]:
    parts = field.split(":")
    if len(parts) != 5 or parts[0] != "gen":
        raise ValueError(f"bad recipe {field!r}")
    _, kind, seed_s, n_s, arg = parts
    seed, n = int(seed_s), int(n_s)
    if not (0 <= seed <= MASK64) or n < 1:
        raise ValueError(f"bad seed or n in {field!r}")
    args = [] if arg == "-" else arg.split(",")
    stages = kind.split(".")
    needed = sum((BASES | TRANSFORMS).get(s, 0) for s in stages)
    if stages[0] not in BASES or any(s not in TRANSFORMS for s in stages[1:]) or needed != len(args):
        raise ValueError(f"bad recipe kind/args in {field!r}")
    rng = SplitMix64(seed)
    it = iter(args)

    base = stages[0]
    if base == "uniform":
        x = [rng.uniform() for _ in range(n)]
    elif base == "flat":
        x = [1.0] * n
    elif base == "zipf":
        x = [1.0 / (i + 1) for i in range(n)]
    elif base == "decades":
        kmax = int(next(it))
        x = [float("1e-%d" % (0 if n == 1 else (i * kmax) // (n - 1))) for i in range(n)]
    else:  # onehot
        k = int(next(it))
        if not 0 <= k < n:
            raise ValueError(f"onehot index out of range in {field!r}")
        x = [1.0 if i == k else 0.0 for i in range(n)]
    x = _normalise(x)

    for stage in stages[1:]:
        if stage == "near":
            eps = float(next(it))
            x = [v * (1.0 + eps * (2.0 * rng.uniform() - 1.0)) for v in x]
            x = _normalise(x)
        elif stage == "zero":
            m = int(next(it))
            if m < 1:
                raise ValueError(f"zero(m) needs m >= 1 in {field!r}")
            x = [0.0 if rng.next() % m == 0 else v for v in x]
            x = _normalise(x)
        elif stage == "shuffle":
            for i in range(n - 1, 0, -1):
                j = rng.next() % (i + 1)
                x[i], x[j] = x[j], x[i]
        elif stage == "reverse":
            x.reverse()
        elif stage == "shift":
            x = x[1:] + x[:1]
    return x


def expand_field(field: str) -> list[float] | None:
    if field == "-":
        return None
    if field.startswith("v:"):
        return [float(t) for t in field[2:].split(",")]
    return expand_recipe(field)


def explicit(values: list[float]) -> str:
    for v in values:
        assert float(repr(v)) == v
    return "v:" + ",".join(repr(float(v)) for v in values)


# --------------------------------------------------------------------------------------------
# The cases
# --------------------------------------------------------------------------------------------

JS_WEIGHTS = [0.5, 0.0, 1e-8, 0.1, 0.999999, 1.0]
SKEW_ALPHAS = [0.0, 1e-8, 0.1, 0.5, 0.999999, 1.0]
ALPHA_DIV_ALPHAS = [-0.5, 0.0, 1e-8, 0.1, 0.5, 0.999999, 1.0, 1.000001, 2.0, 7.5]
TSALLIS_ALPHAS = [1e-8, 0.1, 0.5, 0.999999, 1.0, 1.000001, 2.0, 7.5]
RENYI_ALPHAS = [0.0, 1e-8, 0.1, 0.5, 0.999999, 1.0, 1.000001, 2.0, 7.5, math.inf]

EPSILONS = ["1e-4", "1e-6", "1e-8", "1e-10"]


def build_cases() -> list[tuple[str, str, str]]:
    """(case_id, p field, q field)."""
    cases: list[tuple[str, str, str]] = []
    add = lambda cid, p, q: cases.append((cid, p, q))  # noqa: E731

    # Nearly equal p and q: q_i = p_i (1 + eps (2u - 1)), renormalised.
    for n, seed in [(10, 1010), (1000, 1000)]:
        for e in EPSILONS:
            add(f"near_n{n}_{e}", f"gen:uniform:{seed}:{n}:-", f"gen:uniform.near:{seed}:{n}:{e}")
    add("near_n37_1e-6_zipf", "gen:zipf.shuffle:37:37:-", "gen:zipf.shuffle.near:37:37:1e-6")

    # Independent random vectors (odd length for SIMD tails, and a longer one).
    add("random_n37", "gen:uniform:3701:37:-", "gen:uniform:3702:37:-")
    add("random_n1000", "gen:uniform:100001:1000:-", "gen:uniform:100002:1000:-")

    # Probabilities spanning 300 decades: entries 10^-k, k = 0..300, normalised.
    span = "gen:decades:0:301:300"
    add("span_vs_near_1e-6", span, "gen:decades.near:0:301:300,1e-6")
    add("span_vs_shift", span, "gen:decades.shift:0:301:300")
    add("span_vs_reverse", span, "gen:decades.reverse:0:301:300")
    add("span_shuffled_pair", "gen:decades.shuffle:1:301:300", "gen:decades.shuffle:2:301:300")
    add("span_vs_flat", span, "gen:flat:0:301:-")
    add("flat_vs_span", "gen:flat:0:301:-", span)

    # Zeros in p only, in q only, and in both (shared and unshared).
    a = [0.5, 0.0, 0.25, 0.0, 0.125, 0.125]
    b = [0.1, 0.2, 0.3, 0.15, 0.15, 0.1]
    add("zeros_p_n6", explicit(a), explicit(b))
    add("zeros_q_n6", explicit(b), explicit(a))
    c = [0.0, 0.375, 0.0, 0.25, 0.375, 0.0]
    d = [0.0, 0.0, 0.5, 0.25, 0.125, 0.125]
    add("zeros_both_n6", explicit(c), explicit(d))
    add("zeros_p_n1000", "gen:uniform.zero:77:1000:5", "gen:uniform:77:1000:-")
    add("zeros_q_n1000", "gen:uniform:78:1000:-", "gen:uniform.zero:78:1000:5")
    add("zeros_both_n1000", "gen:uniform.zero:79:1000:3", "gen:uniform.zero:80:1000:3")
    add("zeros_p_near_n1000", "gen:uniform.near.zero:81:1000:1e-6,4", "gen:uniform:81:1000:-")

    # Identical p = q (every divergence exactly 0).
    add("identical_n10", "gen:uniform:4242:10:-", "gen:uniform:4242:10:-")
    add("identical_n1000", "gen:zipf.shuffle:4243:1000:-", "gen:zipf.shuffle:4243:1000:-")
    add("identical_zeros_n8", explicit([0.0, 0.5, 0.0, 0.125, 0.125, 0.0, 0.25, 0.0]),
        explicit([0.0, 0.5, 0.0, 0.125, 0.125, 0.0, 0.25, 0.0]))

    # Disjoint supports (sums exactly 1, so 1 - H^2 and 1 + a(a-1)D_a are exactly 0).
    add("disjoint_n4", explicit([0.5, 0.5, 0.0, 0.0]), explicit([0.0, 0.0, 0.25, 0.75]))
    add("disjoint_interleaved_n64", explicit([1 / 32 if i % 2 == 0 else 0.0 for i in range(64)]),
        explicit([1 / 32 if i % 2 == 1 else 0.0 for i in range(64)]))

    # Uniform vs one-hot, both ways.
    add("flat_vs_onehot_n10", "gen:flat:0:10:-", "gen:onehot:0:10:3")
    add("onehot_vs_flat_n10", "gen:onehot:0:10:3", "gen:flat:0:10:-")
    add("flat_vs_onehot_n1000", "gen:flat:0:1000:-", "gen:onehot:0:1000:999")

    # Small hand-made pairs, and entries at the bottom of the double range (equal tiny entries:
    # pow(p, a) * pow(q, 1 - a) would be 0 * inf).
    add("textbook_n3", explicit([0.1, 0.4, 0.5]), explicit([0.8, 0.15, 0.05]))
    add("swap_n2", explicit([0.3, 0.7]), explicit([0.7, 0.3]))
    add("tiny_equal_entries_n4", explicit([0.5, 0.5, 1e-310, 5e-324]), explicit([0.25, 0.75, 1e-310, 5e-324]))

    # Vocabulary-size vectors.
    V = 100000
    add("vocab_random_n100000", f"gen:uniform:5001:{V}:-", f"gen:uniform:5002:{V}:-")
    add("vocab_near_n100000_1e-8", f"gen:uniform:5003:{V}:-", f"gen:uniform.near:5003:{V}:1e-8")
    add("vocab_zipf_near_n100000_1e-4", f"gen:zipf.shuffle:5004:{V}:-", f"gen:zipf.shuffle.near:5004:{V}:1e-4")

    ids = [cid for cid, _, _ in cases]
    assert len(ids) == len(set(ids))
    return cases


def measure_list() -> list[tuple[str, float | None]]:
    out: list[tuple[str, float | None]] = [("entropy", None), ("cross_entropy", None), ("kl", None),
                                           ("jeffreys", None)]
    out += [("js", w) for w in JS_WEIGHTS]
    out += [("js_distance", w) for w in JS_WEIGHTS]
    out += [("skew_kl", a) for a in SKEW_ALPHAS]
    out += [(m, None) for m in ("tv", "hellinger", "bhattacharyya", "chi2", "neyman_chi2", "cauchy_schwarz")]
    out += [("alpha_divergence", a) for a in ALPHA_DIV_ALPHAS]
    out += [("tsallis", a) for a in TSALLIS_ALPHAS]
    out += [("renyi", a) for a in RENYI_ALPHAS]
    return out


# --------------------------------------------------------------------------------------------
# Exact evaluation in mpmath
# --------------------------------------------------------------------------------------------

INF = mpmath.inf


class Evaluator:
    """All measures on one (p, q) pair at the current mp precision, sharing logs and mixtures."""

    def __init__(self, p: list[float], q: list[float]):
        if len(p) != len(q):
            raise ValueError("p and q differ in length")
        self.P = [mpf(x) for x in p]  # exact: mpf of a double is exact
        self.Q = [mpf(x) for x in q]
        self.LP = [mp.log(x) if x > 0 else None for x in self.P]
        self.LQ = [mp.log(x) if x > 0 else None for x in self.Q]
        self._log_mix: dict[float, list] = {}
        self._d: dict = {}  # D_a by alpha, js by ('js', w)

    # m = w p + (1 - w) q, exact to the working precision, and its log
    def log_mix(self, w: float):
        if w not in self._log_mix and w in (0.0, 1.0):  # m = q or m = p exactly
            self._log_mix[w] = list(zip(self.Q, self.LQ) if w == 0.0 else zip(self.P, self.LP))
        if w not in self._log_mix:
            W = mpf(w)
            W1 = 1 - W
            mix = []
            for p, q in zip(self.P, self.Q):
                m = W * p + W1 * q
                mix.append((m, mp.log(m) if m > 0 else None))
            self._log_mix[w] = mix
        return self._log_mix[w]

    def entropy(self):
        return -mp.fsum(p * lp for p, lp in zip(self.P, self.LP) if lp is not None)

    def cross_entropy(self):
        terms = []
        for p, q, lq in zip(self.P, self.Q, self.LQ):
            if p == 0:
                continue
            if q == 0:
                return INF
            terms.append(p * lq)
        return -mp.fsum(terms)

    def kl(self):
        terms = []
        for p, q, lp, lq in zip(self.P, self.Q, self.LP, self.LQ):
            if p == 0:
                terms.append(q)
            elif q == 0:
                return INF
            else:
                terms.append(p * (lp - lq) - p + q)
        return mp.fsum(terms)

    def reverse_kl(self):  # sum [q log(q/p) - q + p]
        terms = []
        for p, q, lp, lq in zip(self.P, self.Q, self.LP, self.LQ):
            if q == 0:
                terms.append(p)
            elif p == 0:
                return INF
            else:
                terms.append(q * (lq - lp) - q + p)
        return mp.fsum(terms)

    def jeffreys(self):
        terms = []
        for p, q, lp, lq in zip(self.P, self.Q, self.LP, self.LQ):
            if p == 0 and q == 0:
                continue
            if p == 0 or q == 0:
                return INF
            terms.append((p - q) * (lp - lq))
        return mp.fsum(terms)

    def js(self, w: float):
        if ("js", w) in self._d:
            return self._d[("js", w)]
        W = mpf(w)
        W1 = 1 - W
        terms = []
        for p, q, lp, lq, (m, lm) in zip(self.P, self.Q, self.LP, self.LQ, self.log_mix(w)):
            t = mpf(0)
            if p > 0 and W > 0:  # m >= w p > 0
                t += W * p * (lp - lm)
            if q > 0 and W1 > 0:  # m >= (1 - w) q > 0
                t += W1 * q * (lq - lm)
            terms.append(t)
        self._d[("js", w)] = mp.fsum(terms)
        return self._d[("js", w)]

    def skew_kl(self, a: float):
        terms = []
        for p, lp, (m, lm) in zip(self.P, self.LP, self.log_mix(a)):
            if p == 0:
                terms.append(m)
            elif m == 0:
                return INF
            else:
                terms.append(p * (lp - lm) - p + m)
        return mp.fsum(terms)

    def tv(self):
        return mp.fsum(abs(p - q) for p, q in zip(self.P, self.Q)) / 2

    def half_sq_hellinger(self):
        if "h2" not in self._d:
            self._d["h2"] = mp.fsum((mp.sqrt(p) - mp.sqrt(q)) ** 2 for p, q in zip(self.P, self.Q)) / 2
        return self._d["h2"]

    def hellinger(self):
        return mp.sqrt(self.half_sq_hellinger())

    def bhattacharyya(self):
        h2 = self.half_sq_hellinger()
        if h2 > 1:
            raise ArithmeticError("bhattacharyya: 1 - H^2 < 0 (log of a negative number)")
        if h2 == 1:
            return INF
        return -mp.log1p(-h2)

    def chi2(self, neyman: bool = False):
        terms = []
        for p, q in zip(self.P, self.Q):
            if neyman:
                p, q = q, p
            if p == 0 and q == 0:
                continue
            if q == 0:
                return INF
            terms.append((p - q) ** 2 / q)
        return mp.fsum(terms)

    def cauchy_schwarz(self):
        if self.P == self.Q:
            return mpf(0)  # exactly; sqrt(spp * spp) need not round back to spp
        spq = mp.fsum(p * q for p, q in zip(self.P, self.Q))
        if spq == 0:
            return INF
        spp = mp.fsum(p * p for p in self.P)
        sqq = mp.fsum(q * q for q in self.Q)
        return -mp.log(spq / mp.sqrt(spp * sqq))

    def alpha_d(self, a: float):
        """D_a as defined in the module docstring."""
        if a not in self._d:
            if a == 1.0:
                d = self.kl()
            elif a == 0.0:
                d = self.reverse_kl()
            else:
                A = mpf(a)
                A1 = 1 - A
                generic, limits = [], []
                d = None
                for p, q, lp, lq in zip(self.P, self.Q, self.LP, self.LQ):
                    if p == 0 and q == 0:
                        continue
                    if p == 0:
                        if a > 0:
                            limits.append(q / A)
                        else:
                            d = INF
                            break
                    elif q == 0:
                        if a < 1:
                            limits.append(p / A1)
                        else:
                            d = INF
                            break
                    elif p != q:  # p = q contributes exactly 0
                        # q f_a(p/q) a (a - 1) = p^a q^(1-a) - q - a (p - q)
                        generic.append(mp.exp(A * lp + A1 * lq) - q - A * (p - q))
                if d is None:
                    d = mp.fsum(generic) / (A * (A - 1)) + mp.fsum(limits)
            self._d[a] = d
        return self._d[a]

    def renyi(self, a: float):
        if a == 1.0:
            return self.kl()
        if a == 0.0:
            s = mp.fsum(q for p, q in zip(self.P, self.Q) if p == 0)
            if s > 1:
                raise ArithmeticError("renyi(0): 1 - sum q[p == 0] < 0")
            return INF if s == 1 else -mp.log1p(-s)
        if math.isinf(a):
            best = None
            for p, q in zip(self.P, self.Q):
                if p == 0:
                    continue
                if q == 0:
                    return INF
                r = p / q
                if best is None or r > best:
                    best = r
            return mp.log(best)
        d = self.alpha_d(a)
        if d == INF:
            return INF  # only for a > 1: log(+inf) / (a - 1)
        A = mpf(a)
        x = A * (A - 1) * d  # 1 + x is the argument of the log
        if x < -1:
            raise ArithmeticError(f"renyi({a}): 1 + a(a-1)D_a < 0")
        if x == -1:
            return INF  # log(0) / (a - 1) with a < 1
        return mp.log1p(x) / (A - 1)

    def condition(self, measure: str, param: float | None) -> float:
        """Condition number of the final scalar step for the measures that end in a log of
        1 - (a sum of non-negative terms): bhattacharyya = -log1p(-H^2), renyi (0 <= a < 1) =
        log1p(x) / (a - 1) with x = a (a - 1) D_a in [-1, 0]. The sums themselves can be had to a
        few ulps; a large condition number means no double-precision evaluation of the defining
        termwise formula gets near the exact value (e.g. 1 - H^2 below the rounding of sum p and
        sum q), so such rows are left out. 1.0 for every other measure."""
        x = None
        if measure == "bhattacharyya":
            x = -self.half_sq_hellinger()
        elif measure == "renyi" and param == 0.0:
            x = -mp.fsum(q for p, q in zip(self.P, self.Q) if p == 0)
        elif measure == "renyi" and 0.0 < param < 1.0:
            A = mpf(param)
            x = A * (A - 1) * self.alpha_d(param)
        if x is None or x == 0 or x == -1:
            return 1.0
        return float(abs(x) / ((1 + x) * abs(mp.log1p(x))))

    def value(self, measure: str, param: float | None):
        if measure == "entropy":
            return self.entropy()
        if measure == "cross_entropy":
            return self.cross_entropy()
        if measure == "kl":
            return self.kl()
        if measure == "jeffreys":
            return self.jeffreys()
        if measure == "js":
            return self.js(param)
        if measure == "js_distance":
            return mp.sqrt(self.js(param))
        if measure == "skew_kl":
            return self.skew_kl(param)
        if measure == "tv":
            return self.tv()
        if measure == "hellinger":
            return self.hellinger()
        if measure == "bhattacharyya":
            return self.bhattacharyya()
        if measure == "chi2":
            return self.chi2()
        if measure == "neyman_chi2":
            return self.chi2(neyman=True)
        if measure == "cauchy_schwarz":
            return self.cauchy_schwarz()
        if measure == "alpha_divergence":
            return self.alpha_d(param)
        if measure == "tsallis":
            d = self.alpha_d(param)
            return INF if d == INF else mpf(param) * d
        if measure == "renyi":
            return self.renyi(param)
        raise ValueError(measure)


DBL_MAX = sys.float_info.max
DBL_MIN = sys.float_info.min  # smallest normal


def to_double(x) -> float:
    """Round an mpf (computed to far more than 53 bits) to the nearest double."""
    if x == INF:
        return math.inf
    if mpmath.isnan(x) or x == -INF:
        raise ArithmeticError(f"unexpected value {x}")
    if x == 0:
        return 0.0
    ax = abs(x)
    if ax < DBL_MIN:  # subnormal range: round to a multiple of 2^-1074
        r = float(mpmath.nint(ax * mpmath.ldexp(1, 1074))) * 2.0 ** -1074
    else:
        with mp.workprec(53):
            r = float(+ax)  # unary plus rounds to 53 bits (nearest); beyond DBL_MAX float() gives inf
    if r > DBL_MAX:
        r = math.inf
    return r if x > 0 else -r


def param_text(param: float | None) -> str:
    if param is None:
        return "-"
    return "inf" if math.isinf(param) else repr(param)


def value_text(v: float) -> str:
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return "%.17g" % v


# --------------------------------------------------------------------------------------------
# Independent float64 sanity checks (loose: they only catch a wrong formula in this script)
# --------------------------------------------------------------------------------------------

def scipy_sanity(cid: str, p: list[float], q: list[float], rows: dict) -> list[str]:
    import numpy as np
    from scipy import special, stats
    from scipy.spatial import distance

    P, Q = np.array(p), np.array(q)
    problems = []

    def check(key, approx):
        if key not in rows:
            return
        got = rows[key]
        if math.isinf(got) or math.isinf(approx):
            ok = got == approx
        elif abs(got) < 1e-9:
            ok = abs(approx) < 1e-7
        else:
            ok = abs(approx - got) <= 1e-6 * abs(got)
        if not ok:
            problems.append(f"{cid} {key}: mpmath {got!r} vs float64 {approx!r}")

    with np.errstate(all="ignore"):
        check(("entropy", None), float(stats.entropy(P)))
        check(("kl", None), float(np.sum(special.kl_div(P, Q))))
        check(("cross_entropy", None), float(-np.sum(special.xlogy(P, Q))))
        check(("jeffreys", None), float(np.sum(special.kl_div(P, Q) + special.kl_div(Q, P))))
        check(("tv", None), float(0.5 * np.sum(np.abs(P - Q))))
        check(("hellinger", None), float(np.sqrt(0.5 * np.sum((np.sqrt(P) - np.sqrt(Q)) ** 2))))
        bc = float(np.sum(np.sqrt(P * Q)))
        check(("bhattacharyya", None), math.inf if bc == 0 else -math.log(bc))
        check(("cauchy_schwarz", None),
              math.inf if np.dot(P, Q) == 0 else float(-np.log(np.dot(P, Q) / np.sqrt(np.dot(P, P) * np.dot(Q, Q)))))
        if np.all(Q > 0):
            check(("chi2", None), float(np.sum((P - Q) ** 2 / Q)))
        if np.all(P > 0):
            check(("neyman_chi2", None), float(np.sum((P - Q) ** 2 / P)))
        if rows[("js", 0.5)] > 1e-6:
            check(("js", 0.5), float(distance.jensenshannon(P, Q) ** 2))
        for w in (0.1, 0.999999):
            m = w * P + (1 - w) * Q
            check(("js", w), float(w * np.sum(special.kl_div(P, m)) + (1 - w) * np.sum(special.kl_div(Q, m))))
            check(("skew_kl", w), float(np.sum(special.kl_div(P, m))))
        if np.all(P > 0) and np.all(Q > 0) and np.max(np.abs(np.log(P / Q))) < 50:
            for a in (0.1, 0.5, 2.0):
                s = float(np.sum(P ** a * Q ** (1 - a)))
                if abs(s - 1) > 1e-6:
                    check(("renyi", a), math.log(s) / (a - 1))
                    check(("tsallis", a), (s - 1) / (a - 1))
                    check(("alpha_divergence", a), (1 - s) / (a * (1 - a)))
            check(("renyi", math.inf), float(np.log(np.max(P / Q))))
    return problems


# --------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------

# Rows whose last step (see Evaluator.condition) amplifies a relative error of the sum by more
# than this are left out of the table and listed in its comments.
KAPPA_MAX = 256.0


def evaluate_case(task):
    cid, pf, qf, dps, verify_dps = task
    t0 = time.time()
    p = expand_field(pf)
    q = expand_field(qf)
    out = {}
    omitted = {}  # key -> condition number
    mp.dps = dps
    ev = Evaluator(p, q)
    for measure, param in measure_list():
        v = to_double(ev.value(measure, param))
        kappa = ev.condition(measure, param)
        if math.isfinite(v) and kappa > KAPPA_MAX:
            omitted[(measure, param)] = kappa
        out[(measure, param)] = v

    notes = []
    if verify_dps:
        mp.dps = verify_dps
        ev2 = Evaluator(p, q)
        for key, v in out.items():
            v2 = to_double(ev2.value(*key))
            if v != v2:
                if math.isinf(v) or math.isinf(v2) or abs(v - v2) > math.ulp(max(abs(v), abs(v2))):
                    raise AssertionError(f"{cid} {key}: dps {dps} gives {v!r}, dps {verify_dps} gives {v2!r}")
                notes.append(f"{cid} {key}: 1 ulp between dps {dps} and {verify_dps} (near a tie); "
                             f"the dps {verify_dps} value is written")
                out[key] = v2
        mp.dps = dps

    # Internal consistency of the definitions.
    assert out[("skew_kl", 0.0)] == out[("kl", None)], cid
    assert out[("alpha_divergence", 1.0)] == out[("kl", None)] == out[("renyi", 1.0)] == out[("tsallis", 1.0)], cid
    if len(p) <= 1000:
        kept = {k: v for k, v in out.items() if k not in omitted}
        notes += ["SANITY " + s for s in scipy_sanity(cid, p, q, kept)]
    for k in omitted:
        del out[k]
    return cid, pf, qf, len(p), out, omitted, notes, time.time() - t0


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(here, "..", "tests", "data", "discrete_reference.tsv"))
    ap.add_argument("--dps", type=int, default=60, help="mpmath decimal digits (>= 60)")
    ap.add_argument("--verify-dps", type=int, default=100,
                    help="recompute cases with n <= 1000 at this precision and require the same doubles (0: off)")
    ap.add_argument("--verify-large", action="store_true", help="also verify the n = 100000 cases (slow)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = ap.parse_args()
    if args.dps < 60:
        ap.error("--dps must be >= 60")

    t_start = time.time()
    cases = build_cases()
    tasks = []
    for cid, pf, qf in cases:
        n = len(expand_field(pf))
        verify = args.verify_dps if (n <= 1000 or args.verify_large) else 0
        tasks.append((cid, pf, qf, args.dps, verify))
    # Largest first so the pool stays busy.
    order = sorted(range(len(tasks)), key=lambda i: -int(tasks[i][1].split(":")[3]) if tasks[i][1].startswith("gen:") else 0)
    results = {}
    with multiprocessing.Pool(args.jobs) as pool:
        for res in pool.imap_unordered(evaluate_case, [tasks[i] for i in order]):
            cid, _, _, n, _, omitted, notes, secs = res
            results[cid] = res
            print(f"  {cid:34s} n={n:<6d} {secs:7.1f} s  omitted {len(omitted)}", file=sys.stderr)
            for note in notes:
                print("    " + note, file=sys.stderr)
    if any(n.startswith("SANITY") for r in results.values() for n in r[6]):
        print("float64 sanity checks failed", file=sys.stderr)
        return 1

    lines = [
        "# kullback discrete-measure accuracy reference. GENERATED by scripts/gen_discrete_reference.py; do not edit.",
        f"# mpmath {mpmath.__version__}, mp.dps = {args.dps}, verified at mp.dps = {args.verify_dps} "
        f"({'all cases' if args.verify_large else 'cases with n <= 1000'}). Values in nats, rounded to nearest double.",
        "# Vector fields: 'v:' explicit repr() doubles, or 'gen:<kind>:<seed>:<n>:<arg>' recipes (see the script).",
    ]
    lines.append(f"# Left out as ill-conditioned (condition number of the final log step > {KAPPA_MAX:g}; "
                 "see Evaluator.condition):")
    for cid, pf, qf in cases:
        for (measure, param), kappa in results[cid][5].items():
            lines.append(f"#   {cid} {measure} {param_text(param)} (condition number {kappa:.3g})")
    lines.append("# case_id\tmeasure\tparam\tp\tq\texpected")
    n_header = len(lines)
    counts: dict[str, int] = {}
    for cid, pf, qf in cases:
        out = results[cid][4]
        for measure, param in measure_list():
            if (measure, param) not in out:
                continue
            qfield = "-" if measure == "entropy" else qf
            lines.append("\t".join([cid, measure, param_text(param), pf, qfield, value_text(out[(measure, param)])]))
            counts[measure] = counts.get(measure, 0) + 1
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {args.out}: {len(lines) - n_header} rows, {len(cases)} cases, "
          f"{os.path.getsize(args.out) / 1e6:.2f} MB, {time.time() - t_start:.0f} s", file=sys.stderr)
    for m, c in counts.items():
        print(f"  {m:18s} {c}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
