"""``EagerArray``: what ``for elem in dataset`` gives, a numpy array with ``.numpy()``.

TensorFlow's tutorials read a dataset's elements as eager tensors (``elem.numpy()``,
``images[i].numpy().astype("uint8")``). An element's arrays are viewed (not copied) as this
``np.ndarray`` subclass, which adds that one method; everything else is numpy's.
``Dataset.as_numpy_iterator()`` gives plain arrays, as ``tf.data`` does.
"""

import numpy as np

from course.data.pipeline.structure import map_structure


class EagerArray(np.ndarray):
    """A numpy array that also answers ``.numpy()`` (a plain copy), as an eager tensor."""

    def numpy(self):
        """The values as a plain ``np.ndarray`` (a copy); a scalar for a 0-d array."""
        values = np.array(self)
        return values[()] if values.ndim == 0 else values

    def __eq__(self, other):
        return np.ndarray.__eq__(self, _as_bytes_like(self, other))

    def __ne__(self, other):
        return np.ndarray.__ne__(self, _as_bytes_like(self, other))


def _as_bytes_like(array, other):
    """``other`` encoded to UTF-8 when ``array`` is bytes and ``other`` is text, as
    TensorFlow turns a numpy ``str`` array into a string tensor before comparing
    (``parts[-2] == class_names`` in the load-images tutorial)."""
    if array.dtype.kind == "S":
        values = np.asarray(other)
        if values.dtype.kind == "U":
            return np.char.encode(values, "utf-8")
    return other


def _viewed_as(cls):
    def view(a):
        return np.asarray(a).view(cls) if isinstance(a, (np.ndarray, np.generic)) else a
    return view


def eager(element):
    """An element (array, tuple or dict of arrays) with every array viewed as EagerArray
    (anything else, such as the Datasets of ``window()``, as it is)."""
    return map_structure(_viewed_as(EagerArray), element)


def plain(element):
    """An element with every array a plain ``np.ndarray`` (a view)."""
    return map_structure(_viewed_as(np.ndarray), element)
