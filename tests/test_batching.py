"""Minibatch indices: every example once per pass, the last batch partial, seeded orders."""

import numpy as np
import pytest

from course.data.batching import minibatches


@pytest.mark.parametrize("n, batch_size", [(10, 3), (9, 3), (1, 32), (5, 5), (100, 1)])
def test_every_index_once_and_the_last_batch_partial(n, batch_size):
    batches = list(minibatches(n, batch_size, seed=0))
    assert len(batches) == -(-n // batch_size)
    assert all(len(batch) == batch_size for batch in batches[:-1])
    assert len(batches[-1]) == n - batch_size * (len(batches) - 1)
    np.testing.assert_array_equal(np.sort(np.concatenate(batches)), np.arange(n))


def test_no_shuffle_keeps_the_order():
    batches = [batch.tolist() for batch in minibatches(7, 3, shuffle=False)]
    assert batches == [[0, 1, 2], [3, 4, 5], [6]]


def test_a_seed_gives_the_same_order_and_another_seed_another():
    first = np.concatenate(list(minibatches(50, 8, seed=1)))
    again = np.concatenate(list(minibatches(50, 8, seed=1)))
    other = np.concatenate(list(minibatches(50, 8, seed=2)))
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)
    assert not np.array_equal(first, np.arange(50))


def test_a_generator_gives_a_new_order_each_epoch_reproducibly():
    def two_epochs():
        rng = np.random.default_rng(7)
        return [np.concatenate(list(minibatches(30, 4, seed=rng))) for _ in range(2)]

    epoch1, epoch2 = two_epochs()
    assert not np.array_equal(epoch1, epoch2)
    np.testing.assert_array_equal(two_epochs()[1], epoch2)


def test_indices_slice_the_data():
    x = np.arange(20).reshape(10, 2)
    batch = next(iter(minibatches(len(x), 4, seed=0)))
    assert x[batch].shape == (4, 2)


def test_no_examples_no_batches():
    assert list(minibatches(0, 4)) == []


@pytest.mark.parametrize(
    "n, batch_size, word", [(-1, 4, "n must be"), (5, 0, "batch_size must be")]
)
def test_bad_arguments_fail_at_the_call(n, batch_size, word):
    with pytest.raises(ValueError, match=word):
        minibatches(n, batch_size)
