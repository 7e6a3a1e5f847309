"""Small, seeded classification data that a fresh machine can build in milliseconds."""

import numpy as np


def blobs(n=600, d=20, k=3, seed=0, spread=1.0):
    """``n`` points in ``d`` dimensions around ``k`` centres: float32 ``x``, int ``y``."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((k, d)) * 3
    y = rng.integers(0, k, n)
    x = (centres[y] + spread * rng.standard_normal((n, d))).astype(np.float32)
    return x, y
