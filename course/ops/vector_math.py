"""``tanh`` and the logistic sigmoid in numba kernels, written so that float32 loops vectorize.

numba calls the C library for ``np.tanh`` and ``np.exp`` one number at a time (without
Intel's SVML, which is not installed here), and a recurrent step spends most of its time
there. In float32 these functions use a rational approximation instead (Eigen's
``generic_fast_tanh_float``: error within a few units in the last place of float32), made
of multiplications and one division that the compiler turns into SIMD instructions;
``sigmoid(x) = (1 + tanh(x / 2)) / 2`` (absolute error below 2e-7). In float64 (where
the gradient checks run) they are the exact library functions.
"""

import numpy as np
from numba import njit, types
from numba.extending import overload

F = np.float32
_CLAMP = F(7.90531110763549805)
_ALPHA = tuple(F(a) for a in (4.89352455891786e-03, 6.37261928875436e-04,
                              1.48572235717979e-05, 5.12229709037114e-08,
                              -8.60467152213735e-11, 2.00018790482477e-13,
                              -2.76076847742355e-16))
_BETA = tuple(F(b) for b in (4.89352518554385e-03, 2.26843463243900e-03,
                             1.18534705686654e-04, 1.19825839466702e-06))
A1, A3, A5, A7, A9, A11, A13 = _ALPHA
B0, B2, B4, B6 = _BETA
HALF = F(0.5)


def tanh(x: float) -> float:
    """``tanh(x)`` of one number, inside numba kernels."""
    return np.tanh(x)


def sigmoid(x: float) -> float:
    """``1 / (1 + exp(-x))`` of one number, inside numba kernels."""
    return 1.0 / (1.0 + np.exp(-x))


@njit(inline="always", fastmath=True, error_model="numpy")
def _tanh_float32(x):
    x = min(max(x, -_CLAMP), _CLAMP)
    x2 = x * x
    p = x2 * A13 + A11
    p = p * x2 + A9
    p = p * x2 + A7
    p = p * x2 + A5
    p = p * x2 + A3
    p = p * x2 + A1
    q = x2 * B6 + B4
    q = q * x2 + B2
    q = q * x2 + B0
    return x * p / q


@overload(tanh, inline="always", jit_options={"fastmath": True, "error_model": "numpy"})
def _tanh_overload(x):
    if x == types.float32:
        return lambda x: _tanh_float32(x)
    return lambda x: np.tanh(x)


@overload(sigmoid, inline="always", jit_options={"fastmath": True, "error_model": "numpy"})
def _sigmoid_overload(x):
    if x == types.float32:
        return lambda x: HALF + HALF * _tanh_float32(HALF * x)
    return lambda x: 1.0 / (1.0 + np.exp(-x))
