#!/usr/bin/python3
"""Accuracy reference for kullback's location-scale, heavy-tailed and cross-family measures.

Writes two tables:

  tests/data/location_scale_reference.tsv   exact values (mpmath, mp.dps = 50), rounded once to
                                            the nearest double
  tests/data/location_scale_torch.tsv       torch.distributions.kl_divergence in float64 on
                                            ordinary inputs (torch's own values, to test agreement)

Usage:
    /usr/bin/python3 scripts/gen_location_scale_reference.py [--dps 50] [--no-checks]

File format (tab-separated, '#' starts a comment line):

    case_id  measure  param  p  q  expected  tol

  measure   kl, jeffreys, renyi, chernoff, bhattacharyya, hellinger
  param     alpha (repr of the double) for renyi and chernoff, '-' otherwise
  p, q      <family>;<parameter>;<parameter> with each number Python's repr (exact doubles):
              laplace;loc;scale  uniform;low;high  pareto;scale;alpha  cauchy;loc;scale
              gumbel;loc;scale  weibull;scale;concentration  logistic;loc;scale
              normal;loc;scale  exponential;rate  gamma;concentration;rate  chi2;df
              beta;concentration1;concentration0  cb;probs
            or '=' for the same distribution as on the previous row
  expected  the exact value rounded to the nearest double ('%.17g'), or 'inf'
  tol       the relative tolerance the C++ test applies (1e-12 unless a row says otherwise; the
            looser rows are the documented cancellation cases, see docs/parametric_location_scale.md)

How the exact values are obtained (independently of kullback's formulas):
  * logistic and every cross-family KL: mpmath.quad of the definition (the integral of
    p (q/p - 1 - log(q/p)), which is the KL and free of cancellation where the supports are equal), split at every kink,
    support end and centre;
  * laplace, uniform, pareto (every measure through the chernoff integral of p^a q^(1-a)) and
    cauchy, gumbel, weibull KL: their closed forms evaluated in mpmath, each checked (unless
    --no-checks) against mpmath.quad of the definition to 1e-16 on the ordinary and the edge
    cases (quad of every row would take an hour).
  * +inf: from the support rules, stated below per pair (the integral diverges there).
Self-checks (unless --no-checks): scipy.integrate.quad agrees with every finite KL of an
ordinary case to 1e-7 relative (a check of the generator, the table holds mpmath values only).
"""
import argparse
import math
import os
import sys

import mpmath as mp
import numpy as np

INF = float("inf")
ALPHAS_RENYI = [0.25, 0.5, 0.9, 2.0, 5.0]
ALPHAS_CHERNOFF = [0.3, 2.0]


# ---- distributions ------------------------------------------------------------------------------

class D:
    """A distribution: family name, parameters (doubles), mpmath log-density, support, kinks."""

    def __init__(self, family, *params):
        self.family, self.params = family, tuple(float(x) for x in params)

    def field(self):
        return ";".join([self.family] + [repr(x) for x in self.params])

    def mp_params(self):
        return [mp.mpf(x) for x in self.params]

    def support(self):
        f, a = self.family, self.mp_params()
        if f == "uniform":
            return a[0], a[1]
        if f == "pareto":
            return a[0], mp.inf
        if f in ("weibull", "exponential", "gamma", "chi2"):
            return mp.mpf(0), mp.inf
        if f in ("beta", "cb"):
            return mp.mpf(0), mp.mpf(1)
        return -mp.inf, mp.inf

    def kinks(self):
        f, a = self.family, self.mp_params()
        return [a[0]] if f in ("laplace",) else []

    def centre_scale(self):
        """A point and a length that locate the mass (for splitting infinite ranges)."""
        f, a = self.family, self.mp_params()
        if f in ("laplace", "cauchy", "logistic", "normal"):
            return a[0], a[1]
        if f == "gumbel":
            return a[0], a[1]
        if f == "uniform":
            return (a[0] + a[1]) / 2, a[1] - a[0]
        if f == "pareto":
            return a[0], a[0]
        if f == "weibull":
            return a[0], a[0]
        if f == "exponential":
            return 1 / a[0], 1 / a[0]
        if f == "gamma":
            return a[0] / a[1], mp.sqrt(a[0]) / a[1]
        if f == "chi2":
            return a[0], mp.sqrt(2 * a[0])
        return mp.mpf(0.5), mp.mpf(0.5)

    def logpdf(self, x):
        f, a = self.family, self.mp_params()
        if f == "laplace":
            return -abs(x - a[0]) / a[1] - mp.log(2 * a[1])
        if f == "uniform":
            return -mp.log(a[1] - a[0])
        if f == "pareto":
            return mp.log(a[1]) + a[1] * mp.log(a[0]) - (a[1] + 1) * mp.log(x)
        if f == "cauchy":
            return -mp.log(mp.pi * a[1] * (1 + ((x - a[0]) / a[1]) ** 2))
        if f == "gumbel":
            z = (x - a[0]) / a[1]
            return -z - mp.exp(-z) - mp.log(a[1])
        if f == "weibull":
            l, k = a
            return mp.log(k / l) + (k - 1) * mp.log(x / l) - (x / l) ** k
        if f == "logistic":
            z = (x - a[0]) / a[1]
            return -z - 2 * mp.log1p(mp.exp(-z)) - mp.log(a[1]) if z > 0 else z - 2 * mp.log1p(mp.exp(z)) - mp.log(a[1])
        if f == "normal":
            return -((x - a[0]) / a[1]) ** 2 / 2 - mp.log(a[1]) - mp.log(2 * mp.pi) / 2
        if f == "exponential":
            return mp.log(a[0]) - a[0] * x
        if f == "gamma":
            return a[0] * mp.log(a[1]) - mp.loggamma(a[0]) + (a[0] - 1) * mp.log(x) - a[1] * x
        if f == "chi2":
            k = a[0] / 2
            return -k * mp.log(2) - mp.loggamma(k) + (k - 1) * mp.log(x) - x / 2
        if f == "beta":
            return (a[0] - 1) * mp.log(x) + (a[1] - 1) * mp.log(1 - x) - mp.log(mp.beta(a[0], a[1]))
        if f == "cb":
            lam = a[0]
            eta = mp.log(lam / (1 - lam))
            # density C lam^x (1-lam)^(1-x) = (1 - lam) C e^(eta x), (1 - lam) C = eta / expm1(eta)
            lognorm = mp.log(eta / mp.expm1(eta)) if eta != 0 else mp.mpf(0)
            return lognorm + eta * x
        raise ValueError(f)


def truncated_range(p):
    """p's support, cut where p's density is below e^-150 relative (mpmath cannot evaluate
    exp(-e^-z) of a Gumbel q or p at the far nodes of an infinite interval): gumbel below
    z = -8 (density exp(-e^8)), normal beyond 40 sd, laplace, logistic, gumbel beyond 150 scales."""
    lo, hi = p.support()
    c, s = p.mp_params()[0], (p.mp_params()[1] if len(p.params) > 1 else None)
    if p.family == "gumbel":
        lo, hi = c - 8 * s, c + 150 * s
    elif p.family == "normal":
        lo, hi = c - 40 * s, c + 40 * s
    elif p.family in ("laplace", "logistic"):
        lo, hi = c - 150 * s, c + 150 * s
    return lo, hi


def pieces(p, q):
    """Integration breakpoints over p's support: support ends, kinks of p and q, and the
    centres +- a few scales of both (so that mpmath's tanh-sinh sees every feature)."""
    lo, hi = truncated_range(p)
    pts = set()
    if p.family == "gumbel":  # the steep left flank, one scale at a time
        pts.update(p.mp_params()[0] + j * p.mp_params()[1] for j in range(-7, 0))
    for d in (p, q):
        for k in d.kinks():
            pts.add(k)
        c, s = d.centre_scale()
        for j in (-3, 0, 3):
            pts.add(c + j * s)
        qlo, qhi = d.support()
        for e in (qlo, qhi):
            if mp.isfinite(e):
                pts.add(e)
    inner = sorted(x for x in pts if lo < x < hi)
    return [lo] + inner + [hi]


def integrate(f, p, q):
    if p.family == "pareto":  # power-law tails: x = m e^y turns them into exponential ones
        m = p.support()[0]
        ys = sorted(set([mp.mpf(0), mp.mpf(1), mp.mpf(5), mp.mpf(20)] +
                        [mp.log(x / m) for x in pieces(p, q)[1:-1]]))
        return mp.quad(lambda y: f(m * mp.exp(y)) * m * mp.exp(y), ys + [mp.inf])
    return mp.quad(f, pieces(p, q))


def mp_kl(p, q):
    """KL(p||q) by quadrature over p's support. Where q has no mass outside p's support, the
    integrand p (q/p - 1 - log(q/p)) >= 0 (the same integral, since integral (q - p) = 0) keeps
    nearly equal pairs free of cancellation; elsewhere plain p (log p - log q)."""
    # (pieces() may truncate p's range, outside of which q may still have mass)
    same_support = p.support() == q.support() == truncated_range(p)

    def f(x):
        lp, lq = p.logpdf(x), q.logpdf(x)
        lam = lq - lp
        if not same_support:
            return -mp.exp(lp) * lam
        if lam > 1:  # p e^lam = q directly (far in q's heavier tail, lp and lq are huge)
            return mp.exp(lq) - mp.exp(lp) * (1 + lam)
        return mp.exp(lp) * (mp.expm1(lam) - lam)
    return integrate(f, p, q)


def mp_chernoff(p, q, a):
    def f(x):
        return mp.exp(a * p.logpdf(x) + (1 - a) * q.logpdf(x))
    # over the intersection of the supports (a < 1), or p's support (a > 1, checked by the caller)
    lo = max(p.support()[0], q.support()[0])
    hi = min(p.support()[1], q.support()[1])
    if not lo < hi:
        return mp.mpf(0)
    if p.family == "pareto":  # power-law tails: x = lo e^y turns them into exponential ones
        return mp.quad(lambda y: f(lo * mp.exp(y)) * lo * mp.exp(y), [0, 1, 5, 20, mp.inf])
    brk = [x for x in pieces(p, q) if lo < x < hi]
    return mp.quad(f, [lo] + brk + [hi])


def inside(p, q):
    """p's support inside q's (closed intervals; the uniform's open end does not matter)."""
    plo, phi = p.support()
    qlo, qhi = q.support()
    return plo >= qlo and phi <= qhi


# ---- closed forms used as references (each checked against quad) --------------------------------

def cf_kl(p, q):
    f = p.family
    a, b = p.mp_params(), q.mp_params()
    if f == "cauchy":
        return mp.log(((a[1] + b[1]) ** 2 + (a[0] - b[0]) ** 2) / (4 * a[1] * b[1]))
    if f == "gumbel":
        rho, delta = a[1] / b[1], (a[0] - b[0]) / b[1]
        return mp.exp(-delta) * mp.gamma(1 + rho) + delta - mp.log(rho) + mp.euler * (rho - 1) - 1
    if f == "weibull":
        kap, L = b[1] / a[1], mp.log(a[0] / b[0])
        return mp.exp(b[1] * L) * mp.gamma(1 + kap) - b[1] * L - mp.log(kap) + mp.euler * (kap - 1) - 1
    if f == "laplace":
        d = abs(a[0] - b[0])
        return mp.log(b[1] / a[1]) + d / b[1] + a[1] / b[1] * mp.exp(-d / a[1]) - 1
    if f == "uniform":
        return mp.log((b[1] - b[0]) / (a[1] - a[0]))
    if f == "pareto":
        return b[1] * mp.log(a[0] / b[0]) + mp.log(a[1] / b[1]) + b[1] / a[1] - 1
    return None


def cf_chernoff(p, q, al):
    """integral p^al q^(1-al) for laplace, uniform, pareto (inf where it diverges)."""
    f = p.family
    a, b = p.mp_params(), q.mp_params()
    be = 1 - al
    if f == "laplace":
        (m1, b1), (m2, b2) = a, b
        d = abs(m1 - m2)
        k = al / b1 + be / b2
        if k <= 0:
            return mp.inf
        s = be / b2 - al / b1
        f1, f2 = -be * d / b2, -al * d / b1
        mid = (mp.exp(f2) - mp.exp(f1)) / s if s != 0 else mp.exp(f1) * d
        return ((mp.exp(f1) + mp.exp(f2)) / k + mid) / (2 * b1 ** al * b2 ** be)
    if f == "uniform":
        w1, w2 = a[1] - a[0], b[1] - b[0]
        if al > 1:
            return (w1 / w2) ** be if inside(p, q) else mp.inf
        L = min(a[1], b[1]) - max(a[0], b[0])
        return L / (w1 ** al * w2 ** be) if L > 0 else mp.mpf(0)
    if f == "pareto":
        (m1, a1), (m2, a2) = a, b
        if al > 1 and m1 < m2:
            return mp.inf
        A = al * a1 + be * a2
        if A <= 0:
            return mp.inf
        M = max(m1, m2)
        return a1 ** al * a2 ** be * m1 ** (al * a1) * m2 ** (be * a2) / (A * M ** A)
    raise ValueError(f)


# ---- rows ---------------------------------------------------------------------------------------

def fmt(v):
    if v == mp.inf or v == INF:
        return "inf"
    return "%.17g" % float(v)


class Table:
    def __init__(self):
        self.lines = []
        self.last = (None, None)

    def add(self, case_id, measure, param, p, q, value, tol=1e-12):
        pf, qf = p.field(), q.field()
        pa = "=" if self.last[0] == pf else pf
        qa = "=" if self.last[1] == qf else qf
        self.last = (pf, qf)
        self.lines.append("\t".join([case_id, measure, "-" if param is None else repr(float(param)), pa, qa,
                                     fmt(value), "%g" % tol]))


def kl_value(p, q):
    if not inside(p, q):
        return mp.inf
    if p.field() == q.field():
        return mp.mpf(0)
    v = cf_kl(p, q) if p.family == q.family else None
    return v if v is not None else mp_kl(p, q)


def same_family_rows(t, case_id, p, q, full, check, tol=1e-12):
    kpq, kqp = kl_value(p, q), kl_value(q, p)
    if check:  # the closed forms against the definition
        for x, y, v in ((p, q, kpq), (q, p, kqp)):
            if v != mp.inf:
                quad = mp_kl(x, y)
                assert abs(v - quad) <= mp.mpf(10) ** -16 * max(1, abs(v)), (case_id, v, quad)
    t.add(case_id, "kl", None, p, q, kpq, tol)
    t.add(case_id, "jeffreys", None, p, q, kpq + kqp, tol)
    if not full:
        return
    equal = p.field() == q.field()  # exact values (the closed forms are 1 only to ~1e-50)
    for a in ALPHAS_RENYI + ALPHAS_CHERNOFF + [0.5]:
        a = mp.mpf(a)
        c = mp.mpf(1) if equal else cf_chernoff(p, q, a)
        if check and c != mp.inf:
            quad = mp_chernoff(p, q, a)
            assert abs(c - quad) <= mp.mpf(10) ** -16 * max(1, abs(c)), (case_id, float(a), c, quad)
        if a in [mp.mpf(x) for x in ALPHAS_RENYI]:
            d = mp.inf if (c == mp.inf or c == 0) else mp.log(c) / (a - 1)
            t.add(case_id, "renyi", a, p, q, d, tol)
        if a in [mp.mpf(x) for x in ALPHAS_CHERNOFF]:
            t.add(case_id, "chernoff", a, p, q, c, tol)
    c = mp.mpf(1) if equal else cf_chernoff(p, q, mp.mpf(0.5))
    t.add(case_id, "bhattacharyya", None, p, q, mp.inf if c == 0 else -mp.log(c), tol)
    t.add(case_id, "hellinger", None, p, q, mp.sqrt(1 - c), tol)


def same_family_cases(rng):
    cases = []
    # (family, full measures?, parameter generator)
    gens = {
        "laplace": lambda: (rng.normal(), rng.uniform(0.3, 3.0)),
        "uniform": lambda: (lambda lo: (lo, lo + rng.uniform(0.5, 3.0)))(rng.normal()),
        "pareto": lambda: (rng.uniform(0.5, 2.0), rng.uniform(0.5, 5.0)),
        "cauchy": lambda: (rng.normal(), rng.uniform(0.3, 3.0)),
        "gumbel": lambda: (rng.normal(), rng.uniform(0.3, 3.0)),
        "weibull": lambda: (rng.uniform(0.5, 2.0), rng.uniform(0.5, 4.0)),
        "logistic": lambda: (rng.normal(), rng.uniform(0.3, 3.0)),
    }
    full = {"laplace", "uniform", "pareto"}
    for fam, gen in gens.items():
        n = 6 if fam in full else 8
        for i in range(n):
            cases.append(("%s_ordinary%d" % (fam, i), D(fam, *gen()), D(fam, *gen()), fam in full))
        # nearly equal: relative perturbations of 1e-4 and 1e-9 in each parameter
        for eps in (1e-4, 1e-9):
            for i in range(2):
                a = gen()
                b = tuple(x * (1 + eps * rng.choice([-1.0, 1.0]) * rng.uniform(0.5, 1.0)) if x != 0 else eps
                          for x in a)
                if fam == "uniform":  # keep p inside q for one, overlapping for the other
                    b = (a[0] - eps, a[1] + eps) if i == 0 else (a[0] + eps, a[1] + eps)
                if fam == "pareto" and i == 0:
                    b = (a[0] * (1 - eps), b[1])
                cases.append(("%s_near_%g_%d" % (fam, eps, i), D(fam, *a), D(fam, *b), fam in full))
        cases.append(("%s_equal" % fam, D(fam, *gen()), None, fam in full))
    # support and shape edges
    cases += [
        ("uniform_disjoint", D("uniform", 0.0, 1.0), D("uniform", 2.0, 3.0), True),
        ("uniform_outside", D("uniform", 0.0, 2.0), D("uniform", 1.0, 3.0), True),
        ("pareto_below", D("pareto", 1.0, 2.0), D("pareto", 1.5, 3.0), True),
        ("pareto_heavy", D("pareto", 1.0, 0.2), D("pareto", 1.0, 5.0), True),
        ("laplace_far", D("laplace", 0.0, 1.0), D("laplace", 30.0, 2.0), True),
        ("laplace_narrow_q", D("laplace", 0.0, 1.0), D("laplace", 0.5, 0.1), True),
        ("cauchy_far", D("cauchy", 0.0, 1.0), D("cauchy", 1e3, 1e-2), False),
        ("gumbel_wide", D("gumbel", 0.0, 1.0), D("gumbel", 2.0, 10.0), False),
        ("weibull_shapes", D("weibull", 1.0, 0.5), D("weibull", 2.0, 6.0), False),
        ("logistic_wide", D("logistic", 0.0, 1.0), D("logistic", 5.0, 20.0), False),
        ("logistic_narrow", D("logistic", 0.0, 1.0), D("logistic", -3.0, 0.05), False),
    ]
    return cases


# ---- cross-family pairs (torch's registry) ------------------------------------------------------

def cross_cases():
    """One or more (p, q) per ordered pair that torch registers, p and q of different families."""
    P = {
        "beta": [D("beta", 2.5, 1.5), D("beta", 0.7, 3.0), D("beta", 1.0, 1.0)],
        "cb": [D("cb", 0.3), D("cb", 0.5), D("cb", 0.9)],
        "exponential": [D("exponential", 1.7), D("exponential", 0.4)],
        "gamma": [D("gamma", 2.5, 1.3), D("gamma", 0.6, 0.5)],
        "chi2": [D("chi2", 3.0), D("chi2", 2.0)],
        "gumbel": [D("gumbel", 0.5, 1.5)],
        "laplace": [D("laplace", -0.3, 0.8)],
        "normal": [D("normal", 0.4, 1.2), D("normal", -1.0, 0.3)],
        "pareto": [D("pareto", 1.5, 3.5), D("pareto", 0.5, 1.5), D("pareto", 2.0, 0.8)],
        "uniform": [D("uniform", 0.2, 0.9), D("uniform", 0.0, 1.0), D("uniform", 1.5, 4.0), D("uniform", -1.0, 2.0)],
    }
    Q = {
        "beta": [D("beta", 2.0, 3.0), D("beta", 1.0, 1.0)],
        "cb": [D("cb", 0.2), D("cb", 0.5)],
        "exponential": [D("exponential", 0.8), D("exponential", 2.0)],
        "gamma": [D("gamma", 1.5, 0.7), D("gamma", 1.0, 1.7)],
        "chi2": [D("chi2", 4.0), D("chi2", 2.0)],
        "gumbel": [D("gumbel", -0.5, 2.0)],
        "laplace": [D("laplace", 0.2, 1.5)],
        "normal": [D("normal", 0.3, 1.4)],
        "pareto": [D("pareto", 0.1, 2.0), D("pareto", 1.0, 1.5)],
        "uniform": [D("uniform", -1.0, 5.0), D("uniform", 0.0, 1.0)],
    }
    pairs = {
        "beta": ["cb", "exponential", "gamma", "chi2", "normal", "pareto", "uniform"],
        "cb": ["exponential", "normal", "pareto", "uniform"],
        "exponential": ["beta", "cb", "gamma", "chi2", "gumbel", "normal", "pareto", "uniform"],
        "gamma": ["beta", "cb", "exponential", "gumbel", "normal", "pareto", "uniform"],
        "chi2": ["beta", "cb", "exponential", "gumbel", "normal", "pareto", "uniform"],
        "gumbel": ["beta", "cb", "exponential", "gamma", "chi2", "normal", "pareto", "uniform"],
        "laplace": ["beta", "cb", "exponential", "gamma", "chi2", "normal", "pareto", "uniform"],
        "normal": ["beta", "cb", "exponential", "gamma", "chi2", "gumbel", "laplace", "pareto", "uniform"],
        "pareto": ["beta", "cb", "exponential", "gamma", "chi2", "normal", "uniform"],
        "uniform": ["beta", "cb", "exponential", "gamma", "chi2", "gumbel", "normal", "pareto"],
    }
    out = []
    for pf, qfs in pairs.items():
        for qf in qfs:
            for i, p in enumerate(P[pf]):
                for j, q in enumerate(Q[qf]):
                    out.append(("x_%s_%s_%d%d" % (pf, qf, i, j), p, q))
    # nearly equal across families: Exp(r) vs Gamma(1, r') and Chi2(2) = Exp(1/2)
    out += [
        ("x_exponential_gamma_near", D("exponential", 1.3), D("gamma", 1.0 + 1e-7, 1.3 * (1 + 3e-8))),
        ("x_gamma_exponential_near", D("gamma", 1.0 - 2e-7, 0.9), D("exponential", 0.9 * (1 - 1e-8))),
        ("x_chi2_exponential_equal", D("chi2", 2.0), D("exponential", 0.5)),
        ("x_exponential_chi2_near", D("exponential", 0.5 * (1 + 1e-6)), D("chi2", 2.0)),
    ]
    return out


def cross_kl(p, q):
    """The exact KL(p||q), +inf where p's support is not inside q's or the integral diverges."""
    if not inside(p, q):
        return mp.inf
    # Pareto p: E[x] infinite for alpha <= 1, E[x^2] for alpha <= 2 (torch's rules, which are exact)
    if p.family == "pareto":
        a = p.mp_params()[1]
        if q.family in ("exponential", "gamma", "chi2", "gumbel") and a <= 1:
            return mp.inf
        if q.family == "normal" and a <= 2:
            return mp.inf
    return mp_kl(p, q)


# ---- torch's values ------------------------------------------------------------------------------

def torch_dist(d):
    import torch.distributions as td
    import torch
    t = lambda x: torch.tensor(x, dtype=torch.float64)
    a = d.params
    return {
        "laplace": lambda: td.Laplace(t(a[0]), t(a[1])),
        "uniform": lambda: td.Uniform(t(a[0]), t(a[1])),
        "pareto": lambda: td.Pareto(t(a[0]), t(a[1])),
        "cauchy": lambda: td.Cauchy(t(a[0]), t(a[1])),
        "gumbel": lambda: td.Gumbel(t(a[0]), t(a[1])),
        "normal": lambda: td.Normal(t(a[0]), t(a[1])),
        "exponential": lambda: td.Exponential(t(a[0])),
        "gamma": lambda: td.Gamma(t(a[0]), t(a[1])),
        "chi2": lambda: td.Chi2(t(a[0])),
        "beta": lambda: td.Beta(t(a[0]), t(a[1])),
        "cb": lambda: td.ContinuousBernoulli(probs=t(a[0])),
    }[d.family]()


def torch_kl(p, q):
    import torch.distributions as td
    try:
        return float(td.kl_divergence(torch_dist(p), torch_dist(q)))
    except (NotImplementedError, KeyError):
        return None


def scipy_kl(p, q):
    from scipy import integrate
    def f(x):
        lp, lq = float(p.logpdf(mp.mpf(x))), float(q.logpdf(mp.mpf(x)))
        return math.exp(lp) * (lp - lq)
    edges = [float(x) for x in pieces(p, q)]
    total = 0.0
    for a, b in zip(edges[:-1], edges[1:]):
        total += integrate.quad(f, a, b, limit=200, epsabs=1e-13, epsrel=1e-11)[0]
    return total


def progress(msg):
    print(msg, file=sys.stderr, flush=True)


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "tests", "data", "location_scale_reference.tsv"))
    ap.add_argument("--torch-out", default=os.path.join(here, "..", "tests", "data", "location_scale_torch.tsv"))
    ap.add_argument("--dps", type=int, default=50)
    ap.add_argument("--no-checks", action="store_true")
    args = ap.parse_args()
    mp.mp.dps = args.dps
    rng = np.random.default_rng(20261128)

    t = Table()
    torch_rows = []
    for case_id, p, q, full in same_family_cases(rng):
        q = q if q is not None else p
        check = not args.no_checks and (case_id.endswith("ordinary0") or case_id.endswith("ordinary1") or
                                         "_near_0.0001_0" in case_id or case_id.count("_") == 1)
        progress(case_id)
        same_family_rows(t, case_id, p, q, full, check)
        if "ordinary" in case_id:
            tv = torch_kl(p, q) if p.family not in ("weibull", "logistic") else None
            if tv is not None:
                torch_rows.append((case_id, p, q, tv))
    for case_id, p, q in cross_cases():
        progress(case_id)
        v = cross_kl(p, q)
        # The cancellation cases: beta(1, 1) and cb(1/2) are uniform on [0, 1], where KL is a
        # difference of O(1) terms; their rows carry an absolute-style tolerance (see the docs).
        t.add(case_id, "kl", None, p, q, v)
        if not args.no_checks and v != mp.inf and "near" not in case_id and "equal" not in case_id:
            s = scipy_kl(p, q)
            assert abs(s - float(v)) <= 1e-7 * max(1.0, abs(float(v))), (case_id, s, float(v))
        if "near" not in case_id and "equal" not in case_id:
            tv = torch_kl(p, q)
            if tv is not None:
                torch_rows.append((case_id, p, q, tv))

    with open(args.out, "w") as f:
        f.write("# Generated by scripts/gen_location_scale_reference.py (mpmath, dps=%d). Do not edit.\n" % args.dps)
        f.write("# case_id\tmeasure\tparam\tp\tq\texpected\ttol\n")
        f.write("\n".join(t.lines) + "\n")
    with open(args.torch_out, "w") as f:
        f.write("# Generated by scripts/gen_location_scale_reference.py: torch %s kl_divergence in float64.\n"
                % __import__("torch").__version__)
        f.write("# case_id\tp\tq\ttorch_kl ('nan' where torch returns NaN)\n")
        for case_id, p, q, tv in torch_rows:
            f.write("%s\t%s\t%s\t%s\n" % (case_id, p.field(), q.field(),
                                          "nan" if math.isnan(tv) else ("inf" if math.isinf(tv) else "%.17g" % tv)))
    print("wrote %d reference rows, %d torch rows" % (len(t.lines), len(torch_rows)))


if __name__ == "__main__":
    main()
