"""ch7.steps_to_overfit: train a copy of a model on a tiny batch with a given training step
and count the calls until the loss is below a tolerance (None if the budget runs out).

The training steps tried are named in the cases (plain data) and looked up here: the
reference step, three of ``ch7.train_step``'s catalogued bugs, and two bugs that leave a
step unable to learn the batch at all.
"""

import copy

import numpy as np

from course.checks.chapters.ch7_keras.shared import random_data, random_params
from course.checks.chapters.ch7_keras.train_step import (train_step__biases_not_updated,
                                                         train_step__gradient_ascent,
                                                         train_step__learning_rate_ignored)
from course.checks.spec import Case, Exercise, Mistake
from course.ops.sequential import backward, evaluate, forward, steps_to_overfit, train_step
from course.ops.softmax_cross_entropy import (softmax_cross_entropy_backward,
                                              softmax_cross_entropy_forward)


def _updates_local_names_only(params, x, y, learning_rate):
    """A training step whose update never reaches the weights: ``w = w - lr * g`` rebinds."""
    logits, caches = forward(params, x)
    loss, loss_cache = softmax_cross_entropy_forward(y, logits)
    grads = backward(params, caches, softmax_cross_entropy_backward(1.0, loss_cache))
    for layer, grad in zip(params, grads):
        kernel, bias = layer["kernel"], layer["bias"]
        kernel = kernel - learning_rate * grad["kernel"]     # a new array, a local name
        bias = bias - learning_rate * grad["bias"]
    return float(loss), logits


def _inputs_shuffled_without_their_labels(params, x, y, learning_rate):
    """A training step that shuffles the inputs but not the labels (one fixed order)."""
    order = np.random.default_rng(0).permutation(len(x))
    return train_step(params, x[order], y, learning_rate)


TRAINING_STEPS = {
    "correct": train_step,
    "gradient ascent": train_step__gradient_ascent,
    "biases not updated": train_step__biases_not_updated,
    "learning rate ignored": train_step__learning_rate_ignored,
    "updates local names only": _updates_local_names_only,
    "inputs shuffled without their labels": _inputs_shuffled_without_their_labels,
}


def _call_steps_to_overfit(obj, args):
    """The student's function on each named training step in turn, from the same params."""
    return [obj(TRAINING_STEPS[name], args["params"], args["x"], args["y"],
                args["learning_rate"], args["max_steps"], args["tolerance"])
            for name in args["train_steps"]]


def _case(rng, group, steps, n=8, d=6, k=3, hidden=((16, "tanh"),), learning_rate=0.5,
          max_steps=200, tolerance=0.05):
    x, y = random_data(rng, n, d, k)
    return Case(group, {"train_steps": list(steps),
                        "params": random_params(rng, d, list(hidden) + [(k, "linear")]),
                        "x": x, "y": y, "learning_rate": learning_rate,
                        "max_steps": max_steps, "tolerance": tolerance})


def _steps_to_overfit_cases(rng, hidden):
    cases = [
        _case(rng, "a correct step memorises the batch", ["correct"], d=int(rng.integers(4, 10))),
        _case(rng, "several steps tried from the same start",
              ["correct", "biases not updated", "gradient ascent", "learning rate ignored"]),
        _case(rng, "steps that cannot learn", ["updates local names only",
                                               "inputs shuffled without their labels"], k=4),
        _case(rng, "a learning rate too small for the budget", ["correct"],
              learning_rate=0.002, max_steps=60),
        _case(rng, "a tighter tolerance", ["correct"], tolerance=0.01, max_steps=400),
        _case(rng, "a deeper network", ["gradient ascent", "correct"],
              hidden=((12, "relu"), (12, "tanh")), learning_rate=0.3),
        _case(rng, "a batch of 1", ["correct", "updates local names only"], n=1, max_steps=50),
    ]
    if hidden:
        cases.append(_case(rng, "several steps tried from the same start",
                           list(TRAINING_STEPS), n=10, d=12, k=5, max_steps=300))
        cases.append(_case(rng, "a deeper network", ["correct", "biases not updated"], n=16,
                           hidden=((24, "relu"), (16, "sigmoid")), learning_rate=0.8,
                           max_steps=400))
    return cases


def steps_to_overfit__judged_on_the_loss_train_step_returned(train_step, params, x, y,
                                                            learning_rate, max_steps=500,
                                                            tolerance=0.01):
    params = copy.deepcopy(params)
    loss = None
    for steps in range(1, max_steps + 1):
        loss, _ = train_step(params, x, y, learning_rate)
        if loss < tolerance:
            return steps, loss
    return None, loss


def steps_to_overfit__trained_the_caller_s_params(train_step, params, x, y, learning_rate,
                                                  max_steps=500, tolerance=0.01):
    steps, loss = 0, evaluate(params, x, y)[0]
    while loss >= tolerance and steps < max_steps:
        train_step(params, x, y, learning_rate)
        steps += 1
        loss = evaluate(params, x, y)[0]
    return (steps if loss < tolerance else None), loss


def steps_to_overfit__stopped_at_100_training_accuracy(train_step, params, x, y, learning_rate,
                                                       max_steps=500, tolerance=0.01):
    params = copy.deepcopy(params)
    steps, (loss, accuracy) = 0, evaluate(params, x, y)
    while accuracy < 1.0 and steps < max_steps:
        train_step(params, x, y, learning_rate)
        steps += 1
        loss, accuracy = evaluate(params, x, y)
    return (steps if accuracy == 1.0 else None), loss


def steps_to_overfit__judged_on_the_first_loss(train_step, params, x, y, learning_rate,
                                               max_steps=500, tolerance=0.01):
    params = copy.deepcopy(params)
    loss = evaluate(params, x, y)[0]
    for steps in range(1, max_steps + 1):
        train_step(params, x, y, learning_rate)
        if loss < tolerance:
            return steps, loss
    return None, loss


def steps_to_overfit__one_step_short_of_the_budget(train_step, params, x, y, learning_rate,
                                                  max_steps=500, tolerance=0.01):
    params = copy.deepcopy(params)
    steps, loss = 0, evaluate(params, x, y)[0]
    while loss >= tolerance and steps < max_steps - 1:
        train_step(params, x, y, learning_rate)
        steps += 1
        loss = evaluate(params, x, y)[0]
    return (steps if loss < tolerance else None), loss


STEPS_TO_OVERFIT = Exercise(
    id="ch7.steps_to_overfit", name="steps_to_overfit", reference=steps_to_overfit,
    make_cases=_steps_to_overfit_cases, call=_call_steps_to_overfit,
    output_names=("(steps, loss) of each training step",), rtol=1e-5, atol=1e-7, points=2,
    summary="train a copy; count the calls until evaluate's loss < tolerance, else None",
    mistakes=[
        Mistake("judged on the loss train_step returned",
                "train_step returns the loss from BEFORE its update, one step behind the "
                "model: after the k-th call it reports the loss of k - 1 steps. Measure the "
                "model after the call, with ref.evaluate(params, x, y)[0].",
                steps_to_overfit__judged_on_the_loss_train_step_returned),
        Mistake("trained the caller's params",
                "train_step updates the params it is given in place. Train a copy "
                "(copy.deepcopy(params)): otherwise the next training step you try starts "
                "from a model that has already memorised the batch, and even a broken step "
                "looks as if it learnt.",
                steps_to_overfit__trained_the_caller_s_params),
        Mistake("stopped at 100% training accuracy",
                "Every sample on the right side of the boundary is not memorised: the loss "
                "can still be far above the tolerance. Compare the loss with the tolerance.",
                steps_to_overfit__stopped_at_100_training_accuracy),
        Mistake("judged on the first loss",
                "The loss is measured once, before training, and never again: compute it "
                "anew after every call of train_step.",
                steps_to_overfit__judged_on_the_first_loss),
        Mistake("one step short of the budget",
                "max_steps is the number of calls of train_step allowed: all of them may "
                "run (the loop stops after the max_steps-th call, not before it).",
                steps_to_overfit__one_step_short_of_the_budget),
    ])
