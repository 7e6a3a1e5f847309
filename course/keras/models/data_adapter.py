"""Turning what ``fit``/``evaluate``/``predict`` are given into batches.

Arrays (one array, or a list of arrays for a model with several inputs) are validated
once, cast to float32 once, and sliced into batches by index; a ``Sequence``-like object
(``len`` and ``[i]``, such as ``ImageDataGenerator.flow``) or a Python generator yields its
own batches.
"""

import math

import numpy as np


def is_batch_source(x):
    """Whether ``x`` yields batches itself (a generator, an iterator, a ``Sequence``)."""
    if isinstance(x, (np.ndarray, list, tuple)) or hasattr(x, "__array__"):
        return False
    return hasattr(x, "__next__") or (hasattr(x, "__getitem__") and hasattr(x, "__len__"))


def num_samples(x):
    return len(x[0]) if isinstance(x, (list, tuple)) else len(x)


def take(x, index):
    """Rows ``index`` of an array or of each array in a list."""
    if isinstance(x, (list, tuple)):
        return [a[index] for a in x]
    return x[index]


def as_float_inputs(x, name="x", dtype=np.float32):
    """Validate and cast inputs: numeric, finite, float32. Lists are kept as lists."""
    if isinstance(x, (list, tuple)) and x and not np.isscalar(x[0]) and \
            all(hasattr(a, "shape") for a in x):
        return [as_float_inputs(a, f"{name}[{i}]", dtype) for i, a in enumerate(x)]
    try:
        arr = np.asarray(x)
    except ValueError as err:
        raise ValueError(f"{name} could not be converted to an array: {err}") from None
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be numeric, got an array of dtype {arr.dtype}")
    if arr.ndim == 0:
        raise ValueError(f"{name} must have a batch axis, got a scalar")
    arr = np.ascontiguousarray(arr, dtype=dtype)
    if not np.isfinite(arr).all():
        bad = np.argwhere(~np.isfinite(arr))[0]
        raise ValueError(f"{name} contains NaN or infinite values (first at index "
                         f"{tuple(int(i) for i in bad)}); clean or impute the data first")
    return arr


def as_targets(y, name="y"):
    """Validate targets: numeric and finite; integer labels stay integers, floats -> float32."""
    arr = np.asarray(y)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be numeric, got an array of dtype {arr.dtype}")
    if arr.dtype.kind == "f":
        arr = arr.astype(np.float32, copy=False)
        if not np.isfinite(arr).all():
            raise ValueError(f"{name} contains NaN or infinite values")
    elif arr.dtype.kind == "b":
        arr = arr.astype(np.float32)
    return np.ascontiguousarray(arr)


def check_cardinality(**arrays):
    sizes = {k: num_samples(v) for k, v in arrays.items() if v is not None}
    if len(set(sizes.values())) > 1:
        detail = ", ".join(f"{k} sizes: {n}" for k, n in sizes.items())
        raise ValueError(f"Data cardinality is ambiguous: {detail}. Make sure all arrays "
                         f"contain the same number of samples.")


def class_weights_to_sample_weights(y, class_weight):
    """``{class: weight}`` -> a weight per sample, from integer or one-hot labels ``y``."""
    labels = y.argmax(-1) if (y.ndim > 1 and y.shape[-1] > 1) else y.reshape(len(y))
    labels = np.round(labels).astype(np.int64)
    missing = set(np.unique(labels).tolist()) - set(class_weight)
    if missing:
        raise ValueError(f"class_weight has no entry for classes {sorted(missing)}")
    table = np.zeros(max(max(class_weight), labels.max()) + 1, dtype=np.float32)
    for k, w in class_weight.items():
        table[k] = w
    return table[labels]


class ArrayBatches:
    """Batches of ``(x, y, sample_weight)`` from arrays, reshuffled every epoch."""

    def __init__(self, x, y=None, sample_weight=None, batch_size=32, shuffle=False, rng=None):
        self.x, self.y, self.sample_weight = x, y, sample_weight
        self.batch_size, self.shuffle, self.rng = batch_size, shuffle, rng
        self.n = num_samples(x)

    def __len__(self):
        return math.ceil(self.n / self.batch_size)

    def epoch(self):
        order = self.rng.permutation(self.n) if self.shuffle else None
        for start in range(0, self.n, self.batch_size):
            if order is None:
                index = slice(start, start + self.batch_size)
            else:
                index = np.sort(order[start:start + self.batch_size])
            yield (take(self.x, index),
                   None if self.y is None else self.y[index],
                   None if self.sample_weight is None else self.sample_weight[index])


class GeneratorBatches:
    """Batches from a ``Sequence``-like object or a Python iterator of ``(x, y[, w])``."""

    def __init__(self, source, steps=None, class_weight=None):
        self.source, self.class_weight = source, class_weight
        self.indexable = hasattr(source, "__getitem__") and hasattr(source, "__len__")
        if steps is None and not self.indexable:
            raise ValueError("steps_per_epoch is required when x is a generator without a length")
        self.steps = steps if steps is not None else len(source)

    def __len__(self):
        return self.steps

    def epoch(self):
        it = None if self.indexable else iter(self.source)
        for i in range(self.steps):
            batch = self.source[i % len(self.source)] if self.indexable else next(it)
            if not isinstance(batch, tuple):
                batch = (batch,)
            x = as_float_inputs(batch[0])
            y = as_targets(batch[1]) if len(batch) > 1 and batch[1] is not None else None
            w = np.asarray(batch[2], np.float32) if len(batch) > 2 else None
            if self.class_weight is not None and y is not None:
                cw = class_weights_to_sample_weights(y, self.class_weight)
                w = cw if w is None else w * cw
            yield x, y, w
        if hasattr(self.source, "on_epoch_end"):
            self.source.on_epoch_end()

    def peek(self):
        """The first batch (to learn the shapes), without consuming an iterator."""
        return next(self.epoch())
