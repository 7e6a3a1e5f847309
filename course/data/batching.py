"""Minibatches: split ``range(n)`` into batches of indices, in a seeded random order."""

import numpy as np


def minibatches(n, batch_size, shuffle=True, seed=None):
    """Index arrays that cover ``range(n)`` once, ``batch_size`` at a time.

    Use them to slice the data: ``for idx in minibatches(len(x), 32, seed=0): x[idx], y[idx]``.

    Args:
        n: number of examples.
        batch_size: indices per batch; the last batch holds the ``n % batch_size`` left
            over, when there are any.
        shuffle: visit the examples in a random order (else ``0, 1, ..., n - 1``).
        seed: an int for a reproducible order, ``None`` for a fresh one, or a
            ``numpy.random.Generator`` to draw from (a new order each call: one per epoch).

    Returns:
        an iterator of integer arrays, shape ``(batch_size,)``, the last one possibly shorter;
        ``ceil(n / batch_size)`` of them.

    Raises:
        ValueError: ``n`` is negative or ``batch_size`` is less than 1.
    """
    if n < 0:
        raise ValueError(f"minibatches: n must be >= 0, got {n}")
    if batch_size < 1:
        raise ValueError(f"minibatches: batch_size must be >= 1, got {batch_size}")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    return (order[start : start + batch_size] for start in range(0, n, batch_size))
