"""Per-class means as one product: the loop's numbers, zeros for an absent class, errors."""

import numpy as np
import pytest

from course.ops.class_means import class_means


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_equals_the_loop_over_classes(dtype):
    rng = np.random.default_rng(0)
    features = rng.standard_normal((50, 6)).astype(dtype)
    labels = rng.integers(0, 4, 50)
    labels[:4] = np.arange(4)
    means = class_means(features, labels, 4)
    assert means.shape == (4, 6) and means.dtype == dtype
    for k in range(4):
        np.testing.assert_allclose(means[k], features[labels == k].mean(axis=0), rtol=1e-5)


def test_a_class_without_samples_gets_zeros():
    means = class_means(np.ones((3, 2)), np.array([0, 0, 2]), 4)
    np.testing.assert_array_equal(means, [[1, 1], [0, 0], [1, 1], [0, 0]])


def test_integer_features_give_float32_means():
    assert class_means(np.array([[1, 2], [2, 3]]), np.array([0, 0]), 1).dtype == np.float32


def test_bad_labels_are_named():
    with pytest.raises(ValueError, match=r"labels in \[0, 2\) expected, got 0..2"):
        class_means(np.ones((3, 2)), np.array([0, 1, 2]), 2)
    with pytest.raises(ValueError, match=r"features \(N, D\) and labels \(N,\) expected"):
        class_means(np.ones((3, 2)), np.array([0, 1]), 2)
