"""Rows of a batch on two cores: work that treats the rows of a batch independently and
mostly holds no GIL (numba kernels with ``nogil=True``, BLAS products) runs on two halves of
the batch at once, one per core.

``over_batch_parts(run, n)`` calls ``run(lo, hi)`` for the first half on the calling thread
and for the second on one helper thread, with BLAS on one thread meanwhile (each half's
products are smaller; two BLAS threads inside each would fight the two halves for the two
cores), and returns what the calls returned. ``batch_parts`` decides: two halves when BLAS
may use two cores (:mod:`course.threads`: the cores other processes leave free), else the
whole batch here. Two users: the LSTM's step loop (one numba call per half) and a model's
training step (:mod:`course.keras.trainers.batch_split`: forward and backward per half).
"""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait

from course import threads

MIN_PART_ROWS = 8
"""The fewest rows a part of the batch gets: below that the work stays in one thread."""

_helper = None
_part = threading.local()  # .rows: the (lo, hi) the current thread is running, if any


def current_rows() -> tuple | None:
    """``(lo, hi)``, the rows of the batch this thread is running a part of, or None (not
    inside :func:`over_batch_parts`'s parts). A layer that draws random numbers for a whole
    batch beforehand takes its rows of them from this."""
    return getattr(_part, "rows", None)


def _with_rows(run, lo, hi):
    previous = current_rows()
    _part.rows = (lo, hi)
    try:
        return run(lo, hi)
    finally:
        _part.rows = previous


def batch_parts(n: int) -> list:
    """Row ranges ``[(lo, hi), ...]`` covering a batch of ``n``: two halves when BLAS may use
    two or more threads (``course.threads``: the cores other processes leave free) and each
    half has at least :data:`MIN_PART_ROWS` rows, else the whole batch. Never with
    ``COURSE_NUMBA_PARALLEL=1``: numba's own threads then share the cores (and its
    workqueue layer must not be entered from two threads at once)."""
    cores = threads.blas_threads() or 1
    if cores < 2 or n < 2 * MIN_PART_ROWS or threads.NUMBA_PARALLEL:
        return [(0, n)]
    return [(0, n // 2), (n // 2, n)]


def over_batch_parts(run: Callable[[int, int], object], n: int,
                     parts: list | None = None) -> list:
    """``[run(lo, hi) for (lo, hi) in parts]`` (by default ``batch_parts(n)``), the second
    of two parts on a helper thread and the first on the calling one, with BLAS on one
    thread each meanwhile. ``run`` reads and writes rows ``lo:hi`` alone; the longer it runs
    without the GIL, the more the two halves overlap. Where no thread can be started (a
    sandbox's process limit) or when called from inside another call's part, the parts run
    one after the other here."""
    global _helper
    threads.follow_load()
    parts = batch_parts(n) if parts is None else parts
    if len(parts) == 1 or threads.blas_pinned():
        return [_with_rows(run, lo, hi) for lo, hi in parts]
    with threads.one_blas_thread():
        if _helper is None:
            _helper = ThreadPoolExecutor(1, thread_name_prefix="course-batch-part")
        try:
            second = _helper.submit(_with_rows, run, *parts[1])
        except RuntimeError:  # can't start new thread
            return [_with_rows(run, lo, hi) for lo, hi in parts]
        try:
            first = _with_rows(run, *parts[0])
        finally:
            wait([second])
        return [first, second.result()]
