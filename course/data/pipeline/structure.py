"""An element's structure: one array, a tuple of components, or a dict of them.

``tf.data`` elements nest: ``(image, label)``, ``({"a": x, "b": z}, y)``. These helpers
apply a function to every array of such a structure, as ``tf.nest`` does. A list is a
tensor to TensorFlow, not a structure, so it is converted to one array.
"""

import numpy as np


def map_structure(fn, *structures):
    """``fn`` applied leaf by leaf to structures of the same shape (tuple/dict/array)."""
    first = structures[0]
    if isinstance(first, tuple):
        return tuple(map_structure(fn, *parts) for parts in zip(*structures))
    if isinstance(first, dict):
        return {k: map_structure(fn, *(s[k] for s in structures)) for k in first}
    return fn(*structures)


def leaves(structure):
    """The arrays of a structure, in order."""
    if isinstance(structure, tuple):
        return [leaf for part in structure for leaf in leaves(part)]
    if isinstance(structure, dict):
        return [leaf for k in structure for leaf in leaves(structure[k])]
    return [structure]


def flatten_like(template, value, name):
    """``value`` as a list aligned with ``leaves(template)``: a structure shaped like the
    element's (its leaves may be tuples, such as shapes), or one value for every component;
    ``name`` (the argument) is named in the error."""
    if not isinstance(template, (tuple, dict)):
        return [value]
    if not isinstance(value, (tuple, dict)):
        return [value] * len(leaves(template))
    if isinstance(template, tuple) != isinstance(value, tuple) or len(template) != len(value) \
            or (isinstance(value, dict) and set(value) != set(template)):
        raise ValueError(f"{name} must have the structure of the elements, received "
                         f"{value!r}")
    parts = template.values() if isinstance(template, dict) else template
    values = [value[k] for k in template] if isinstance(template, dict) else value
    return [leaf for t, v in zip(parts, values) for leaf in flatten_like(t, v, name)]


def as_array(value):
    """A tensor-like value as a numpy array, with TensorFlow's default dtypes.

    Python floats become float32 and Python ints int32 (as ``tf.constant``); a numpy array
    keeps its dtype; text becomes UTF-8 bytes (``elem.numpy()`` is ``b"..."``, as in TF).
    """
    if isinstance(value, (np.ndarray, np.generic)):
        arr = np.asarray(value)
        return np.char.encode(arr, "utf-8") if arr.dtype.kind == "U" else arr
    if hasattr(value, "numpy"):
        return np.asarray(value.numpy())
    arr = np.asarray(value)
    if arr.dtype == np.float64:
        return arr.astype(np.float32)
    if arr.dtype == np.int64:
        return arr.astype(np.int32)
    if arr.dtype.kind == "U":
        return np.char.encode(arr, "utf-8")
    if arr.dtype.kind in "OV":
        raise TypeError(f"Dataset components must be arrays, numbers or strings, received a "
                        f"value of type {type(value).__name__}")
    return arr


def as_structure(value):
    """Tuples and dicts kept as structures (lists are tensors), every leaf an array."""
    if isinstance(value, list):
        return as_array(value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return tuple(as_structure(v) for v in value)
    return map_structure(as_array, value)


def stack(elements):
    """Elements of one structure -> one structure whose arrays have a new first axis."""
    return map_structure(lambda *arrays: np.stack(arrays), *elements)
