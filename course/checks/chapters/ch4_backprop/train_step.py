"""ch4.train_step: loss, gradients, then params - learning_rate * grads."""

import numpy as np

from course.checks.chapters.ch4_backprop.shared import network_args
from course.checks.spec import Case, Exercise, Mistake
from course.ops.two_layer_net import train_step


def _train_step_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 2):
        n, d, h, k = (int(v) for v in rng.integers(2, 30 if hidden else 8, size=4))
        args = network_args(rng, n, d, h, k, scale=2)
        args["learning_rate"] = float(rng.choice([0.01, 0.1, 0.5]))
        cases.append(Case("random networks", args))
    args = network_args(rng, 1, 3, 4, 3)
    args["learning_rate"] = 0.1
    cases.append(Case("batch of 1", args))
    args = network_args(rng, 4, 3, 5, 3)
    args["learning_rate"] = 0.0
    cases.append(Case("learning rate 0 (nothing moves)", args))
    args = network_args(rng, 6, 2, 8, 3)
    args["learning_rate"] = 5.0
    cases.append(Case("a large learning rate", args))
    if hidden:
        args = network_args(rng, 200, 2, 64, 3, scale=2)
        args["learning_rate"] = 0.5
        cases.append(Case("random networks", args))
    return cases


def _call_train_step(obj, args):
    return obj(args["x"], args["y"], args["params"], args["learning_rate"])


def train_step__gradient_ascent(x, y, params, learning_rate):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[0]
    h = np.maximum(x @ W1 + b1, 0)
    scores = h @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), y].mean()
    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dz1 = (dscores @ W2.T) * (h > 0)
    grads = {"W1": x.T @ dz1, "b1": dz1.sum(axis=0), "W2": h.T @ dscores,
             "b2": dscores.sum(axis=0)}
    return loss, {k: params[k] + learning_rate * grads[k] for k in params}


def train_step__biases_not_updated(x, y, params, learning_rate):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[0]
    h = np.maximum(x @ W1 + b1, 0)
    scores = h @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), y].mean()
    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dz1 = (dscores @ W2.T) * (h > 0)
    return loss, {"W1": W1 - learning_rate * (x.T @ dz1), "b1": b1.copy(),
                  "W2": W2 - learning_rate * (h.T @ dscores), "b2": b2.copy()}


def train_step__loss_after_the_update(x, y, params, learning_rate):
    def loss_and_grads(p):
        n = x.shape[0]
        h = np.maximum(x @ p["W1"] + p["b1"], 0)
        scores = h @ p["W2"] + p["b2"]
        z = scores - scores.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        dscores = np.exp(log_p)
        dscores[np.arange(n), y] -= 1
        dscores /= n
        dz1 = (dscores @ p["W2"].T) * (h > 0)
        return -log_p[np.arange(n), y].mean(), {"W1": x.T @ dz1, "b1": dz1.sum(axis=0),
                                                 "W2": h.T @ dscores, "b2": dscores.sum(axis=0)}
    _, grads = loss_and_grads(params)
    new_params = {k: params[k] - learning_rate * grads[k] for k in params}
    loss_after, _ = loss_and_grads(new_params)
    return loss_after, new_params


def train_step__averaged_over_the_batch_twice(x, y, params, learning_rate):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[0]
    h = np.maximum(x @ W1 + b1, 0)
    scores = h @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), y].mean()
    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dz1 = (dscores @ W2.T) * (h > 0)
    grads = {"W1": x.T @ dz1, "b1": dz1.sum(axis=0), "W2": h.T @ dscores,
             "b2": dscores.sum(axis=0)}
    return loss, {k: params[k] - learning_rate * grads[k] / n for k in params}


TRAIN_STEP = Exercise(
    id="ch4.train_step", name="train_step", reference=train_step,
    make_cases=_train_step_cases, call=_call_train_step, output_names=("loss", "new_params"),
    rtol=1e-6, atol=1e-9, points=2,
    mistakes=[
        Mistake("gradient ascent",
                "You added the gradient. It points uphill; step against it: "
                "params[k] - learning_rate * grads[k].",
                train_step__gradient_ascent),
        Mistake("biases not updated",
                "Every parameter learns, the biases too: update all four entries of params.",
                train_step__biases_not_updated),
        Mistake("loss after the update",
                "Return the loss computed with the gradients, at the parameters you started "
                "from (it comes for free from the same forward pass).",
                train_step__loss_after_the_update),
        Mistake("averaged over the batch twice",
                "The gradients from the loss already carry the 1/N of the mean: do not divide "
                "by the batch size again.",
                train_step__averaged_over_the_batch_twice),
    ],
    summary="loss, gradients, then params - learning_rate * grads")
