"""Minibatch indices: every example once per pass, the last batch partial, seeded orders."""

import numpy as np
import pytest

from course.ops.minibatch import minibatch_indices


def rng(seed=0):
    return np.random.default_rng(seed)


@pytest.mark.parametrize("n, batch_size", [(10, 3), (9, 3), (1, 32), (5, 5), (100, 1)])
def test_every_index_once_and_the_last_batch_partial(n, batch_size):
    batches = minibatch_indices(n, batch_size, rng())
    assert len(batches) == -(-n // batch_size)
    assert all(len(batch) == batch_size for batch in batches[:-1])
    assert len(batches[-1]) == n - batch_size * (len(batches) - 1)
    np.testing.assert_array_equal(np.sort(np.concatenate(batches)), np.arange(n))


def test_a_seed_gives_the_same_order_and_another_seed_another():
    first = np.concatenate(minibatch_indices(50, 8, rng(1)))
    again = np.concatenate(minibatch_indices(50, 8, rng(1)))
    other = np.concatenate(minibatch_indices(50, 8, rng(2)))
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)
    assert not np.array_equal(first, np.arange(50))


def test_a_generator_gives_a_new_order_each_epoch_reproducibly():
    def two_epochs():
        generator = rng(7)
        return [np.concatenate(minibatch_indices(30, 4, generator)) for _ in range(2)]

    epoch1, epoch2 = two_epochs()
    assert not np.array_equal(epoch1, epoch2)
    np.testing.assert_array_equal(two_epochs()[1], epoch2)


def test_indices_slice_the_data():
    x = np.arange(20).reshape(10, 2)
    batch = minibatch_indices(len(x), 4, rng())[0]
    assert x[batch].shape == (4, 2)


def test_no_examples_no_batches():
    assert minibatch_indices(0, 4, rng()) == []


@pytest.mark.parametrize(
    "n, batch_size, word", [(-1, 4, "n must be"), (5, 0, "batch_size must be")]
)
def test_bad_arguments_fail_at_the_call(n, batch_size, word):
    with pytest.raises(ValueError, match=word):
        minibatch_indices(n, batch_size, rng())
