#!/usr/bin/python3
"""The Python module against the peers a Python user would otherwise call, side by side.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py [path/to/discrete_bench]
        [--threads N] [--reps R] [--rounds K] [--skip overhead|probs|logits]

Cases (K interleaved rounds, R timings per side per round; medians over all samples):
  (a) per-call overhead, 10-element float64 vectors:
        kullback.kl(p, q)   vs   scipy.special.rel_entr(p, q).sum()     (target: kullback <= 2x)
      each timing is the mean of 20000 calls (timeit), so it is the cost of one call.
  (b) KL(p||q) on 10^7 doubles (uniform, normalised):
        kullback.kl(p, q)   vs   scipy.stats.entropy(p, q)              (target: >= 5x)
      and the read bandwidth: the C++ dot product BM_dot_bandwidth/10000000 of discrete_bench on
      the same thread count (the same 160 MB read); KL / bandwidth = dot time / KL time (>= 50%).
  (c) batched KL on 4096 x 32000 float32 logits, N(0, 2^2) entries:
        kullback.kl(a, b, input="logits")   vs   torch kl_div(log_softmax(b), log_softmax(a),
        log_target=True, reduction="none").sum(-1)  (target: >= 10x); kullback reads torch's
      tensors through .numpy() (no copy); both on the same thread count.
Each round times kullback, then the peer (then the C++ dot), so all see the same machine state.
"""

import argparse
import gc
import os
import statistics
import sys
import timeit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peers import find_binary, med, per_round, pick, run_cpp, time_peer, uniform_probability_pair  # noqa: E402

import kullback  # noqa: E402

N_SMALL = 10
N_PROBS = 10_000_000
ROWS, COLS, SCALE = 4096, 32000, 2.0


def per_call_seconds(fn, reps, number=20000):
    """reps samples, each the mean time of one call over `number` calls."""
    return [t / number for t in timeit.repeat(fn, number=number, repeat=reps)]


def case_overhead(reps, rounds):
    from scipy.special import rel_entr

    p, q = uniform_probability_pair(N_SMALL, seed=7)
    assert abs(kullback.kl(p, q) - rel_entr(p, q).sum()) <= 1e-12
    ours, peer = [], []
    for _ in range(rounds):
        ours += per_call_seconds(lambda: kullback.kl(p, q), reps)
        peer += per_call_seconds(lambda: rel_entr(p, q).sum(), reps)
    return ours, peer


def case_probs(binary, threads, reps, rounds):
    import scipy.stats

    p, q = uniform_probability_pair(N_PROBS)
    ours, peer, dot = [], [], []
    ours_cpu = []
    values = {}
    for _ in range(rounds):
        t, c, values["kullback"] = time_peer(lambda: kullback.kl(p, q), reps)
        ours += t
        ours_cpu += c
        t, _, values["scipy"] = time_peer(lambda: float(scipy.stats.entropy(p, q)), reps)
        peer += t
        if binary:
            dot += pick(run_cpp(binary, r"^BM_dot_bandwidth/10000000/", threads, reps), "BM_dot_bandwidth/")["times"]
    del p, q
    gc.collect()
    return ours, ours_cpu, peer, dot, values


def case_logits(threads, reps, rounds):
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(threads)
    g = torch.Generator().manual_seed(12345)
    a = torch.randn(ROWS, COLS, generator=g, dtype=torch.float32) * SCALE
    b = torch.randn(ROWS, COLS, generator=g, dtype=torch.float32) * SCALE
    a_np, b_np = a.numpy(), b.numpy()

    def peer():
        with torch.no_grad():
            return F.kl_div(torch.log_softmax(b, -1), torch.log_softmax(a, -1), log_target=True,
                            reduction="none").sum(-1)

    ours, ours_cpu, theirs, theirs_cpu = [], [], [], []
    values = {}
    for _ in range(rounds):
        t, c, out = time_peer(lambda: kullback.kl(a_np, b_np, input="logits"), reps)
        ours += t
        ours_cpu += c
        values["kullback"] = float(out.mean())
        t, c, out = time_peer(peer, reps)
        theirs += t
        theirs_cpu += c
        values["torch"] = float(out.double().mean())
        del out
        gc.collect()
    return ours, ours_cpu, theirs, theirs_cpu, values, torch.__version__


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary", nargs="?", help="discrete_bench, for the bandwidth reference (default: build/bench)")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--skip", choices=["overhead", "probs", "logits"], action="append", default=[])
    args = ap.parse_args()
    kullback.set_num_threads(args.threads)
    binary = find_binary(args.binary) if "probs" not in args.skip else None
    print(f"# kullback {kullback.__version__} from {kullback.__file__}; threads {args.threads}; "
          f"{args.reps} reps x {args.rounds} rounds; load average {os.getloadavg()}", flush=True)

    print("\n| case | peer | peer median | kullback median | ratio | target | met |")
    print("|---|---|---:|---:|---:|---|---|")
    notes = []
    if "overhead" not in args.skip:
        ours, peer = case_overhead(args.reps, args.rounds)
        ratio = med(ours) / med(peer)
        print(f"| per call, 10 doubles | `rel_entr(p, q).sum()` | {med(peer) * 1e6:.2f} us | {med(ours) * 1e6:.2f} us "
              f"| kullback/peer **{ratio:.2f}** | <= 2 | {'yes' if ratio <= 2 else 'NO'} |", flush=True)
    if "probs" not in args.skip:
        ours, ours_cpu, peer, dot, values = case_probs(binary, args.threads, args.reps, args.rounds)
        speedup = med(peer) / med(ours)
        frac = med(dot) / med(ours)
        print(f"| KL, 10^7 doubles | `scipy.stats.entropy(p, q)` | {med(peer) * 1e3:.1f} ms | {med(ours) * 1e3:.1f} ms "
              f"| **{speedup:.2f}x** | >= 5x | {'yes' if speedup >= 5 else 'NO'} |")
        print(f"| KL, 10^7 doubles / read bandwidth | C++ dot, {args.threads} threads | {med(dot) * 1e3:.1f} ms "
              f"| {med(ours) * 1e3:.1f} ms | **{frac:.1%}** | >= 50% | {'yes' if frac >= 0.5 else 'NO'} |", flush=True)
        notes.append(f"probs: scipy/kullback per round {per_round(peer, ours, args.rounds)}; "
                     f"bandwidth fraction per round {per_round(dot, ours, args.rounds)}")
        notes.append(f"probs: values kullback {values['kullback']:.6f}, scipy {values['scipy']:.6f}; "
                     f"kullback CPU/wall {statistics.median(c / t for c, t in zip(ours_cpu, ours)):.2f}")
    if "logits" not in args.skip:
        ours, ours_cpu, theirs, theirs_cpu, values, version = case_logits(args.threads, args.reps, args.rounds)
        speedup = med(theirs) / med(ours)
        print(f"| batched KL, {ROWS}x{COLS} float32 logits | torch {version} `kl_div(log_softmax)` "
              f"| {med(theirs) * 1e3:.0f} ms | {med(ours) * 1e3:.0f} ms | **{speedup:.2f}x** | >= 10x "
              f"| {'yes' if speedup >= 10 else 'NO'} |", flush=True)
        notes.append(f"logits: torch/kullback per round {per_round(theirs, ours, args.rounds)}")
        notes.append(f"logits: mean row KL kullback {values['kullback']:.4f}, torch {values['torch']:.4f}; CPU/wall "
                     f"kullback {statistics.median(c / t for c, t in zip(ours_cpu, ours)):.2f}, "
                     f"torch {statistics.median(c / t for c, t in zip(theirs_cpu, theirs)):.2f}")
    print()
    for note in notes:
        print(f"# {note}")
    print(f"# load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
