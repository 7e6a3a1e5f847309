"""Rebalancing: balanced class weights give every class the same total weight; oversampled
indices give every class as many samples as the largest, each sample repeated evenly;
undersampled ones keep as many distinct samples of each class as the smallest has."""

import numpy as np
import pytest

from course.ops.resampling import balanced_class_weights, oversample_indices, undersample_indices


def labels(counts, seed=0):
    y = np.concatenate([np.full(n, c) for c, n in enumerate(counts)])
    return np.random.default_rng(seed).permutation(y)


@pytest.mark.parametrize("counts", [[90, 10], [50, 7, 3], [5, 5, 5, 5]])
def test_every_class_carries_the_same_total_weight(counts):
    y = labels(counts)
    w = balanced_class_weights(y, len(counts))
    assert w.dtype == np.float64 and w.shape == (len(counts),)
    np.testing.assert_allclose(w * np.array(counts), len(y) / len(counts))
    assert w[y].sum() == pytest.approx(len(y))        # the weights average 1 over the samples


def test_binary_weights_are_the_tensorflow_tutorials():
    y = labels([284, 16])
    neg, pos = 284, 16
    expected = [(1 / neg) * (neg + pos) / 2.0, (1 / pos) * (neg + pos) / 2.0]
    np.testing.assert_allclose(balanced_class_weights(y, 2), expected)


@pytest.mark.parametrize("counts", [[9, 2], [3, 10], [12, 5, 2], [4, 4]])
def test_oversampling_balances_the_classes_and_keeps_every_sample(counts):
    y = labels(counts, seed=1)
    idx = oversample_indices(y, len(counts))
    assert idx.dtype == np.int64
    np.testing.assert_array_equal(np.bincount(y[idx]), [max(counts)] * len(counts))
    copies = np.bincount(idx, minlength=len(y))
    assert copies.min() >= 1
    for c in range(len(counts)):
        own = copies[y == c]
        assert own.max() - own.min() <= 1       # copies of one class differ by at most one


@pytest.mark.parametrize("counts", [[9, 2], [3, 10], [12, 5, 2]])
def test_undersampling_keeps_distinct_samples_as_many_as_the_smallest_class(counts):
    y = labels(counts, seed=2)
    idx = undersample_indices(y, len(counts), seed=0)
    assert idx.dtype == np.int64 and len(np.unique(idx)) == len(idx)
    np.testing.assert_array_equal(np.bincount(y[idx]), [min(counts)] * len(counts))
    np.testing.assert_array_equal(idx, undersample_indices(y, len(counts), seed=0))
    draws = {tuple(undersample_indices(y, len(counts), seed=s)) for s in range(10)}
    assert len(draws) > 1                        # the choice is random, and seeded


def test_bad_labels_get_clear_errors():
    with pytest.raises(ValueError, match=r"classes \[1\] do not"):
        balanced_class_weights(np.array([0, 0, 2]), 3)
    with pytest.raises(ValueError, match=r"y must lie in \[0, 2\)"):
        oversample_indices(np.array([0, 2]), 2)
    with pytest.raises(ValueError, match=r"classes \[0\] do not"):
        undersample_indices(np.array([1, 1]), 2)
    with pytest.raises(ValueError, match="integer labels of shape"):
        balanced_class_weights(np.array([0.0, 1.0]), 2)
