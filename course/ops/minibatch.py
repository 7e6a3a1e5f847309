"""Minibatches: split ``range(n)`` into batches of indices, in a seeded random order (the
batching of ``fit`` and of chapter 7; ``course.data`` offers it too)."""

import numpy as np


def minibatch_indices(n: int, batch_size: int, rng: np.random.Generator) -> list:
    """One epoch's batches: ``rng.permutation(n)`` cut into pieces of ``batch_size``.

    Use them to slice the data: ``for idx in minibatch_indices(len(x), 32, rng): x[idx]``.
    Each call draws a new order from ``rng`` (one per epoch); the same seed gives the same
    orders.

    Args:
        n: number of examples.
        batch_size: indices per batch.
        rng: a ``numpy.random.Generator``.

    Returns:
        a list of ``ceil(n / batch_size)`` integer arrays of ``batch_size`` indices; the
        last one holds the ``n % batch_size`` left over (when there are any), so that every
        example is seen exactly once per epoch.

    Raises:
        ValueError: ``n`` is negative or ``batch_size`` is less than 1.
    """
    if n < 0:
        raise ValueError(f"minibatch_indices: n must be >= 0, got {n}")
    if batch_size < 1:
        raise ValueError(f"minibatch_indices: batch_size must be >= 1, got {batch_size}")
    order = rng.permutation(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]
