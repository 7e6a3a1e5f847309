"""Argument normalisation and output sizes shared by the convolution and pooling layers."""

from course.ops.windows import window_geometry


def normalize_tuple(value, n, name):
    """``3`` -> ``(3, 3)``; ``(3, 2)`` stays; anything else is a ValueError naming ``name``."""
    if isinstance(value, int):
        return (value,) * n
    try:
        out = tuple(int(v) for v in value)
    except TypeError:
        out = ()
    if len(out) != n or any(v < 1 for v in out):
        raise ValueError(f"The `{name}` argument must be a tuple of {n} positive integers. "
                         f"Received: {name}={value!r}")
    return out


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
