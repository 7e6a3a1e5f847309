"""Image layouts: channels first ``(N, C, H, W)`` to channels last ``(N, H, W, C)``, the
layout Keras keeps images in."""

import numpy as np


def nchw_to_nhwc(x: np.ndarray) -> np.ndarray:
    """Images ``(N, C, H, W)`` (channels first) -> ``(N, H, W, C)`` (channels last)."""
    return x.transpose(0, 2, 3, 1)
