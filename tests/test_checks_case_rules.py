"""Rules the case generators keep, each shown with a mistake built for it here: rows of very
different magnitudes where a shift or scale is per row, a step size that changes the answer
where an exercise takes one, and backward passes that must leave their cache alone."""

import inspect

import numpy as np
import pytest

from course import ops
from course.checks import evaluate, get, registry
from course.checks.cases import rows_of_magnitudes

EXERCISES = registry.all_exercises()

# exercise -> (argument holding the rows, axis of a row's shift or scale)
PER_ROW = {"ch1.logsumexp": ("x", -1), "ch1.standardize": ("x", 0),
           "ch3.softmax_forward": ("x", -1), "ch3.softmax_cross_entropy_forward": ("logits", -1),
           "ch4.softmax_cross_entropy_backward": ("logits", -1),
           "ch4.softmax_backward": ("x", -1),
           "ch5.sparse_categorical_crossentropy_from_logits_forward": ("logits", -1),
           "ch5.categorical_crossentropy_forward": ("y_pred", -1),
           "ch5.categorical_crossentropy_backward": ("y_pred", -1)}
STEPS = ("h", "learning_rate")


def magnitude_spread(a, axis):
    """Largest over smallest typical magnitude of the rows (along ``axis``)."""
    scale = np.abs(np.asarray(a, dtype=np.float64)).mean(axis=axis)
    return scale.max() / scale[scale > 0].min() if (scale > 0).any() else 1.0


def test_rows_of_magnitudes_span_eight_orders_of_magnitude():
    rows = rows_of_magnitudes(np.random.default_rng(0), 5)
    assert rows.shape == (3, 5) and magnitude_spread(rows, -1) > 1e6


@pytest.mark.parametrize("exercise_id", sorted(PER_ROW))
def test_per_row_shifts_and_scales_meet_rows_of_very_different_magnitudes(exercise_id):
    exercise = get(exercise_id)
    name, axis = PER_ROW[exercise_id]
    spreads = [magnitude_spread(c.args[name], axis) for c in exercise.cases(exercise.public_seed)
               if np.ndim(c.args.get(name)) == 2]
    assert max(spreads) > 1e6, f"{exercise_id}: rows within a factor {max(spreads):.0f}"


def _global_shift_softmax(x, axis=-1):
    e = np.exp(x - x.max())
    return e / e.sum(axis=axis, keepdims=True)


def softmax_forward__shifted_by_the_global_maximum(x, axis=-1):
    with np.errstate(all="ignore"):
        out = _global_shift_softmax(x, axis)
    return out, (out, axis)


def logsumexp__shifted_by_the_global_maximum(x, axis=-1):
    with np.errstate(all="ignore"):
        m = x.max()
        return m + np.log(np.exp(x - m).sum(axis=axis))


def sparse_categorical_crossentropy_from_logits_forward__global_shift(y_true, logits,
                                                                      sample_weight=None):
    with np.errstate(all="ignore"):
        p = _global_shift_softmax(logits)
        loss = -np.log(p[np.arange(len(y_true)), y_true]).mean()
    return loss, None


@pytest.mark.parametrize("exercise_id,mutant", [
    ("ch3.softmax_forward", softmax_forward__shifted_by_the_global_maximum),
    ("ch1.logsumexp", logsumexp__shifted_by_the_global_maximum),
    ("ch5.sparse_categorical_crossentropy_from_logits_forward",
     sparse_categorical_crossentropy_from_logits_forward__global_shift)])
def test_a_shift_shared_by_all_rows_fails_on_the_rows_of_different_magnitudes(exercise_id, mutant):
    exercise = get(exercise_id)
    cases = [c for c in exercise.cases(exercise.public_seed)
             if c.group == "rows of very different magnitudes"]
    assert cases
    assert not evaluate(exercise, mutant, cases).passed


def _ignores_its_step(exercise):
    """The reference with its step size replaced by a fixed one (the default when it has one)."""
    signature = inspect.signature(exercise.reference)
    step = next(p for p in signature.parameters if p in STEPS)
    fixed = signature.parameters[step].default
    fixed = 0.0123 if fixed is inspect.Parameter.empty else fixed

    def mutant(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        bound.arguments[step] = fixed
        return exercise.reference(*bound.args, **bound.kwargs)
    return mutant


def _takes_a_step(exercise):
    try:
        return any(p in STEPS for p in inspect.signature(exercise.reference).parameters)
    except (TypeError, ValueError):
        return False


STEP_EXERCISES = [ex for ex in EXERCISES if _takes_a_step(ex)]


def test_the_exercises_that_take_a_step_size_are_found():
    assert {"ch2.numerical_gradient", "ch4.numerical_gradient_array", "ch4.train_step",
            "ch6.adam_update", "ch7.fit"} <= {ex.id for ex in STEP_EXERCISES}


@pytest.mark.parametrize("exercise", STEP_EXERCISES, ids=lambda e: e.id)
def test_a_step_size_that_changes_the_answer_is_among_the_cases(exercise):
    report = evaluate(exercise, _ignores_its_step(exercise), exercise.cases(exercise.public_seed))
    assert not report.passed, f"{exercise.id}: ignoring the step size passes every case"


def relu_backward__zeroes_its_cache(dout, cache):
    dx = dout * (cache > 0)
    cache[...] = 0
    return dx


def dense_backward__overwrites_its_input(dout, cache, need_dx=True):
    x, W, has_bias = cache
    grads = ops.dense_backward(dout, cache, need_dx)
    x -= x
    return grads


def softmax_cross_entropy_backward__probs_reused_in_place(dloss, cache):
    probs, y, weights, sparse = cache
    n = probs.shape[0]
    if sparse:
        probs[np.arange(n), y] -= 1
    else:
        probs -= y
    probs *= dloss * weights[:, None] / n
    return probs


@pytest.mark.parametrize("exercise_id,mutant", [
    ("ch4.relu_backward", relu_backward__zeroes_its_cache),
    ("ch4.dense_backward", dense_backward__overwrites_its_input),
    ("ch4.softmax_cross_entropy_backward", softmax_cross_entropy_backward__probs_reused_in_place)])
def test_a_backward_pass_that_writes_into_its_cache_is_named(exercise_id, mutant):
    exercise = get(exercise_id)
    report = evaluate(exercise, mutant, exercise.cases(exercise.public_seed))
    assert not report.passed
    assert any("wrote into its cache" in (r.problem or "") for r in report.results)


BACKWARD = [ex for ex in EXERCISES if ex.name.endswith("backward") and ex.id != "ch2.backward"]


def test_every_backward_exercise_is_checked_for_writes_into_its_cache():
    assert len(BACKWARD) == 18
    for exercise in BACKWARD:
        assert "backward_reading_cache" in inspect.getsource(exercise.call), exercise.id
