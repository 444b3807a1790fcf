"""Parametric distribution families with torch.distributions' names and parameters.

Each class is a batch: parameters given as arrays broadcast against each other (NumPy rules) to
`batch_shape`, and each element is checked at construction (ValueError naming the parameter and
the batch index). The measures kullback.kl, jeffreys, renyi, chernoff_coefficient, bhattacharyya,
hellinger and wasserstein2 take two distributions, broadcast their batch shapes like torch and
evaluate the closed form the C++ measure registry holds for the pair of families
(kullback._registered_pairs() lists them):

    >>> import kullback
    >>> from kullback.distributions import Normal
    >>> kullback.kl(Normal(0.0, 1.0), Normal(1.0, 2.0))    # log 2 + (1 + 1) / 8 - 1/2
    0.4431471805599453

Differences from torch: Categorical / OneHotCategorical reject probabilities off the simplex
unless normalize=True (no silent renormalisation); MultivariateNormal takes the same keyword
names (covariance_matrix, precision_matrix, scale_tril); Logistic is TFP's (torch has none).
"""

from ._kullback import (
    Bernoulli,
    Beta,
    Binomial,
    Categorical,
    Cauchy,
    Chi2,
    ContinuousBernoulli,
    Dirichlet,
    Distribution,
    Exponential,
    Gamma,
    Geometric,
    Gumbel,
    HalfNormal,
    Independent,
    InverseGamma,
    Laplace,
    LogNormal,
    Logistic,
    LowRankMultivariateNormal,
    MultivariateNormal,
    NegativeBinomial,
    Normal,
    OneHotCategorical,
    Pareto,
    Poisson,
    Uniform,
    VonMises,
    Weibull,
)

__all__ = [
    "Bernoulli",
    "Beta",
    "Binomial",
    "Categorical",
    "Cauchy",
    "Chi2",
    "ContinuousBernoulli",
    "Dirichlet",
    "Distribution",
    "Exponential",
    "Gamma",
    "Geometric",
    "Gumbel",
    "HalfNormal",
    "Independent",
    "InverseGamma",
    "Laplace",
    "LogNormal",
    "Logistic",
    "LowRankMultivariateNormal",
    "MultivariateNormal",
    "NegativeBinomial",
    "Normal",
    "OneHotCategorical",
    "Pareto",
    "Poisson",
    "Uniform",
    "VonMises",
    "Weibull",
]
