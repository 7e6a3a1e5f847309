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


def nadam_momentum_decay(iteration: int, beta_1: float = 0.9) -> float:
    """Nadam's momentum at step ``t``: ``u_t = beta_1 (1 - 0.5 * 0.96**t)``."""
    return beta_1 * (1 - 0.5 * 0.96 ** iteration)


@njit(cache=True, fastmath=_FAST)
def _nadam_kernel(p, g, m, v, lr, one_minus_beta_1, one_minus_beta_2, c_m, c_g, c_v, eps):
    for i in range(p.size):
        gi = g[i]
        m[i] += (gi - m[i]) * one_minus_beta_1
        v[i] += (gi * gi - v[i]) * one_minus_beta_2
        m_hat = c_m * m[i] + c_g * gi
        p[i] -= lr * m_hat / (math.sqrt(v[i] * c_v) + eps)


def nadam_update(param: np.ndarray, grad: np.ndarray, m: np.ndarray, v: np.ndarray,
                 iteration: int, u_product: float, learning_rate: float = 0.001,
                 beta_1: float = 0.9, beta_2: float = 0.999, epsilon: float = 1e-07) -> None:
    """Nadam (Adam with Nesterov momentum), Keras 3's form.

    ``m``, ``v`` as Adam; ``m_hat = u_{t+1} m / (1 - u_product u_{t+1}) + (1 - u_t) grad /
    (1 - u_product)``; ``param -= lr m_hat / (sqrt(v / (1 - beta_2**t)) + epsilon)``, with
    ``u_t = nadam_momentum_decay(t)`` and ``u_product = u_1 ... u_t`` (the caller keeps it,
    one for all parameters). ``t = iteration`` counts from 1.
    """
    p, g, m_, v_ = _flat(param, grad, m, v)
    u_t = nadam_momentum_decay(iteration, beta_1)
    u_next = nadam_momentum_decay(iteration + 1, beta_1)
    c_m = u_next / (1 - u_product * u_next)
    c_g = (1 - u_t) / (1 - u_product)
    t = p.dtype.type
    _nadam_kernel(p, g, m_, v_, t(learning_rate), t(1 - beta_1), t(1 - beta_2), t(c_m), t(c_g),
                  t(1 / (1 - beta_2 ** iteration)), t(epsilon))


@njit(cache=True)
def _adamax_kernel(p, g, m, u, alpha, one_minus_beta_1, beta_2, eps):
    for i in range(p.size):
        m[i] += (g[i] - m[i]) * one_minus_beta_1
        u[i] = max(beta_2 * u[i], abs(g[i]))
        p[i] -= alpha * m[i] / (u[i] + eps)


def adamax_update(param: np.ndarray, grad: np.ndarray, m: np.ndarray, u: np.ndarray,
                  iteration: int, learning_rate: float = 0.001, beta_1: float = 0.9,
                  beta_2: float = 0.999, epsilon: float = 1e-07) -> None:
    """Adamax (Adam with the infinity norm): ``m <- m + (1 - beta_1)(grad - m)``;
    ``u <- max(beta_2 u, |grad|)``; ``param -= lr m / ((1 - beta_1**t)(u + epsilon))``."""
    p, g, m_, u_ = _flat(param, grad, m, u)
    t = p.dtype.type
    _adamax_kernel(p, g, m_, u_, t(learning_rate / (1 - beta_1 ** iteration)), t(1 - beta_1),
                   t(beta_2), t(epsilon))


@njit(cache=True)
def _adadelta_kernel(p, g, acc_g, acc_d, lr, rho, one_minus_rho, eps):
    for i in range(p.size):
        acc_g[i] = rho * acc_g[i] + one_minus_rho * g[i] * g[i]
        delta = -math.sqrt(acc_d[i] + eps) * g[i] / math.sqrt(acc_g[i] + eps)
        acc_d[i] = rho * acc_d[i] + one_minus_rho * delta * delta
        p[i] += lr * delta


def adadelta_update(param: np.ndarray, grad: np.ndarray, accumulated_grad: np.ndarray,
                    accumulated_delta: np.ndarray, learning_rate: float = 0.001,
                    rho: float = 0.95, epsilon: float = 1e-07) -> None:
    """Adadelta: ``E[g2] <- rho E[g2] + (1 - rho) grad**2``;
    ``delta = -sqrt(E[d2] + eps) grad / sqrt(E[g2] + eps)``;
    ``E[d2] <- rho E[d2] + (1 - rho) delta**2``; ``param += lr delta``."""
    p, g, a, d = _flat(param, grad, accumulated_grad, accumulated_delta)
    t = p.dtype.type
    _adadelta_kernel(p, g, a, d, t(learning_rate), t(rho), t(1 - rho), t(epsilon))


@njit(cache=True)
def _lion_kernel(p, g, m, lr, beta_1, one_minus_beta_1, beta_2, one_minus_beta_2):
    for i in range(p.size):
        c = beta_1 * m[i] + one_minus_beta_1 * g[i]
        p[i] -= lr * np.sign(c)
        m[i] = beta_2 * m[i] + one_minus_beta_2 * g[i]


def lion_update(param: np.ndarray, grad: np.ndarray, m: np.ndarray,
                learning_rate: float = 0.001, beta_1: float = 0.9, beta_2: float = 0.99) -> None:
    """Lion: ``param -= lr sign(beta_1 m + (1 - beta_1) grad)``, then
    ``m <- beta_2 m + (1 - beta_2) grad``."""
    p, g, m_ = _flat(param, grad, m)
    t = p.dtype.type
    _lion_kernel(p, g, m_, t(learning_rate), t(beta_1), t(1 - beta_1), t(beta_2), t(1 - beta_2))


def weight_decay_update(param: np.ndarray, learning_rate: float, weight_decay: float) -> None:
    """Decoupled weight decay, before the optimizer's step: ``param -= param * wd * lr``."""
    param -= param * param.dtype.type(weight_decay * learning_rate)


def adamw_update(param: np.ndarray, grad: np.ndarray, m: np.ndarray, v: np.ndarray,
                 iteration: int, learning_rate: float = 0.001, weight_decay: float = 0.004,
                 beta_1: float = 0.9, beta_2: float = 0.999, epsilon: float = 1e-07) -> None:
    """AdamW as Keras 3 applies it: decoupled weight decay, then Adam's step.

    ``param -= param * weight_decay * lr`` first (:func:`weight_decay_update`), then
    :func:`adam_update` with ``grad`` as it is: the decay never enters ``m`` or ``v``.
    All arrays of one shape, updated in place; ``iteration`` is 1 on the first step.
    """
    if iteration < 1:       # before the decay, so that a refused step changes nothing
        raise ValueError(f"adamw_update needs iteration >= 1, got {iteration}")
    weight_decay_update(param, learning_rate, weight_decay)
    adam_update(param, grad, m, v, iteration, learning_rate, beta_1, beta_2, epsilon)


def moving_average_update(average: np.ndarray, param: np.ndarray, momentum: float) -> None:
    """``average <- momentum average + (1 - momentum) param`` (Keras's ``use_ema``)."""
    average *= average.dtype.type(momentum)
    average += param * param.dtype.type(1 - momentum)


@njit(cache=True)
def _amsgrad_kernel(p, g, m, v, v_hat, alpha, one_minus_beta_1, one_minus_beta_2, eps):
    for i in range(p.size):
        m[i] += (g[i] - m[i]) * one_minus_beta_1
        v[i] += (g[i] * g[i] - v[i]) * one_minus_beta_2
        v_hat[i] = max(v_hat[i], v[i])
        p[i] -= alpha * m[i] / (math.sqrt(v_hat[i]) + eps)


def amsgrad_update(param: np.ndarray, grad: np.ndarray, m: np.ndarray, v: np.ndarray,
                   v_hat: np.ndarray, iteration: int, learning_rate: float = 0.001,
                   beta_1: float = 0.9, beta_2: float = 0.999, epsilon: float = 1e-07) -> None:
    """Adam with ``amsgrad=True``: as :func:`adam_update`, but the step divides by the
    running maximum ``v_hat <- max(v_hat, v)`` of the second moment."""
    p, g, m_, v_, vh = _flat(param, grad, m, v, v_hat)
    t = p.dtype.type
    alpha = learning_rate * math.sqrt(1 - beta_2 ** iteration) / (1 - beta_1 ** iteration)
    _amsgrad_kernel(p, g, m_, v_, vh, t(alpha), t(1 - beta_1), t(1 - beta_2), t(epsilon))


@njit(cache=True)
def _rmsprop_general_kernel(p, g, v, avg, mom, lr, rho, one_minus_rho, momentum, eps, centered,
                            use_momentum):
    for i in range(p.size):
        v[i] = rho * v[i] + one_minus_rho * g[i] * g[i]
        denominator = v[i] + eps
        if centered:
            avg[i] = rho * avg[i] + one_minus_rho * g[i]
            denominator = v[i] - avg[i] * avg[i] + eps
        increment = lr * g[i] / math.sqrt(denominator)
        if use_momentum:
            mom[i] = momentum * mom[i] + increment
            p[i] -= mom[i]
        else:
            p[i] -= increment


def rmsprop_momentum_update(param: np.ndarray, grad: np.ndarray, velocity: np.ndarray,
                            average_grad: np.ndarray, momentum_buffer: np.ndarray,
                            learning_rate: float = 0.001, rho: float = 0.9,
                            momentum: float = 0.0, epsilon: float = 1e-07,
                            centered: bool = False) -> None:
    """RMSprop with Keras 3's ``momentum`` and ``centered`` options.

    ``velocity <- rho velocity + (1 - rho) grad**2``; centered, also
    ``average_grad <- rho average_grad + (1 - rho) grad`` and the denominator is
    ``sqrt(velocity - average_grad**2 + eps)`` (else ``sqrt(velocity + eps)``);
    ``increment = lr grad / denominator``; with momentum
    ``momentum_buffer <- momentum momentum_buffer + increment`` and
    ``param -= momentum_buffer``, else ``param -= increment``.
    """
    p, g, v, avg, mom = _flat(param, grad, velocity, average_grad, momentum_buffer)
    t = p.dtype.type
    _rmsprop_general_kernel(p, g, v, avg, mom, t(learning_rate), t(rho), t(1 - rho),
                            t(momentum), t(epsilon), bool(centered), momentum > 0)
