"""Rebalancing a training set: class weights for the loss, or oversampled indices."""

import numpy as np


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
    counts = np.bincount(np.asarray(y, dtype=np.int64), minlength=num_classes)
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
    y = np.asarray(y, dtype=np.int64)
    largest = np.bincount(y, minlength=num_classes).max()
    return np.concatenate([np.resize(np.flatnonzero(y == c), largest)
                           for c in range(num_classes)]).astype(np.int64)
