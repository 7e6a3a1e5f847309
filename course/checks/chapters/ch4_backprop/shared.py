"""What several exercises of ch4_backprop use: case helpers, call adapters."""

import numpy as np

from course import ops
from course.checks.cases import randn
from course.checks.spec import Case


def activation_backward_cases(rng, hidden, zeros_in_x=True):
    def case(group, x):
        return Case(group, {"x": x, "dout": randn(rng, *x.shape, dtype=x.dtype)})
    cases = []
    for _ in range(6 if hidden else 2):
        shape = tuple(int(v) for v in rng.integers(1, 30 if hidden else 7, size=2))
        cases.append(case("random values", randn(rng, *shape, scale=3)))
    if zeros_in_x:
        x = np.round(randn(rng, 4, 5))
        x[0, :2] = 0.0
        cases.append(case("exact zeros in x (the gradient there is 0)", x))
    cases.append(case("saturated or huge inputs", np.array([[-50.0, -10.0, 0.5, 10.0, 50.0],
                                                            [1e4, -1e4, 2.0, -2.0, 0.1]])))
    cases.append(case("float32", randn(rng, 3, 4, scale=2, dtype=np.float32)))
    cases.append(case("batch of 1", randn(rng, 1, 6)))
    cases.append(case("any shape (1-D and 3-D)", randn(rng, 7)))
    cases.append(case("any shape (1-D and 3-D)", randn(rng, 2, 3, 4)))
    if hidden:
        cases.append(case("random values", randn(rng, 128, 300)))
    return cases


def call_activation_backward(forward):
    def call(obj, args):
        _, cache = forward(args["x"])
        return obj(args["dout"], cache)
    return call


def two_layer_loss_and_grads(x, y, params, l2=0.0):
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
    z1, cache1 = ops.dense_forward(x, W1, b1)
    h, cache_relu = ops.relu_forward(z1)
    scores, cache2 = ops.dense_forward(h, W2, b2)
    loss, cache_loss = ops.softmax_cross_entropy_forward(y, scores)
    loss = float(loss) + l2 * float(np.sum(W1 * W1) + np.sum(W2 * W2))

    dscores = ops.softmax_cross_entropy_backward(1.0, cache_loss)
    dh, dW2, db2 = ops.dense_backward(dscores, cache2)
    dz1 = ops.relu_backward(dh, cache_relu)
    _, dW1, db1 = ops.dense_backward(dz1, cache1, need_dx=False)
    return loss, {"W1": dW1 + 2 * l2 * W1, "b1": db1, "W2": dW2 + 2 * l2 * W2, "b2": db2}


def network_args(rng, n, d, h, k, scale=1.0):
    params = {"W1": randn(rng, d, h, scale=1 / np.sqrt(d)), "b1": randn(rng, h, scale=0.5),
              "W2": randn(rng, h, k, scale=1 / np.sqrt(h)), "b2": randn(rng, k, scale=0.5)}
    return {"x": randn(rng, n, d, scale=scale), "y": rng.integers(0, k, size=n),
            "params": params}
