#!/usr/bin/python3
"""kullback's distribution objects from Python against torch.distributions, side by side.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_parametric_bench.py [--threads N] [--reps R]
        [--rows 1000000] [--cols 64] [--batch 10000] [--dim 16]

Cases (float64; torch with torch.set_num_threads(N) and validate_args=False, kullback with
kullback.set_num_threads(N); the same parameter arrays, shared with torch through from_numpy):
  vae_kl              the VAE loss: kl(Independent(Normal(mu, sigma), 1), Independent(Normal(0, 1), 1)),
                      mu, sigma of shape rows x cols, the prior from 1 x 1 arrays (broadcast);
                      distributions built once, kl timed.
  vae_build_and_kl    the same with both distributions built in the timed region (kullback copies and
                      checks every parameter at construction; torch without validation does neither).
  mvn_kl_scale_tril   kl(MultivariateNormal(m_p, scale_tril=L_p), MultivariateNormal(m_q, scale_tril=L_q)),
                      batch x dim x dim, distributions built once, kl timed.
  mvn_build_and_kl    the same with construction in the timed region.
Each case prints the median wall time of R runs after a warm-up, the ratio torch / kullback, and the
mean value on both sides (a check that both compute the same thing).
"""

import argparse
import os
import statistics
import sys

import numpy as np
import torch
import torch.distributions as td

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peers import time_peer  # noqa: E402

import kullback  # noqa: E402
from kullback import distributions as kd  # noqa: E402


def vae_cases(rows, cols, reps):
    rng = np.random.default_rng(42)
    mu = rng.standard_normal((rows, cols))
    sigma = rng.uniform(0.1, 2.0, (rows, cols))
    zero, one = np.zeros((1, 1)), np.ones((1, 1))
    tmu, tsigma, tzero, tone = (torch.from_numpy(a) for a in (mu, sigma, zero, one))

    def torch_build():
        return (td.Independent(td.Normal(tmu, tsigma, validate_args=False), 1),
                td.Independent(td.Normal(tzero, tone, validate_args=False), 1))

    def kullback_build():
        return kd.Independent(kd.Normal(mu, sigma), 1), kd.Independent(kd.Normal(zero, one), 1)

    tp, tq = torch_build()
    kp, kq = kullback_build()
    out = {}
    out["vae_kl"] = (time_peer(lambda: td.kl_divergence(tp, tq).mean().item(), reps),
                     time_peer(lambda: kullback.kl(kp, kq).mean(), reps))
    out["vae_build_and_kl"] = (time_peer(lambda: td.kl_divergence(*torch_build()).mean().item(), reps),
                               time_peer(lambda: kullback.kl(*kullback_build()).mean(), reps))
    return out


def mvn_cases(batch, dim, reps):
    rng = np.random.default_rng(7)

    def tril():
        g = rng.standard_normal((batch, dim, dim)) / dim**0.5
        return np.tril(g, -1) + np.abs(np.diagonal(g, axis1=1, axis2=2))[:, :, None] * np.eye(dim) + 0.5 * np.eye(dim)

    lp, lq = tril(), tril()
    mp, mq = rng.standard_normal((batch, dim)), rng.standard_normal((batch, dim))
    t = [torch.from_numpy(a) for a in (mp, lp, mq, lq)]

    def torch_build():
        return (td.MultivariateNormal(t[0], scale_tril=t[1], validate_args=False),
                td.MultivariateNormal(t[2], scale_tril=t[3], validate_args=False))

    def kullback_build():
        return kd.MultivariateNormal(mp, scale_tril=lp), kd.MultivariateNormal(mq, scale_tril=lq)

    tp, tq = torch_build()
    kp, kq = kullback_build()
    out = {}
    out["mvn_kl_scale_tril"] = (time_peer(lambda: td.kl_divergence(tp, tq).mean().item(), reps),
                                time_peer(lambda: kullback.kl(kp, kq).mean(), reps))
    out["mvn_build_and_kl"] = (time_peer(lambda: td.kl_divergence(*torch_build()).mean().item(), reps),
                               time_peer(lambda: kullback.kl(*kullback_build()).mean(), reps))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--cols", type=int, default=64)
    ap.add_argument("--batch", type=int, default=10_000)
    ap.add_argument("--dim", type=int, default=16)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    kullback.set_num_threads(a.threads)
    results = {**vae_cases(a.rows, a.cols, a.reps), **mvn_cases(a.batch, a.dim, a.reps)}
    print(f"VAE {a.rows} x {a.cols}; MVN batch {a.batch}, d = {a.dim}; {a.threads} threads, {a.reps} reps")
    print("| case | torch median | kullback median | ratio torch/kullback | mean value torch / kullback |")
    print("|---|---:|---:|---:|---|")
    for name, ((t_times, _, t_value), (k_times, _, k_value)) in results.items():
        tt, tk = statistics.median(t_times), statistics.median(k_times)
        print(f"| {name} | {tt * 1e3:.1f} ms | {tk * 1e3:.1f} ms | **{tt / tk:.2f}x** | "
              f"{t_value:.6g} / {k_value:.6g} |")


if __name__ == "__main__":
    sys.exit(main())
