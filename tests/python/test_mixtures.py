"""kullback.GaussianMixture and the KL approximations between mixtures (docs/mixtures.md).

  - construction: 1-D (means, scales) and d-D (means, covariances); ValueError for bad weights,
    shapes and components, naming the parameter;
  - log_density against scipy.stats, sample reproducible from its seed, with the right moments;
  - kl_variational, kl_lower_bound, kl_upper_bound against the committed mpmath table
    (tests/data/gaussian_mixture_reference.tsv) and the closed form for one component each;
  - kl_monte_carlo: against scipy.integrate.quad within a few standard errors, bitwise the same
    for every thread count, its attributes and repr.

    PYTHONPATH=build/python /usr/bin/python3 -m pytest -q tests/python/test_mixtures.py
"""

import math
from pathlib import Path

import numpy as np
import pytest
from scipy import integrate, stats
from scipy.special import logsumexp

import kullback

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "tests" / "data" / "gaussian_mixture_reference.tsv"


def normal_kl(m1, s1, m2, s2):
    return math.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5


def reference_rows():
    rows = []
    for line in TABLE.read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        parse = lambda field: [list(map(float, part.split(","))) for part in field.split(";")]
        rows.append((f[0], parse(f[1]), parse(f[2]), *map(float, f[3:])))
    return rows


@pytest.fixture
def restore_threads():
    yield
    kullback.set_num_threads(0)


# ---- construction -------------------------------------------------------------------------------

def test_construction_and_properties():
    f = kullback.GaussianMixture([0.3, 0.7], [-1.0, 2.0], [0.5, 1.5])
    assert f.dim == 1 and f.n_components == 2
    np.testing.assert_array_equal(f.weights, [0.3, 0.7])
    g = kullback.GaussianMixture([1.0], [[0.0, 1.0]], covariances=[[[2.0, 0.5], [0.5, 1.0]]])
    assert g.dim == 2 and g.n_components == 1


@pytest.mark.parametrize("args, kwargs, message", [
    (([0.5, 0.6], [0, 1], [1, 1]), {}, "weights sum to 1.1, but must sum to 1 within tolerance 1e-09"),
    (([1.1, -0.1], [0, 1], [1, 1]), {}, "weights[1] = -0.1, but must be >= 0 and finite"),
    (([0.5, 0.5], [0, 1], [1, -1]), {}, "kullback::normal: scale = -1, but must be > 0"),
    (([0.5, 0.5], [0, 1], [1, 1, 1]), {}, "scales has shape (3,), but must be (k,) = (2,)"),
    (([0.5, 0.5], [0, 1]), {}, "give scales (a 1-D mixture) or covariances"),
    (([1.0], [[0.0, 0.0]]), {"covariances": [[[1.0, 2.0], [2.0, 1.0]]]}, "positive definite"),
    (([1.0], [[0.0, 0.0]]), {"covariances": [[1.0, 0.0], [0.0, 1.0]]}, "covariances has shape (2, 2)"),
])
def test_bad_construction_is_a_value_error(args, kwargs, message):
    with pytest.raises(ValueError) as info:
        kullback.GaussianMixture(*args, **kwargs)
    assert message in str(info.value)


def test_mismatched_pairs_are_value_errors():
    one_d = kullback.GaussianMixture([1.0], [0.0], [1.0])
    two_d = kullback.GaussianMixture([1.0], [[0.0, 0.0]], covariances=[np.eye(2)])
    with pytest.raises(ValueError, match="p has normal components and q has multivariate_normal"):
        kullback.kl_variational(one_d, two_d)
    with pytest.raises(ValueError, match="samples = 1, but must be >= 2"):
        kullback.kl_monte_carlo(one_d, one_d, 1, 0)


# ---- density and sampling -----------------------------------------------------------------------

def test_log_density_against_scipy():
    w, m, s = [0.2, 0.5, 0.3], [-1.0, 0.5, 3.0], [0.5, 1.0, 2.0]
    f = kullback.GaussianMixture(w, m, s)
    x = np.linspace(-10, 10, 41)
    expected = logsumexp(np.log(w)[:, None] + stats.norm.logpdf(x[None, :], np.array(m)[:, None],
                                                                np.array(s)[:, None]), axis=0)
    np.testing.assert_allclose(f.log_density(x), expected, rtol=1e-13)
    assert f.log_density(0.0) == pytest.approx(expected[20], rel=1e-13)  # x[20] = 0

    covs = [np.array([[2.0, 0.5], [0.5, 1.0]]), np.array([[1.0, -0.3], [-0.3, 0.5]])]
    means = [[0.0, 1.0], [2.0, -1.0]]
    g = kullback.GaussianMixture([0.4, 0.6], means, covariances=covs)
    pts = np.array([[0.0, 0.0], [1.0, 2.0], [3.0, -1.0]])
    expected = logsumexp([math.log(0.4) + stats.multivariate_normal(means[0], covs[0]).logpdf(pts),
                          math.log(0.6) + stats.multivariate_normal(means[1], covs[1]).logpdf(pts)], axis=0)
    np.testing.assert_allclose(g.log_density(pts), expected, rtol=1e-13)
    assert g.log_density(pts[1]) == pytest.approx(expected[1], rel=1e-13)


def test_sample_is_reproducible_with_the_right_moments():
    f = kullback.GaussianMixture([0.3, 0.7], [-1.0, 2.0], [0.5, 1.5])
    a, b = f.sample(100_000, seed=5), f.sample(100_000, seed=5)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, f.sample(100_000, seed=6))
    mean, var = 1.1, 0.3 * 1.25 + 0.7 * 6.25 - 1.1 ** 2
    assert abs(a.mean() - mean) < 5 * math.sqrt(var / a.size)
    assert a.var() == pytest.approx(var, rel=0.02)
    g = kullback.GaussianMixture([1.0], [[1.0, -1.0]], covariances=[[[2.0, 1.0], [1.0, 2.0]]])
    x = g.sample(100_000, seed=1)
    assert x.shape == (100_000, 2)
    np.testing.assert_allclose(np.cov(x.T), [[2.0, 1.0], [1.0, 2.0]], atol=0.05)


# ---- approximations and bounds ------------------------------------------------------------------

@pytest.mark.parametrize("row", reference_rows(), ids=lambda r: r[0])
def test_against_the_mpmath_table(row):
    name, pm, qm, kl, variational, lower_dtk, upper_dtk = row
    p, q = kullback.GaussianMixture(*pm), kullback.GaussianMixture(*qm)
    assert kullback.kl_variational(p, q) == pytest.approx(variational, rel=1e-12, abs=1e-15)
    lower, upper = kullback.kl_lower_bound(p, q), kullback.kl_upper_bound(p, q)
    assert lower == pytest.approx(max(0.0, lower_dtk), rel=1e-12, abs=1e-15)
    assert lower <= kl * (1 + 1e-12) + 1e-15
    assert kl * (1 - 1e-12) - 1e-15 <= upper <= upper_dtk * (1 + 1e-12) + 1e-15


def test_one_component_is_the_closed_form():
    p, q = kullback.GaussianMixture([1.0], [0.3], [0.7]), kullback.GaussianMixture([1.0], [-1.2], [1.9])
    exact = normal_kl(0.3, 0.7, -1.2, 1.9)
    assert kullback.kl_variational(p, q) == pytest.approx(exact, rel=1e-14)
    assert kullback.kl_upper_bound(p, q) == pytest.approx(exact, rel=1e-14)
    assert kullback.kl_lower_bound(p, q) <= exact


# ---- Monte Carlo --------------------------------------------------------------------------------

def test_monte_carlo_against_scipy_quadrature():
    pm = ([0.3, 0.7], [-1.0, 2.0], [0.5, 1.0])
    qm = ([0.5, 0.5], [0.0, 1.5], [1.0, 2.0])
    p, q = kullback.GaussianMixture(*pm), kullback.GaussianMixture(*qm)

    def log_dens(m, x):
        return logsumexp([math.log(w) + stats.norm.logpdf(x, mu, s) for w, mu, s in zip(*m)])

    exact = integrate.quad(lambda x: math.exp(log_dens(pm, x)) * (log_dens(pm, x) - log_dens(qm, x)),
                           -30, 30, points=[-1.0, 0.0, 1.5, 2.0], limit=200, epsabs=1e-13)[0]
    r = kullback.kl_monte_carlo(p, q, 200_000, 42)
    assert isinstance(r, kullback.MonteCarloResult)
    assert (r.samples, r.seed) == (200_000, 42)
    assert 0 < r.standard_error < 0.01
    assert abs(r.value - exact) < 4.5 * r.standard_error
    assert kullback.kl_lower_bound(p, q) <= exact <= kullback.kl_upper_bound(p, q)
    assert repr(r).startswith("MonteCarloResult(value=")


def test_monte_carlo_is_the_same_for_every_thread_count(restore_threads):
    p = kullback.GaussianMixture([0.4, 0.6], [[0.0, 1.0], [2.0, -1.0]],
                                 covariances=[[[2.0, 0.5], [0.5, 1.0]], [[1.0, -0.3], [-0.3, 0.5]]])
    q = kullback.GaussianMixture([1.0], [[1.0, 0.0]], covariances=[np.eye(2) * 2])
    kullback.set_num_threads(1)
    one = kullback.kl_monte_carlo(p, q, 50_000, 3)
    for threads in (2, 5):
        kullback.set_num_threads(threads)
        r = kullback.kl_monte_carlo(p, q, 50_000, 3)
        assert (r.value, r.standard_error) == (one.value, one.standard_error)
