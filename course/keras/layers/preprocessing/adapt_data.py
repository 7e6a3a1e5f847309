"""The batches ``adapt(data)`` reads: one array, or an iterable of batches (a list, a
generator, a dataset yielding arrays or ``(x, y)`` pairs)."""

import numpy as np


def adapt_batches(data, layer_name):
    """Yield numpy batches of ``data``; an error naming the layer for anything else."""
    if isinstance(data, (np.ndarray, str)) or np.isscalar(data):
        yield np.asarray(data)
        return
    if not hasattr(data, "__iter__"):
        raise TypeError(f'Layer "{layer_name}": adapt() expects a numpy array or an iterable '
                        f"of batches, received {type(data).__name__}")
    if isinstance(data, (list, tuple)) and data and np.isscalar(data[0]):
        yield np.asarray(data)
        return
    empty = True
    for batch in data:
        if isinstance(batch, tuple):
            batch = batch[0]
        empty = False
        yield np.asarray(batch)
    if empty:
        raise ValueError(f'Layer "{layer_name}": adapt() received an empty iterable (no '
                         f"batches)")
