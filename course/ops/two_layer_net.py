"""A two-layer classifier, ``softmax(relu(x W1 + b1) W2 + b2)``, written with the
forward/backward pairs of ``course.ops``: its forward pass, its loss and gradients (with
Keras's L2 penalty on the kernels) and one step of gradient descent."""

import numpy as np

from course.ops.activations import relu_backward, relu_forward, softmax_forward
from course.ops.dense import dense_backward, dense_forward
from course.ops.softmax_cross_entropy import (softmax_cross_entropy_backward,
                                              softmax_cross_entropy_forward)


def two_layer_forward(x: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray,
                      b2: np.ndarray) -> tuple:
    """Class probabilities of a two-layer network: ``softmax(relu(x W1 + b1) W2 + b2)``.

    Shapes: ``x (N, D)``, ``W1 (D, H)``, ``b1 (H,)``, ``W2 (H, K)``, ``b2 (K,)``;
    returns ``probs (N, K)``, each row summing to 1.
    """
    z1, _ = dense_forward(x, W1, b1)
    h, _ = relu_forward(z1)
    scores, _ = dense_forward(h, W2, b2)
    probs, _ = softmax_forward(scores)
    return probs


def two_layer_loss_and_grads(x: np.ndarray, y: np.ndarray, params: dict, l2: float = 0.0) -> tuple:
    """Loss and gradients of a two-layer classifier ``softmax(relu(x W1 + b1) W2 + b2)``.

    Args:
        x: inputs ``(N, D)``.
        y: integer labels ``(N,)``.
        params: ``{"W1": (D, H), "b1": (H,), "W2": (H, K), "b2": (K,)}``.
        l2: L2 factor as in Keras: the loss gains ``l2 * (sum(W1**2) + sum(W2**2))``
            (kernels only, no biases), whose gradient is ``2 * l2 * W``.

    Returns:
        loss: a float, the mean softmax cross-entropy plus the L2 penalty.
        grads: a dict with the same keys and shapes as ``params``.
    """
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    z1, cache1 = dense_forward(x, W1, b1)
    h, cache_relu = relu_forward(z1)
    scores, cache2 = dense_forward(h, W2, b2)
    loss, cache_loss = softmax_cross_entropy_forward(y, scores)
    loss = float(loss) + l2 * float(np.sum(W1 * W1) + np.sum(W2 * W2))

    dscores = softmax_cross_entropy_backward(1.0, cache_loss)
    dh, dW2, db2 = dense_backward(dscores, cache2)
    dz1 = relu_backward(dh, cache_relu)
    _, dW1, db1 = dense_backward(dz1, cache1, need_dx=False)
    return loss, {"W1": dW1 + 2 * l2 * W1, "b1": db1, "W2": dW2 + 2 * l2 * W2, "b2": db2}


def train_step(x: np.ndarray, y: np.ndarray, params: dict, learning_rate: float) -> tuple:
    """One step of gradient descent on the two-layer classifier.

    Computes the loss and gradients at ``params`` (with ``two_layer_loss_and_grads``, no L2)
    and returns ``(loss, new_params)`` where ``new_params[k] = params[k] - learning_rate *
    grads[k]``. ``loss`` is the loss *before* the update; ``params`` is left unchanged.
    """
    loss, grads = two_layer_loss_and_grads(x, y, params)
    return loss, {k: params[k] - learning_rate * grads[k] for k in params}
