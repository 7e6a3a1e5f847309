"""Turning what ``fit``/``evaluate``/``predict`` are given into batches.

Arrays (one array, or a list of arrays for a model with several inputs) are validated
once, cast to float32 once, and sliced into batches by index; a ``Sequence``-like object
(``len`` and ``[i]``, such as ``ImageDataGenerator.flow``) or a Python generator yields its
own batches.
"""

import math
import warnings

import numpy as np


def is_batch_source(x):
    """Whether ``x`` yields batches itself (a generator, an iterator, a ``Sequence``)."""
    if isinstance(x, (np.ndarray, list, tuple, dict)) or hasattr(x, "__array__"):
        return False
    return hasattr(x, "__next__") or (hasattr(x, "__getitem__") and hasattr(x, "__len__"))


def num_samples(x):
    if isinstance(x, dict):
        return len(next(iter(x.values())))
    return len(x[0]) if isinstance(x, (list, tuple)) else len(x)


def take(x, index):
    """Rows ``index`` of an array, or of each array in a list or a dict."""
    if isinstance(x, dict):
        return {k: a[index] for k, a in x.items()}
    if isinstance(x, (list, tuple)):
        return [a[index] for a in x]
    return x[index]


def batch_shape(x):
    """``(None, ...)``: the shape of ``x`` with an unknown batch axis (a list or a dict of
    them for several arrays)."""
    if isinstance(x, dict):
        return {k: (None,) + a.shape[1:] for k, a in x.items()}
    if isinstance(x, list):
        return [(None,) + a.shape[1:] for a in x]
    return (None,) + x.shape[1:]


def _is_array_list(x):
    return isinstance(x, (list, tuple)) and x and not np.isscalar(x[0]) and \
        all(hasattr(a, "shape") for a in x)


def as_float_inputs(x, name="x", dtype=np.float32):
    """Validate and cast inputs: numeric, finite, float32. Lists and dicts are kept."""
    if isinstance(x, dict):
        return {k: as_float_inputs(a, f"{name}[{k!r}]", dtype) for k, a in x.items()}
    if _is_array_list(x):
        return [as_float_inputs(a, f"{name}[{i}]", dtype) for i, a in enumerate(x)]
    try:
        arr = np.asarray(x)
    except ValueError as err:
        raise ValueError(f"{name} could not be converted to an array: {err}") from None
    if arr.dtype.kind in "SUO" and arr.ndim and all(
            isinstance(v, (str, bytes)) for v in arr.reshape(-1)[:1]):
        return arr  # text, for a model that starts with TextVectorization or StringLookup
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be numeric, got an array of dtype {arr.dtype}")
    if arr.ndim == 0:
        raise ValueError(f"{name} must have a batch axis, got a scalar")
    if arr.dtype.kind == "f" and arr.dtype.itemsize > np.dtype(dtype).itemsize:
        _check_range(arr, name, dtype)
    arr = np.ascontiguousarray(arr, dtype=dtype)
    if not np.isfinite(arr).all():
        bad = np.argwhere(~np.isfinite(arr))[0]
        raise ValueError(f"{name} contains NaN or infinite values (first at index "
                         f"{tuple(int(i) for i in bad)}); clean or impute the data first")
    return arr


def _check_range(arr, name, dtype):
    """A finite value too large for ``dtype`` (float32) is an overflow, not a NaN."""
    limit = np.finfo(dtype).max
    with np.errstate(invalid="ignore"):
        too_big = np.isfinite(arr) & (np.abs(arr) > limit)
    if too_big.any():
        bad = tuple(int(i) for i in np.argwhere(too_big)[0])
        raise ValueError(f"{name} overflows {np.dtype(dtype)}: the value {arr[bad]:g} at index "
                         f"{bad} is beyond {np.dtype(dtype)}'s range (+-{limit:.4g}); scale the "
                         f"data first")


def check_batch_size(batch_size, name="batch_size"):
    """``None`` -> 32 (Keras's default); otherwise a positive integer, or a ValueError."""
    if batch_size is None:
        return 32
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) \
            or batch_size < 1:
        raise ValueError(f"{name} must be a positive integer, received {name}={batch_size!r}")
    return int(batch_size)


def check_steps(steps, name):
    """``steps_per_epoch``, ``steps``: None, or a positive number of batches.

    A float (``len(x_train) / 32`` in old tutorials) is rounded up, as Keras 2's loop
    ``while steps_done < steps_per_epoch`` ran it: 1875.5 steps are 1876 batches.
    """
    if steps is None:
        return None
    if (isinstance(steps, bool) or not isinstance(steps, (int, np.integer, float, np.floating))
            or not np.isfinite(steps) or steps <= 0):
        raise ValueError(f"{name} must be None or a positive integer, received {name}={steps!r}")
    return int(math.ceil(steps))


def as_sample_weight(sample_weight, name="sample_weight"):
    """``None``, or the weights as float32 ``(N,)``."""
    if sample_weight is None:
        return None
    w = np.asarray(sample_weight)
    if w.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be numeric, got an array of dtype {w.dtype}")
    return w.astype(np.float32).reshape(-1)


def split_validation(x, y, sample_weight, validation_split, batch_size):
    """Hold out the last ``validation_split`` of the samples, as Keras does.

    Returns ``(x, y, sample_weight)`` of the rest and the held-out :class:`ArrayBatches`.
    """
    if not 0 < validation_split < 1:
        raise ValueError(f"validation_split must be in (0, 1), got {validation_split}")
    split = int(math.ceil(num_samples(x) * (1.0 - validation_split)))
    if split >= num_samples(x):
        raise ValueError("validation_split left no samples for validation")
    head, tail = slice(0, split), slice(split, None)
    w_head = None if sample_weight is None else sample_weight[head]
    w_tail = None if sample_weight is None else sample_weight[tail]
    val = ArrayBatches(take(x, tail), take(y, tail), w_tail, batch_size)
    return take(x, head), take(y, head), w_head, val


def as_targets(y, name="y"):
    """Validate targets: numeric and finite; integer labels stay integers, floats -> float32.

    A list or dict of arrays (one per output of a model) is validated array by array.
    """
    if isinstance(y, dict):
        return {k: as_targets(a, f"{name}[{k!r}]") for k, a in y.items()}
    if _is_array_list(y):
        return [as_targets(a, f"{name}[{i}]") for i, a in enumerate(y)]
    arr = np.asarray(y)
    if arr.dtype.kind in "SUO" and arr.ndim and all(
            isinstance(v, (str, bytes)) for v in arr.reshape(-1)[:1]):
        return arr  # text, for a model that starts with TextVectorization or StringLookup
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be numeric, got an array of dtype {arr.dtype}")
    if arr.dtype.kind == "f":
        if arr.dtype.itemsize > 4:
            _check_range(arr, name, np.float32)
        arr = arr.astype(np.float32, copy=False)
        if not np.isfinite(arr).all():
            raise ValueError(f"{name} contains NaN or infinite values")
    elif arr.dtype.kind == "b":
        arr = arr.astype(np.float32)
    return np.ascontiguousarray(arr)


def check_cardinality(**arrays):
    """Every array (each input of a list too) must have the same number of samples.

    As Keras: ``Data cardinality is ambiguous: x sizes: 3, 4, y sizes: 3. ...``.
    """
    sizes = {k: [len(a) for a in (v.values() if isinstance(v, dict) else v)]
             if isinstance(v, (list, tuple, dict)) else [len(v)]
             for k, v in arrays.items() if v is not None}
    if len({n for each in sizes.values() for n in each}) > 1:
        detail = ", ".join(f"{k} sizes: {', '.join(map(str, n))}" for k, n in sizes.items())
        raise ValueError(f"Data cardinality is ambiguous: {detail}. Make sure all arrays "
                         f"contain the same number of samples.")


def training_arrays(x, y, sample_weight, dtype, caller):
    """``(x, y, sample_weight)`` validated for training; ``caller`` (``"fit()"``) in errors."""
    x = as_float_inputs(x, "x", dtype)
    if y is None:
        raise ValueError(f"{caller} needs targets y together with the array x")
    y = as_targets(y, "y")
    sample_weight = as_sample_weight(sample_weight)
    check_cardinality(x=x, y=y, sample_weight=sample_weight)
    return x, y, sample_weight


def with_class_weight(y, sample_weight, class_weight):
    """``sample_weight`` times each sample's class weight (``class_weight`` may be None)."""
    if class_weight is None:
        return sample_weight
    if isinstance(y, (list, dict)):
        raise ValueError("class_weight is only supported for models with a single output; "
                         "pass sample_weight instead")
    cw = class_weights_to_sample_weights(y, class_weight)
    return cw if sample_weight is None else sample_weight * cw


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


def as_batch(batch, class_weight=None):
    """A batch a source yielded (``x``, ``(x,)``, ``(x, y)``, ``(x, y, w)``) -> ``(x, y, w)``."""
    if not isinstance(batch, tuple):
        batch = (batch,)
    x = as_float_inputs(batch[0])
    y = as_targets(batch[1]) if len(batch) > 1 and batch[1] is not None else None
    w = np.asarray(batch[2], np.float32) if len(batch) > 2 else None
    if y is not None:
        w = with_class_weight(y, w, class_weight)
    return x, y, w


class ArrayBatches:
    """Batches of ``(x, y, sample_weight)`` from arrays, reshuffled at every pass.

    With ``steps`` (``steps_per_epoch``), an epoch is that many batches, and the next epoch
    goes on where the last one stopped, as Keras's epoch iterator does; when the data runs
    out within an epoch, that epoch ends early with a warning.
    """

    def __init__(self, x, y=None, sample_weight=None, batch_size=32, shuffle=False, rng=None,
                 steps=None):
        self.x, self.y, self.sample_weight = x, y, sample_weight
        self.batch_size, self.shuffle, self.rng = batch_size, shuffle, rng
        self.n = num_samples(x)
        self.steps = steps
        self._pass = None

    def __len__(self):
        return self.steps or math.ceil(self.n / self.batch_size)

    def _batches(self):
        order = self.rng.permutation(self.n) if self.shuffle else None
        for start in range(0, self.n, self.batch_size):
            if order is None:
                index = slice(start, start + self.batch_size)
            else:
                index = np.sort(order[start:start + self.batch_size])
            yield (take(self.x, index),
                   None if self.y is None else take(self.y, index),
                   None if self.sample_weight is None else self.sample_weight[index])

    def epoch(self):
        if self.steps is None:
            yield from self._batches()
            return
        per_pass = math.ceil(self.n / self.batch_size)
        if self._pass is None:
            self._pass, self._seen = self._batches(), 0
        for _ in range(self.steps):
            if self._seen >= per_pass:
                warnings.warn(f"Your input ran out of data; interrupting the epoch. Make sure "
                              f"that your dataset can generate at least `steps_per_epoch` "
                              f"batches: {self.n} samples in batches of {self.batch_size} give "
                              f"{per_pass}, steps_per_epoch is {self.steps}.", UserWarning,
                              stacklevel=2)
                break
            self._seen += 1
            yield next(self._pass)
        if self._seen >= per_pass:
            self._pass = None


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
            yield as_batch(batch, self.class_weight)
        if hasattr(self.source, "on_epoch_end"):
            self.source.on_epoch_end()

    def peek(self):
        """The first batch (to learn the shapes), without consuming an iterator."""
        return next(self.epoch())
