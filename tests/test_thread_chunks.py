"""A fair static schedule: contiguous chunks covering range(n), sizes within one."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course.thread_chunks import chunks_for_threads


@given(st.integers(0, 10_000), st.integers(1, 128))
def test_chunks_cover_the_range_in_order_and_differ_by_at_most_one(n, threads):
    chunks = chunks_for_threads(n, threads)
    assert len(chunks) == threads and chunks[0][0] == 0 and chunks[-1][1] == n
    assert all(a[1] == b[0] for a, b in zip(chunks, chunks[1:]))
    sizes = [stop - start for start, stop in chunks]
    assert max(sizes) - min(sizes) <= 1 and sizes == sorted(sizes, reverse=True)


def test_ten_on_four():
    assert chunks_for_threads(10, 4) == [(0, 3), (3, 6), (6, 8), (8, 10)]


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="got n=5, threads=0"):
        chunks_for_threads(5, 0)
