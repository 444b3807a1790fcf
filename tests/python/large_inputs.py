"""Shared by the test files: a 10^7-element probability pair and a chunked NumPy reference sum."""

import functools
import math

import numpy as np

LARGE_N = 10**7


@functools.lru_cache(maxsize=1)
def large_probability_pair():
    """p, q with 10^7 entries in [0.01, 1.01) before normalising (no zeros, ratios near 1 and far)."""
    rng = np.random.default_rng(40)
    p = rng.random(LARGE_N) + 0.01
    p /= math.fsum(p)
    q = rng.random(LARGE_N) + 0.01
    q /= math.fsum(q)
    return p, q


def chunked(term, *arrays, chunk=1 << 20):
    """sum of term(*chunks) over chunks of 2^20 entries, the chunk sums combined with math.fsum."""
    n = len(arrays[0])
    return math.fsum(float(np.sum(term(*(a[i:i + chunk] for a in arrays)))) for i in range(0, n, chunk))
