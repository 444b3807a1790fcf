#!/usr/bin/python3
"""Accuracy reference for kullback's input forms: logits, log-probabilities and counts.

Writes tests/data/input_forms_reference.tsv. For each case the stored numbers (logits, log-probs
or counts, as float64 or float32-representable doubles) are turned into probabilities exactly in
mpmath (softmax, exp, (c + s) / sum(c + s)) and every measure is evaluated on them with the same
Evaluator (and the same definitions) as scripts/gen_discrete_reference.py. Cases target the
numerics of each form: nearly equal logits down to 1e-11 relative, logits with large offsets,
masked (-inf) entries, peaked softmaxes, float32 storage, counts with and without smoothing.

Usage:  /usr/bin/python3 scripts/gen_input_forms_reference.py [--out PATH]

Columns (tab-separated, '#' starts a comment):
  case_id  form  dtype  smoothing  measure  param  a  b  expected
form: logits | log_probs | counts; dtype: f64 | f32 (the values are exactly representable in
float32 and are to be stored as float); a, b: 'v:' + comma-separated repr() doubles ('-inf'
allowed); expected: the exact value rounded to the nearest double ('%.17g' or 'inf').
"""
import argparse
import math
import random
import sys
from pathlib import Path

import mpmath
import numpy as np
from mpmath import mp, mpf

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_discrete_reference import Evaluator, param_text, to_double, value_text  # noqa: E402

MEASURES = [("entropy", None), ("cross_entropy", None), ("kl", None), ("jeffreys", None), ("js", 0.5),
            ("js_distance", 0.5), ("skew_kl", 0.1), ("tv", None), ("hellinger", None), ("bhattacharyya", None),
            ("chi2", None), ("neyman_chi2", None), ("cauchy_schwarz", None), ("alpha_divergence", -0.5),
            ("alpha_divergence", 0.5), ("alpha_divergence", 2.0), ("tsallis", 2.0), ("renyi", 0.0),
            ("renyi", 0.5), ("renyi", 2.0), ("renyi", math.inf)]


def as_f32(values):
    return [float(np.float32(v)) if math.isfinite(v) else v for v in values]


def softmax(values):
    finite = [mpf(v) for v in values if v != -math.inf]
    m = max(finite)
    e = [mp.exp(mpf(v) - m) if v != -math.inf else mpf(0) for v in values]
    z = mp.fsum(e)
    return [x / z for x in e]


def log_softmax_doubles(values):
    return [to_double(mp.log(p)) if p > 0 else -math.inf for p in softmax(values)]


def build_cases(rng):
    cases = []  # (case_id, form, dtype, smoothing, a, b)
    n = 40
    base = [rng.gauss(0.0, 2.0) for _ in range(n)]
    noise = [2.0 * rng.random() - 1.0 for _ in range(n)]
    for k in (2, 5, 8, 11):
        eps = float(f"1e-{k}")
        near = [x + eps * u for x, u in zip(base, noise)]
        cases.append((f"logits_near_1e-{k}", "logits", "f64", 0.0, base, near))
        cases.append((f"logits_near_offset_1e-{k}", "logits", "f64", 0.0, base, [x + 1000.0 for x in near]))
        cases.append((f"log_probs_near_1e-{k}", "log_probs", "f64", 0.0, log_softmax_doubles(base),
                      log_softmax_doubles(near)))
    other = [rng.gauss(0.0, 2.0) for _ in range(n)]
    cases.append(("logits_independent", "logits", "f64", 0.0, base, other))
    cases.append(("logits_peaked", "logits", "f64", 0.0, [30.0 * x for x in base], [30.0 * x for x in other]))
    masked_a = [(-math.inf if i % 7 == 0 else x) for i, x in enumerate(base)]
    masked_b = [(-math.inf if i % 7 == 0 else x + 1e-6 * u) for i, (x, u) in enumerate(zip(base, noise))]
    cases.append(("logits_masked_both", "logits", "f64", 0.0, masked_a, masked_b))
    cases.append(("logits_masked_p_only", "logits", "f64", 0.0, masked_a, other))
    f32_base = as_f32(base)
    cases.append(("logits_f32_independent", "logits", "f32", 0.0, f32_base, as_f32(other)))
    cases.append(("logits_f32_near", "logits", "f32", 0.0, f32_base,
                  as_f32([x + 1e-5 * u for x, u in zip(base, noise)])))
    counts_a = [float(rng.randrange(0, 50)) for _ in range(n)]
    counts_b = [float(max(0, int(c) + rng.randrange(-2, 3))) for c in counts_a]
    cases.append(("counts", "counts", "f64", 0.0, counts_a, counts_b))
    cases.append(("counts_smoothed", "counts", "f64", 0.5, counts_a, counts_b))
    cases.append(("counts_f32_smoothed", "counts", "f32", 1.0, counts_a, [c + 1.0 for c in counts_a]))
    return cases


def probabilities(form, smoothing, values):
    if form == "logits":
        return softmax(values)
    if form == "log_probs":
        return [mp.exp(mpf(v)) if v != -math.inf else mpf(0) for v in values]
    shifted = [mpf(v) + mpf(smoothing) for v in values]
    z = mp.fsum(shifted)
    return [x / z for x in shifted]


def field(values):
    return "v:" + ",".join("-inf" if v == -math.inf else repr(float(v)) for v in values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "tests/data/input_forms_reference.tsv"))
    args = parser.parse_args()
    mp.dps = 60
    rng = random.Random(20261127)
    lines = ["# kullback input-form accuracy reference. GENERATED by scripts/gen_input_forms_reference.py; do not edit.",
             f"# mpmath {mpmath.__version__}, mp.dps = {mp.dps}. Values in nats, rounded to nearest double.",
             "case_id\tform\tdtype\tsmoothing\tmeasure\tparam\ta\tb\texpected"]
    skipped = []
    for case_id, form, dtype, smoothing, a, b in build_cases(rng):
        ev = Evaluator(probabilities(form, smoothing, a), probabilities(form, smoothing, b))
        for measure, param in MEASURES:
            if ev.condition(measure, param) > 256:
                skipped.append(f"{case_id} {measure} {param_text(param)}")
                continue
            expected = to_double(ev.value(measure, param))
            lines.append("\t".join([case_id, form, dtype, repr(smoothing), measure, param_text(param), field(a),
                                    field(b), value_text(expected)]))
    if skipped:
        lines.insert(2, "# Left out as ill-conditioned: " + "; ".join(skipped))
    Path(args.out).write_text("\n".join(lines) + "\n")
    print(f"wrote {len(lines) - 3} rows to {args.out}")


if __name__ == "__main__":
    main()
