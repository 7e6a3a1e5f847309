"""``ops.sequential.steps_to_overfit``: a correct training step memorises a tiny batch, a
broken one does not, and the model it is given stays as it was."""

import copy

import numpy as np

from course.ops.sequential import build, evaluate, steps_to_overfit, train_step


def tiny_batch(n=8, d=5, k=3, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, d)).astype(np.float32), rng.integers(0, k, n)


def test_a_correct_step_memorises_the_batch_and_the_count_is_the_first_below_tolerance():
    x, y = tiny_batch()
    params = build([(16, "tanh"), (3, "linear")], 5, seed=0)
    start = copy.deepcopy(params)
    steps, loss = steps_to_overfit(train_step, params, x, y, 0.5, max_steps=300, tolerance=0.01)
    assert steps is not None and loss < 0.01
    for layer, before in zip(params, start):            # trained on a copy
        np.testing.assert_array_equal(layer["kernel"], before["kernel"])
        np.testing.assert_array_equal(layer["bias"], before["bias"])
    losses = []                                          # the same count, by hand
    for _ in range(steps):
        train_step(start, x, y, 0.5)
        losses.append(evaluate(start, x, y)[0])
    assert losses[-1] == loss and min(losses[:-1]) >= 0.01


def test_a_step_that_never_changes_the_weights_never_memorises():
    x, y = tiny_batch(seed=1)
    params = build([(16, "relu"), (3, "linear")], 5, seed=1)

    def frozen_step(p, xb, yb, learning_rate):
        return train_step(copy.deepcopy(p), xb, yb, learning_rate)

    assert steps_to_overfit(frozen_step, params, x, y, 0.5, max_steps=20) == \
        (None, evaluate(params, x, y)[0])


def test_zero_steps_when_the_batch_is_already_memorised_and_the_budget_is_kept():
    x, y = tiny_batch(seed=2)
    params = build([(16, "tanh"), (3, "linear")], 5, seed=2)
    calls = []

    def counting_step(p, xb, yb, learning_rate):
        calls.append(1)
        return train_step(p, xb, yb, learning_rate)

    assert steps_to_overfit(counting_step, params, x, y, 0.5, tolerance=100.0)[0] == 0
    assert calls == []
    steps, _ = steps_to_overfit(counting_step, params, x, y, 1e-6, max_steps=7)
    assert steps is None and len(calls) == 7
