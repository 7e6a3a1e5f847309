"""The floating dtype an operation computes in, and its inputs in that dtype, C-contiguous
(what the numba kernels and BLAS want)."""

import numpy as np
from numpy.typing import DTypeLike


def float_dtype(*arrays: np.ndarray) -> np.dtype:
    """The common floating dtype of ``arrays``: float32 or float64 (others go to float32)."""
    dt = np.result_type(*arrays)
    if dt == np.float64:
        return np.dtype(np.float64)
    return np.dtype(np.float32)


def as_float_c(a: np.ndarray, dtype: DTypeLike) -> np.ndarray:
    """``a`` as a C-contiguous array of ``dtype`` (no copy when it already is one)."""
    return np.ascontiguousarray(a, dtype=dtype)


def as_floats(x: np.ndarray) -> np.ndarray:
    """``x`` as an array of floats: integer inputs become float32 (floats keep their dtype)."""
    x = np.asarray(x)
    return x if x.dtype.kind in "fc" else x.astype(np.float32)
