"""numpy's own BLAS called from inside numba kernels: a loop of small matrix products with
no Python between them.

A recurrence makes two small products per step (``(N, H) @ (H, 4H)``, about 1 MFLOP for
the benchmark's LSTM) between two numba kernels. Called from Python, each product and each
kernel costs a trip through the interpreter, and the loop holds the GIL between them, so
two threads cannot share it. Called from numba, the whole loop over the steps is one call
that releases the GIL (``nogil=True``), so two threads can each run it on half of the
batch, one core each.

numpy's wheels carry OpenBLAS with 64-bit integers (``scipy_cblas_sgemm64_``); its
``cblas_sgemm`` / ``cblas_dgemm`` are found in the loaded library through ctypes and
passed to the kernels as first-class functions (:data:`SGEMM`, :data:`DGEMM`, None where
this numpy has no such library, e.g. a build on Apple's Accelerate: callers then keep to
``np.matmul``). A function passed as an argument, not read from a global, keeps the
kernels in numba's on-disk cache.
"""

import ctypes

import numba.experimental.function_type  # noqa: F401  (registers first-class functions)
import numpy as np
from numba import njit, types
from numpy.typing import DTypeLike

from course import threads

ROW_MAJOR, NO_TRANS, TRANS = 101, 111, 112
"""CBLAS's ``CblasRowMajor``, ``CblasNoTrans`` and ``CblasTrans``."""


class Gemm(types.WrapperAddressProtocol):
    """A CBLAS ``?gemm`` with 64-bit integers, as a value numba kernels can call."""

    def __init__(self, function, scalar):
        self.address = ctypes.cast(function, ctypes.c_void_p).value
        i, p, s = types.int64, types.uintp, scalar
        self._signature = types.void(types.int32, types.int32, types.int32, i, i, i, s, p, i,
                                     p, i, s, p, i)

    def __wrapper_address__(self):
        return self.address

    def signature(self):
        return self._signature


def _find(name: str, scalar) -> Gemm | None:
    for path in threads.loaded_libraries("openblas"):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for symbol in (f"scipy_cblas_{name}64_", f"cblas_{name}64_"):
            function = getattr(lib, symbol, None)
            if function is not None:
                return Gemm(function, scalar)
    return None


SGEMM = _find("sgemm", types.float32)
DGEMM = _find("dgemm", types.float64)


def gemm_for(dtype: DTypeLike) -> Gemm | None:
    """:data:`SGEMM` for float32, :data:`DGEMM` for float64 (None if not found)."""
    return SGEMM if np.dtype(dtype) == np.float32 else DGEMM


@njit(inline="always")
def address(a, offset):
    """The address of element ``offset`` of the C-contiguous array ``a`` (flat index)."""
    return a.ctypes.data + np.uintp(offset * a.itemsize)


@njit(inline="always")
def gemm(fn, m, n, k, one, a, lda, b, ldb, beta, c, ldc):
    """``C = A @ B + beta * C`` (row-major; ``A`` ``(m, k)``, ``B`` ``(k, n)``, ``C`` ``(m, n)``
    at the addresses ``a``, ``b``, ``c`` with leading dimensions ``lda``, ``ldb``, ``ldc``);
    ``one`` and ``beta`` in the arrays' float type (``fn``'s scalar)."""
    gemm_general(fn, NO_TRANS, NO_TRANS, m, n, k, one, a, lda, b, ldb, beta, c, ldc)


@njit(inline="always")
def gemm_general(fn, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc):
    """``C = alpha * op(A) @ op(B) + beta * C``, ``op`` the transpose where ``trans_*`` is
    :data:`TRANS` (else :data:`NO_TRANS`): ``op(A)`` ``(m, k)``, ``op(B)`` ``(k, n)``; the
    leading dimensions are those of the arrays as stored (row-major)."""
    fn(np.int32(ROW_MAJOR), np.int32(trans_a), np.int32(trans_b), np.int64(m), np.int64(n),
       np.int64(k), alpha, a, np.int64(lda), b, np.int64(ldb), beta, c, np.int64(ldc))
