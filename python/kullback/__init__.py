"""kullback: divergences between probability distributions, right to the last digits.

Every measure takes NumPy array-likes (probabilities by default; input="log_probs", "logits" or
"counts" for the other forms), with NumPy batch semantics along `axis`, and returns a float for
one pair or a float64 array for a batch. help(kullback.kl) states each formula and convention;
the documentation pages are in docs/ of the source tree. kl, jeffreys, renyi, bhattacharyya and
hellinger also take two distribution objects (kullback.Normal, kullback.Gamma, ..., the classes of
kullback.distributions, with torch's names), as do chernoff_coefficient and wasserstein2.

    >>> import kullback
    >>> round(kullback.kl([0.5, 0.5], [0.9, 0.1]), 15)    # 0.5 log(0.5/0.9) + 0.5 log(0.5/0.1)
    0.510825623765991
"""

from ._kullback import (
    GaussianMixture,
    MonteCarloResult,
    __version__,
    alpha_divergence,
    bhattacharyya,
    cauchy_schwarz,
    chernoff_coefficient,
    chi2,
    cross_entropy,
    entropy,
    f_divergence,
    hellinger,
    jeffreys,
    js,
    js_distance,
    kl,
    kl_lower_bound,
    kl_monte_carlo,
    kl_upper_bound,
    kl_variational,
    neyman_chi2,
    num_threads,
    renyi,
    set_num_threads,
    skew_kl,
    tsallis,
    tv,
    wasserstein2,
    _registered_pairs,
)
from .distributions import *  # noqa: F401,F403  (the family classes)
from .distributions import __all__ as _distribution_names

__all__ = [
    "GaussianMixture",
    "MonteCarloResult",
    "__version__",
    "alpha_divergence",
    "bhattacharyya",
    "cauchy_schwarz",
    "chernoff_coefficient",
    "chi2",
    "cross_entropy",
    "entropy",
    "f_divergence",
    "hellinger",
    "jeffreys",
    "js",
    "js_distance",
    "kl",
    "kl_lower_bound",
    "kl_monte_carlo",
    "kl_upper_bound",
    "kl_variational",
    "neyman_chi2",
    "num_threads",
    "renyi",
    "set_num_threads",
    "skew_kl",
    "tsallis",
    "tv",
    "wasserstein2",
] + _distribution_names
