#!/usr/bin/python3
"""Accuracy reference for kullback's closed forms between continuous exponential families.

Writes tests/data/exponential_family_reference.tsv: one row per (case, measure, parameter) with
the exact value of the measure between two distributions whose parameters are the given doubles,
computed with mpmath (mp.dps = 60 by default) from each family's log-partition function and
rounded once to the nearest double.

Usage:
    /usr/bin/python3 scripts/gen_exponential_family_reference.py [--out PATH] [--dps 60] [--no-checks] [--seed N]

File format (tab-separated, '#' starts a comment line), as tests/data/parametric_reference.tsv:

    case_id  measure  param  p  q  expected

  measure   kl, jeffreys, renyi, chernoff, bhattacharyya, hellinger
  param     alpha (repr of the double) for renyi and chernoff, '-' otherwise
  p, q      a distribution, fields separated by ';', numbers by ',' (Python's repr: the doubles
            round-trip exactly), or '=' for the same as on the previous row:
              gamma;<concentration>;<rate>      exponential;<rate>       chi_squared;<df>
              inverse_gamma;<concentration>;<rate>   beta;<concentration1>;<concentration0>
              dirichlet;<a1,a2,...>             log_normal;<loc>;<scale>  half_normal;<scale>
              continuous_bernoulli;<probs>      von_mises;<loc>;<concentration>
  expected  the exact value rounded to the nearest double ('%.17g'), or 'inf'.

Definitions (natural parameter eta, log-partition A, d = eta_q - eta_p, natural logs):
  kl          A(eta_q) - A(eta_p) - <d, grad A(eta_p)>
  jeffreys    kl(p, q) + kl(q, p)
  chernoff(a) exp(A(a eta_p + (1-a) eta_q) - a A(eta_p) - (1-a) A(eta_q)), +inf when the mixed
              parameter is outside the natural domain (a > 1 only)
  renyi(a)    log chernoff(a) / (a - 1)
  bhattacharyya  -log chernoff(1/2);   hellinger  sqrt(1 - chernoff(1/2))
Families (eta; A): gamma (a, b) for (log x, -x), lgamma(a) - a log b; exponential(r) = gamma(1, r);
chi_squared(k) = gamma(k/2, 1/2); inverse_gamma(a, b): the gamma(a, b) of 1/x (f-divergences are
invariant under bijections); beta(a, b) = dirichlet(a, b); dirichlet a for (log x_i),
sum lgamma(a_i) - lgamma(a_0); log_normal, half_normal: the normals N(m, s^2) of log x and
N(0, s^2) (eta = (m/s^2, -1/(2 s^2)), A = m^2/(2 s^2) + log s); continuous_bernoulli
eta = logit(l), A = log((e^eta - 1)/eta); von_mises eta = k (cos m, sin m), A = log I0(|eta|).

Self-checks (unless --no-checks; they only sanity-check the generator, the table holds mpmath
values only): scipy.integrate.quad of the densities (scipy.stats) for kl, renyi(0.5) and
renyi(2) on ordinary cases of every family (dblquad for a 3-dimensional Dirichlet), each to
1e-7 relative.
"""
import argparse
import math
import os
import sys

import mpmath as mp
import numpy as np

ALPHAS_RENYI = [0.25, 0.5, 0.9, 0.999, 1.000001, 2.0, 5.0]
ALPHAS_CHERNOFF = [0.3, 2.0]


# ---- families: natural parameter, log-partition, gradient, domain -----------------------------

def gamma_parts(a, b):  # (eta, A, grad A) of Gamma(a, b), mpf inputs
    return [a, b], mp.loggamma(a) - a * mp.log(b), [mp.digamma(a) - mp.log(b), -a / b]


def gamma_family():
    def A(eta):
        return mp.loggamma(eta[0]) - eta[0] * mp.log(eta[1])

    def grad(eta):
        return [mp.digamma(eta[0]) - mp.log(eta[1]), -eta[0] / eta[1]]

    return A, grad, lambda eta: eta[0] > 0 and eta[1] > 0


def dirichlet_family():
    def A(eta):
        return mp.fsum(mp.loggamma(x) for x in eta) - mp.loggamma(mp.fsum(eta))

    def grad(eta):
        s = mp.digamma(mp.fsum(eta))
        return [mp.digamma(x) - s for x in eta]

    return A, grad, lambda eta: all(x > 0 for x in eta)


def normal_family():  # eta = (m / s^2, -1 / (2 s^2)) for (x, x^2)
    def A(eta):
        return -eta[0] ** 2 / (4 * eta[1]) - mp.log(-2 * eta[1]) / 2

    def grad(eta):
        m = -eta[0] / (2 * eta[1])
        v = -1 / (2 * eta[1])
        return [m, m * m + v]

    return A, grad, lambda eta: eta[1] < 0


def cb_family():
    def A(eta):
        e = eta[0]
        return mp.mpf(0) if e == 0 else mp.log(mp.expm1(e) / e)

    def grad(eta):
        e = eta[0]
        return [mp.mpf(1) / 2 if e == 0 else 1 / (-mp.expm1(-e)) - 1 / e]

    return A, grad, lambda eta: True


def von_mises_family():
    def A(eta):
        return mp.log(mp.besseli(0, mp.hypot(eta[0], eta[1])))

    def grad(eta):
        r = mp.hypot(eta[0], eta[1])
        if r == 0:
            return [mp.mpf(0), mp.mpf(0)]
        ratio = mp.besseli(1, r) / mp.besseli(0, r)
        return [ratio * eta[0] / r, ratio * eta[1] / r]

    return A, grad, lambda eta: True


def natural(kind, params):
    """(family functions, eta) of a distribution given by its doubles."""
    x = [mp.mpf(v) for v in params]
    if kind == "gamma" or kind == "inverse_gamma":
        return gamma_family(), x
    if kind == "exponential":
        return gamma_family(), [mp.mpf(1), x[0]]
    if kind == "chi_squared":
        return gamma_family(), [x[0] / 2, mp.mpf(1) / 2]
    if kind == "beta" or kind == "dirichlet":
        return dirichlet_family(), x
    if kind == "log_normal":
        m, s = x
        return normal_family(), [m / s**2, -1 / (2 * s**2)]
    if kind == "half_normal":
        return normal_family(), [mp.mpf(0), -1 / (2 * x[0] ** 2)]
    if kind == "continuous_bernoulli":
        return cb_family(), [mp.log(x[0] / (1 - x[0]))]
    if kind == "von_mises":
        m, k = x
        return von_mises_family(), [k * mp.cos(m), k * mp.sin(m)]
    raise ValueError(kind)


class Dist:
    def __init__(self, kind, *params):
        self.kind, self.params = kind, [float(v) for v in params]

    def field(self):
        if self.kind == "dirichlet":
            return "dirichlet;" + ",".join(repr(v) for v in self.params)
        return ";".join([self.kind] + [repr(v) for v in self.params])


def kl(p, q):
    (A, grad, _), ep = natural(p.kind, p.params)
    _, eq = natural(q.kind, q.params)
    g = grad(ep)
    return A(eq) - A(ep) - mp.fsum((b - a) * c for a, b, c in zip(ep, eq, g))


def log_chernoff(p, q, a):
    (A, _, domain), ep = natural(p.kind, p.params)
    _, eq = natural(q.kind, q.params)
    a = mp.mpf(a)
    em = [a * x + (1 - a) * y for x, y in zip(ep, eq)]
    if not domain(em):
        return mp.inf
    return A(em) - a * A(ep) - (1 - a) * A(eq)


def rows_for(case_id, p, q):
    if p.field() == q.field():  # identical parameters: every divergence is exactly 0
        zero = [(case_id, m, "-", mp.mpf(0)) for m in ["kl", "jeffreys"]]
        zero += [(case_id, "renyi", repr(a), mp.mpf(0)) for a in ALPHAS_RENYI]
        zero += [(case_id, "chernoff", repr(a), mp.mpf(1)) for a in ALPHAS_CHERNOFF]
        return zero + [(case_id, m, "-", mp.mpf(0)) for m in ["bhattacharyya", "hellinger"]]
    out = [(case_id, "kl", "-", kl(p, q)), (case_id, "jeffreys", "-", kl(p, q) + kl(q, p))]
    for a in ALPHAS_RENYI:
        c = log_chernoff(p, q, a)
        out.append((case_id, "renyi", repr(a), c if c == mp.inf else c / (mp.mpf(a) - 1)))
    for a in ALPHAS_CHERNOFF:
        c = log_chernoff(p, q, a)
        out.append((case_id, "chernoff", repr(a), c if c == mp.inf else mp.exp(c)))
    b = -log_chernoff(p, q, 0.5)
    out.append((case_id, "bhattacharyya", "-", b))
    out.append((case_id, "hellinger", "-", mp.sqrt(-mp.expm1(-b))))
    return out


# ---- cases -----------------------------------------------------------------------------------

def near(rng, x, eps):
    """x (1 + eps u), u uniform in [-1, 1] (as a double, != x)."""
    y = float(x * (1 + eps * rng.uniform(-1, 1)))
    return y if y != x else float(np.nextafter(x, np.inf))


def cases(rng):
    out = []

    def add(cid, p, q):
        out.append((cid, p, q))

    # gamma and its special cases
    shapes = [1e-3, 0.05, 0.7, 1.0, 3.5, 40.0, 1e4]
    for i in range(8):
        a1, a2 = rng.uniform(0.2, 6, 2)
        b1, b2 = np.exp(rng.uniform(-2, 2, 2))
        add("gamma_ordinary%d" % i, Dist("gamma", a1, b1), Dist("gamma", a2, b2))
    for i, a in enumerate(shapes):
        b = float(np.exp(rng.uniform(-3, 3)))
        for eps in [1e-8, 1e-4, 1e-12]:
            add("gamma_near%g_shape%d" % (eps, i), Dist("gamma", a, b), Dist("gamma", near(rng, a, eps), near(rng, b, eps)))
        add("gamma_nearshape%d" % i, Dist("gamma", a, b), Dist("gamma", near(rng, a, 1e-8), b))
        add("gamma_nearrate%d" % i, Dist("gamma", a, b), Dist("gamma", a, near(rng, b, 1e-8)))
        # same mean a/b, nearly equal (the Hessian's cross term cancels to leading order)
        add("gamma_samemean%d" % i, Dist("gamma", a, b), Dist("gamma", a * (1 + 1e-7), b * (1 + 1e-7)))
        add("gamma_same%d" % i, Dist("gamma", a, b), Dist("gamma", a, b))
    for i, a1 in enumerate(shapes):
        for j, a2 in enumerate(shapes):
            if i != j:
                add("gamma_extreme%d_%d" % (i, j), Dist("gamma", a1, 2.0), Dist("gamma", a2, 0.5))
    for i in range(4):
        r1, r2 = np.exp(rng.uniform(-3, 3, 2))
        add("exponential_ordinary%d" % i, Dist("exponential", r1), Dist("exponential", r2))
        add("exponential_near%d" % i, Dist("exponential", r1), Dist("exponential", near(rng, r1, 1e-8)))
        k1, k2 = rng.uniform(0.5, 30, 2)
        add("chi_squared_ordinary%d" % i, Dist("chi_squared", k1), Dist("chi_squared", k2))
        add("chi_squared_near%d" % i, Dist("chi_squared", k1), Dist("chi_squared", near(rng, k1, 1e-8)))
        a, b = rng.uniform(0.3, 5), float(np.exp(rng.uniform(-2, 2)))
        add("cross_gamma_exponential%d" % i, Dist("gamma", a, b), Dist("exponential", r1))
        add("cross_exponential_gamma%d" % i, Dist("exponential", r1), Dist("gamma", a, b))
        add("cross_gamma_chi_squared%d" % i, Dist("gamma", a, b), Dist("chi_squared", k1))
        add("cross_chi_squared_gamma%d" % i, Dist("chi_squared", k1), Dist("gamma", a, b))
        add("cross_chi_squared_exponential%d" % i, Dist("chi_squared", k1), Dist("exponential", r2))
        add("cross_exponential_chi_squared%d" % i, Dist("exponential", r2), Dist("chi_squared", k2))
    # chi2(2) = Gamma(1, 1/2) = Exp(1/2): nearly equal across families
    add("cross_chi_squared_exponential_near", Dist("chi_squared", 2.0), Dist("exponential", near(rng, 0.5, 1e-8)))
    add("cross_gamma_exponential_near", Dist("gamma", near(rng, 1.0, 1e-8), 3.0), Dist("exponential", 3.0))
    for i in range(6):
        a1, a2 = rng.uniform(0.2, 8, 2)
        b1, b2 = np.exp(rng.uniform(-2, 2, 2))
        add("inverse_gamma_ordinary%d" % i, Dist("inverse_gamma", a1, b1), Dist("inverse_gamma", a2, b2))
        add("inverse_gamma_near%d" % i, Dist("inverse_gamma", a1, b1),
            Dist("inverse_gamma", near(rng, a1, 1e-8), near(rng, b1, 1e-8)))

    # beta and dirichlet
    for i in range(8):
        a1, b1, a2, b2 = rng.uniform(0.2, 8, 4)
        add("beta_ordinary%d" % i, Dist("beta", a1, b1), Dist("beta", a2, b2))
        add("beta_near%d" % i, Dist("beta", a1, b1), Dist("beta", near(rng, a1, 1e-8), near(rng, b1, 1e-8)))
    for i, (a, b) in enumerate([(1e-3, 1e-3), (1e-3, 1e4), (1e4, 1e4), (0.5, 0.5), (1.0, 1.0), (1e4, 2.0)]):
        add("beta_extreme%d" % i, Dist("beta", a, b), Dist("beta", 2.0, 3.0))
        add("beta_extremeq%d" % i, Dist("beta", 1.5, 0.7), Dist("beta", a, b))
        for eps in [1e-8, 1e-12]:
            add("beta_extremenear%g_%d" % (eps, i), Dist("beta", a, b), Dist("beta", near(rng, a, eps), near(rng, b, eps)))
        add("beta_extremescaled%d" % i, Dist("beta", a, b), Dist("beta", a * (1 + 1e-6), b * (1 + 1e-6)))
    add("beta_same", Dist("beta", 2.5, 0.5), Dist("beta", 2.5, 0.5))
    for k in range(2, 11):
        a = np.exp(rng.uniform(-2, 3, k))
        b = np.exp(rng.uniform(-2, 3, k))
        add("dirichlet_ordinary_k%d" % k, Dist("dirichlet", *a), Dist("dirichlet", *b))
        add("dirichlet_near_k%d" % k, Dist("dirichlet", *a), Dist("dirichlet", *[near(rng, x, 1e-8) for x in a]))
        add("dirichlet_nearscaled_k%d" % k, Dist("dirichlet", *a), Dist("dirichlet", *[x * (1 + 1e-8) for x in a]))
        ext = rng.choice([1e-3, 0.1, 1.0, 30.0, 1e4], k)
        add("dirichlet_extreme_k%d" % k, Dist("dirichlet", *ext), Dist("dirichlet", *b))
        add("dirichlet_extremenear_k%d" % k, Dist("dirichlet", *ext), Dist("dirichlet", *[near(rng, x, 1e-8) for x in ext]))
        add("dirichlet_same_k%d" % k, Dist("dirichlet", *a), Dist("dirichlet", *a))

    # log-normal, half-normal
    for i in range(6):
        m1, m2 = rng.normal(0, 2, 2)
        s1, s2 = np.exp(rng.uniform(-2, 2, 2))
        add("log_normal_ordinary%d" % i, Dist("log_normal", m1, s1), Dist("log_normal", m2, s2))
        add("log_normal_near%d" % i, Dist("log_normal", m1, s1), Dist("log_normal", near(rng, m1, 1e-8), near(rng, s1, 1e-8)))
        add("half_normal_ordinary%d" % i, Dist("half_normal", s1), Dist("half_normal", s2))
        add("half_normal_near%d" % i, Dist("half_normal", s1), Dist("half_normal", near(rng, s1, 1e-8)))
    add("half_normal_extreme", Dist("half_normal", 1e-3), Dist("half_normal", 1e4))

    # continuous Bernoulli: around 1/2 (eta ~ 0, series), ordinary, and near the ends
    probs = [0.5, 0.5 + 1e-9, 0.4999, 0.3, 0.73, 0.05, 0.999, 1e-6, 1e-10, 0.9999999999, 1e-300]
    for i, l in enumerate(probs):
        for eps in [1e-8, 1e-3]:
            l2 = near(rng, l, eps)
            add("continuous_bernoulli_near%g_%d" % (eps, i), Dist("continuous_bernoulli", l),
                Dist("continuous_bernoulli", l2 if l2 < 1 else l * (1 - eps)))
        add("continuous_bernoulli_same%d" % i, Dist("continuous_bernoulli", l), Dist("continuous_bernoulli", l))
    for i, l1 in enumerate(probs):
        for j, l2 in enumerate(probs):
            if i < j:
                add("continuous_bernoulli_pair%d_%d" % (i, j), Dist("continuous_bernoulli", l1), Dist("continuous_bernoulli", l2))
                add("continuous_bernoulli_pair%d_%d" % (j, i), Dist("continuous_bernoulli", l2), Dist("continuous_bernoulli", l1))

    # von Mises: kappa 0 .. 1e3, across the switch to the asymptotic Bessel series at 20
    kappas = [0.0, 1e-3, 0.5, 2.0, 7.0, 19.9, 20.1, 55.0, 300.0, 1e3]
    for i, k in enumerate(kappas):
        m = float(rng.uniform(-3, 3))
        for eps in [1e-8, 1e-4]:
            add("von_mises_near%g_%d" % (eps, i), Dist("von_mises", m, k),
                Dist("von_mises", near(rng, m, eps), near(rng, k, eps) if k else 1e-9))
        add("von_mises_nearloc%d" % i, Dist("von_mises", m, k), Dist("von_mises", m + 1e-8, k))
        add("von_mises_same%d" % i, Dist("von_mises", m, k), Dist("von_mises", m, k))
        add("von_mises_opposite%d" % i, Dist("von_mises", m, k), Dist("von_mises", m + math.pi, k))
    for i, k1 in enumerate(kappas):
        for j, k2 in enumerate(kappas):
            if i != j:
                add("von_mises_pair%d_%d" % (i, j), Dist("von_mises", float(rng.uniform(-3, 3)), k1),
                    Dist("von_mises", float(rng.uniform(-3, 3)), k2))
    add("von_mises_uniform_locs", Dist("von_mises", 0.3, 0.0), Dist("von_mises", -2.0, 0.0))

    # wide random pairs: log-uniform parameters, q either independent (40%) or p perturbed by a
    # log-uniform relative 1e-14 .. 1 (every regime of the engine's switch between forms)
    def lu(lo, hi):
        return float(np.exp(rng.uniform(np.log(lo), np.log(hi))))

    for i in range(40):
        eps = 10.0 ** rng.uniform(-14, 0)
        far = rng.random() < 0.4

        def other(x):
            return lu(1e-3, 1e4) if far else near(rng, x, eps)

        a, b = lu(1e-3, 1e4), lu(1e-3, 1e3)
        add("gamma_random%d" % i, Dist("gamma", a, b), Dist("gamma", other(a), other(b)))
        k = int(rng.integers(2, 8))
        av = [lu(1e-3, 1e4) for _ in range(k)]
        add("dirichlet_random%d" % i, Dist("dirichlet", *av), Dist("dirichlet", *[other(x) for x in av]))
        l = float(rng.choice([lu(1e-12, 0.5), 1 - lu(1e-10, 0.5), 0.5 + rng.uniform(-1e-3, 1e-3)]))
        l2 = float(rng.uniform(1e-6, 1 - 1e-6)) if far else near(rng, l, eps)
        if 0 < l2 < 1 and l2 != l:
            add("continuous_bernoulli_random%d" % i, Dist("continuous_bernoulli", l), Dist("continuous_bernoulli", l2))
        kappa, m = float(rng.choice([0.0, lu(1e-3, 1e3)])), float(rng.uniform(-3, 3))
        kappa2 = lu(1e-3, 1e3) if far else (near(rng, kappa, eps) if kappa else 0.0)
        m2 = float(rng.uniform(-3, 3)) if far else m + eps * rng.uniform(-1, 1)
        add("von_mises_random%d" % i, Dist("von_mises", m, kappa), Dist("von_mises", m2, kappa2))
    return out


def fmt(x):
    if x == mp.inf:
        return "inf"
    return "%.17g" % float(x)


# ---- self-checks -----------------------------------------------------------------------------

def self_checks(case_list):
    from scipy import integrate, special, stats

    def cb_logpdf(l):
        eta = math.log(l / (1 - l))
        logc = 0.0 if eta == 0 else math.log(eta / math.expm1(eta))
        return lambda x: logc + eta * x

    def density(d):  # (logpdf, lo, hi)
        k, v = d.kind, d.params
        if k == "gamma":
            return stats.gamma(v[0], scale=1 / v[1]).logpdf, 0, np.inf
        if k == "exponential":
            return stats.expon(scale=1 / v[0]).logpdf, 0, np.inf
        if k == "chi_squared":
            return stats.chi2(v[0]).logpdf, 0, np.inf
        if k == "inverse_gamma":
            return stats.invgamma(v[0], scale=v[1]).logpdf, 0, np.inf
        if k == "beta":
            return stats.beta(v[0], v[1]).logpdf, 0, 1
        if k == "log_normal":
            return stats.lognorm(v[1], scale=math.exp(v[0])).logpdf, 0, np.inf
        if k == "half_normal":
            return stats.halfnorm(scale=v[0]).logpdf, 0, np.inf
        if k == "continuous_bernoulli":
            return cb_logpdf(v[0]), 0, 1
        if k == "von_mises":
            return (lambda x: v[1] * math.cos(x - v[0]) - math.log(2 * math.pi * special.i0e(v[1])) - v[1]), -math.pi, math.pi
        raise ValueError(k)

    def check(what, got, want, rel=1e-7):
        if abs(got - want) > rel * abs(want):
            raise SystemExit("self-check failed: %s: quadrature %r vs table %r" % (what, got, want))

    checked = 0
    for cid, p, q in case_list:
        if "ordinary" not in cid or p.kind == "dirichlet":
            continue
        lp, lo, hi = density(p)
        lq, _, _ = density(q)
        pts = None if np.isinf(hi) else [lo + (hi - lo) * t for t in (0.25, 0.5, 0.75)]
        opts = dict(limit=500, epsabs=0, epsrel=1e-11)
        if pts:
            opts["points"] = pts
        val = integrate.quad(lambda x: math.exp(lp(x)) * (lp(x) - lq(x)), lo, hi, **opts)[0]
        check(cid + " kl", val, float(kl(p, q)))
        for a in (0.5, 2.0):
            c = log_chernoff(p, q, a)
            if c == mp.inf:
                continue
            val = integrate.quad(lambda x: math.exp(a * lp(x) + (1 - a) * lq(x)), lo, hi, **opts)[0]
            check("%s chernoff(%g)" % (cid, a), val, float(mp.exp(c)))
        checked += 1
    # a 3-dimensional Dirichlet by dblquad over the simplex
    p, q = Dist("dirichlet", 1.5, 2.0, 3.0), Dist("dirichlet", 2.5, 1.2, 4.0)
    fp, fq = stats.dirichlet(p.params), stats.dirichlet(q.params)

    def integrand(y, x):
        z = np.array([x, y, max(1 - x - y, 1e-300)])
        a, b = fp.logpdf(z), fq.logpdf(z)
        return math.exp(a) * (a - b)

    val = integrate.dblquad(integrand, 0, 1, 0, lambda x: 1 - x, epsabs=0, epsrel=1e-10)[0]
    check("dirichlet3 kl", val, float(kl(p, q)), rel=1e-6)
    print("self-checks passed (%d one-dimensional cases, one Dirichlet)" % checked, file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "tests", "data", "exponential_family_reference.tsv"))
    ap.add_argument("--dps", type=int, default=60)
    ap.add_argument("--no-checks", action="store_true")
    ap.add_argument("--seed", type=int, default=20261128, help="random cases (other seeds: fresh cases to fuzz with)")
    args = ap.parse_args()
    mp.mp.dps = args.dps
    rng = np.random.default_rng(args.seed)
    case_list = cases(rng)
    table = []
    for cid, p, q in case_list:
        table.extend(rows_for(cid, p, q))
    fields = {cid: (p.field(), q.field()) for cid, p, q in case_list}
    assert len(fields) == len(case_list), "duplicate case ids"
    with open(args.out, "w") as f:
        f.write("# Generated by scripts/gen_exponential_family_reference.py (mpmath, dps=%d). Do not edit.\n" % args.dps)
        f.write("# case_id\tmeasure\tparam\tp\tq\texpected\n")
        previous = None
        for cid, measure, param, value in table:
            pf, qf = fields[cid] if cid != previous else ("=", "=")
            previous = cid
            f.write("%s\t%s\t%s\t%s\t%s\t%s\n" % (cid, measure, param, pf, qf, fmt(value)))
    print("wrote %d rows (%d cases) to %s" % (len(table), len(case_list), args.out), file=sys.stderr)
    if not args.no_checks:
        self_checks(case_list)


if __name__ == "__main__":
    main()
