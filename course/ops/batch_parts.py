"""Rows of a batch on two cores: a loop that treats the rows of a batch independently and
holds no GIL (a numba kernel with ``nogil=True`` that calls BLAS itself) runs on two halves
of the batch at once, one per core.

``over_batch_parts(run, n)`` calls ``run(lo, hi)`` for the first half on the calling thread
and for the second on one helper thread, with BLAS on one thread meanwhile (each half's
products are small; two BLAS threads inside each would fight the two halves for the two
cores). ``batch_parts`` decides: two halves when BLAS may use two cores
(:mod:`course.threads`: the cores other processes leave free), else the whole batch here.
"""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait

from course import threads

MIN_PART_ROWS = 8
"""The fewest rows a part of the batch gets: below that the step loop stays in one thread."""

_helper = None


def batch_parts(n: int) -> list:
    """Row ranges ``[(lo, hi), ...]`` covering a batch of ``n``: two halves when BLAS may use
    two or more threads (``course.threads``: the cores other processes leave free) and each
    half has at least :data:`MIN_PART_ROWS` rows, else the whole batch."""
    cores = threads.blas_threads() or 1
    if cores < 2 or n < 2 * MIN_PART_ROWS:
        return [(0, n)]
    return [(0, n // 2), (n // 2, n)]


def over_batch_parts(run: Callable[[int, int], None], n: int) -> None:
    """``run(lo, hi)`` for each part of :func:`batch_parts`: the second half on a helper
    thread, the first on the calling one, with BLAS on one thread each meanwhile. ``run``
    writes rows ``lo:hi`` of its arrays alone; its numba kernels release the GIL. Where no
    thread can be started (a sandbox's process limit), the whole batch runs here."""
    global _helper
    threads.follow_load()
    parts = batch_parts(n)
    if len(parts) == 1:
        run(0, n)
        return
    previous = threads.blas_threads()
    threads.blas_threads(1)
    try:
        if _helper is None:
            _helper = ThreadPoolExecutor(1, thread_name_prefix="course-batch-part")
        try:
            second = _helper.submit(run, *parts[1])
        except RuntimeError:  # can't start new thread
            run(0, n)
            return
        try:
            run(*parts[0])
        finally:
            wait([second])
        second.result()
    finally:
        threads.blas_threads(previous)
