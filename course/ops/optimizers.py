"""Optimizer updates as functions of ``(param, grad, state)``, with Keras 3's semantics.

Every update works **in place** on ``param`` and on its state arrays (all of the same
shape and dtype, C-contiguous), because the training step is the hot path; each is one
fused numba loop over the elements. ``iteration`` counts from 1 for the first update.

Subnormal numbers: Adam's and RMSprop's running averages decay geometrically where a
gradient stays zero (the always-black border pixels of MNIST, for instance). In float32
they reach subnormal values after a few thousand steps, and every arithmetic operation
on a subnormal is 10-100 times slower on x86 CPUs. The kernels flush state values below
the smallest normal number to zero, which changes no result that matters (such a value
contributes less than ``1e-38`` to an update) and keeps every step at full speed.

Scalars such as ``1 - beta_2`` are computed in float64 and rounded once to the parameters'
dtype, so that float32 updates match the formulas to float32 precision. The flush is
written as a select, not a branch, so that the loops vectorise (2x faster on Adam).
"""

import math

import numpy as np
from numba import njit

_TINY32 = np.finfo(np.float32).tiny
_FAST = {"nsz", "contract"}
"""Fast-math flags that let LLVM vectorise the loops (signed zeros, fused multiply-add)
while keeping exact division and square roots and the handling of NaN and infinity."""


def _flat(*arrays):
    """1-D views of C-contiguous arrays (a copy would silently lose the in-place update)."""
    for a in arrays:
        if not a.flags.c_contiguous:
            raise ValueError("optimizer updates need C-contiguous parameter and state arrays")
    return [a.reshape(-1) for a in arrays]


@njit(cache=True)
def _sgd_kernel(p, g, lr):
    for i in range(p.size):
        p[i] -= lr * g[i]


@njit(cache=True)
def _sgd_momentum_kernel(p, g, m, lr, momentum, nesterov):
    for i in range(p.size):
        m[i] = momentum * m[i] - lr * g[i]
        if nesterov:
            p[i] += momentum * m[i] - lr * g[i]
        else:
            p[i] += m[i]


def sgd_update(param: np.ndarray, grad: np.ndarray, velocity: np.ndarray | None = None,
               learning_rate: float = 0.01, momentum: float = 0.0, nesterov: bool = False) -> None:
    """Stochastic gradient descent, with optional (Nesterov) momentum.

    ``velocity <- momentum * velocity - lr * grad``; then ``param += velocity`` or, with
    Nesterov, ``param += momentum * velocity - lr * grad``. Without momentum,
    ``param -= lr * grad`` and ``velocity`` may be None.

    Shapes: ``param``, ``grad``, ``velocity`` all alike, any shape.
    """
    if momentum == 0.0:
        p, g = _flat(param, grad)
        _sgd_kernel(p, g, p.dtype.type(learning_rate))
        return
    p, g, m = _flat(param, grad, velocity)
    t = p.dtype.type
    _sgd_momentum_kernel(p, g, m, t(learning_rate), t(momentum), bool(nesterov))


@njit(cache=True, fastmath=_FAST)
def _rmsprop_kernel(p, g, v, lr, rho, one_minus_rho, eps, tiny):
    zero = np.float32(0)  # an int 0 would widen a float32 loop to float64
    for i in range(p.size):
        vi = rho * v[i] + one_minus_rho * g[i] * g[i]
        vi = vi if vi >= tiny else zero
        v[i] = vi
        p[i] -= lr * g[i] / math.sqrt(vi + eps)


def rmsprop_update(param: np.ndarray, grad: np.ndarray, velocity: np.ndarray,
                   learning_rate: float = 0.001, rho: float = 0.9, epsilon: float = 1e-07) -> None:
    """RMSprop: divide the gradient by a running root-mean-square of its recent values.

    ``velocity <- rho * velocity + (1 - rho) * grad**2``;
    ``param -= lr * grad / sqrt(velocity + epsilon)`` (Keras 3 adds epsilon under the root).
    """
    p, g, v = _flat(param, grad, velocity)
    t = p.dtype.type
    _rmsprop_kernel(p, g, v, t(learning_rate), t(rho), t(1 - rho), t(epsilon), t(_TINY32))


@njit(cache=True)
def _adagrad_kernel(p, g, acc, lr, eps):
    for i in range(p.size):
        acc[i] += g[i] * g[i]
        p[i] -= lr * g[i] / math.sqrt(acc[i] + eps)


def adagrad_update(param: np.ndarray, grad: np.ndarray, accumulator: np.ndarray,
                   learning_rate: float = 0.001, epsilon: float = 1e-07) -> None:
    """Adagrad: ``accumulator += grad**2``; ``param -= lr * grad / sqrt(accumulator + eps)``.

    Keras starts ``accumulator`` at ``initial_accumulator_value = 0.1``.
    """
    p, g, acc = _flat(param, grad, accumulator)
    t = p.dtype.type
    _adagrad_kernel(p, g, acc, t(learning_rate), t(epsilon))


@njit(cache=True, fastmath=_FAST)
def _adam_kernel(p, g, m, v, alpha, one_minus_beta_1, one_minus_beta_2, eps, tiny):
    zero = np.float32(0)
    for i in range(p.size):
        gi = g[i]
        mi = m[i] + (gi - m[i]) * one_minus_beta_1
        vi = v[i] + (gi * gi - v[i]) * one_minus_beta_2
        mi = mi if abs(mi) >= tiny else zero
        vi = vi if vi >= tiny else zero
        m[i] = mi
        v[i] = vi
        p[i] -= alpha * mi / (math.sqrt(vi) + eps)


def adam_update(param: np.ndarray, grad: np.ndarray, m: np.ndarray, v: np.ndarray, iteration: int,
                learning_rate: float = 0.001, beta_1: float = 0.9, beta_2: float = 0.999,
                epsilon: float = 1e-07) -> None:
    """Adam, in Keras's form (epsilon outside the root, bias correction folded into the step).

    ``m <- m + (1 - beta_1) (grad - m)``; ``v <- v + (1 - beta_2) (grad**2 - v)``;
    ``alpha = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)``;
    ``param -= alpha * m / (sqrt(v) + epsilon)``, with ``t = iteration`` (1 on the first step).
    """
    if iteration < 1:
        raise ValueError(f"adam_update needs iteration >= 1, got {iteration}")
    p, g, m_, v_ = _flat(param, grad, m, v)
    t = p.dtype.type
    alpha = learning_rate * math.sqrt(1 - beta_2 ** iteration) / (1 - beta_1 ** iteration)
    _adam_kernel(p, g, m_, v_, t(alpha), t(1 - beta_1), t(1 - beta_2), t(epsilon), t(_TINY32))
