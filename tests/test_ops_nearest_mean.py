"""The nearest-class-mean classifier: the argmin of the full squared distances, found with
one product, and a clear error for mismatched shapes."""

import numpy as np
import pytest

from course.ops.distances import pairwise_sq_dists
from course.ops.nearest_mean import nearest_class_mean


def test_equals_the_argmin_of_the_squared_distances():
    rng = np.random.default_rng(0)
    means = rng.standard_normal((6, 5)) * rng.uniform(0.2, 4.0, (6, 1))
    features = rng.standard_normal((200, 5)) * 2
    labels = nearest_class_mean(features, means)
    assert labels.dtype == np.int64 and labels.shape == (200,)
    np.testing.assert_array_equal(labels, pairwise_sq_dists(features, means).argmin(axis=1))


def test_the_nearest_mean_is_not_the_largest_dot_product():
    means = np.array([[1.0, 0.0], [10.0, 0.0]])
    features = np.array([[2.0, 0.0]])
    assert nearest_class_mean(features, means)[0] == 0
    assert (features @ means.T).argmax() == 1


def test_mismatched_dimensions_are_named():
    with pytest.raises(ValueError, match=r"features \(N, D\) and means \(K, D\) expected, got "
                                         r"\(3, 2\) and \(4, 3\)"):
        nearest_class_mean(np.zeros((3, 2)), np.zeros((4, 3)))
