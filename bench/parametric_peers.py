#!/usr/bin/python3
"""Side-by-side timings of kullback's Gaussian closed forms and torch.distributions.kl_divergence.

Usage:
    /usr/bin/python3 bench/parametric_peers.py build/bench/parametric_bench --threads 2 --reps 5 --rounds 3 [--mvn-only]

Runs parametric_bench (Google Benchmark, --threads=N) and the same cases in torch (float64,
torch.set_num_threads(N), validate_args=False so that torch does no extra checking work), in
`rounds` alternating rounds (the machine is shared: per-round ratios show the noise):
  mvn_kl_scale_tril    batch 10^4, d = 16: kl_divergence(MVN(scale_tril=Lp), MVN(scale_tril=Lq)),
                       distributions constructed in the timed region (free in torch).
                       kullback: prebuilt objects (mvn_kl_scale_tril) and multivariate_normal_batch
                       (mvn_batch_kl_scale_tril, construction timed).
  mvn_kl_covariance    the same, given as covariance matrices (torch factorises in the constructor;
                       kullback times construction + kl as well): objects (mvn_kl_covariance) and
                       multivariate_normal_batch::from_covariance (mvn_batch_kl_covariance).
  mvn_kl_precision     precision matrices P = Sigma^-1 (torch: precision_matrix=, factorised in the
                       constructor): multivariate_normal_batch::from_precision.
  mvn_kl_low_rank      batch 10^4, d = 16, r = 2: LowRankMultivariateNormal(loc, W, D) vs kullback's
                       low_rank objects (densified, long double).
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
from torch.distributions import Independent, LowRankMultivariateNormal, MultivariateNormal, Normal, kl_divergence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peers import time_peer  # noqa: E402

UNIT = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def run_cpp(binary, threads, reps, pattern):
    cmd = [binary, f"--threads={threads}", f"--benchmark_repetitions={reps}", "--benchmark_format=json",
           f"--benchmark_filter={pattern}"]
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


def mvn_inputs():
    g = torch.Generator().manual_seed(42)
    n, d = 10_000, 16
    f64 = torch.float64

    def tril():
        G = torch.randn(n, d, d, generator=g, dtype=f64) / d ** 0.5
        L = torch.tril(G, -1) + torch.diag_embed(G.diagonal(dim1=-2, dim2=-1).abs() + 0.5)
        return L

    Lp, Lq = tril(), tril()
    Sp, Sq = Lp @ Lp.transpose(-1, -2), Lq @ Lq.transpose(-1, -2)
    Pp, Pq = torch.cholesky_inverse(Lp), torch.cholesky_inverse(Lq)
    mp, mq = torch.randn(n, d, generator=g, dtype=f64), torch.randn(n, d, generator=g, dtype=f64)
    r = 2
    lr = [(torch.randn(n, d, generator=g, dtype=f64), torch.randn(n, d, r, generator=g, dtype=f64) / d ** 0.5,
           torch.rand(n, d, generator=g, dtype=f64) + 0.5) for _ in range(2)]
    return Lp, Lq, Sp, Sq, Pp, Pq, mp, mq, lr


def torch_cases(reps, mvn_only, inputs):
    Lp, Lq, Sp, Sq, Pp, Pq, mp, mq, lr = inputs
    MVN = MultivariateNormal
    out = {}
    out["mvn_kl_scale_tril"] = time_peer(lambda: kl_divergence(
        MVN(mp, scale_tril=Lp, validate_args=False),
        MVN(mq, scale_tril=Lq, validate_args=False)).mean().item(), reps)
    out["mvn_kl_covariance"] = time_peer(lambda: kl_divergence(
        MVN(mp, covariance_matrix=Sp, validate_args=False),
        MVN(mq, covariance_matrix=Sq, validate_args=False)).mean().item(), reps)
    out["mvn_kl_precision"] = time_peer(lambda: kl_divergence(
        MVN(mp, precision_matrix=Pp, validate_args=False),
        MVN(mq, precision_matrix=Pq, validate_args=False)).mean().item(), reps)
    out["mvn_kl_low_rank"] = time_peer(lambda: kl_divergence(
        LowRankMultivariateNormal(*lr[0], validate_args=False),
        LowRankMultivariateNormal(*lr[1], validate_args=False)).mean().item(), reps)
    if mvn_only:
        return out
    g = torch.Generator().manual_seed(7)
    f64 = torch.float64
    rows, cols = 1_000_000, 64
    mu = torch.randn(rows, cols, generator=g, dtype=f64)
    sigma = torch.rand(rows, cols, generator=g, dtype=f64) * 1.9 + 0.1
    zero, one = torch.zeros(1, 1, dtype=f64), torch.ones(1, 1, dtype=f64)
    out["normal_independent_kl"] = time_peer(lambda: kl_divergence(
        Independent(Normal(mu, sigma, validate_args=False), 1),
        Independent(Normal(zero, one, validate_args=False), 1)).mean().item(), reps)
    return out


# torch case -> the kullback benchmarks it is compared with
PAIRS = {
    "mvn_kl_scale_tril": ["mvn_kl_scale_tril", "mvn_batch_kl_scale_tril"],
    "mvn_kl_covariance": ["mvn_kl_covariance", "mvn_batch_kl_covariance"],
    "mvn_kl_precision": ["mvn_batch_kl_precision"],
    "mvn_kl_low_rank": ["mvn_kl_low_rank"],
    "normal_independent_kl": ["normal_independent_kl"],
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--mvn-only", action="store_true", help="skip the 10^6 x 64 independent-normal case")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    inputs = mvn_inputs()
    pattern = "mvn" if a.mvn_only else "."
    cpp, peer, ratios = {}, {}, {}
    for _ in range(a.rounds):
        c = run_cpp(a.binary, a.threads, a.reps, pattern)
        t = torch_cases(a.reps, a.mvn_only, inputs)
        for name, r in c.items():
            acc = cpp.setdefault(name, {"times": [], "cpu": [], "value": r["value"]})
            acc["times"] += r["times"]
            acc["cpu"] += r["cpu"]
        for name, (times, cpu, value) in t.items():
            acc = peer.setdefault(name, {"times": [], "cpu": [], "value": value})
            acc["times"] += times
            acc["cpu"] += cpu
            for k in PAIRS[name]:
                ratios.setdefault(k, []).append(statistics.median(times) / statistics.median(r_times(c, k)))
    print(f"| torch case ({a.threads} threads) | kullback benchmark | torch median | kullback median | ratio "
          f"| per round | CPU/wall torch, kullback | mean value torch / kullback |")
    print("|---|---|---:|---:|---:|---|---|---|")
    for name, t in peer.items():
        tp = statistics.median(t["times"])
        for k in PAIRS[name]:
            c = cpp[k]
            tk = statistics.median(c["times"])
            rounds = " ".join(f"{x:.2f}" for x in ratios[k])
            print(f"| {name} | {k} | {tp * 1e3:.1f} ms | {tk * 1e3:.1f} ms | **{tp / tk:.2f}x** | {rounds} | "
                  f"{statistics.median(t['cpu']) / tp:.2f}, {statistics.median(c['cpu']) / tk:.2f} | "
                  f"{t['value']:.4g} / {c['value']:.4g} |")


def r_times(results, name):
    return results[name]["times"]


if __name__ == "__main__":
    sys.exit(main())
