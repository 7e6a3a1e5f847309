"""Merging several inputs (Keras's merge layers), forward and backward.

The elementwise merges (add, subtract, multiply, average, maximum, minimum) take arrays of
one rank whose axes agree or are 1 (broadcast, as numpy does); each gradient is summed back
over the axes its input was broadcast along. ``concatenate`` joins along an axis and
``batch_dot`` contracts one axis of each input, sample by sample.
"""

import string

import numpy as np

from course.ops.arithmetic import unbroadcast


def concatenate_forward(xs: list, axis: int = -1) -> tuple:
    """Join arrays ``xs`` (same shape but along ``axis``) -> ``(out, cache)``."""
    xs = [np.asarray(x) for x in xs]
    return np.concatenate(xs, axis=axis), ([x.shape[axis] for x in xs], axis)


def concatenate_backward(dout: np.ndarray, cache: tuple) -> list:
    """Split ``dout`` back into one gradient per input."""
    sizes, axis = cache
    return np.split(dout, np.cumsum(sizes)[:-1], axis=axis)


def add_forward(xs: list) -> tuple:
    """Elementwise sum ``x0 + x1 + ...`` -> ``(out, cache)``."""
    out = xs[0]
    for x in xs[1:]:
        out = out + x
    return np.array(out, copy=True), [np.shape(x) for x in xs]


def add_backward(dout: np.ndarray, cache: list) -> list:
    """Every input receives ``dout`` (summed over its broadcast axes)."""
    return [unbroadcast(dout, shape) for shape in cache]


def subtract_forward(xs: list) -> tuple:
    """``x0 - x1`` for exactly two arrays -> ``(out, cache)``."""
    x0, x1 = xs
    return x0 - x1, (np.shape(x0), np.shape(x1))


def subtract_backward(dout: np.ndarray, cache: tuple) -> list:
    """``[dout, -dout]``, each summed over its broadcast axes."""
    shape0, shape1 = cache
    return [unbroadcast(dout, shape0), unbroadcast(-dout, shape1)]


def multiply_forward(xs: list) -> tuple:
    """Elementwise product ``x0 * x1 * ...`` -> ``(out, cache)``."""
    out = xs[0]
    for x in xs[1:]:
        out = out * x
    return np.array(out, copy=True), list(xs)


def multiply_backward(dout: np.ndarray, cache: list) -> list:
    """``d/dx_i = dout * prod_{j != i} x_j`` (no division, so zeros are fine)."""
    grads = []
    for i, x in enumerate(cache):
        g = dout
        for j, other in enumerate(cache):
            if j != i:
                g = g * other
        grads.append(unbroadcast(g, np.shape(x)))
    return grads


def average_forward(xs: list) -> tuple:
    """Elementwise mean ``(x0 + ... + x_{k-1}) / k`` -> ``(out, cache)``."""
    total, shapes = add_forward(xs)
    return total / len(xs), shapes


def average_backward(dout: np.ndarray, cache: list) -> list:
    """Every input receives ``dout / k``."""
    return add_backward(dout / len(cache), cache)


def _extremum_forward(xs, pick):
    out = xs[0]
    for x in xs[1:]:
        out = pick(out, x)
    out = np.array(out, copy=True)
    return out, (list(xs), out)


def _extremum_backward(dout, cache):
    """The gradient goes to the first input that holds the extreme value (ties: the first)."""
    xs, out = cache
    taken = np.zeros(out.shape, dtype=bool)
    grads = []
    for x in xs:
        mine = (np.broadcast_to(x, out.shape) == out) & ~taken
        taken |= mine
        grads.append(unbroadcast(np.where(mine, dout, 0).astype(dout.dtype), np.shape(x)))
    return grads


def maximum_forward(xs: list) -> tuple:
    """Elementwise maximum of the arrays -> ``(out, cache)``."""
    return _extremum_forward(xs, np.maximum)


def maximum_backward(dout: np.ndarray, cache: tuple) -> list:
    """``dout`` to the input that was the maximum (the first one on a tie)."""
    return _extremum_backward(dout, cache)


def minimum_forward(xs: list) -> tuple:
    """Elementwise minimum of the arrays -> ``(out, cache)``."""
    return _extremum_forward(xs, np.minimum)


def minimum_backward(dout: np.ndarray, cache: tuple) -> list:
    """``dout`` to the input that was the minimum (the first one on a tie)."""
    return _extremum_backward(dout, cache)


def l2_normalize_forward(x: np.ndarray, axis: int = -1, epsilon: float = 1e-12) -> tuple:
    """``x / sqrt(max(sum(x**2, axis), epsilon))`` -> ``(out, cache)``, as Keras's l2_normalize."""
    square_sum = np.sum(x * x, axis=axis, keepdims=True)
    clipped = square_sum < epsilon
    norm = np.sqrt(np.maximum(square_sum, epsilon))
    out = x / norm
    return out, (out, norm, clipped, axis)


def l2_normalize_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``(dout - y * sum(dout * y)) / norm``; where the norm was clipped, ``dout / norm``."""
    y, norm, clipped, axis = cache
    along = np.sum(dout * y, axis=axis, keepdims=True)
    return (dout - np.where(clipped, 0, y * along)) / norm


def _dot_subscripts(rank_x, rank_y, axis_x, axis_y):
    """einsum subscripts of a batch dot: sample axis ``a``, contracted axis ``z``."""
    letters = iter(string.ascii_lowercase[1:25])
    x = ["a"] + [next(letters) for _ in range(rank_x - 1)]
    y = ["a"] + [next(letters) for _ in range(rank_y - 1)]
    x[axis_x] = y[axis_y] = "z"
    out = ["a"] + [c for c in x[1:] if c != "z"] + [c for c in y[1:] if c != "z"]
    return "".join(x), "".join(y), "".join(out)


def batch_dot_forward(x: np.ndarray, y: np.ndarray, axes: tuple) -> tuple:
    """Per sample, contract axis ``axes[0]`` of ``x`` with axis ``axes[1]`` of ``y``.

    ``x`` (N, ...), ``y`` (N, ...), axes counted with the batch axis (>= 1). The output is
    ``(N, *rest of x, *rest of y)``, and ``(N, 1)`` when nothing is left (two vectors), as
    Keras's ``batch_dot``. Returns ``(out, cache)``.
    """
    sx, sy, so = _dot_subscripts(x.ndim, y.ndim, axes[0], axes[1])
    out = np.einsum(f"{sx},{sy}->{so}", x, y)
    if out.ndim == 1:
        out = out.reshape(-1, 1)
    return out, (x, y, (sx, sy, so))


def batch_dot_backward(dout: np.ndarray, cache: tuple) -> list:
    """``[dx, dy]`` of :func:`batch_dot_forward`."""
    x, y, (sx, sy, so) = cache
    if len(so) == 1:
        dout = dout.reshape(-1)
    dx = np.einsum(f"{so},{sy}->{sx}", dout, y)
    dy = np.einsum(f"{so},{sx}->{sy}", dout, x)
    return [dx, dy]
