"""What several exercises of ch12_transfer_speed use: a batch normalization layer's weights."""

import numpy as np

from course.checks.cases import randn


def bn_weights(rng: np.random.Generator, c: int, dtype=np.float64) -> dict:
    """``gamma, beta, moving_mean, moving_var`` of a trained layer: off 1, 0, 0 and 1, and
    moving variances from small (0.05) to large (4), where epsilon and the square root count."""
    return {"gamma": (1 + 0.5 * randn(rng, c)).astype(dtype),
            "beta": randn(rng, c, dtype=dtype),
            "moving_mean": (2 * randn(rng, c)).astype(dtype),
            "moving_var": rng.uniform(0.05, 4.0, c).astype(dtype)}
