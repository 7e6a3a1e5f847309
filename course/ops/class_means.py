"""The mean feature vector of each class, as one matrix product.

The loop ``for k in range(K): means[k] = features[labels == k].mean(axis=0)`` scans the
data K times. With ``Y`` the one-hot matrix of the labels, ``(N, K)``, the same sums are
one product: ``Y.T @ features`` sums the rows of each class, ``Y.sum(axis=0)`` counts them::

    means = (Y.T @ features) / counts[:, None]

A class without a sample gets a row of zeros (its count is taken as 1). The nearest class
mean is the simplest classifier on top of frozen features ("prototypes").
"""

import numpy as np

from course.ops.indexing import one_hot


def class_means(features: np.ndarray, labels: np.ndarray, num_classes: int) -> np.ndarray:
    """Per-class mean of ``features``.

    Args:
        features: shape ``(N, D)``.
        labels: integers in ``[0, num_classes)``, shape ``(N,)``.
        num_classes: K.

    Returns:
        means: shape ``(K, D)``, in the floating dtype of ``features``; row k is the mean of
        the rows labelled k (zeros when there is none).
    """
    labels = np.asarray(labels)
    if np.ndim(features) != 2 or labels.shape != (np.shape(features)[0],):
        raise ValueError(f"class_means: features (N, D) and labels (N,) expected, got "
                         f"{np.shape(features)} and {labels.shape}")
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(f"class_means: labels in [0, {num_classes}) expected, got "
                         f"{labels.min()}..{labels.max()}")
    features = np.asarray(features)
    dtype = features.dtype if features.dtype.kind == "f" else np.dtype(np.float32)
    y = one_hot(labels, num_classes).astype(dtype)
    counts = np.maximum(y.sum(axis=0), 1)
    return ((y.T @ features.astype(dtype)) / counts[:, None]).astype(dtype)
