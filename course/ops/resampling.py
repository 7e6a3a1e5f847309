"""Rebalancing a training set: class weights for the loss, or oversampled or undersampled
indices."""

import numpy as np


def _class_counts(y, num_classes):
    """``N_c`` of each class, or a ValueError unless ``y`` is integer labels ``(N,)`` in
    ``[0, K)`` with every class present."""
    y = np.asarray(y)
    if y.ndim != 1 or y.dtype.kind not in "iu":
        raise ValueError(f"y must be integer labels of shape (N,), got {y.dtype} {y.shape}")
    if y.size and (y.min() < 0 or y.max() >= num_classes):
        raise ValueError(f"y must lie in [0, {num_classes}), got values from {y.min()} "
                         f"to {y.max()}")
    counts = np.bincount(y, minlength=num_classes)
    if not counts.all():
        raise ValueError(f"every class must occur in y; classes {np.flatnonzero(counts == 0).tolist()} "
                         "do not")
    return counts


def balanced_class_weights(y: np.ndarray, num_classes: int) -> np.ndarray:
    """scikit-learn's ``class_weight="balanced"``: ``w_c = N / (K * N_c)``.

    Every class then carries the same total weight ``N / K`` in the loss, as if the
    classes were balanced. Keras takes them as ``fit(..., class_weight=dict(enumerate(w)))``.

    Args:
        y: integer labels ``(N,)`` in ``[0, K)``, every class present.
        num_classes: ``K``.

    Returns:
        w: float64 ``(K,)``.
    """
    counts = _class_counts(y, num_classes)
    return len(y) / (num_classes * counts.astype(np.float64))


def oversample_indices(y: np.ndarray, num_classes: int) -> np.ndarray:
    """Indices into ``y`` that give every class as many samples as the largest one.

    Class by class (0 to K - 1), its indices in increasing order, repeated cyclically
    until there are ``max_c N_c`` of them. Shuffle before training.

    Args:
        y: integer labels ``(N,)`` in ``[0, K)``.
        num_classes: ``K``.

    Returns:
        int64 ``(K * max_c N_c,)``.
    """
    largest = _class_counts(y, num_classes).max()
    y = np.asarray(y, dtype=np.int64)
    return np.concatenate([np.resize(np.flatnonzero(y == c), largest)
                           for c in range(num_classes)]).astype(np.int64)


def undersample_indices(y: np.ndarray, num_classes: int,
                        seed: int | np.random.Generator | None = None) -> np.ndarray:
    """Indices into ``y`` that keep ``min_c N_c`` random samples of every class.

    Class by class (0 to K - 1), a random subset of the class's indices, without
    repetition, in increasing order. Fast and balanced, but it throws away most of the
    common classes. Shuffle before training.

    Args:
        y: integer labels ``(N,)`` in ``[0, K)``, every class present.
        num_classes: ``K``.
        seed: the seed (or a ``numpy.random.Generator``) of the choice.

    Returns:
        int64 ``(K * min_c N_c,)``.
    """
    smallest = _class_counts(y, num_classes).min()
    rng = np.random.default_rng(seed)
    y = np.asarray(y, dtype=np.int64)
    return np.concatenate([np.sort(rng.choice(np.flatnonzero(y == c), smallest, replace=False))
                           for c in range(num_classes)]).astype(np.int64)
