#!/usr/bin/python3
"""Accuracy reference for kullback's Gaussian closed forms (normal, multivariate_normal).

Writes tests/data/parametric_reference.tsv: one row per (case, measure, parameter) with the exact
value of the measure between two Gaussians whose parameters are the given doubles, computed with
mpmath (mp.dps = 60 by default) from the definitions below and rounded once to the nearest double.

Usage:
    /usr/bin/python3 scripts/gen_parametric_reference.py [--out PATH] [--dps 60] [--no-checks]

File format (tab-separated, '#' starts a comment line):

    case_id  measure  param  p  q  expected

  measure   kl, jeffreys, renyi, chernoff, bhattacharyya, hellinger, w2
  param     alpha (repr of the double) for renyi and chernoff, '-' otherwise
  p, q      a distribution, fields separated by ';', numbers by ',' (each Python's repr, so the
            doubles round-trip exactly):
              normal;<loc>;<scale>
              cov;<d>;<mean>;<d*d covariance, row-major>
              tril;<d>;<mean>;<d*d scale_tril, row-major>
              prec;<d>;<mean>;<d*d precision, row-major>
              diag;<d>;<mean>;<d variances>
              lowrank;<d>;<r>;<mean>;<d*r cov_factor, row-major>;<d cov_diag>
            or '=' for the same distribution as on the previous row (rows of a case are consecutive)
  expected  the exact value rounded to the nearest double ('%.17g'), or 'inf'.

Definitions (p = N(m1, S1), q = N(m2, S2), Delta = m1 - m2, natural logs):
  kl          1/2 [tr(S2^-1 S1) - d + Delta^T S2^-1 Delta + log det S2 - log det S1]
  jeffreys    kl(p, q) + kl(q, p)
  renyi(a)    a/2 Delta^T Sa^-1 Delta + [log det Sa - (1-a) log det S1 - a log det S2] / (2 (1-a)),
              Sa = a S2 + (1-a) S1; +inf if Sa is not positive definite
  chernoff(a) exp((a - 1) renyi(a))  (= integral p^a q^(1-a))
  bhattacharyya  1/8 Delta^T S^-1 Delta + 1/2 log(det S / sqrt(det S1 det S2)), S = (S1 + S2)/2
  hellinger   sqrt(1 - exp(-bhattacharyya))
  w2          sqrt(|Delta|^2 + tr(S1 + S2 - 2 (S2^1/2 S1 S2^1/2)^1/2))   (W2, not squared)

Self-checks (unless --no-checks; they only sanity-check the generator, the table holds mpmath
values only): torch.distributions.kl_divergence in float64 (Normal, MultivariateNormal,
LowRankMultivariateNormal) on the ordinary cases, and scipy.integrate.quad for the univariate
kl, renyi, bhattacharyya and w2 (through the quantile functions), each to 1e-7 relative.
"""
import argparse
import math
import os
import sys

import mpmath as mp
import numpy as np

ALPHAS_RENYI = [0.25, 0.5, 0.9, 0.999, 2.0, 5.0]
ALPHAS_CHERNOFF = [0.3, 2.0]


# ---- distributions: the given doubles, and their exact covariance in mpmath -----------------

class Dist:
    def __init__(self, kind, d, mean, a=None, b=None, r=0):
        self.kind, self.d, self.mean, self.a, self.b, self.r = kind, d, list(map(float, mean)), a, b, r

    def field(self):
        f = lambda xs: ",".join(repr(float(x)) for x in np.ravel(xs))
        if self.kind == "normal":
            return "normal;%r;%r" % (float(self.mean[0]), float(self.a))
        if self.kind == "lowrank":
            return "lowrank;%d;%d;%s;%s;%s" % (self.d, self.r, f(self.mean), f(self.a), f(self.b))
        return "%s;%d;%s;%s" % (self.kind, self.d, f(self.mean), f(self.a))

    def mp_mean(self):
        return mp.matrix([mp.mpf(x) for x in self.mean])

    def mp_cov(self):
        d = self.d
        if self.kind == "normal":
            return mp.matrix([[mp.mpf(float(self.a)) ** 2]])
        if self.kind == "diag":
            return mp.diag([mp.mpf(float(x)) for x in self.a])
        A = mp.matrix([[mp.mpf(float(self.a[i][j])) for j in range(self.a.shape[1])] for i in range(self.a.shape[0])])
        if self.kind == "cov":
            return A
        if self.kind == "tril":
            return A * A.T
        if self.kind == "prec":
            return mp.inverse(A)
        if self.kind == "lowrank":
            return A * A.T + mp.diag([mp.mpf(float(x)) for x in self.b])
        raise ValueError(self.kind)


def logdet(S):
    L = mp.cholesky(S)
    return 2 * mp.fsum(mp.log(L[i, i]) for i in range(S.rows))


def is_pd(S):
    try:
        mp.cholesky(S)
        return True
    except Exception:
        return False


def quad_form(S, v):
    return (v.T * mp.lu_solve(S, v))[0]


def kl(p, q):
    S1, S2 = p.mp_cov(), q.mp_cov()
    dl = p.mp_mean() - q.mp_mean()
    X = mp.inverse(S2) * S1
    tr = mp.fsum(X[i, i] for i in range(p.d))
    return (tr - p.d + quad_form(S2, dl) + logdet(S2) - logdet(S1)) / 2


def renyi(p, q, a):
    a = mp.mpf(a)
    S1, S2 = p.mp_cov(), q.mp_cov()
    dl = p.mp_mean() - q.mp_mean()
    Sa = a * S2 + (1 - a) * S1
    if not is_pd(Sa):
        return mp.inf
    return a / 2 * quad_form(Sa, dl) + (logdet(Sa) - (1 - a) * logdet(S1) - a * logdet(S2)) / (2 * (1 - a))


def bhattacharyya(p, q):
    S1, S2 = p.mp_cov(), q.mp_cov()
    dl = p.mp_mean() - q.mp_mean()
    S = (S1 + S2) / 2
    return quad_form(S, dl) / 8 + (logdet(S) - (logdet(S1) + logdet(S2)) / 2) / 2


def sqrtm_sym(S):
    E, Q = mp.eigsy(S)
    return Q * mp.diag([mp.sqrt(max(e, 0)) for e in E]) * Q.T


def w2(p, q):
    S1, S2 = p.mp_cov(), q.mp_cov()
    dl = p.mp_mean() - q.mp_mean()
    R = sqrtm_sym(S2)
    C = sqrtm_sym(R * S1 * R)
    bures = mp.fsum(S1[i, i] + S2[i, i] - 2 * C[i, i] for i in range(p.d))
    # Exactly 0 for p = q; a negative value elsewhere would mean too few digits.
    if bures < 0:
        assert abs(bures) < mp.mpf(10) ** (-mp.mp.dps + 10), bures
        bures = mp.mpf(0)
    return mp.sqrt(mp.fsum(x * x for x in dl) + bures)


def rows_for(case_id, p, q):
    if p.field() == q.field():  # identical parameters: every divergence is exactly 0
        zero = [(case_id, m, "-", mp.mpf(0)) for m in ["kl", "jeffreys"]]
        zero += [(case_id, "renyi", repr(a), mp.mpf(0)) for a in ALPHAS_RENYI]
        zero += [(case_id, "chernoff", repr(a), mp.mpf(1)) for a in ALPHAS_CHERNOFF]
        return zero + [(case_id, m, "-", mp.mpf(0)) for m in ["bhattacharyya", "hellinger", "w2"]]
    out = [(case_id, "kl", "-", kl(p, q)), (case_id, "jeffreys", "-", kl(p, q) + kl(q, p))]
    for a in ALPHAS_RENYI:
        out.append((case_id, "renyi", repr(a), renyi(p, q, a)))
    for a in ALPHAS_CHERNOFF:
        r = renyi(p, q, a)
        out.append((case_id, "chernoff", repr(a), mp.inf if r == mp.inf else mp.exp((mp.mpf(a) - 1) * r)))
    b = bhattacharyya(p, q)
    out.append((case_id, "bhattacharyya", "-", b))
    out.append((case_id, "hellinger", "-", mp.sqrt(-mp.expm1(-b))))
    out.append((case_id, "w2", "-", w2(p, q)))
    return out


# ---- cases -----------------------------------------------------------------------------------

def spd(rng, d, cond=None):
    if cond is None:
        G = rng.standard_normal((d, d))
        S = G @ G.T / d + 0.5 * np.eye(d)
    else:
        Q, _ = np.linalg.qr(rng.standard_normal((d, d)))
        S = Q @ np.diag(np.logspace(0, -math.log10(cond), d)) @ Q.T
    return (S + S.T) / 2


def perturb(rng, x, eps):
    x = np.asarray(x, dtype=float)
    return x * (1 + eps * rng.uniform(-1, 1, size=x.shape))


def perturb_sym(rng, S, eps):
    P = perturb(rng, S, eps)
    P = np.tril(P) + np.tril(P, -1).T
    return P


def make(kind, d, mean, S, rng=None, W=None, D=None):
    if kind == "cov":
        return Dist("cov", d, mean, S)
    if kind == "tril":
        return Dist("tril", d, mean, np.linalg.cholesky(S))
    if kind == "prec":
        P = np.linalg.inv(S)
        return Dist("prec", d, mean, (P + P.T) / 2)
    if kind == "diag":
        return Dist("diag", d, mean, np.diag(S).copy())
    if kind == "lowrank":
        return Dist("lowrank", d, mean, W, D, r=W.shape[1])
    raise ValueError(kind)


def cases(rng):
    out = []
    # univariate
    N = lambda m, s: Dist("normal", 1, [m], s)
    for i in range(3):
        out.append(("n_ordinary%d" % i, N(rng.normal(), rng.uniform(0.3, 3)), N(rng.normal(), rng.uniform(0.3, 3))))
    out.append(("n_same", N(0.3, 1.7), N(0.3, 1.7)))
    for eps in [1e-4, 1e-7, 1e-10]:
        m, s = rng.normal(), rng.uniform(0.3, 3)
        out.append(("n_near_%g" % eps, N(m, s), N(float(perturb(rng, m, eps)), float(perturb(rng, s, eps)))))
        out.append(("n_near_scale_%g" % eps, N(m, s), N(m, float(perturb(rng, s, eps)))))
        out.append(("n_near_loc_%g" % eps, N(m, s), N(float(perturb(rng, m, eps)), s)))
    out.append(("n_far_narrow", N(0.5, 1e-6), N(-2.0, 3.0)))
    out.append(("n_far_wide", N(0.5, 1e6), N(-2.0, 3.0)))
    out.append(("n_far_loc", N(1e5, 1.0), N(-1e5, 2.0)))
    # multivariate
    for d in [1, 2, 5, 16]:
        r = min(2, d)
        m1, m2 = rng.standard_normal(d), rng.standard_normal(d)
        S1, S2 = spd(rng, d), spd(rng, d)
        for kind in ["cov", "tril", "prec", "diag"]:
            out.append(("mvn%d_ordinary_%s" % (d, kind), make(kind, d, m1, S1), make(kind, d, m2, S2)))
        W1, W2 = 0.5 * rng.standard_normal((d, r)), 0.5 * rng.standard_normal((d, r))
        D1, D2 = rng.uniform(0.5, 1.5, d), rng.uniform(0.5, 1.5, d)
        out.append(("mvn%d_ordinary_lowrank" % d, make("lowrank", d, m1, None, W=W1, D=D1),
                    make("lowrank", d, m2, None, W=W2, D=D2)))
        out.append(("mvn%d_mixed_cov_tril" % d, make("cov", d, m1, S1), make("tril", d, m2, S2)))
        out.append(("mvn%d_same_cov" % d, make("cov", d, m1, S1), make("cov", d, m1, S1)))
        for eps in [1e-4, 1e-7, 1e-10]:
            mq = perturb(rng, m1, eps)
            out.append(("mvn%d_near_cov_%g" % (d, eps), make("cov", d, m1, S1), make("cov", d, mq, perturb_sym(rng, S1, eps))))
            L1 = np.linalg.cholesky(S1)
            out.append(("mvn%d_near_tril_%g" % (d, eps), Dist("tril", d, m1, L1),
                        Dist("tril", d, mq, np.tril(perturb(rng, L1, eps)))))
            out.append(("mvn%d_near_diag_%g" % (d, eps), make("diag", d, m1, S1),
                        Dist("diag", d, mq, perturb(rng, np.diag(S1), eps))))
            out.append(("mvn%d_near_lowrank_%g" % (d, eps), make("lowrank", d, m1, None, W=W1, D=D1),
                        make("lowrank", d, mq, None, W=perturb(rng, W1, eps), D=perturb(rng, D1, eps))))
            out.append(("mvn%d_near_covonly_%g" % (d, eps), make("cov", d, m1, S1), make("cov", d, m1, perturb_sym(rng, S1, eps))))
        # far apart: one covariance much smaller than the other
        out.append(("mvn%d_far_scale" % d, make("cov", d, m1, 1e-6 * S1), make("cov", d, m2, S2)))
        if d >= 2:
            C1, C2 = spd(rng, d, 1e8), spd(rng, d, 1e8)
            out.append(("mvn%d_illcond_cov" % d, make("cov", d, m1, C1), make("cov", d, m2, C2)))
            out.append(("mvn%d_illcond_tril" % d, make("tril", d, m1, C1), make("tril", d, m2, C2)))
            Lc = np.linalg.cholesky(C1)
            for eps in [1e-4, 1e-8]:
                out.append(("mvn%d_illcond_near_tril_%g" % (d, eps), Dist("tril", d, m1, Lc),
                            Dist("tril", d, perturb(rng, m1, eps), np.tril(perturb(rng, Lc, eps)))))
            # ill-conditioned p against a well-conditioned q, and a mild (relative 1e-3) variation
            out.append(("mvn%d_illcond_vs_ordinary" % d, make("cov", d, m1, C1), make("cov", d, m2, S2)))
    return out


def fmt(x):
    if x == mp.inf:
        return "inf"
    return "%.17g" % float(x)


# ---- self-checks -----------------------------------------------------------------------------

def self_checks(case_list, table):
    import torch
    from torch.distributions import Normal, MultivariateNormal, LowRankMultivariateNormal, kl_divergence
    from scipy import integrate, stats
    expected = {(c, m, a): v for c, m, a, v in table}
    worst = 0.0

    def check(what, got, want, rel=1e-7):
        nonlocal worst
        err = abs(got - want) / max(abs(want), 1e-300)
        worst = max(worst, err)
        if err > rel:
            raise SystemExit("self-check failed: %s: %r vs mpmath %r" % (what, got, want))

    def torch_dist(p):
        t = lambda x: torch.tensor(np.asarray(x, dtype=float), dtype=torch.float64)
        if p.kind == "normal":
            return Normal(t(p.mean[0]), t(p.a))
        if p.kind == "lowrank":
            return LowRankMultivariateNormal(t(p.mean), t(p.a), t(p.b))
        if p.kind == "diag":
            return MultivariateNormal(t(p.mean), covariance_matrix=torch.diag(t(p.a)))
        key = {"cov": "covariance_matrix", "tril": "scale_tril", "prec": "precision_matrix"}[p.kind]
        return MultivariateNormal(t(p.mean), **{key: t(p.a)})

    n_torch = n_quad = 0
    for cid, p, q in case_list:
        if "ordinary" not in cid:
            continue
        got = float(kl_divergence(torch_dist(p), torch_dist(q)))
        check("torch kl " + cid, got, float(expected[(cid, "kl", "-")]))
        n_torch += 1
        if p.kind == "normal":
            m1, s1, m2, s2 = p.mean[0], float(p.a), q.mean[0], float(q.a)
            f, g = stats.norm(m1, s1), stats.norm(m2, s2)
            lo, hi = min(m1 - 40 * s1, m2 - 40 * s2), max(m1 + 40 * s1, m2 + 40 * s2)
            val = integrate.quad(lambda x: f.pdf(x) * (f.logpdf(x) - g.logpdf(x)), lo, hi, limit=500, epsabs=0, epsrel=1e-12)[0]
            check("quad kl " + cid, val, float(expected[(cid, "kl", "-")]))
            for a in [0.5, 2.0]:
                want = expected[(cid, "renyi", repr(a))]
                if want != mp.inf:
                    val = integrate.quad(lambda x: math.exp(a * f.logpdf(x) + (1 - a) * g.logpdf(x)), lo, hi, limit=500, epsabs=0, epsrel=1e-12)[0]
                    check("quad renyi %g %s" % (a, cid), math.log(val) / (a - 1), float(want))
            val = integrate.quad(lambda u: (f.ppf(u) - g.ppf(u)) ** 2, 0, 1, limit=500, epsabs=0, epsrel=1e-12)[0]
            check("quad w2 " + cid, math.sqrt(val), float(expected[(cid, "w2", "-")]), 1e-6)
            n_quad += 1
    print("self-checks passed: %d torch kl_divergence values, %d univariate cases by quadrature (worst rel %.2g)"
          % (n_torch, n_quad, worst), file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "tests", "data", "parametric_reference.tsv"))
    ap.add_argument("--dps", type=int, default=60)
    ap.add_argument("--no-checks", action="store_true")
    args = ap.parse_args()
    mp.mp.dps = args.dps
    rng = np.random.default_rng(20261128)
    case_list = cases(rng)
    table = []
    for cid, p, q in case_list:
        table.extend(rows_for(cid, p, q))
    fields = {cid: (p.field(), q.field()) for cid, p, q in case_list}
    with open(args.out, "w") as f:
        f.write("# Generated by scripts/gen_parametric_reference.py (mpmath, dps=%d). Do not edit.\n" % args.dps)
        f.write("# case_id\tmeasure\tparam\tp\tq\texpected\n")
        previous = None
        for cid, measure, param, value in table:
            pf, qf = fields[cid] if cid != previous else ("=", "=")
            previous = cid
            f.write("%s\t%s\t%s\t%s\t%s\t%s\n" % (cid, measure, param, pf, qf, fmt(value)))
    print("wrote %d rows (%d cases) to %s" % (len(table), len(case_list), args.out), file=sys.stderr)
    if not args.no_checks:
        self_checks(case_list, table)


if __name__ == "__main__":
    main()
