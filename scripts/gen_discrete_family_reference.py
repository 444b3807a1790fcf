#!/usr/bin/python3
"""Accuracy reference for kullback's discrete-family closed forms.

Writes tests/data/discrete_family_reference.tsv: one row per (case, measure, parameter) with the
exact value of the measure between two discrete distributions whose parameters are the given
doubles, computed with mpmath (mp.dps = 50 by default) as a direct sum over the support (no
closed form is used) and rounded once to the nearest double.

Usage:
    /usr/bin/python3 scripts/gen_discrete_family_reference.py [--out PATH] [--dps 50] [--no-checks]

File format (tab-separated, '#' starts a comment line):

    case_id  measure  param  p  q  expected

  measure   kl, jeffreys, renyi, chernoff, bhattacharyya, hellinger
  param     alpha (repr of the double) for renyi and chernoff, '-' otherwise
  p, q      a distribution, fields separated by ';', numbers by ',' (Python's repr: exact doubles):
              bernoulli;<probs>      binomial;<total_count>;<probs>    geometric;<probs>
              poisson;<rate>         negative_binomial;<total_count>;<probs>
              categorical;<probs>    logits;<logits> (categorical::from_logits)
              one_hot;<probs>        (one_hot_categorical)
            or '=' for the same distribution as on the previous row
  expected  the exact value rounded to the nearest double ('%.17g'), or 'inf'.

Definitions (natural logs, sums over k in the support, 0 log 0 = 0, 0^0 = 0):
  kl           sum_{p>0} p log(p/q), +inf if p > 0 = q somewhere
  jeffreys     kl(p, q) + kl(q, p)
  chernoff(a)  c(a) = sum p^a q^(1-a), +inf if a > 1 and p > 0 = q somewhere (or the series diverges)
  renyi(a)     log(c(a)) / (a - 1) (a != 1), kl at a = 1
  bhattacharyya  -log c(1/2);  hellinger  sqrt(1 - c(1/2))

Infinite supports (poisson, geometric, negative_binomial) are summed until every summand is below
10^-80 past the modes (each sequence is eventually geometric, so the tail is below 10^-75); the
Chernoff series for a > 1 diverges exactly when s1^a s2^(1-a) >= 1 (geometric: failure
probabilities), which gives 'inf'.

Self-checks (unless --no-checks; they only sanity-check the generator): torch.distributions
kl_divergence in float64 on the ordinary cases of every pair torch registers, the closed forms in
double (Poisson, Bernoulli), and scipy.integrate.quad of the Poisson pmf interpolated through the
gamma function (the sum as an integral of a step function) for one case per family, each to 1e-7.
"""
import argparse
import math
import os
import sys
from fractions import Fraction

import mpmath as mp
import numpy as np

ALPHAS_RENYI = [0.0, 0.25, 0.5, 0.9, 0.999, 2.0, 5.0]
ALPHAS_CHERNOFF = [0.0, 0.3, 1.0, 2.0]
TINY = mp.mpf(10) ** -80


# ---- distributions ---------------------------------------------------------------------------

class Dist:
    """A distribution as the exact doubles of its parameters; logpmf(k) in mpmath."""

    def __init__(self, kind, *params):
        self.kind = kind
        self.params = [float(x) for x in params] if kind not in ("categorical", "logits", "one_hot") else None
        self.vector = [float(x) for x in params[0]] if self.params is None else None

    def field(self):
        if self.vector is not None:
            return "%s;%s" % (self.kind, ",".join(repr(x) for x in self.vector))
        return ";".join([self.kind] + [repr(x) for x in self.params])

    def finite(self):
        return self.kind in ("bernoulli", "binomial", "categorical", "logits", "one_hot")

    def top(self):
        if self.kind == "bernoulli":
            return 1
        if self.kind == "binomial":
            return int(self.params[0])
        return len(self.vector) - 1

    def logpmf(self, k):
        mpf, ninf = mp.mpf, mp.ninf
        if self.kind in ("categorical", "one_hot"):
            x = mpf(self.vector[k]) if k < len(self.vector) else mpf(0)
            return mp.log(x) if x > 0 else ninf
        if self.kind == "logits":
            if k >= len(self.vector):
                return ninf
            ls = [mpf(v) for v in self.vector if v != -math.inf]
            if self.vector[k] == -math.inf:
                return ninf
            return mpf(self.vector[k]) - mp.log(mp.fsum(mp.exp(v) for v in ls))
        if self.kind == "bernoulli":
            x = mpf(self.params[0])
            v = x if k == 1 else (1 - x if k == 0 else mpf(0))
            return mp.log(v) if v > 0 else ninf
        if self.kind == "binomial":
            n, x = int(self.params[0]), mpf(self.params[1])
            if k > n:
                return ninf
            v = mp.binomial(n, k) * x ** k * (1 - x) ** (n - k)
            return mp.log(v) if v > 0 else ninf
        if self.kind == "poisson":
            l = mpf(self.params[0])
            if l == 0:
                return mpf(0) if k == 0 else ninf
            return k * mp.log(l) - l - mp.loggamma(k + 1)
        if self.kind == "geometric":
            x = mpf(self.params[0])
            if x == 1:
                return mpf(0) if k == 0 else ninf
            return k * mp.log(1 - x) + mp.log(x)
        if self.kind == "negative_binomial":
            r, s = mpf(self.params[0]), mpf(self.params[1])
            if s == 0:
                return mpf(0) if k == 0 else ninf
            return mp.loggamma(k + r) - mp.loggamma(k + 1) - mp.loggamma(r) + k * mp.log(s) + r * mp.log(1 - s)
        raise ValueError(self.kind)

    def success(self):
        """The ratio s of the eventually geometric tail of p(k) (s^k), 0 for finite/poisson."""
        if self.kind == "geometric":
            return mp.mpf(1) - mp.mpf(self.params[0])
        if self.kind == "negative_binomial":
            return mp.mpf(self.params[1])
        return mp.mpf(0)

    def mean(self):
        if self.kind == "poisson":
            return self.params[0]
        if self.kind == "geometric":
            return (1 - self.params[0]) / self.params[0]
        if self.kind == "negative_binomial":
            return self.params[0] * self.params[1] / (1 - self.params[1])
        return 0.0


def chernoff_diverges(p, q, a):
    """For a > 1 on infinite supports: sum p^a q^(1-a) ~ sum (s1^a s2^(1-a))^k."""
    if a <= 1 or p.finite() or q.finite():
        return False
    s1, s2 = p.success(), q.success()
    if p.kind == "poisson" or q.kind == "poisson":
        return False
    if s2 == 0:
        return False  # q is a point mass; p > 0 = q is handled by the support rule
    return s1 ** a * s2 ** (1 - a) >= 1


def log_pmfs(p, q, alphas):
    """Lists lp[k], lq[k] over the union of the supports, long enough for every sum."""
    lp, lq = [], []
    if p.finite() and q.finite():
        top = max(p.top(), q.top())
        return [p.logpmf(k) for k in range(top + 1)], [q.logpmf(k) for k in range(top + 1)]
    start = int(2 * max(p.mean(), q.mean()) + 20)
    for d in (p, q):  # cover the whole finite support of a bernoulli or binomial side
        if d.finite():
            start = max(start, d.top() + 1)
    big = [a for a in alphas if a > 1 and not chernoff_diverges(p, q, a)]
    log_tiny = mp.log(TINY)
    k = 0
    while True:
        a_lp, a_lq = p.logpmf(k), q.logpmf(k)
        lp.append(a_lp)
        lq.append(a_lq)
        if k > start:
            small = a_lp < log_tiny and a_lq < log_tiny
            for a in big:
                if a_lp != mp.ninf and a_lq != mp.ninf and a * a_lp + (1 - a) * a_lq >= log_tiny:
                    small = False
            if small:
                return lp, lq
        k += 1
        if k > 200000:
            raise RuntimeError("sum does not converge fast enough: %s %s" % (p.field(), q.field()))


def kl_sum(lp, lq):
    total = []
    for a, b in zip(lp, lq):
        if a == mp.ninf:
            continue
        if b == mp.ninf:
            return mp.inf
        total.append(mp.exp(a) * (a - b))
    return mp.fsum(total)


def covers(lp, lq, p, q):
    """Whether supp p contains supp q (q's mass beyond the listed points is where p = 0 when p is
    finite and q is not)."""
    if p.finite() and not q.finite():
        return False
    return all(x != mp.ninf for x, y in zip(lp, lq) if y != mp.ninf)


def chernoff_sum(lp, lq, a, exact_one=False):
    """exact_one: c(a) is exactly 1 (a = 0 with supp p containing supp q, or a = 1 with supp q
    containing supp p), which a truncated sum would only give to ~1e-50."""
    if exact_one:
        return mp.mpf(1)
    a = mp.mpf(a)
    total = []
    for x, y in zip(lp, lq):
        if x == mp.ninf:
            continue
        if y == mp.ninf:
            if a > 1:
                return mp.inf
            continue
        total.append(mp.exp(a * x + (1 - a) * y))
    return mp.fsum(total)


def rows_for(case_id, p, q):
    lp, lq = log_pmfs(p, q, ALPHAS_RENYI + ALPHAS_CHERNOFF)
    out = []
    k_pq, k_qp = kl_sum(lp, lq), kl_sum(lq, lp)
    out.append((case_id, "kl", "-", k_pq))
    out.append((case_id, "jeffreys", "-", k_pq + k_qp))
    for a in ALPHAS_RENYI:
        if a == 1:
            continue
        if chernoff_diverges(p, q, a):
            out.append((case_id, "renyi", repr(a), mp.inf))
            continue
        if a == 0:  # -log Q(supp p) = -log1p(-m), m = q's mass where p = 0 (may be ~1e-118)
            m = mp.fsum(mp.exp(y) for x, y in zip(lp, lq) if x == mp.ninf and y != mp.ninf)
            if p.finite() and q.kind == "poisson" and q.params[0] > 0:  # q's tail beyond the list
                m += mp.gammainc(len(lq), 0, mp.mpf(q.params[0]), regularized=True)
            out.append((case_id, "renyi", "0.0", mp.inf if m >= 1 else -mp.log1p(-m)))
            continue
        c = chernoff_sum(lp, lq, a)
        value = mp.inf if c == mp.inf or c == 0 else mp.log(c) / (mp.mpf(a) - 1)
        out.append((case_id, "renyi", repr(a), value))
    for a in ALPHAS_CHERNOFF:
        one = (a == 0 and covers(lp, lq, p, q)) or (a == 1 and covers(lq, lp, q, p))
        c = mp.inf if chernoff_diverges(p, q, a) else chernoff_sum(lp, lq, a, one)
        out.append((case_id, "chernoff", repr(a), c))
    c = chernoff_sum(lp, lq, 0.5)
    out.append((case_id, "bhattacharyya", "-", mp.inf if c == 0 else -mp.log(c)))
    out.append((case_id, "hellinger", "-", mp.sqrt(max(mp.mpf(0), 1 - c))))
    return out


# ---- cases -----------------------------------------------------------------------------------

def near(x, eps):
    return float(x) * (1 + eps)


def on_grid(probs):
    """probs rounded to multiples of 2^-52 that add up to exactly 1 (categorical measures take the
    stored probabilities as a pmf, sum q = 1)."""
    units = [int(round(x * 2 ** 52)) for x in probs]
    units[int(np.argmax(units))] += 2 ** 52 - sum(units)
    assert all(u > 0 for u in units) and sum(units) == 2 ** 52
    return [u / 2 ** 52 for u in units]


def exact_moves(rng, probs, eps):
    """q = p with mass moved between pairs of categories so that sum q = sum p exactly."""
    q = list(probs)
    n = len(q)
    for i in range(0, n - 1, 2):
        j = i + 1
        unit = max(math.ulp(q[i]), math.ulp(q[j]))
        for _ in range(100):
            delta = unit * max(1, round(eps * min(q[i], q[j]) * rng.uniform(0.5, 1.0) / unit))
            a, b = q[i] + delta, q[j] - delta
            if Fraction(a) - Fraction(q[i]) == Fraction(delta) and Fraction(q[j]) - Fraction(b) == Fraction(delta):
                q[i], q[j] = a, b
                break
    assert sum(Fraction(x) for x in q) == sum(Fraction(x) for x in probs)
    return q


def cases(rng):
    B, Bi, G, P, NB = "bernoulli", "binomial", "geometric", "poisson", "negative_binomial"
    out = []
    # ordinary
    for i in range(6):
        x, y = rng.uniform(0.05, 0.95, size=2)
        out.append(("bern_ordinary%d" % i, Dist(B, x), Dist(B, y)))
        n = float(rng.integers(1, 40))
        out.append(("binom_ordinary%d" % i, Dist(Bi, n, x), Dist(Bi, n, y)))
        out.append(("geom_ordinary%d" % i, Dist(G, 0.2 + 0.7 * x), Dist(G, 0.2 + 0.7 * y)))
        l, m = rng.uniform(0.1, 30, size=2)
        out.append(("pois_ordinary%d" % i, Dist(P, l), Dist(P, m)))
        r = float(rng.uniform(0.3, 8))
        out.append(("nb_ordinary%d" % i, Dist(NB, r, 0.05 + 0.8 * x), Dist(NB, r, 0.05 + 0.8 * y)))
        k = int(rng.integers(2, 9))
        pp, qq = on_grid(rng.dirichlet(np.ones(k))), on_grid(rng.dirichlet(np.ones(k)))
        out.append(("cat_ordinary%d" % i, Dist("categorical", pp), Dist("categorical", qq)))
        out.append(("onehot_ordinary%d" % i, Dist("one_hot", pp), Dist("one_hot", qq)))
        la, lb = rng.normal(0, 3, size=k), rng.normal(0, 3, size=k)
        out.append(("logits_ordinary%d" % i, Dist("logits", la), Dist("logits", lb)))
    # binomial with different total counts, and the cross pairs
    for i, (n1, n2) in enumerate([(5, 9), (12, 7), (1, 30), (30, 2), (20, 21), (0, 4)]):
        x, y = rng.uniform(0.05, 0.95, size=2)
        out.append(("binom_counts%d" % i, Dist(Bi, n1, x), Dist(Bi, n2, y)))
    for i in range(5):
        x = float(rng.uniform(0.02, 0.98))
        l = float(rng.uniform(0.05, 6))
        n = float(rng.integers(1, 25))
        out.append(("bernpois_ordinary%d" % i, Dist(B, x), Dist(P, l)))
        out.append(("poisbern_ordinary%d" % i, Dist(P, l), Dist(B, x)))
        out.append(("binompois_ordinary%d" % i, Dist(Bi, n, x), Dist(P, l)))
        out.append(("poisbinom_ordinary%d" % i, Dist(P, l), Dist(Bi, n, x)))
    out.append(("bernpois_close", Dist(B, 1e-4), Dist(P, 1.0001e-4)))
    # negative binomials with different total counts (series with a tail bound)
    for i, (r1, r2, s1, s2) in enumerate([(2.0, 3.0, 0.4, 0.4), (0.5, 4.5, 0.7, 0.2), (7.0, 1.5, 0.1, 0.85),
                                          (1.0, 1.3, 0.93, 0.9), (3.0, 2.0, 0.0, 0.5), (3.0, 2.0, 0.5, 0.0)]):
        out.append(("nbcounts_ordinary%d" % i, Dist(NB, r1, s1), Dist(NB, r2, s2)))
    for eps in [1e-4, 1e-8, 1e-12]:
        out.append(("nbcounts_near_%g" % eps, Dist(NB, 2.5, 0.6), Dist(NB, near(2.5, eps), 0.6)))
    out.append(("binompois_close", Dist(Bi, 50.0, 0.002), Dist(P, 0.1)))
    # nearly equal parameters
    for eps in [1e-4, 1e-8, 1e-12]:
        for i, x in enumerate([0.3, 0.999, 1e-6]):
            out.append(("bern_near_%g_%d" % (eps, i), Dist(B, x), Dist(B, near(x, eps))))
            out.append(("binom_near_%g_%d" % (eps, i), Dist(Bi, 17.0, x), Dist(Bi, 17.0, near(x, eps))))
            g = [0.3, 0.999, 0.02][i]  # probs near 0 would need ~1/probs terms in the reference sum
            out.append(("geom_near_%g_%d" % (eps, i), Dist(G, g), Dist(G, near(g, eps))))
            out.append(("nb_near_%g_%d" % (eps, i), Dist(NB, 2.5, min(x, 0.9)), Dist(NB, 2.5, near(min(x, 0.9), eps))))
        for i, l in enumerate([0.01, 3.0, 250.0]):
            out.append(("pois_near_%g_%d" % (eps, i), Dist(P, l), Dist(P, near(l, eps))))
        pp = on_grid(rng.dirichlet(np.ones(6)))
        out.append(("cat_near_%g" % eps, Dist("categorical", pp), Dist("categorical", exact_moves(rng, pp, eps))))
    # supports that do not nest, point masses, extremes
    out += [
        ("bern_edge0", Dist(B, 0.0), Dist(B, 0.3)), ("bern_edge1", Dist(B, 0.3), Dist(B, 0.0)),
        ("bern_edge2", Dist(B, 1.0), Dist(B, 0.0)), ("bern_edge3", Dist(B, 1.0), Dist(B, 1.0)),
        ("bern_edge4", Dist(B, 1e-300), Dist(B, 0.5)), ("bern_edge5", Dist(B, 0.5), Dist(B, 1e-300)),
        ("binom_edge0", Dist(Bi, 0.0, 0.4), Dist(Bi, 0.0, 0.7)), ("binom_edge1", Dist(Bi, 5.0, 1.0), Dist(Bi, 5.0, 0.5)),
        ("binom_edge2", Dist(Bi, 5.0, 0.5), Dist(Bi, 5.0, 1.0)), ("binom_edge3", Dist(Bi, 6.0, 0.0), Dist(Bi, 3.0, 0.2)),
        ("pois_edge0", Dist(P, 0.0), Dist(P, 2.0)), ("pois_edge1", Dist(P, 2.0), Dist(P, 0.0)),
        ("pois_edge2", Dist(P, 1e-9), Dist(P, 50.0)),
        ("geom_edge0", Dist(G, 1.0), Dist(G, 0.4)), ("geom_edge1", Dist(G, 0.4), Dist(G, 1.0)),
        ("geom_edge2", Dist(G, 0.05), Dist(G, 0.9)),
        ("nb_edge0", Dist(NB, 3.0, 0.0), Dist(NB, 3.0, 0.6)), ("nb_edge1", Dist(NB, 3.0, 0.6), Dist(NB, 3.0, 0.0)),
        ("nb_edge2", Dist(NB, 0.5, 0.9), Dist(NB, 0.5, 0.2)),
        ("cat_edge0", Dist("categorical", [0.5, 0.5, 0.0]), Dist("categorical", [0.2, 0.3, 0.5])),
        ("cat_edge1", Dist("categorical", [0.2, 0.3, 0.5]), Dist("categorical", [0.5, 0.5, 0.0])),
        ("cat_edge2", Dist("categorical", [1.0, 0.0]), Dist("categorical", [0.0, 1.0])),
        ("logits_edge0", Dist("logits", [0.0, -math.inf, 2.0]), Dist("logits", [1.0, 0.5, -30.0])),
        ("bernpois_edge0", Dist(B, 0.3), Dist(P, 0.0)), ("poisbern_edge0", Dist(P, 0.0), Dist(B, 0.3)),
        ("poisbern_edge1", Dist(P, 0.7), Dist(B, 1.0)), ("poisbinom_edge0", Dist(P, 0.0), Dist(Bi, 4.0, 0.5)),
        ("binompois_edge0", Dist(Bi, 3.0, 0.5), Dist(P, 0.0)),
    ]
    return out


# ---- self-checks -------------------------------------------------------------------------------

def torch_of(d):
    import torch
    D = torch.distributions
    t = lambda x: torch.tensor(x, dtype=torch.float64)
    if d.kind == "bernoulli":
        return D.Bernoulli(probs=t(d.params[0]))
    if d.kind == "binomial":
        return D.Binomial(total_count=t(d.params[0]), probs=t(d.params[1]))
    if d.kind == "geometric":
        return D.Geometric(probs=t(d.params[0]))
    if d.kind == "poisson":
        return D.Poisson(t(d.params[0]))
    if d.kind == "categorical":
        return D.Categorical(probs=t(d.vector))
    if d.kind == "one_hot":
        return D.OneHotCategorical(probs=t(d.vector))
    if d.kind == "logits":
        return D.Categorical(logits=t(d.vector))
    return None


def self_checks(case_list, table):
    import scipy.integrate
    import scipy.special
    import torch
    checked = 0
    for case_id, p, q in case_list:
        if "ordinary" not in case_id or p.kind == "negative_binomial":
            continue
        tp, tq = torch_of(p), torch_of(q)
        try:
            got = float(torch.distributions.kl_divergence(tp, tq))
        except NotImplementedError:
            continue
        want = float(table[(case_id, "kl", "-")])
        assert math.isclose(got, want, rel_tol=1e-7, abs_tol=1e-12), (case_id, got, want)
        checked += 1
    print("torch kl_divergence agrees on %d ordinary cases" % checked, file=sys.stderr)
    # Poisson closed forms in double, and scipy.integrate.quad of the step function k -> p(k)^a q(k)^(1-a)
    # on [0, K] for one case per family (the sum over the support as an integral).
    for case_id, p, q in case_list:
        if case_id.startswith("pois_ordinary"):
            l, m = p.params[0], q.params[0]
            assert math.isclose(l * math.log(l / m) - l + m, float(table[(case_id, "kl", "-")]), rel_tol=1e-9)
            bc = math.exp(math.sqrt(l * m) - (l + m) / 2)
            assert math.isclose(-math.log(bc), float(table[(case_id, "bhattacharyya", "-")]), rel_tol=1e-9)
    for prefix in ["bern_ordinary0", "binom_ordinary0", "geom_ordinary0", "pois_ordinary0", "nb_ordinary0",
                   "cat_ordinary0", "binom_counts0", "bernpois_ordinary0", "poisbinom_ordinary0"]:
        p, q = next((p, q) for c, p, q in case_list if c == prefix)
        lp, lq = log_pmfs(p, q, [0.5])
        fp = [float(mp.exp(x)) for x in lp]
        fq = [float(mp.exp(x)) for x in lq]
        step = lambda x: math.sqrt(fp[int(x)] * fq[int(x)]) if int(x) < len(fp) else 0.0
        value, _ = scipy.integrate.quad(step, 0, len(fp), points=list(range(1, len(fp))), limit=len(fp) + 50)
        want = float(mp.exp(-table[(prefix, "bhattacharyya", "-")]))
        assert math.isclose(value, want, rel_tol=1e-7), (prefix, value, want)
    print("scipy.integrate.quad agrees on the Bhattacharyya coefficient of 9 families/pairs", file=sys.stderr)


def fmt(x):
    if x == mp.inf:
        return "inf"
    return "%.17g" % float(x)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "tests", "data", "discrete_family_reference.tsv"))
    ap.add_argument("--dps", type=int, default=50)
    ap.add_argument("--no-checks", action="store_true")
    args = ap.parse_args()
    mp.mp.dps = args.dps
    rng = np.random.default_rng(20261128)
    case_list = cases(rng)
    table = {}
    lines = ["# Generated by scripts/gen_discrete_family_reference.py (mpmath, dps=%d). Do not edit." % args.dps,
             "# case_id\tmeasure\tparam\tp\tq\texpected"]
    for case_id, p, q in case_list:
        first = True
        for cid, measure, param, value in rows_for(case_id, p, q):
            table[(cid, measure, param)] = value
            pf, qf = (p.field(), q.field()) if first else ("=", "=")
            first = False
            lines.append("\t".join([cid, measure, param, pf, qf, fmt(value)]))
    if not args.no_checks:
        self_checks(case_list, table)
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %d rows to %s" % (len(lines) - 2, args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
