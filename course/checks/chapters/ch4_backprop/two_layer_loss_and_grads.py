"""ch4.two_layer_loss_and_grads: forward with caches, then backward in reverse, with an L2
penalty."""

import numpy as np

from course.checks.chapters.ch4_backprop.shared import network_args
from course.checks.spec import Case, Exercise, Mistake
from course.ops.two_layer_net import two_layer_loss_and_grads


def _loss_and_grads_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 2):
        n, d, h, k = (int(v) for v in rng.integers(2, 30 if hidden else 8, size=4))
        args = network_args(rng, n, d, h, k, scale=2)
        args["l2"] = 0.0
        cases.append(Case("random networks", args))
    for _ in range(4 if hidden else 2):
        n, d, h, k = (int(v) for v in rng.integers(2, 30 if hidden else 8, size=4))
        args = network_args(rng, n, d, h, k, scale=2)
        args["l2"] = float(rng.choice([1e-3, 1e-2, 0.1]))
        cases.append(Case("with an L2 penalty", args))
    args = network_args(rng, 1, 3, 5, 4)
    args["l2"] = 0.01
    cases.append(Case("batch of 1", args))
    args = network_args(rng, 3, 2, 4, 3)
    args["x"] = np.zeros((3, 2))
    args["l2"] = 0.0
    cases.append(Case("zero inputs", args))
    args = network_args(rng, 4, 3, 6, 3, scale=1e3)
    args["l2"] = 0.0
    cases.append(Case("large inputs (confident, saturated softmax)", args))
    if hidden:
        args = network_args(rng, 200, 2, 64, 3, scale=2)
        args["l2"] = 1e-3
        cases.append(Case("random networks", args))
    return cases


def _call_loss_and_grads(obj, args):
    return obj(args["x"], args["y"], args["params"], l2=args["l2"])


def two_layer_loss_and_grads__skipped_the_relu_s_backward(x, y, params, l2=0.0):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[0]
    h = np.maximum(x @ W1 + b1, 0)
    scores = h @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), y].mean() + l2 * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dh = dscores @ W2.T
    dz1 = dh  # the ReLU's mask is missing here
    return loss, {"W1": x.T @ dz1 + 2 * l2 * W1, "b1": dz1.sum(axis=0),
                  "W2": h.T @ dscores + 2 * l2 * W2, "b2": dscores.sum(axis=0)}


def two_layer_loss_and_grads__no_l2_term_in_the_gradients(x, y, params, l2=0.0):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[0]
    h = np.maximum(x @ W1 + b1, 0)
    scores = h @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), y].mean() + l2 * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dz1 = (dscores @ W2.T) * (h > 0)
    return loss, {"W1": x.T @ dz1, "b1": dz1.sum(axis=0),
                  "W2": h.T @ dscores, "b2": dscores.sum(axis=0)}


def two_layer_loss_and_grads__l2_gradient_without_the_factor_2(x, y, params, l2=0.0):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[0]
    h = np.maximum(x @ W1 + b1, 0)
    scores = h @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), y].mean() + l2 * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dz1 = (dscores @ W2.T) * (h > 0)
    return loss, {"W1": x.T @ dz1 + l2 * W1, "b1": dz1.sum(axis=0),
                  "W2": h.T @ dscores + l2 * W2, "b2": dscores.sum(axis=0)}


def two_layer_loss_and_grads__penalised_the_biases(x, y, params, l2=0.0):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[0]
    h = np.maximum(x @ W1 + b1, 0)
    scores = h @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    penalty = sum(np.sum(p ** 2) for p in (W1, b1, W2, b2))
    loss = -log_p[np.arange(n), y].mean() + l2 * penalty
    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dz1 = (dscores @ W2.T) * (h > 0)
    return loss, {"W1": x.T @ dz1 + 2 * l2 * W1, "b1": dz1.sum(axis=0) + 2 * l2 * b1,
                  "W2": h.T @ dscores + 2 * l2 * W2, "b2": dscores.sum(axis=0) + 2 * l2 * b2}


def two_layer_loss_and_grads__loss_without_the_penalty(x, y, params, l2=0.0):
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
    return loss, {"W1": x.T @ dz1 + 2 * l2 * W1, "b1": dz1.sum(axis=0),
                  "W2": h.T @ dscores + 2 * l2 * W2, "b2": dscores.sum(axis=0)}


TWO_LAYER_LOSS_AND_GRADS = Exercise(
    id="ch4.two_layer_loss_and_grads", name="two_layer_loss_and_grads",
    reference=two_layer_loss_and_grads, make_cases=_loss_and_grads_cases,
    call=_call_loss_and_grads, output_names=("loss", "grads"), rtol=1e-6, atol=1e-9, points=3,
    mistakes=[
        Mistake("skipped the ReLU's backward",
                "Between the two dense backwards the gradient passes back through the ReLU: "
                "dz1 = ops.relu_backward(dh, relu_cache), which zeroes it where z1 <= 0.",
                two_layer_loss_and_grads__skipped_the_relu_s_backward),
        Mistake("no L2 term in the gradients",
                "The penalty l2 * sum(W**2) is part of the loss, so its gradient 2 * l2 * W "
                "must be added to dW1 and dW2.",
                two_layer_loss_and_grads__no_l2_term_in_the_gradients),
        Mistake("L2 gradient without the factor 2",
                "Keras's L2 penalty is l2 * sum(W**2) (no 1/2), so its gradient is 2 * l2 * W.",
                two_layer_loss_and_grads__l2_gradient_without_the_factor_2),
        Mistake("penalised the biases",
                "The L2 penalty applies to the kernels W1 and W2 only, not to the biases.",
                two_layer_loss_and_grads__penalised_the_biases),
        Mistake("loss without the penalty",
                "The gradients include the L2 term but the loss does not: add "
                "l2 * (sum(W1**2) + sum(W2**2)) to the cross-entropy.",
                two_layer_loss_and_grads__loss_without_the_penalty),
    ],
    summary="forward with caches, then backward in reverse, with an L2 penalty")
