#!/usr/bin/python3
"""Side-by-side timing of kullback's discrete KL against the peers a user would otherwise pick.

    /usr/bin/python3 bench/peers.py [path/to/discrete_bench] [--threads N] [--reps R] [--rounds K]

Cases (each timed R times per round, K interleaved rounds; medians over all R*K samples):
  (a) KL(p||q) on 10^7 doubles, independent uniform probability vectors:
        scipy.stats.entropy(p, q)   vs   kullback::kl (BM_kl_probs_f64/10000000)
      and the machine's read bandwidth: a 2-array dot product on the same arrays and the same
      thread count (BM_dot_bandwidth/10000000). KL / bandwidth = dot time / KL time (same bytes).
  (b) batched KL on 4096 x 32000 float32 logits, independent N(0, 2^2) entries for a and b:
        torch.nn.functional.kl_div(log_softmax(b), log_softmax(a), log_target=True,
                                   reduction='none').sum(-1)   (= KL(softmax a || softmax b) per row)
      with torch.set_num_threads(N)   vs   kullback::kl(logits(a), logits(b), out)
      (BM_kl_logits_batch_f32) with kullback::set_num_threads(N).

The C++ side runs in the Google Benchmark binary (a child process, its own data from the same
distributions, generated the same way as described in bench/discrete_bench.cpp); each round runs
the binary and then the peer, so both see the same machine state. The binary's `value` counter
is compared with the peer's result as a sanity check (same distribution, so the values agree to
sampling noise: about 0.5 nats for (a), about 4 nats = scale^2 for (b)).
"""

import argparse
import gc
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

import numpy as np

N_PROBS = 10_000_000
ROWS, COLS, SCALE = 4096, 32000, 2.0
UNIT = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def find_binary(given):
    candidates = [given] if given else []
    root = pathlib.Path(__file__).resolve().parent.parent
    candidates += [root / "build" / "bench" / "discrete_bench", root / "build" / "release" / "bench" / "discrete_bench"]
    for c in candidates:
        if c and pathlib.Path(c).is_file() and os.access(c, os.X_OK):
            return str(pathlib.Path(c).resolve())
    sys.exit(f"discrete_bench not found (tried {', '.join(map(str, candidates))}); pass its path")


def run_cpp(binary, pattern, threads, reps):
    """Runs the benchmarks matching `pattern`; returns {name: {"times": [s], "bps": [B/s], "value": x}}."""
    cmd = [binary, f"--benchmark_filter={pattern}", f"--benchmark_repetitions={reps}",
           "--benchmark_format=json", f"--threads={threads}"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    results = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        name = b["run_name"]
        r = results.setdefault(name, {"times": [], "cpu": [], "bps": [], "value": b.get("value"),
                                      "threads": b.get("threads")})
        r["times"].append(b["real_time"] * UNIT[b["time_unit"]])
        r["cpu"].append(b["cpu_time"] * UNIT[b["time_unit"]])  # process CPU time (all threads)
        r["bps"].append(b["bytes_per_second"])
    return results


def time_peer(fn, reps):
    """Wall times of reps calls (after a warm-up) and the process CPU seconds they used."""
    fn()  # warm-up (allocation, first-touch, thread pool start)
    times, cpu, value = [], [], None
    for _ in range(reps):
        c0, t0 = time.process_time(), time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return times, cpu, value


def merge(acc, new):
    for name, r in new.items():
        a = acc.setdefault(name, {"times": [], "cpu": [], "bps": [], "value": r["value"], "threads": r["threads"]})
        a["times"] += r["times"]
        a["cpu"] += r["cpu"]
        a["bps"] += r["bps"]


def pick(results, prefix):
    """The one result whose run name starts with prefix (suffixes like /process_time/real_time vary)."""
    names = [n for n in results if n.startswith(prefix)]
    if len(names) != 1:
        sys.exit(f"expected one benchmark named {prefix}*, got {names}")
    return results[names[0]]


def med(x):
    return statistics.median(x)


def uniform_probability_pair(n, seed=12345):
    """Two independent probability vectors, u in (0, 1] normalised (the C++ data's distribution)."""
    rng = np.random.default_rng(seed)
    p = 1.0 - rng.random(n)
    p /= p.sum()
    q = 1.0 - rng.random(n)
    q /= q.sum()
    return p, q


def case_probs(binary, threads, reps, rounds):
    import scipy
    import scipy.stats

    p, q = uniform_probability_pair(N_PROBS)
    cpp, scipy_t, scipy_cpu, numpy_dot_t = {}, [], [], []
    scipy_value = None
    for _ in range(rounds):
        merge(cpp, run_cpp(binary, r"^BM_(kl_probs_f64|dot_bandwidth)/10000000/", threads, reps))
        t, c, scipy_value = time_peer(lambda: float(scipy.stats.entropy(p, q)), reps)
        scipy_t += t
        scipy_cpu += c
        t, _, _ = time_peer(lambda: float(np.dot(p, q)), reps)
        numpy_dot_t += t
    del p, q
    gc.collect()
    kl = pick(cpp, "BM_kl_probs_f64/10000000/")
    dot = pick(cpp, "BM_dot_bandwidth/10000000/")
    return {
        "scipy_version": scipy.__version__,
        "scipy_times": scipy_t, "scipy_cpu": scipy_cpu, "scipy_value": scipy_value,
        "numpy_dot_times": numpy_dot_t,
        "kl_times": kl["times"], "kl_cpu": kl["cpu"], "kl_bps": kl["bps"], "kl_value": kl["value"],
        "threads": kl["threads"], "dot_times": dot["times"], "dot_cpu": dot["cpu"], "dot_bps": dot["bps"],
    }


def case_logits(binary, threads, reps, rounds):
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(threads)
    g = torch.Generator().manual_seed(12345)
    a = torch.randn(ROWS, COLS, generator=g, dtype=torch.float32) * SCALE
    b = torch.randn(ROWS, COLS, generator=g, dtype=torch.float32) * SCALE

    def peer():
        with torch.no_grad():
            return F.kl_div(torch.log_softmax(b, -1), torch.log_softmax(a, -1), log_target=True,
                            reduction="none").sum(-1)

    cpp, torch_t, torch_cpu = {}, [], []
    torch_value = None
    for _ in range(rounds):
        merge(cpp, run_cpp(binary, r"^BM_kl_logits_batch_f32", threads, reps))
        t, c, out = time_peer(peer, reps)
        torch_t += t
        torch_cpu += c
        torch_value = float(out.double().mean())
        del out
        gc.collect()
    del a, b
    gc.collect()
    kl = pick(cpp, "BM_kl_logits_batch_f32/")
    return {
        "torch_version": torch.__version__, "torch_threads": torch.get_num_threads(),
        "torch_times": torch_t, "torch_cpu": torch_cpu, "torch_value": torch_value,
        "kl_times": kl["times"], "kl_cpu": kl["cpu"], "kl_bps": kl["bps"], "kl_value": kl["value"],
        "threads": kl["threads"],
    }


def per_round(num, den, rounds):
    """Ratios med(num) / med(den) per round (samples are stored round after round)."""
    k, m = len(num) // rounds, len(den) // rounds
    return " ".join(f"{med(num[i * k:(i + 1) * k]) / med(den[i * m:(i + 1) * m]):.3f}" for i in range(rounds))


def fmt_t(seconds):
    return f"{seconds * 1e3:.1f} ms"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary", nargs="?", help="discrete_bench (default: build/bench/discrete_bench)")
    ap.add_argument("--threads", type=int, default=os.cpu_count(), help="threads for kullback and torch")
    ap.add_argument("--reps", type=int, default=5, help="timings per round and side (>= 5 recommended)")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds (binary, then peer)")
    ap.add_argument("--skip", choices=["probs", "logits"], action="append", default=[])
    ap.add_argument("--json", help="also write the raw samples here")
    args = ap.parse_args()
    binary = find_binary(args.binary)
    print(f"# kullback peers: binary {binary}, threads {args.threads}, {args.reps} reps x {args.rounds} rounds",
          flush=True)
    print(f"# load average before: {os.getloadavg()}", flush=True)

    raw = {}
    if "probs" not in args.skip:
        raw["probs"] = case_probs(binary, args.threads, args.reps, args.rounds)
    if "logits" not in args.skip:
        raw["logits"] = case_logits(binary, args.threads, args.reps, args.rounds)
    print(f"# load average after: {os.getloadavg()}", flush=True)

    rows = []
    if "probs" in raw:
        r = raw["probs"]
        kl_t, dot_t, sc_t = med(r["kl_times"]), med(r["dot_times"]), med(r["scipy_times"])
        frac = med(r["kl_bps"]) / med(r["dot_bps"])
        rows.append(("KL, 10^7 doubles", f"scipy.stats.entropy(p, q) {r['scipy_version']} (1 thread)", sc_t, kl_t,
                     sc_t / kl_t, f"{frac:.1%}", ">= 5x; KL >= 50% of bandwidth",
                     sc_t / kl_t >= 5 and frac >= 0.5))
    if "logits" in raw:
        r = raw["logits"]
        kl_t, pt_t = med(r["kl_times"]), med(r["torch_times"])
        rows.append((f"batched KL, {ROWS}x{COLS} float32 logits",
                     f"torch {r['torch_version']} kl_div(log_softmax) ({r['torch_threads']} threads)",
                     pt_t, kl_t, pt_t / kl_t, "-", ">= 10x", pt_t / kl_t >= 10))

    print()
    print("| case | peer | peer median | kullback median | ratio peer/kullback | KL / read bandwidth | target | met |")
    print("|---|---|---:|---:|---:|---:|---|---|")
    for case, peer, pt, kt, ratio, frac, target, met in rows:
        print(f"| {case} | {peer} | {fmt_t(pt)} | {fmt_t(kt)} | {ratio:.2f}x | {frac} | {target} | "
              f"{'yes' if met else 'NO'} |")

    if "probs" in raw:
        r = raw["probs"]
        gbs = lambda bps: f"{med(bps) / 1e9:.2f} GB/s"
        nbytes = 2 * 8 * N_PROBS
        print()
        print("| 10^7 doubles, 160 MB read | median time | throughput |")
        print("|---|---:|---:|")
        print(f"| dot product, C++ ({r['threads']:.0f} threads) = read bandwidth | {fmt_t(med(r['dot_times']))} | "
              f"{gbs(r['dot_bps'])} |")
        print(f"| kullback::kl ({r['threads']:.0f} threads) | {fmt_t(med(r['kl_times']))} | {gbs(r['kl_bps'])} |")
        print(f"| scipy.stats.entropy | {fmt_t(med(r['scipy_times']))} | "
              f"{nbytes / med(r['scipy_times']) / 1e9:.2f} GB/s |")
        print(f"| numpy.dot (BLAS, info) | {fmt_t(med(r['numpy_dot_times']))} | "
              f"{nbytes / med(r['numpy_dot_times']) / 1e9:.2f} GB/s |")

    print()
    print("Per-round ratios (medians within each interleaved round; their spread shows the machine's noise):")
    if "probs" in raw:
        r = raw["probs"]
        print(f"  scipy / kullback: {per_round(r['scipy_times'], r['kl_times'], args.rounds)}")
        print(f"  KL / read bandwidth (dot time / KL time): {per_round(r['dot_times'], r['kl_times'], args.rounds)}")
    if "logits" in raw:
        r = raw["logits"]
        print(f"  torch / kullback: {per_round(r['torch_times'], r['kl_times'], args.rounds)}")

    print()
    print("Contention check, median CPU seconds / wall seconds (about the thread count when every thread had")
    print("a core; much less means other processes shared the machine during the timing):")
    ratio = lambda c, t: med([ci / ti for ci, ti in zip(c, t)])
    if "probs" in raw:
        r = raw["probs"]
        print(f"  kullback kl {ratio(r['kl_cpu'], r['kl_times']):.2f}   dot {ratio(r['dot_cpu'], r['dot_times']):.2f}   "
              f"scipy {ratio(r['scipy_cpu'], r['scipy_times']):.2f}")
    if "logits" in raw:
        r = raw["logits"]
        print(f"  kullback logits {ratio(r['kl_cpu'], r['kl_times']):.2f}   torch {ratio(r['torch_cpu'], r['torch_times']):.2f}")

    print()
    print("Sanity (same distribution, different draws):")
    if "probs" in raw:
        print(f"  KL 10^7:   kullback {raw['probs']['kl_value']:.6f}   scipy {raw['probs']['scipy_value']:.6f}")
    if "logits" in raw:
        print(f"  mean row KL of logits: kullback {raw['logits']['kl_value']:.6f}   "
              f"torch {raw['logits']['torch_value']:.6f}")
    print()
    print("Samples (s):")
    for case, r in raw.items():
        for k, v in r.items():
            if k.endswith("_times"):
                print(f"  {case}.{k}: {' '.join(f'{x:.4f}' for x in v)}")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(raw, indent=1))


if __name__ == "__main__":
    main()
