"""Targets and predictions of each kind a loss takes, for ``make_losses_all.py`` and the tests."""

import numpy as np


def loss_input(kind, rng, shape):
    """A float64 array of ``shape`` (integer labels of ``shape[:-1]`` for ``"labels"``)."""
    if kind == "real":
        return rng.standard_normal(shape) * 1.5
    if kind == "positive":
        return rng.uniform(0.05, 2.0, shape)
    if kind == "unit":
        return rng.uniform(0.05, 0.95, shape)
    if kind == "probs":
        p = rng.uniform(0.05, 1.0, shape)
        return p / p.sum(-1, keepdims=True)
    if kind == "binary":
        return (rng.random(shape) > 0.5).astype(float)
    if kind == "signed":
        return rng.choice([-1.0, 1.0], shape)
    if kind == "one_hot":
        return np.eye(shape[-1])[rng.integers(0, shape[-1], shape[:-1])]
    if kind == "labels":
        return rng.integers(0, shape[-1], shape[:-1])
    raise ValueError(f"unknown kind of loss input {kind!r}")
