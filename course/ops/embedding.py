"""Embedding lookup (Keras ``Embedding``), forward and backward.

The forward gathers one row of the table per token id: ``out[..., :] = embeddings[ids[...]]``.
The backward is the matching scatter-add: each output gradient row is added into the row of
its token, so a token used twice receives both gradients. numba does the scatter in one pass
(numpy's ``np.add.at`` is the same, many times slower).
"""

import numpy as np
from numba import njit

from course.ops.dtypes import float_dtype


def _check_ids(ids, input_dim, fn):
    ids = np.asarray(ids)
    if ids.dtype.kind == "f":
        if not np.all(ids == np.round(ids)):
            raise ValueError(f"{fn}: token ids must be whole numbers, got non-integer values")
        ids = ids.astype(np.int64)
    elif ids.dtype.kind not in "iub":
        raise TypeError(f"{fn}: token ids must be integers, got dtype {ids.dtype}")
    if ids.size and (ids.min() < 0 or ids.max() >= input_dim):
        raise ValueError(f"{fn}: token ids must lie in [0, input_dim={input_dim}), got ids from "
                         f"{ids.min()} to {ids.max()}")
    return ids.astype(np.int64, copy=False)


def embedding_forward(ids: np.ndarray, embeddings: np.ndarray) -> tuple:
    """Look up ``ids`` in the table.

    Args:
        ids: integer token ids of any shape ``S`` (floats holding whole numbers are accepted,
            as Keras casts them), each in ``[0, V)``.
        embeddings: the table ``(V, E)``.

    Returns:
        out: ``S + (E,)``, the table's dtype. cache: ``(ids, V)``.
    """
    embeddings = np.asarray(embeddings)
    if embeddings.ndim != 2:
        raise ValueError(f"embedding_forward: embeddings must be a (input_dim, output_dim) "
                         f"table, got shape {embeddings.shape}")
    ids = _check_ids(ids, embeddings.shape[0], "embedding_forward")
    return embeddings[ids], (ids, embeddings.shape[0])


@njit(cache=True)
def _scatter_add(ids, dout, dtable):
    for k in range(ids.shape[0]):
        row = ids[k]
        for j in range(dout.shape[1]):
            dtable[row, j] += dout[k, j]


def embedding_backward(dout: np.ndarray, cache: tuple) -> np.ndarray:
    """``dembeddings`` ``(V, E)``: the rows of ``dout`` (``S + (E,)``) summed by token id."""
    ids, input_dim = cache
    dout = np.asarray(dout)
    dtype = float_dtype(dout)
    flat = np.ascontiguousarray(dout.reshape(-1, dout.shape[-1]), dtype=dtype)
    dtable = np.zeros((input_dim, flat.shape[1]), dtype)
    _scatter_add(ids.reshape(-1), flat, dtable)
    return dtable
