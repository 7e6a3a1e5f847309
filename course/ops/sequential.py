"""A stack of Dense layers as plain functions: the heart of Keras's ``Sequential.fit``.

A model is plain data, as Keras keeps it: a list of layers, each a dict
``{"kernel": (D, M) float32, "bias": (M,) float32, "activation": "relu"}``.
``build`` makes its weights, ``forward`` and ``backward`` run it with the pairs of
``course.ops``, ``train_step`` takes one SGD step on the softmax cross-entropy, ``evaluate``
averages loss and ``accuracy`` in batches, and ``fit`` runs epochs of shuffled minibatches
(``course.ops.minibatch.minibatch_indices``) and returns a History dict.
``steps_to_overfit`` tests a training step: can it make the model memorise a tiny batch?
"""

from typing import Callable

import numpy as np

from course.ops.minibatch import minibatch_indices
from course.ops.activations import ACTIVATIONS
from course.ops.dense import dense_backward, dense_forward
from course.ops.optimizers import sgd_update
from course.ops.softmax_cross_entropy import (softmax_cross_entropy_backward,
                                              softmax_cross_entropy_forward)


def accuracy(y_true: np.ndarray, logits: np.ndarray) -> float:
    """The fraction of rows of ``logits (N, K)`` whose largest entry is at ``y_true (N,)``."""
    return float(np.mean(np.argmax(logits, axis=1) == y_true))


def build(layers: list, input_dim: int, seed: int) -> list:
    """Create the weights of a stack of Dense layers for inputs of ``input_dim`` features.

    Args:
        layers: ``[(units, activation), ...]``, e.g. ``[(64, "relu"), (10, "linear")]``.
        input_dim: ``D``, the size of one input (the last axis of ``x``).
        seed: the kernels are drawn, layer after layer, from ``np.random.default_rng(seed)``.

    Returns:
        ``[{"kernel": (fan_in, units), "bias": (units,), "activation": str}, ...]``: float32
        kernels Glorot-uniform on ``[-l, l]``, ``l = sqrt(6 / (fan_in + units))``, drawn with
        ``rng.uniform(-l, l, size=(fan_in, units))``; zero biases. Each layer's ``fan_in``
        is the previous layer's ``units`` (``input_dim`` for the first).
    """
    rng = np.random.default_rng(seed)
    params, fan_in = [], input_dim
    for units, activation in layers:
        limit = np.sqrt(6.0 / (fan_in + units))
        kernel = rng.uniform(-limit, limit, size=(fan_in, units)).astype(np.float32)
        params.append({"kernel": kernel, "bias": np.zeros(units, np.float32),
                       "activation": activation})
        fan_in = units
    return params


def forward(params: list, x: np.ndarray) -> tuple:
    """Run ``x (N, D)`` through the layers; returns ``(out, caches)``.

    For each layer: ``z, dense_cache = dense_forward(x, kernel, bias)``, then
    ``x, act_cache = ACTIVATIONS[activation][0](z)``; ``caches[i] = (dense_cache, act_cache)``.
    ``out`` is the last layer's output, ``(N, units)``.
    """
    caches = []
    for layer in params:
        z, dense_cache = dense_forward(x, layer["kernel"], layer["bias"])
        x, act_cache = ACTIVATIONS[layer["activation"]][0](z)
        caches.append((dense_cache, act_cache))
    return x, caches


def backward(params: list, caches: list, dout: np.ndarray) -> list:
    """Gradients of every layer from ``dout``, the gradient of the loss w.r.t. ``out``.

    Walks the layers from the last to the first: ``dz = ACTIVATIONS[act][1](dout, act_cache)``,
    ``dout, dW, db = dense_backward(dz, dense_cache)``. Returns
    ``[{"kernel": dW, "bias": db}, ...]`` in the layers' order (first layer first).
    """
    grads = [None] * len(params)
    for i in reversed(range(len(params))):
        dense_cache, act_cache = caches[i]
        dz = ACTIVATIONS[params[i]["activation"]][1](dout, act_cache)
        dout, dW, db = dense_backward(dz, dense_cache)
        grads[i] = {"kernel": dW, "bias": db}
    return grads


def train_step(params: list, x: np.ndarray, y: np.ndarray, learning_rate: float) -> tuple:
    """One step of SGD on the batch ``(x, y)``; updates ``params`` in place.

    Forward to the logits, ``loss = softmax_cross_entropy_forward(y, logits)`` (the mean
    over the batch), backward from ``softmax_cross_entropy_backward(1.0, cache)``, and only
    then ``sgd_update`` of every kernel and bias.

    Returns ``(loss, logits)``: the loss as a float and the logits of the forward pass,
    both from before the update (as Keras reports them).
    """
    logits, caches = forward(params, x)
    loss, loss_cache = softmax_cross_entropy_forward(y, logits)
    grads = backward(params, caches, softmax_cross_entropy_backward(1.0, loss_cache))
    for layer, grad in zip(params, grads):
        sgd_update(layer["kernel"], grad["kernel"], learning_rate=learning_rate)
        sgd_update(layer["bias"], grad["bias"], learning_rate=learning_rate)
    return float(loss), logits


def evaluate(params: list, x: np.ndarray, y: np.ndarray, batch_size: int = 32) -> tuple:
    """``(loss, accuracy)`` over all of ``(x, y)``, computed ``batch_size`` rows at a time.

    Each batch's mean loss is weighted by the batch's size, so the result is the mean over
    the samples, whatever ``batch_size`` (the last batch may be smaller). In order, no shuffle.
    """
    n = len(x)
    total_loss, correct = 0.0, 0
    for start in range(0, n, batch_size):
        xb, yb = x[start:start + batch_size], y[start:start + batch_size]
        logits, _ = forward(params, xb)
        loss, _ = softmax_cross_entropy_forward(yb, logits)
        total_loss += float(loss) * len(xb)
        correct += int(np.sum(np.argmax(logits, axis=1) == yb))
    return total_loss / n, correct / n


def fit(params: list, x: np.ndarray, y: np.ndarray, epochs: int = 1, batch_size: int = 32,
        learning_rate: float = 0.1, seed: int = 0, validation_data: tuple | None = None) -> dict:
    """Train ``params`` in place with minibatch SGD; returns the History dict.

    One generator, ``rng = np.random.default_rng(seed)``, made once: every epoch draws its
    batches with ``minibatch_indices(len(x), batch_size, rng)`` and takes a ``train_step``
    on each. At the end of each epoch, ``history["loss"]`` gets the mean of the batch
    losses weighted by batch size, ``history["accuracy"]`` the fraction of the epoch's
    samples the logits of the steps got right; with ``validation_data=(x_val, y_val)``,
    ``history["val_loss"]`` and ``history["val_accuracy"]`` get ``evaluate(params, x_val,
    y_val, batch_size)``. Keys exist from the start, with one value per epoch.
    """
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    if validation_data is not None:
        history.update(val_loss=[], val_accuracy=[])
    n = len(x)
    for _ in range(epochs):
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


def steps_to_overfit(train_step: Callable, params: list, x: np.ndarray, y: np.ndarray,
                     learning_rate: float, max_steps: int = 500,
                     tolerance: float = 0.01) -> tuple:
    """How many calls of ``train_step`` drive the loss on a tiny batch below ``tolerance``.

    A correct training step makes a network memorise a handful of samples: the loss on
    them goes to about 0. One that cannot is wrong (or its learning rate is). Training
    runs on a copy of ``params``, which are left as they are, so that several training
    steps can be tried from the same start.

    Args:
        train_step: ``train_step(params, x, y, learning_rate) -> (loss, logits)``, updating
            ``params`` in place (the loss it returns is from before its update).
        params: the starting model, a list of ``{"kernel", "bias", "activation"}``.
        x: the tiny batch's inputs ``(n, d)``; y: its integer labels ``(n,)``.
        learning_rate, max_steps, tolerance: the step size, the budget of calls, and the
            loss below which the batch counts as memorised.

    Returns:
        ``(steps, loss)``: the number of calls after which the loss on ``(x, y)``
        (``evaluate``'s, after the update) is below ``tolerance``, and that loss; or
        ``(None, loss)`` with the loss after ``max_steps`` calls.
    """
    params = [dict(layer, kernel=layer["kernel"].copy(), bias=layer["bias"].copy())
              for layer in params]
    steps, loss = 0, evaluate(params, x, y)[0]
    while loss >= tolerance and steps < max_steps:
        train_step(params, x, y, learning_rate)
        steps += 1
        loss = evaluate(params, x, y)[0]
    return (steps if loss < tolerance else None), loss
