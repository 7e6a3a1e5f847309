"""The nearest-class-mean classifier ("prototypes"), all distances in one matrix product.

Each sample goes to the class whose mean feature vector (``ops.class_means``) is nearest.
The squared distance expands as

    ||f - m_k||^2 = ||f||^2 - 2 f . m_k + ||m_k||^2,

and ``||f||^2`` is the same for every class of one sample, so the argmin needs only
``||m_k||^2 - 2 f . m_k``: one product ``features @ means.T`` of shape ``(N, K)`` plus a row
vector, no ``(N, K, D)`` array of differences. (The largest dot product alone is not the
nearest mean: a long mean vector wins it from far away.)
"""

import numpy as np


def nearest_class_mean(features: np.ndarray, means: np.ndarray) -> np.ndarray:
    """The index of the nearest mean for every sample.

    Args:
        features: shape ``(N, D)``.
        means: shape ``(K, D)``, one row per class.

    Returns:
        labels: int64, shape ``(N,)``, ``argmin_k ||features[n] - means[k]||^2``.
    """
    if np.ndim(features) != 2 or np.ndim(means) != 2 or np.shape(features)[1] != np.shape(means)[1]:
        raise ValueError(f"nearest_class_mean: features (N, D) and means (K, D) expected, got "
                         f"{np.shape(features)} and {np.shape(means)}")
    scores = (means * means).sum(axis=1) - 2 * (features @ means.T)
    return scores.argmin(axis=1).astype(np.int64)
