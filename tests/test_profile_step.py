"""The per-layer profile of a training step (its shape, not its speed) and Amdahl's law
read from such a table."""

import numpy as np
import pytest

from course import keras
from course.benchmarks.profile_step import profile_step, step_speedup


def test_one_row_per_layer_in_order_with_forward_and_backward_times():
    model = keras.Sequential([keras.Input(shape=(6, 6, 1)), keras.layers.Conv2D(2, 3),
                              keras.layers.Flatten(), keras.layers.Dense(3)])
    x = np.random.default_rng(0).random((4, 6, 6, 1)).astype(np.float32)
    table = profile_step(model, x, repeats=2)
    assert [row[0] for row in table] == [layer.name for layer in model.layers]
    assert all(isinstance(f, float) and isinstance(b, float) and f >= 0 and b >= 0
               for _, f, b in table)
    with pytest.raises(ValueError, match="repeats must be a positive int, got 0"):
        profile_step(model, x, repeats=0)


TABLE = [["a", 1.0, 2.0], ["b", 3.0, 4.0], ["c", 0.0, 0.0]]


def test_amdahl():
    assert step_speedup(TABLE, "b", 1.0) == 1.0
    assert step_speedup(TABLE, "b", 7.0) == pytest.approx(10 / (3 + 1))
    assert step_speedup(TABLE, "b", 1e12) == pytest.approx(1 / (1 - 0.7))
    assert step_speedup(TABLE, "a", 0.5) == pytest.approx(10 / 13)
    assert step_speedup(TABLE, "c", 5.0) == 1.0


def test_bad_layer_or_factor_is_named():
    with pytest.raises(ValueError, match=r"no layer 'd' in the table \(it has \['a', 'b', 'c'\]\)"):
        step_speedup(TABLE, "d", 2.0)
    with pytest.raises(ValueError, match="factor must be positive, got 0"):
        step_speedup(TABLE, "a", 0)
