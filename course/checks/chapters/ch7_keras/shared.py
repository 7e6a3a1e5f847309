"""What several exercises of ch7_keras use: case helpers, call adapters."""

import numpy as np

from course.ops.sequential import build


HIDDEN_ACTIVATIONS = ("relu", "tanh", "sigmoid")


def random_seed(rng):
    return int(rng.integers(0, 2**31 - 1))


def random_layer_spec(rng, depth, out_units, last="linear", low=2, high=9):
    """``[(units, activation), ...]``: ``depth - 1`` hidden layers, then the output layer."""
    spec = [(int(rng.integers(low, high + 1)), str(rng.choice(HIDDEN_ACTIVATIONS)))
            for _ in range(depth - 1)]
    return spec + [(out_units, last)]


def random_params(rng, input_dim, spec, scale=1.0):
    """A model built by the reference, with non-zero biases so that every term shows."""
    params = build(spec, input_dim, random_seed(rng))
    for layer in params:
        layer["kernel"] *= np.float32(scale)
        layer["bias"] = (0.3 * rng.standard_normal(layer["bias"].shape)).astype(np.float32)
    return params


def random_data(rng, n, d, k):
    x = rng.standard_normal((n, d)).astype(np.float32)
    return x, rng.integers(0, k, n).astype(np.int64)


