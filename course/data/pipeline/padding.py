"""``Dataset.padded_batch``: elements of different shapes stacked after padding.

Each component of a batch is padded at the end of every axis, with ``padding_values``
(0, or ``b""`` for strings), to its padded shape: a dimension given in ``padded_shapes``
is that size, a ``None`` (or -1) dimension is the largest in the batch, as ``tf.data``.
"""

import numpy as np

from course.data.pipeline.spec import TensorSpec
from course.data.pipeline.structure import flatten_like, leaves, map_structure


def as_shape(shape, rank):
    """A padded shape (an int, list, tuple; None or -1 for "the batch's largest")."""
    if shape is None:
        return (None,) * rank
    dims = (shape,) if isinstance(shape, (int, np.integer)) else tuple(shape)
    dims = tuple(None if d is None or d == -1 else int(d) for d in dims)
    if len(dims) != rank:
        raise ValueError(f"padded_batch(): padded_shapes {shape!r} has rank {len(dims)} but "
                         f"the component has rank {rank}")
    return dims


def pad_stack(arrays, shape, value):
    """Stack ``arrays`` after padding each at the end to ``shape`` (None: the largest)."""
    target = tuple(max(a.shape[i] for a in arrays) if d is None else d
                   for i, d in enumerate(shape))
    for a in arrays:
        if any(n > t for n, t in zip(a.shape, target)):
            raise ValueError(f"padded_batch(): a component of shape {a.shape} is larger than "
                             f"its padded_shapes {shape}")
    fill = value if value is not None else (b"" if arrays[0].dtype.kind == "S" else
                                            "" if arrays[0].dtype.kind == "U" else 0)
    out = np.full((len(arrays),) + target, fill, dtype=arrays[0].dtype)
    for i, a in enumerate(arrays):
        out[(i,) + tuple(slice(0, n) for n in a.shape)] = a
    return out


def padded_batched(elements, batch_size, drop_remainder, padded_shapes, padding_values):
    """Yield padded batches of ``batch_size`` elements (a shorter last one unless dropped)."""
    batch = []
    for element in elements:
        batch.append(element)
        if len(batch) == batch_size:
            yield pad_batch(batch, padded_shapes, padding_values)
            batch = []
    if batch and not drop_remainder:
        yield pad_batch(batch, padded_shapes, padding_values)


def padded_spec(spec, padded_shapes, first):
    """The element spec of a padded batch: ``(first,) + padded shape`` per component."""
    shapes = iter(flatten_like(spec, padded_shapes, "padded_batch(): padded_shapes"))
    return map_structure(lambda s: TensorSpec((first,) + as_shape(next(shapes), len(s.shape)),
                                             s.dtype), spec)


def pad_batch(batch, padded_shapes, padding_values):
    template = batch[0]
    columns = list(zip(*(leaves(e) for e in batch)))
    shapes = flatten_like(template, padded_shapes, "padded_batch(): padded_shapes")
    values = flatten_like(template, padding_values, "padded_batch(): padding_values")
    stacked = iter([pad_stack([np.asarray(a) for a in column],
                              as_shape(shape, np.ndim(column[0])), value)
                    for column, shape, value in zip(columns, shapes, values)])
    return map_structure(lambda _: next(stacked), template)
