"""How a parallel loop splits its iterations among threads (a static schedule).

A loop of ``n`` independent iterations run on ``t`` threads (numba's ``prange``, an OpenMP
``parallel for`` with ``schedule(static)``) gives each thread one contiguous chunk. The
fair split makes the chunks differ by at most one iteration: with ``q, r = divmod(n, t)``
the first ``r`` threads get ``q + 1`` iterations and the others ``q``. The loop is as slow
as its longest chunk, so a split that hands the whole remainder to one thread (``q + r``)
or rounds every chunk up (the last ones then run short or empty) wastes the others' time:
10 iterations on 4 threads take 3 steps fairly, 4 with the remainder on the last thread.
"""


def chunks_for_threads(n: int, threads: int) -> list:
    """``threads`` pairs ``(start, stop)`` covering ``range(n)`` in order, the first
    ``n % threads`` of them one iteration longer (a pair with ``start == stop`` is an idle
    thread, when ``threads > n``).

    Args:
        n: iterations (an int >= 0).
        threads: threads (an int >= 1).
    """
    if n < 0 or threads < 1:
        raise ValueError(f"chunks_for_threads: n >= 0 and threads >= 1 expected, "
                         f"got n={n}, threads={threads}")
    q, r = divmod(int(n), int(threads))
    chunks, start = [], 0
    for i in range(int(threads)):
        stop = start + q + (1 if i < r else 0)
        chunks.append((start, stop))
        start = stop
    return chunks
