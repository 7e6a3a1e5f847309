"""ch7.fit: epochs of shuffled minibatches, a History of per-epoch means."""

import numpy as np

from course.checks.chapters.ch7_keras.shared import (random_data, random_layer_spec, random_params,
                                                     random_seed)
from course.checks.spec import Case, Exercise, Mistake
from course.ops.minibatch import minibatch_indices
from course.ops.sequential import evaluate, fit, train_step


def _call_fit(obj, args):
    """Numpy's global generator seeded (and restored), so that an answer that shuffles with
    it is reproducible and can be recognised."""
    params = args["params"]
    saved = np.random.get_state()
    np.random.seed(args["seed"] % 2**32)
    try:
        history = obj(**args)
    finally:
        np.random.set_state(saved)
    return history, params


def fit__history_appended_per_batch(params, x, y, epochs=1, batch_size=32, learning_rate=0.1,
                                    seed=0,
                           validation_data=None):
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    if validation_data is not None:
        history.update(val_loss=[], val_accuracy=[])
    for _ in range(epochs):
        for idx in minibatch_indices(len(x), batch_size, rng):
            loss, logits = train_step(params, x[idx], y[idx], learning_rate)
            history["loss"].append(loss)
            history["accuracy"].append(float(np.mean(np.argmax(logits, axis=1) == y[idx])))
        if validation_data is not None:
            val_loss, val_accuracy = evaluate(params, validation_data[0], validation_data[1],
                                              batch_size)
            history["val_loss"].append(val_loss)
            history["val_accuracy"].append(val_accuracy)
    return history


def fit__epoch_loss_as_the_mean_of_the_batch_means(params, x, y, epochs=1, batch_size=32,
                                                   learning_rate=0.1, seed=0,
                             validation_data=None):
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    if validation_data is not None:
        history.update(val_loss=[], val_accuracy=[])
    for _ in range(epochs):
        losses, accuracies = [], []
        for idx in minibatch_indices(len(x), batch_size, rng):
            loss, logits = train_step(params, x[idx], y[idx], learning_rate)
            losses.append(loss)
            accuracies.append(float(np.mean(np.argmax(logits, axis=1) == y[idx])))
        history["loss"].append(float(np.mean(losses)))
        history["accuracy"].append(float(np.mean(accuracies)))
        if validation_data is not None:
            val_loss, val_accuracy = evaluate(params, validation_data[0], validation_data[1],
                                              batch_size)
            history["val_loss"].append(val_loss)
            history["val_accuracy"].append(val_accuracy)
    return history


def fit__the_same_order_every_epoch(params, x, y, epochs=1, batch_size=32, learning_rate=0.1,
                                seed=0, validation_data=None):
    history = {"loss": [], "accuracy": []}
    if validation_data is not None:
        history.update(val_loss=[], val_accuracy=[])
    n = len(x)
    for _ in range(epochs):
        rng = np.random.default_rng(seed)
        total_loss, correct = 0.0, 0
        for idx in minibatch_indices(n, batch_size, rng):
            loss, logits = train_step(params, x[idx], y[idx], learning_rate)
            total_loss += loss * len(idx)
            correct += int(np.sum(np.argmax(logits, axis=1) == y[idx]))
        history["loss"].append(total_loss / n)
        history["accuracy"].append(correct / n)
        if validation_data is not None:
            val_loss, val_accuracy = evaluate(params, validation_data[0], validation_data[1],
                                              batch_size)
            history["val_loss"].append(val_loss)
            history["val_accuracy"].append(val_accuracy)
    return history


def fit__numpy_s_global_generator_instead_of_the_seed(params, x, y, epochs=1, batch_size=32,
                                                      learning_rate=0.1, seed=0,
                    validation_data=None):
    history = {"loss": [], "accuracy": []}
    if validation_data is not None:
        history.update(val_loss=[], val_accuracy=[])
    n = len(x)
    for _ in range(epochs):
        order = np.random.permutation(n)
        total_loss, correct = 0.0, 0
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            loss, logits = train_step(params, x[idx], y[idx], learning_rate)
            total_loss += loss * len(idx)
            correct += int(np.sum(np.argmax(logits, axis=1) == y[idx]))
        history["loss"].append(total_loss / n)
        history["accuracy"].append(correct / n)
        if validation_data is not None:
            val_loss, val_accuracy = evaluate(params, validation_data[0], validation_data[1],
                                              batch_size)
            history["val_loss"].append(val_loss)
            history["val_accuracy"].append(val_accuracy)
    return history


def fit__epoch_loss_from_its_last_batch_only(params, x, y, epochs=1, batch_size=32,
                                             learning_rate=0.1, seed=0,
                         validation_data=None):
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    if validation_data is not None:
        history.update(val_loss=[], val_accuracy=[])
    n = len(x)
    for _ in range(epochs):
        correct = 0
        for idx in minibatch_indices(n, batch_size, rng):
            loss, logits = train_step(params, x[idx], y[idx], learning_rate)
            correct += int(np.sum(np.argmax(logits, axis=1) == y[idx]))
        history["loss"].append(loss)
        history["accuracy"].append(correct / n)
        if validation_data is not None:
            val_loss, val_accuracy = evaluate(params, validation_data[0], validation_data[1],
                                              batch_size)
            history["val_loss"].append(val_loss)
            history["val_accuracy"].append(val_accuracy)
    return history


def _fit_cases(rng, hidden):
    cases = []

    def problem(n, d, k, depth=2):
        x, y = random_data(rng, n, d, k)
        centres = rng.standard_normal((k, d)).astype(np.float32)
        x += 1.5 * centres[y]                      # learnable: the classes have centres
        return random_params(rng, d, random_layer_spec(rng, depth, k)), x, y

    for _ in range(3 if hidden else 1):
        b = int(rng.integers(3, 9))
        n = b * int(rng.integers(3, 6)) + int(rng.integers(1, b))
        params, x, y = problem(n, int(rng.integers(2, 8)), int(rng.integers(2, 5)))
        cases.append(Case("batch size not dividing n", {
            "params": params, "x": x, "y": y, "epochs": int(rng.integers(2, 4)),
            "batch_size": b, "learning_rate": 0.2, "seed": random_seed(rng)}))
    params, x, y = problem(30, 4, 3)
    vx, vy = x[20:], y[20:]
    cases.append(Case("with validation data", {
        "params": params, "x": x[:20], "y": y[:20], "epochs": 3, "batch_size": 6,
        "learning_rate": 0.2, "seed": random_seed(rng), "validation_data": (vx, vy)}))
    params, x, y = problem(9, 3, 2)
    cases.append(Case("one epoch", {"params": params, "x": x, "y": y, "epochs": 1,
                                    "batch_size": 4, "learning_rate": 0.3, "seed": random_seed(rng)}))
    params, x, y = problem(6, 3, 2)
    cases.append(Case("batch of 1", {"params": params, "x": x, "y": y, "epochs": 2,
                                     "batch_size": 1, "learning_rate": 0.1, "seed": random_seed(rng)}))
    if hidden:
        params, x, y = problem(600, 20, 10, depth=3)
        cases.append(Case("larger", {
            "params": params, "x": x[:500], "y": y[:500], "epochs": 4, "batch_size": 32,
            "learning_rate": 0.1, "seed": random_seed(rng), "validation_data": (x[500:], y[500:])}))
    return cases


FIT = Exercise(
    id="ch7.fit", name="fit", reference=fit, make_cases=_fit_cases, call=_call_fit,
    output_names=("history", "params after training"), rtol=1e-4, atol=1e-6, pure=False,
    points=3, summary="epochs of shuffled minibatches, a History of per-epoch means",
    mistakes=[
        Mistake("history appended per batch",
                "History holds one value per epoch: accumulate the batches' losses during the "
                "epoch and append their mean once, after the epoch's last batch.",
                fit__history_appended_per_batch),
        Mistake("epoch loss as the mean of the batch means",
                "The small last batch weighs as much as a full one in a plain mean of the batch "
                "losses. Weight each batch loss by its size and divide by n (and count correct "
                "predictions rather than averaging accuracies).",
                fit__epoch_loss_as_the_mean_of_the_batch_means),
        Mistake("the same order every epoch",
                "np.random.default_rng(seed) inside the epoch loop restarts the generator, so "
                "every epoch visits the samples in the same order. Make it once, before the "
                "loop; each epoch then draws a new order from it.",
                fit__the_same_order_every_epoch),
        Mistake("numpy's global generator instead of the seed",
                "np.random.permutation draws from numpy's global generator: the seed argument "
                "has no effect and the run cannot be repeated. Draw the batches from "
                "np.random.default_rng(seed) with ref.minibatch_indices.",
                fit__numpy_s_global_generator_instead_of_the_seed),
        Mistake("epoch loss from its last batch only",
                "The epoch's loss is the mean over all its samples, not the loss of its last "
                "batch: accumulate loss * len(batch) over the epoch and divide by n.",
                fit__epoch_loss_from_its_last_batch_only),
    ])
