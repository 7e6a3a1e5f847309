"""ch12.chunks_for_threads: a static schedule, n iterations split fairly among threads."""

from course.checks.spec import Case, Exercise, Mistake
from course.thread_chunks import chunks_for_threads


def _call(obj, args):
    return [list(map(int, pair)) for pair in obj(**args)]


def _cases(rng, hidden):
    def case(group, n, threads):
        return Case(group, {"n": n, "threads": threads})
    cases = [case("10 iterations on 4 threads", 10, 4),
             case("divides evenly", 12, 3),
             case("2 threads (two cores)", 7, 2),
             case("more threads than iterations (idle threads)", 3, 5),
             case("one thread", 9, 1),
             case("no iterations", 0, 2),
             case("a remainder of 6 on 7 threads", 20, 7)]
    for _ in range(6 if hidden else 1):
        cases.append(case("random", int(rng.integers(0, 1000)), int(rng.integers(1, 65))))
    return cases


def chunks_for_threads__remainder_on_the_last_thread(n, threads):
    size = n // threads
    chunks = [(i * size, (i + 1) * size) for i in range(threads)]
    chunks[-1] = (chunks[-1][0], n)
    return chunks


def chunks_for_threads__remainder_dropped(n, threads):
    size = n // threads
    return [(i * size, (i + 1) * size) for i in range(threads)]


def chunks_for_threads__every_chunk_rounded_up(n, threads):
    size = -(-n // threads)
    return [(min(i * size, n), min((i + 1) * size, n)) for i in range(threads)]


CHUNKS_FOR_THREADS = Exercise(
    id="ch12.chunks_for_threads", name="chunks_for_threads", reference=chunks_for_threads,
    make_cases=_cases, call=_call, rtol=0, atol=0, points=1,
    mistakes=[
        Mistake("remainder on the last thread",
                "The last thread gets n // threads + n % threads iterations and the loop waits "
                "for it. Spread the remainder: the first n % threads chunks get one more each.",
                chunks_for_threads__remainder_on_the_last_thread),
        Mistake("remainder dropped",
                "The chunks must cover every iteration, 0 to n: n // threads per thread leaves "
                "the last n % threads out. Give the first n % threads chunks one more each.",
                chunks_for_threads__remainder_dropped),
        Mistake("every chunk rounded up",
                "Chunks of ceil(n / threads) leave the last threads short or idle (10 on 4: "
                "3, 3, 3, 1). Sizes should differ by at most one: 3, 3, 2, 2.",
                chunks_for_threads__every_chunk_rounded_up),
    ],
    summary="a fair static schedule: n iterations in contiguous chunks, one per thread")
