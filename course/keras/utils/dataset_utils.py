"""``split_dataset``: a dataset or arrays cut into a left and a right ``Dataset``.

As Keras 3's ``keras.utils.split_dataset``: sizes are fractions (floats in (0, 1)) or
counts (ints), one may be left out (the complement), the left part is the first
``left_size`` samples and the right part the last ``right_size``; with ``shuffle`` the
samples are first permuted by Python's ``random`` seeded with ``seed`` (the same order
Keras draws). A batched dataset is split by sample and both parts batched again.
"""

import random

import numpy as np

from course.data.pipeline import Dataset
from course.data.pipeline.structure import leaves, map_structure, stack


def split_dataset(dataset, left_size=None, right_size=None, shuffle=False, seed=None):
    """``(left, right)`` Datasets from an array, a list/tuple of arrays, or a Dataset."""
    samples, structure = _as_samples(dataset)
    if left_size is None and right_size is None:
        raise ValueError("At least one of the `left_size` or `right_size` must be specified. "
                         "Received: left_size=None and right_size=None")
    order = list(range(len(samples) if structure is None else len(leaves(structure)[0])))
    if shuffle:
        random.Random(random.randint(0, int(1e6)) if seed is None else seed).shuffle(order)
    n_left, n_right = split_sizes(left_size, right_size, len(order))
    parts = []
    for index in (np.array(order[:n_left]), np.array(order[len(order) - n_right:])):
        if structure is None:
            part = Dataset.from_tensor_slices(stack([samples[i] for i in index]))
        else:
            part = Dataset.from_tensor_slices(map_structure(lambda a: a[index], structure))
        batch_size = getattr(dataset, "_batch_size", None)
        parts.append(part.batch(batch_size) if batch_size else part)
    return tuple(parts)


def _as_samples(dataset):
    """``(samples, None)`` for a Dataset (its elements, unbatched), ``(None, arrays)`` else."""
    if isinstance(dataset, Dataset):
        if getattr(dataset, "_batch_size", None):
            dataset = dataset.unbatch()
        samples = list(dataset)
        if not samples:
            raise ValueError("Received an empty dataset. Argument `dataset` must be a "
                             "non-empty list/tuple of `numpy.ndarray` objects or "
                             "`tf.data.Dataset` objects.")
        return samples, None
    if isinstance(dataset, np.ndarray):
        if dataset.ndim == 0:
            raise ValueError("split_dataset() needs an array with a sample axis, received a "
                             "scalar array")
        return None, dataset
    if isinstance(dataset, (list, tuple)):
        kind = type(dataset).__name__
        if not dataset:
            raise ValueError(f"Received an empty {kind} dataset. Please provide a non-empty "
                             f"{kind} of arrays.")
        for i, element in enumerate(dataset):
            if not isinstance(element, np.ndarray):
                raise ValueError(f"Expected a {kind} of `numpy.ndarray` objects, received "
                                 f"{type(element).__name__} at index {i}.")
            if len(element) != len(dataset[0]):
                raise ValueError(f"Received a {kind} of NumPy arrays with different lengths: "
                                 f"index {i} has {len(element)} samples, index 0 has "
                                 f"{len(dataset[0])}. Please provide a {kind} of NumPy "
                                 f"arrays of the same length.")
        return None, tuple(dataset)
    raise TypeError(f"The `dataset` argument must be either a `tf.data.Dataset` object, or a "
                    f"list/tuple of arrays. Received: dataset={dataset!r} of type "
                    f"{type(dataset).__name__}")


def _check_size(size, name, total):
    if size is None:
        return
    if type(size) not in (int, float):
        raise TypeError(f"Invalid `{name}` Type. Expected: int or float or None, Received: "
                        f"type({name})={type(size)}.")
    if (type(size) is int and not 0 < size < total) or \
            (type(size) is float and not 0 < size < 1):
        raise ValueError(f"`{name}` should be either a positive integer smaller than {total}, "
                         f"or a float within the range `[0, 1]`. Received: {name}={size}")


def split_sizes(left_size, right_size, total):
    """Keras's rules: fractions are rounded (``round``), a missing side is the rest."""
    if left_size == 0 and right_size == 0:
        raise ValueError("Both `left_size` and `right_size` are zero. At least one of the "
                         "split sizes must be non-zero.")
    _check_size(left_size, "left_size", total)
    _check_size(right_size, "right_size", total)
    if type(left_size) is float and type(right_size) is float and left_size + right_size > 1:
        raise ValueError("The sum of `left_size` and `right_size` is greater than 1. It must "
                         "be less than or equal to 1.")
    left = round(left_size * total) if type(left_size) is float else left_size
    right = round(right_size * total) if type(right_size) is float else right_size
    left = total - right if left is None else left
    right = total - left if right is None else right
    if left + right > total:
        raise ValueError(f"The sum of `left_size` and `right_size` should be smaller than the "
                         f"{total}. Received: left_size + right_size = {left + right} and "
                         f"total_length = {total}")
    for split, side in ((left, "left"), (right, "right")):
        if split == 0:
            raise ValueError(f"With `dataset` of length={total}, `left_size`={left} and "
                             f"`right_size`={right}. Resulting {side} side dataset split will "
                             f"be empty. Adjust any of the aforementioned parameters")
    return int(left), int(right)
