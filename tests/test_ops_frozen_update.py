"""An SGD step on a partly frozen model: frozen weights and velocities stay bit for bit,
trainable ones move exactly as ``sgd_update`` moves them."""

import numpy as np
import pytest

from course.ops.frozen_update import frozen_update
from course.ops.optimizers import sgd_update


@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_only_trainable_weights_and_their_velocities_move(momentum):
    rng = np.random.default_rng(0)
    shapes = [(3, 3, 1, 4), (4,), (16, 3), (3,)]
    params = [rng.standard_normal(s) for s in shapes]
    grads = [rng.standard_normal(s) for s in shapes]
    velocities = [0.1 * rng.standard_normal(s) for s in shapes]
    trainable = [False, False, True, True]
    before = [p.copy() for p in params]
    expected_p = [p.copy() for p in params]
    expected_v = [v.copy() for v in velocities]
    for p, g, v, t in zip(expected_p, grads, expected_v, trainable):
        if t:
            sgd_update(p, g, v, learning_rate=0.1, momentum=momentum)
    frozen_update(params, grads, velocities, trainable, learning_rate=0.1, momentum=momentum)
    for got, want in zip(params + velocities, expected_p + expected_v):
        np.testing.assert_array_equal(got, want)
    assert not np.array_equal(params[2], before[2]) and np.array_equal(params[0], before[0])


def test_float32_weights_take_float64_gradients():
    p, v = np.ones(3, np.float32), np.zeros(3, np.float32)
    frozen_update([p], [np.full(3, 2.0)], [v], [True], learning_rate=0.5, momentum=0.9)
    assert p.dtype == np.float32
    np.testing.assert_allclose(p, 0.0)


def test_lists_of_different_lengths_are_named():
    with pytest.raises(ValueError, match="one entry per parameter, got lengths 2, 2, 2, 1"):
        frozen_update([np.ones(1)] * 2, [np.ones(1)] * 2, [np.ones(1)] * 2, [True])
