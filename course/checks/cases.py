"""Helpers every chapter's case generators use: random arrays in given layouts and sizes.

A case holds plain data only (it crosses the grading boundary), so a layout that numpy
keeps in strides (a transposed, Fortran-ordered view) is stored as the transposed array and
a name, and rebuilt by :func:`as_layout` in the call.
"""

import numpy as np
from numpy.typing import DTypeLike


def randn(rng: np.random.Generator, *shape: int, scale: float = 1.0,
          dtype: DTypeLike = np.float64) -> np.ndarray:
    """Standard normal numbers of ``shape`` times ``scale``, as ``dtype``."""
    return (scale * rng.standard_normal(shape)).astype(dtype)


def as_layout(a: np.ndarray, layout: str) -> np.ndarray:
    """The array a case asks for. Plain data cannot carry strides, so a case that wants a
    non-contiguous input stores ``x.T`` and sets ``layout="transposed"``: the call passes
    the transposed *view* (Fortran-ordered), and in-place changes still reach the case."""
    return a.T if layout == "transposed" else a


def dims(rng: np.random.Generator, low: int, high: int, n: int) -> tuple:
    """``n`` random sizes, each in ``[low, high]``."""
    return tuple(int(d) for d in rng.integers(low, high + 1, size=n))


MAGNITUDES = (1e-4, 1.0, 1e4)
"""The scales of :func:`rows_of_magnitudes`: eight orders of magnitude apart."""


def rows_of_magnitudes(rng: np.random.Generator, k: int, magnitudes: tuple = MAGNITUDES,
                       dtype: DTypeLike = np.float64) -> np.ndarray:
    """One row of ``k`` numbers per magnitude ``m``: ``m * (3 + standard normal)``, each row
    shifted and scaled by its own ``m``. Shape ``(len(magnitudes), k)``.

    An operation that shifts or scales each row (softmax, log-sum-exp, a renormalisation)
    must use that row's own statistics; a shift or scale shared by the whole array
    underflows, overflows or rounds away the small rows."""
    m = np.asarray(magnitudes, dtype=np.float64)[:, None]
    return (m * (3 + rng.standard_normal((len(magnitudes), k)))).astype(dtype)
