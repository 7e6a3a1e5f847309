"""Argument normalisation and output sizes shared by the convolution and pooling layers."""

import numpy as np

from course.ops.windows import window_geometry


def normalize_tuple(value, n, name, layer=None):
    """``3`` -> ``(3, 3)``; ``(3, 2)`` stays; anything else is a ValueError naming ``name``
    (and the ``layer``, e.g. ``'Layer "conv2d"'``, when given)."""
    values = [value] * n if isinstance(value, (int, np.integer)) else value
    try:
        ok = len(values) == n and all(
            isinstance(v, (int, np.integer)) and not isinstance(v, bool) and v >= 1
            for v in values)
    except TypeError:
        ok = False
    if not ok:
        where = f"{layer}: the" if layer else "The"
        raise ValueError(f"{where} `{name}` argument must be a tuple of {n} positive integers "
                         f"(or one positive integer). Received: {name}={value!r}")
    return tuple(int(v) for v in values)


def normalize_padding(padding):
    mode = str(padding).lower()
    if mode not in ("valid", "same"):
        raise ValueError(f"padding must be 'valid' or 'same', received {padding!r}")
    return mode


def output_length(size, k, stride, dilation, padding, layer_name):
    """Output size along one spatial axis (None stays None); errors name the layer."""
    if size is None:
        return None
    try:
        return window_geometry(size, k, stride, dilation, padding)[0]
    except ValueError:
        raise ValueError(f'Layer "{layer_name}": a window of size {k} (dilation {dilation}) does '
                         f"not fit an input of size {size} with padding='valid'") from None


def check_filters(filters, data_format):
    """A convolution's ``filters`` (a positive int) and ``data_format`` (channels last), or
    Keras's ValueError."""
    if data_format not in (None, "channels_last"):
        raise ValueError("course.keras supports data_format='channels_last' only")
    if not isinstance(filters, int) or filters <= 0:
        raise ValueError(f"Invalid value for argument `filters`: expected a positive "
                         f"integer, received filters={filters!r}")
