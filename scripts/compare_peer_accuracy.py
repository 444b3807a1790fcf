#!/usr/bin/python3
"""Relative error of scipy and torch against the mpmath table, on the nearly-equal cases.

Reads tests/data/discrete_reference.tsv (scripts/gen_discrete_reference.py), evaluates the peers'
usual calls on the same doubles and prints a markdown table of their relative errors next to the
expected values; kullback's own errors on these rows come from tests/discrete/accuracy_test.cpp.

    /usr/bin/python3 scripts/compare_peer_accuracy.py
"""
import math
import sys
from pathlib import Path

import numpy as np
import scipy.spatial.distance
import scipy.special
import scipy.stats
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_discrete_reference import expand_field  # noqa: E402

TABLE = Path(__file__).resolve().parent.parent / "tests/data/discrete_reference.tsv"
CASES = ["near_n10_1e-4", "near_n10_1e-8", "near_n10_1e-10", "near_n1000_1e-6", "near_n1000_1e-10",
         "vocab_near_n100000_1e-8"]


def peers(measure, p, q):
    pt, qt = torch.from_numpy(p), torch.from_numpy(q)
    if measure == "kl":
        return {
            "scipy.stats.entropy(p, q)": scipy.stats.entropy(p, q),
            "scipy.special.rel_entr(p, q).sum()": scipy.special.rel_entr(p, q).sum(),
            "torch kl_div(log q, p, sum)": torch.nn.functional.kl_div(qt.log(), pt, reduction="sum").item(),
        }
    if measure == "js_distance":
        return {"scipy.spatial.distance.jensenshannon(p, q)": scipy.spatial.distance.jensenshannon(p, q)}
    return {}


def relative_error(got, expected):
    if math.isnan(got):
        return "NaN"
    return "%.2g" % (abs(got - expected) / abs(expected))


def main():
    rows = {}
    for line in TABLE.read_text().splitlines():
        if line.startswith("#") or line.startswith("case_id"):
            continue
        f = line.split("\t")
        if f[0] in CASES and (f[1] == "kl" or (f[1] == "js_distance" and f[2] == "0.5")):
            rows[(f[0], f[1])] = (f[3], f[4], float(f[5]))
    print("| case | measure | exact (mpmath) | peer call | relative error |")
    print("|---|---|---:|---|---:|")
    for (case, measure), (pf, qf, expected) in sorted(rows.items()):
        p = np.array(expand_field(pf))
        q = np.array(expand_field(qf))
        for name, value in peers(measure, p, q).items():
            print(f"| {case} | {measure} | {expected:.6g} | `{name}` | {relative_error(float(value), expected)} |")


if __name__ == "__main__":
    main()
