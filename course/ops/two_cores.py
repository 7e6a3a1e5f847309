"""One operation's blocks of images on two cores: each core runs its half of the blocks,
BLAS products included, on one thread.

A convolution's time is its GEMMs (BLAS) and the numba kernels around them (im2col,
col2im, the ReLU's mask). With OpenBLAS on two threads only the GEMMs use the second
core, and each GEMM pays for the hand-over between the threads; the numba kernels run on
one core while the other waits. Giving each core half of the batch instead (the blocks of
:mod:`course.ops.conv`), with OpenBLAS set to one thread meanwhile, keeps both cores busy
through the whole operation. The numba kernels release the GIL (``nogil=True``); numpy's
matrix products and ufuncs do too.

When the policy of :mod:`course.threads` gives BLAS a single thread (a busy machine, or
``COURSE_BLAS_THREADS=1``) the blocks run one after the other on the calling thread, as
before: the split never takes more cores than that policy allows.
"""

import concurrent.futures
import threading
from typing import Any, Callable

from course import threads

_worker = None
_lock = threading.Lock()


def cores_for_blocks() -> int:
    """How many threads an operation may split its blocks over: the BLAS thread count the
    policy chose (following the load when it does), at most 2."""
    n = threads.current_blas_threads()
    if n is None:
        n = threads.blas_threads() or 1
    return max(1, min(int(n), 2))


def _pool():
    global _worker
    with _lock:
        if _worker is None:
            _worker = concurrent.futures.ThreadPoolExecutor(1, "course-ops")
        return _worker


def run_halves(fn: Callable[[list], Any], blocks: list) -> list:
    """``[fn(first half of blocks), fn(second half)]``, the first half on a worker thread,
    when two cores are available and there are at least two blocks; else ``[fn(blocks)]``.

    ``fn`` takes a list of blocks and must only write what belongs to them.
    """
    if len(blocks) < 2 or cores_for_blocks() < 2 or threading.current_thread() is not \
            threading.main_thread():
        return [fn(blocks)]
    half = (len(blocks) + 1) // 2
    previous = threads.blas_threads()
    threads.blas_threads(1)
    try:
        first = _pool().submit(fn, blocks[:half])
        try:
            second = fn(blocks[half:])
        finally:
            concurrent.futures.wait([first])
        return [first.result(), second]
    finally:
        threads.blas_threads(previous)
