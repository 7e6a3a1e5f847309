"""Sliding windows along the spatial axes, as convolution and pooling see them: the
arguments (an int or a pair; the padding mode) and the geometry of one axis.

Geometry follows TensorFlow/Keras exactly. Along one spatial axis of size ``n``, a window
of ``k`` taps with dilation ``d`` spans ``k_eff = (k - 1) * d + 1`` cells and moves by the
stride ``s``:

- ``"valid"``: no padding, ``out = (n - k_eff) // s + 1`` (an error when ``k_eff > n``);
- ``"same"``: ``out = ceil(n / s)``, total padding
  ``max((out - 1) * s + k_eff - n, 0)``, of which ``total // 2`` goes before (top/left)
  and the rest, one more when it is odd, after (bottom/right).
"""

import numpy as np


def int_pair(value: int | tuple, name: str, fn: str) -> tuple:
    """``2`` or ``(2, 3)`` -> ``(2, 3)`` of positive ints, or a ValueError naming ``fn``."""
    if isinstance(value, (int, np.integer)):
        pair = (int(value), int(value))
    else:
        try:
            pair = tuple(int(v) for v in value)
        except TypeError:
            raise ValueError(f"{fn}: {name} must be an int or a pair of ints, got {value!r}")
        if len(pair) != 2:
            raise ValueError(f"{fn}: {name} must be an int or a pair of ints, got {value!r}")
    if pair[0] < 1 or pair[1] < 1:
        raise ValueError(f"{fn}: {name} must be positive, got {value!r}")
    return pair


def padding_mode(padding: str, fn: str) -> str:
    """``"valid"`` or ``"same"`` (any case) -> lower case, or a ValueError naming ``fn``."""
    mode = str(padding).lower()
    if mode not in ("valid", "same"):
        raise ValueError(f"{fn}: padding must be 'valid' or 'same', got {padding!r}")
    return mode


def window_geometry(size: int, k: int, stride: int, dilation: int, padding: str) -> tuple:
    """One spatial axis: ``(out_size, pad_before, pad_after)`` as TensorFlow computes them.

    Raises ValueError (caught and reworded by the callers) when a "valid" window does not fit.
    """
    k_eff = (k - 1) * dilation + 1
    if padding == "valid":
        if k_eff > size:
            raise ValueError
        return (size - k_eff) // stride + 1, 0, 0
    out = -(-size // stride)
    total = max((out - 1) * stride + k_eff - size, 0)
    return out, total // 2, total - total // 2


def single_int(value: int | tuple, name: str, fn: str) -> int:
    """``3``, ``(3,)`` or ``[3]`` -> ``3`` (positive): a 1-D window argument, or a ValueError
    naming ``fn``."""
    v = value[0] if isinstance(value, (tuple, list)) and len(value) == 1 else value
    if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 1:
        raise ValueError(f"{fn}: {name} must be a positive int or a 1-tuple of one, got {value!r}")
    return int(v)


def receptive_field(kernel_sizes: list, strides: list) -> int:
    """The side of the input patch one output cell of a stack of windowed layers sees.

    Layer ``l`` (counted from the input) has a window of ``k_l`` cells moved by ``s_l``.
    One step along layer ``l``'s output is ``jump_l = s_1 * ... * s_l`` input cells, and
    each layer widens the field by ``(k_l - 1)`` steps of the layer below it::

        r = 1 + sum_l (k_l - 1) * jump_{l-1},      jump_0 = 1

    Args:
        kernel_sizes: ``[k_1, ..., k_L]``, positive ints (a pooling layer is a window too).
        strides: ``[s_1, ..., s_L]``, positive ints, as many as ``kernel_sizes``.

    Returns:
        r: an int, e.g. 5 for two 3x3 convolutions, 4 for a 3x3 convolution then a 2x2 max-pool.
    """
    if len(kernel_sizes) != len(strides):
        raise ValueError(f"receptive_field: {len(kernel_sizes)} kernel sizes but "
                         f"{len(strides)} strides")
    r, jump = 1, 1
    for k, s in zip(kernel_sizes, strides):
        r += (int(k) - 1) * jump
        jump *= int(s)
    return r
