#!/usr/bin/python3
"""Side-by-side timings of kullback's Gaussian closed forms and torch.distributions.kl_divergence.

Usage:
    /usr/bin/python3 bench/parametric_peers.py build-param/bench/parametric_bench --threads 2 --reps 5

Runs parametric_bench (Google Benchmark, --threads=N) and the same cases in torch (float64,
torch.set_num_threads(N), validate_args=False so that torch does no extra checking work):
  mvn_kl_scale_tril    batch 10^4, d = 16: kl_divergence(MVN(scale_tril=Lp), MVN(scale_tril=Lq)),
                       distributions constructed in the timed region (free in torch).
  mvn_kl_covariance    the same, given as covariance matrices (torch factorises in the constructor;
                       kullback's benchmark times construction + kl as well).
  normal_independent   batch 10^6 x 64: kl_divergence(Independent(Normal(mu, sigma), 1),
                       Independent(Normal(0, 1), 1)) with the prior broadcast from 1 x 1 tensors.
Parameters are drawn from the same distributions as in parametric_bench.cpp (different draws);
the mean KL of each case is printed as a sanity check. Prints a markdown table of medians and ratios.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

import torch
from torch.distributions import Independent, MultivariateNormal, Normal, kl_divergence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peers import time_peer  # noqa: E402

UNIT = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def run_cpp(binary, threads, reps):
    cmd = [binary, f"--threads={threads}", f"--benchmark_repetitions={reps}", "--benchmark_format=json"]
    out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    res = {}
    for b in out["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        name = b["run_name"].split("/")[0].removeprefix("BM_")
        r = res.setdefault(name, {"times": [], "cpu": [], "value": b.get("value")})
        r["times"].append(b["real_time"] * UNIT[b["time_unit"]])
        r["cpu"].append(b["cpu_time"] * UNIT[b["time_unit"]])
    return res


def torch_cases(reps):
    g = torch.Generator().manual_seed(42)
    n, d = 10_000, 16
    f64 = torch.float64

    def tril():
        G = torch.randn(n, d, d, generator=g, dtype=f64) / d ** 0.5
        L = torch.tril(G, -1) + torch.diag_embed(G.diagonal(dim1=-2, dim2=-1).abs() + 0.5)
        return L

    Lp, Lq = tril(), tril()
    Sp, Sq = Lp @ Lp.transpose(-1, -2), Lq @ Lq.transpose(-1, -2)
    mp, mq = torch.randn(n, d, generator=g, dtype=f64), torch.randn(n, d, generator=g, dtype=f64)
    out = {}
    out["mvn_kl_scale_tril"] = time_peer(lambda: kl_divergence(
        MultivariateNormal(mp, scale_tril=Lp, validate_args=False),
        MultivariateNormal(mq, scale_tril=Lq, validate_args=False)).mean().item(), reps)
    out["mvn_kl_covariance"] = time_peer(lambda: kl_divergence(
        MultivariateNormal(mp, covariance_matrix=Sp, validate_args=False),
        MultivariateNormal(mq, covariance_matrix=Sq, validate_args=False)).mean().item(), reps)
    del Lp, Lq, Sp, Sq
    rows, cols = 1_000_000, 64
    mu = torch.randn(rows, cols, generator=g, dtype=f64)
    sigma = torch.rand(rows, cols, generator=g, dtype=f64) * 1.9 + 0.1
    zero, one = torch.zeros(1, 1, dtype=f64), torch.ones(1, 1, dtype=f64)
    out["normal_independent_kl"] = time_peer(lambda: kl_divergence(
        Independent(Normal(mu, sigma, validate_args=False), 1),
        Independent(Normal(zero, one, validate_args=False), 1)).mean().item(), reps)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--reps", type=int, default=5)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    cpp = run_cpp(a.binary, a.threads, a.reps)
    peer = torch_cases(a.reps)
    print(f"| case ({a.threads} threads) | torch median | kullback median | ratio | CPU/wall torch, kullback | mean value torch / kullback |")
    print("|---|---:|---:|---:|---|---|")
    for name, (times, cpu, value) in peer.items():
        c = cpp[name]
        tp, tk = statistics.median(times), statistics.median(c["times"])
        print(f"| {name} | {tp * 1e3:.1f} ms | {tk * 1e3:.1f} ms | **{tp / tk:.2f}x** | "
              f"{statistics.median(cpu) / tp:.2f}, {statistics.median(c['cpu']) / tk:.2f} | {value:.4g} / {c['value']:.4g} |")


if __name__ == "__main__":
    sys.exit(main())
