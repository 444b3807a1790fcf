#!/usr/bin/python3
"""Accuracy reference for kullback's 1-D Gaussian mixture KL, its approximation and its bounds.

Writes tests/data/gaussian_mixture_reference.tsv: one row per pair of 1-D mixtures p, q with
  kl            KL(p||q) = integral p log(p/q), by mpmath quadrature (mp.dps = 30 by default) over
                intervals split at every component mean and +-4, +-12 scales around it
  variational   Hershey & Olsen (2007): sum_a pi_a log(sum_a' pi_a' e^-D_aa' / sum_b w_b e^-D_ab)
  lower_dtk     Durrieu, Thiran & Kelly (2012) lower bound (before kullback's max with 0):
                sum_a pi_a [log sum_a' pi_a' e^-D_aa' - log sum_b w_b z_ab] - sum_a pi_a H_a
  upper_dtk     their upper bound:
                sum_a pi_a [log sum_a' pi_a' z_aa' - log sum_b w_b e^-D_ab] + sum_a pi_a H_a
with D_ab = KL(f_a||g_b) between normals, z_ab = N(m_a; m_b, s_a^2 + s_b^2), H_a = log(s_a sqrt(2 pi e)),
all in mpmath from the given doubles and rounded once to the nearest double.

Usage:
    /usr/bin/python3 scripts/gaussian_mixture_reference.py [--out PATH] [--dps 30] [--no-checks]

File format (tab-separated, '#' starts a comment line):
    case_id  p  q  kl  variational  lower_dtk  upper_dtk
  p, q   weights;means;scales, numbers separated by ',' (Python's repr, so the doubles round-trip)
  values '%.17g'

Self-checks (unless --no-checks): scipy.integrate.quad of the same KL integrand in double to 1e-7
relative (or 1e-12 absolute), and lower_dtk <= kl <= upper_dtk.
"""
import argparse
import math
import os
import random

import mpmath as mp


def case_list():
    cases = [
        ("single_equal", ([1.0], [0.0], [1.0]), ([1.0], [0.0], [1.0])),
        ("single", ([1.0], [0.3], [0.7]), ([1.0], [-1.2], [1.9])),
        ("two_vs_one", ([0.3, 0.7], [-1.0, 2.0], [0.5, 1.0]), ([1.0], [0.5], [2.0])),
        ("one_vs_two", ([1.0], [0.5], [2.0]), ([0.3, 0.7], [-1.0, 2.0], [0.5, 1.0])),
        ("separated", ([0.5, 0.5], [-5.0, 5.0], [1.0, 1.0]), ([0.5, 0.5], [-4.0, 4.5], [1.2, 0.8])),
        ("far_apart", ([0.5, 0.5], [-30.0, 30.0], [1.0, 1.0]), ([0.5, 0.5], [-29.0, 31.0], [1.0, 2.0])),
        ("overlapping", ([0.2, 0.3, 0.5], [0.0, 0.5, 1.0], [1.0, 1.1, 0.9]),
         ([0.4, 0.6], [0.2, 0.8], [1.0, 1.0])),
        ("zero_weight", ([0.0, 1.0], [9.0, 0.0], [1.0, 1.0]), ([0.5, 0.5], [0.0, 1.0], [1.0, 1.0])),
        ("narrow_wide", ([0.5, 0.5], [0.0, 0.0], [0.1, 10.0]), ([0.5, 0.5], [0.0, 0.0], [0.2, 5.0])),
        ("nearly_equal_mean", ([0.4, 0.6], [-1.0, 1.0], [1.0, 0.5]),
         ([0.4, 0.6], [-1.0, 1.0 + 1e-6], [1.0, 0.5])),
        ("nearly_equal_weight", ([0.4, 0.6], [-1.0, 1.0], [1.0, 0.5]),
         ([0.4 + 1e-7, 0.6 - 1e-7], [-1.0, 1.0], [1.0, 0.5])),
        ("same_permuted", ([0.25, 0.75], [-2.0, 3.0], [1.0, 0.5]), ([0.75, 0.25], [3.0, -2.0], [0.5, 1.0])),
    ]
    rng = random.Random(20261128)
    for i in range(12):
        def mixture(k):
            w = [rng.expovariate(1.0) for _ in range(k)]
            total = math.fsum(w)
            w = [x / total for x in w]
            return (w, [rng.uniform(-4.0, 4.0) for _ in range(k)], [rng.uniform(0.3, 2.5) for _ in range(k)])
        cases.append((f"random{i}", mixture(rng.randint(1, 4)), mixture(rng.randint(1, 4))))
    return cases


def components(m):
    return [(mp.mpf(w), mp.mpf(mu), mp.mpf(s)) for w, mu, s in zip(*m)]


def density(m, x):
    return mp.fsum(w * mp.npdf(x, mu, s) for w, mu, s in m if w > 0)


def kl_normal(a, b):
    (_, m1, s1), (_, m2, s2) = a, b
    r2 = (s1 / s2) ** 2
    return (r2 - 1 - mp.log(r2) + ((m1 - m2) / s2) ** 2) / 2


def log_overlap(a, b):
    (_, m1, s1), (_, m2, s2) = a, b
    v = s1 ** 2 + s2 ** 2
    return -((m1 - m2) ** 2 / v + mp.log(2 * mp.pi * v)) / 2


def entropy(a):
    return mp.log(a[2] * mp.sqrt(2 * mp.pi * mp.e))


def weighted_log_ratio(p, q, first, second):
    total = mp.mpf(0)
    for a in p:
        if a[0] == 0:
            continue
        num = mp.log(mp.fsum(c[0] * mp.exp(first(a, c)) for c in p if c[0] > 0))
        den = mp.log(mp.fsum(b[0] * mp.exp(second(a, b)) for b in q if b[0] > 0))
        total += a[0] * (num - den)
    return total


def mean_entropy(p):
    return mp.fsum(a[0] * entropy(a) for a in p if a[0] > 0)


def reference(pm, qm):
    p, q = components(pm), components(qm)
    points = sorted({mp.mpf(mu) + k * s for _, mu, s in p + q for k in (-12, -4, 0, 4, 12)})

    def integrand(x):
        fx = density(p, x)
        if fx == 0:
            return mp.mpf(0)
        return fx * (mp.log(fx) - mp.log(density(q, x)))

    kl = mp.quad(integrand, [-mp.inf] + points + [mp.inf])
    neg_kl = lambda a, b: -kl_normal(a, b)
    variational = weighted_log_ratio(p, q, neg_kl, neg_kl)
    lower = weighted_log_ratio(p, q, neg_kl, log_overlap) - mean_entropy(p)
    upper = weighted_log_ratio(p, q, log_overlap, neg_kl) + mean_entropy(p)
    return kl, variational, lower, upper


def scipy_kl(pm, qm):
    import numpy as np
    from scipy import integrate, stats
    from scipy.special import logsumexp

    def log_dens(m, x):  # in logs: far in the tails q's density underflows before p's
        return logsumexp([math.log(w) + stats.norm.logpdf(x, mu, s) for w, mu, s in zip(*m) if w > 0])

    def f(x):
        lp = log_dens(pm, x)
        return 0.0 if lp == -np.inf else math.exp(lp) * (lp - log_dens(qm, x))

    points = sorted({mu + k * s for m in (pm, qm) for _, mu, s in zip(*m) for k in (-12, -4, 0, 4, 12)})
    edges = [-np.inf] + points + [np.inf]
    return math.fsum(integrate.quad(f, a, b, epsabs=1e-15, epsrel=1e-12, limit=200)[0] for a, b in zip(edges, edges[1:]))


def fmt_mixture(m):
    return ";".join(",".join(repr(float(x)) for x in part) for part in m)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(here, "..", "tests", "data", "gaussian_mixture_reference.tsv"))
    parser.add_argument("--dps", type=int, default=30)
    parser.add_argument("--no-checks", action="store_true")
    args = parser.parse_args()
    mp.mp.dps = args.dps
    rows = []
    worst_scipy = 0.0
    for name, pm, qm in case_list():
        kl, variational, lower, upper = reference(pm, qm)
        if not args.no_checks:
            assert lower <= kl + mp.mpf(10) ** (-args.dps + 5) and kl <= upper, (name, lower, kl, upper)
            approx = scipy_kl(pm, qm)
            err = abs(approx - float(kl))
            assert err <= 1e-7 * abs(float(kl)) or err <= 1e-12, (name, approx, float(kl))
            worst_scipy = max(worst_scipy, err / max(abs(float(kl)), 1e-300))
        rows.append("\t".join([name, fmt_mixture(pm), fmt_mixture(qm)] +
                              ["%.17g" % float(v) for v in (kl, variational, lower, upper)]))
    with open(args.out, "w") as out:
        out.write(f"# Generated by scripts/gaussian_mixture_reference.py (mpmath, dps={args.dps}). Do not edit.\n")
        out.write("# case_id\tp\tq\tkl\tvariational\tlower_dtk\tupper_dtk\n")
        out.write("\n".join(rows) + "\n")
    if not args.no_checks:
        print(f"{len(rows)} cases; worst relative difference scipy.integrate.quad vs mpmath: {worst_scipy:.2e}")


if __name__ == "__main__":
    main()
