#!/usr/bin/python3
"""Writes docs/parametric_pairs.md: every pair of parametric families for which torch, TFP or
kullback has a closed-form KL, with kullback's other closed-form measures.

Columns come from three sources:
  * torch: tried at run time with the installed torch.distributions.kl_divergence on one valid
    pair of distributions (NotImplementedError = not registered); subclass-inherited pairs
    (torch's Chi2 is a Gamma) therefore count, as they do for torch users;
  * TFP: the registrations (@kullback_leibler.RegisterKL) in tensorflow_probability/python/
    distributions at commit bcdf530 (2022), plus those inherited by subclassing (Exponential is
    a Gamma there) -- TFP is not installed here, so this list is written out below;
  * kullback: kullback._registered_pairs() of the built module (the C++ measure registry).

Run: PYTHONPATH=build/python /usr/bin/python3 scripts/gen_pairs_table.py [--check]
With --check it compares with the committed page instead of writing it (the test suite does).
"""
import itertools
import sys
from pathlib import Path

import kullback

FAMILIES = [
    "normal", "multivariate_normal", "log_normal", "half_normal", "laplace", "cauchy", "gumbel", "logistic",
    "exponential", "gamma", "inverse_gamma", "chi_squared", "beta", "dirichlet", "uniform", "pareto", "weibull",
    "von_mises", "continuous_bernoulli", "bernoulli", "binomial", "geometric", "poisson", "negative_binomial",
    "categorical", "one_hot_categorical",
]

TFP_PAIRS = {
    ("normal", "normal"), ("multivariate_normal", "multivariate_normal"), ("log_normal", "log_normal"),
    ("half_normal", "half_normal"), ("laplace", "laplace"), ("cauchy", "cauchy"), ("gumbel", "gumbel"),
    ("gamma", "gamma"), ("chi_squared", "chi_squared"), ("chi_squared", "gamma"), ("gamma", "chi_squared"),
    ("beta", "beta"), ("dirichlet", "dirichlet"), ("uniform", "uniform"), ("pareto", "pareto"),
    ("weibull", "weibull"), ("von_mises", "von_mises"), ("bernoulli", "bernoulli"),
    ("continuous_bernoulli", "continuous_bernoulli"), ("categorical", "categorical"),
    ("one_hot_categorical", "one_hot_categorical"),
    # Exponential subclasses Gamma in TFP:
    ("exponential", "exponential"), ("exponential", "gamma"), ("gamma", "exponential"),
    ("exponential", "chi_squared"), ("chi_squared", "exponential"),
}


def torch_samples():
    """One valid torch distribution per family (two variants, so that transformed distributions
    with parameter-dependent transforms do not match by accident), or None where torch lacks it."""
    import torch
    import torch.distributions as D

    def t(*a):
        return torch.tensor(a if len(a) > 1 else a[0], dtype=torch.float64)

    first = {
        "normal": lambda: D.Normal(t(0.3), t(1.2)),
        "multivariate_normal": lambda: D.MultivariateNormal(
            t(0.0, 1.0), covariance_matrix=torch.tensor([[2.0, 0.3], [0.3, 1.0]], dtype=torch.float64)),
        "log_normal": lambda: D.LogNormal(t(0.3), t(1.2)),
        "half_normal": lambda: D.HalfNormal(t(1.3)),
        "laplace": lambda: D.Laplace(t(0.2), t(0.9)),
        "cauchy": lambda: D.Cauchy(t(0.2), t(0.9)),
        "gumbel": lambda: D.Gumbel(t(0.2), t(0.9)),
        "exponential": lambda: D.Exponential(t(1.3)),
        "gamma": lambda: D.Gamma(t(2.0), t(1.3)),
        "inverse_gamma": (lambda: D.InverseGamma(t(2.0), t(1.3))) if hasattr(D, "InverseGamma") else None,
        "chi_squared": lambda: D.Chi2(t(3.0)),
        "beta": lambda: D.Beta(t(2.0), t(1.5)),
        "dirichlet": lambda: D.Dirichlet(t(2.0, 1.5, 0.7)),
        "uniform": lambda: D.Uniform(t(0.1), t(0.8)),
        "pareto": lambda: D.Pareto(t(1.1), t(2.5)),
        "weibull": lambda: D.Weibull(t(1.1), t(2.5)),
        "von_mises": lambda: D.VonMises(t(0.1), t(2.5)),
        "continuous_bernoulli": lambda: D.ContinuousBernoulli(t(0.3)),
        "bernoulli": lambda: D.Bernoulli(t(0.3)),
        "binomial": lambda: D.Binomial(10, t(0.3)),
        "geometric": lambda: D.Geometric(t(0.3)),
        "poisson": lambda: D.Poisson(t(2.3)),
        "negative_binomial": lambda: D.NegativeBinomial(t(3.0), t(0.3)),
        "categorical": lambda: D.Categorical(t(0.2, 0.3, 0.5)),
        "one_hot_categorical": lambda: D.OneHotCategorical(t(0.2, 0.3, 0.5)),
    }
    second = dict(first)
    second.update({
        "log_normal": lambda: D.LogNormal(t(-0.3), t(0.7)),
        "weibull": lambda: D.Weibull(t(0.9), t(1.5)),
    })
    return first, second


def torch_pairs():
    import torch.distributions as D
    first, second = torch_samples()
    found = set()
    for a, b in itertools.product(FAMILIES, FAMILIES):
        if first.get(a) is None or second.get(b) is None:
            continue
        try:
            D.kl_divergence(first[a](), second[b]())
        except NotImplementedError:
            continue
        found.add((a, b))
    return found


def render():
    torch_has = torch_pairs()
    measures = {}
    for m, p, q in kullback._registered_pairs():
        measures.setdefault((p, q), set()).add(m)
    order = {f: i for i, f in enumerate(FAMILIES)}
    keys = sorted(set(torch_has) | TFP_PAIRS | set(measures), key=lambda k: (order[k[0]], order[k[1]]))
    lines = [
        "# Parametric pairs: torch, TFP and kullback",
        "",
        "Generated by `scripts/gen_pairs_table.py` (do not edit by hand; the test suite checks it is",
        "current). A row is a pair (p, q) of families for which at least one library has KL(p‖q) in",
        "closed form. **torch**: `torch.distributions.kl_divergence` of the installed torch "
        f"({__import__('torch').__version__}),",
        "including pairs inherited by subclassing (torch's Chi2 is a Gamma). **TFP**: "
        "`@RegisterKL` in TensorFlow",
        "Probability (commit bcdf530, 2022), including Exponential's pairs inherited from Gamma. "
        "**kullback**: the",
        "built-in entries of `kullback::registry()` — every one is evaluated against its closed form, "
        "mpmath and",
        "(where torch has the pair) torch by the test suite. Other measures: closed forms beyond KL.",
        "",
        "| p | q | torch | TFP | kullback kl | kullback, other measures |",
        "|---|---|:-:|:-:|:-:|---|",
    ]
    mark = lambda b: "yes" if b else "—"
    for p, q in keys:
        ms = measures.get((p, q), set())
        others = ", ".join(m for m in ["jeffreys", "renyi", "chernoff_coefficient", "bhattacharyya", "hellinger",
                                       "wasserstein2"] if m in ms)
        lines.append(f"| {p} | {q} | {mark((p, q) in torch_has)} | {mark((p, q) in TFP_PAIRS)} | "
                     f"{mark('kl' in ms)} | {others or '—'} |")
    n_torch = len(torch_has)
    n_tfp = len(TFP_PAIRS)
    n_kl = sum(1 for k in measures if "kl" in measures[k])
    missing = sorted((p, q) for p, q in (torch_has | TFP_PAIRS) if "kl" not in measures.get((p, q), set()))
    lines += [
        "",
        f"Totals: torch {n_torch} pairs, TFP {n_tfp}, kullback {n_kl} with KL "
        f"({sum(len(v) for v in measures.values())} pair-measure entries).",
        "Pairs torch or TFP have and kullback lacks: " +
        (", ".join(f"({p}, {q})" for p, q in missing) if missing else "none") + ".",
        "",
    ]
    return "\n".join(lines)


def main():
    path = Path(__file__).resolve().parent.parent / "docs" / "parametric_pairs.md"
    text = render()
    if "--check" in sys.argv:
        if path.read_text() != text:
            sys.exit(f"{path} is stale: rerun scripts/gen_pairs_table.py")
        return
    path.write_text(text)


if __name__ == "__main__":
    main()
