"""1-D convolution (Keras ``Conv1D``) over sequences, channels-last, forward and backward.

Shapes: input ``x`` ``(N, L, C_in)`` (a batch of sequences of ``L`` steps), kernel ``W``
``(k, C_in, C_out)`` as Keras stores it, bias ``b`` ``(C_out,)``, output
``(N, L_out, C_out)`` with

    out[n, t, f] = b[f] + sum_{i, c} x_pad[n, t*s + i*d, c] * W[i, c, f]

where ``x_pad`` is ``x`` padded with zeros as ``padding`` says:

- ``"valid"``: no padding, ``L_out = (L - k_eff) // s + 1`` with ``k_eff = (k - 1)*d + 1``;
- ``"same"``: TensorFlow's rule, ``L_out = ceil(L / s)`` (:mod:`course.ops.windows`);
- ``"causal"``: ``k_eff - 1`` zeros before the sequence and none after, so that
  ``out[:, t]`` sees only ``x[:, :t*s + 1]`` (never the future), ``L_out = ceil(L / s)``.

A sequence is an image one row high: ``x`` ``(N, 1, L, C_in)`` and the kernel
``(1, k, C_in, C_out)`` go through :func:`course.ops.conv.conv2d_forward` (im2col and one
BLAS product), so the 1-D layer shares every line of the 2-D one. Causal padding is
done here, by ``np.pad`` before a "valid" convolution, and undone in the backward by
slicing the padded steps off ``dx``.
"""

import numpy as np

from course.ops.conv import conv2d_backward, conv2d_forward
from course.ops.windows import single_int

PADDINGS = ("valid", "same", "causal")


def conv1d_forward(x: np.ndarray, W: np.ndarray, b: np.ndarray | None = None,
                   strides: int | tuple = 1, padding: str = 'valid',
                   dilation_rate: int | tuple = 1) -> tuple:
    """1-D convolution (cross-correlation, as in Keras).

    Args:
        x: inputs, shape ``(N, L, C_in)``.
        W: kernel, shape ``(k, C_in, C_out)``.
        b: bias, shape ``(C_out,)``, or None.
        strides: int (or a 1-tuple).
        padding: ``"valid"``, ``"same"`` or ``"causal"``.
        dilation_rate: int (or a 1-tuple).

    Returns:
        out: shape ``(N, L_out, C_out)``, dtype of the inputs (float32 or float64).
        cache: for :func:`conv1d_backward`.
    """
    fn = "conv1d_forward"
    x, W = np.asarray(x), np.asarray(W)
    if x.ndim != 3:
        raise ValueError(f"{fn}: expected x of shape (N, L, C_in) (3-D, channels last), "
                         f"got shape {x.shape}")
    if W.ndim != 3:
        raise ValueError(f"{fn}: expected a kernel W of shape (k, C_in, C_out) (3-D), "
                         f"got shape {W.shape}")
    if x.shape[2] != W.shape[1]:
        raise ValueError(f"{fn}: x has C_in={x.shape[2]} channels (shape {x.shape}) but the "
                         f"kernel expects C_in={W.shape[1]} (kernel shape {W.shape})")
    if min(x.shape) == 0 or min(W.shape) == 0:
        raise ValueError(f"{fn}: empty input or kernel: x shape {x.shape}, kernel shape {W.shape}")
    s = single_int(strides, "strides", fn)
    d = single_int(dilation_rate, "dilation_rate", fn)
    mode = str(padding).lower()
    if mode not in PADDINGS:
        raise ValueError(f"{fn}: padding must be 'valid', 'same' or 'causal', got {padding!r}")
    k_eff = (W.shape[0] - 1) * d + 1
    if mode == "valid" and k_eff > x.shape[1]:
        raise ValueError(f"{fn}: the kernel (size {W.shape[0]}, dilation {d}: spans {k_eff} "
                         f"steps) is longer than the input's {x.shape[1]} steps with "
                         f"padding='valid' (x shape {x.shape}, kernel shape {W.shape})")
    before = 0
    if mode == "causal":
        before = k_eff - 1
        x = np.pad(x, ((0, 0), (before, 0), (0, 0)))
        mode = "valid"
    out, cache = conv2d_forward(x[:, None], W[None], b, (1, s), mode, (1, d))
    return out[:, 0], (cache, before)


def conv1d_backward(dout: np.ndarray, cache: tuple, need_dx: bool = True) -> tuple:
    """Gradients of :func:`conv1d_forward`.

    Args:
        dout: upstream gradient, shape ``(N, L_out, C_out)``.
        cache: from :func:`conv1d_forward`.
        need_dx: when False (the first layer), ``dx`` is not computed and is None.

    Returns:
        dx: shape ``(N, L, C_in)`` (None when ``need_dx`` is False),
        dW: shape ``(k, C_in, C_out)``,
        db: shape ``(C_out,)`` (None when the layer has no bias).
    """
    conv_cache, before = cache
    dout = np.asarray(dout)
    if dout.ndim != 3:
        raise ValueError(f"conv1d_backward: expected dout of shape (N, L_out, C_out) (3-D, "
                         f"the forward output's), got shape {dout.shape}")
    dx, dW, db = conv2d_backward(dout[:, None], conv_cache, need_dx=need_dx)
    if dx is not None:
        dx = np.ascontiguousarray(dx[:, 0, before:])
    return dx, dW[0], db
