"""course.ops.two_cores: an operation's blocks split between two threads."""

import threading

import pytest

from course import threads
from course.ops import two_cores


def _names(blocks):
    return [(start, threading.current_thread().name) for start, _ in blocks]


def test_two_cores_run_the_halves_on_two_threads_and_restore_blas(monkeypatch):
    monkeypatch.setattr(two_cores, "cores_for_blocks", lambda: 2)
    before = threads.blas_threads()
    seen_blas = []

    def fn(blocks):
        seen_blas.append(threads.blas_threads())
        return _names(blocks)

    first, second = two_cores.run_halves(fn, [(0, 2), (2, 4), (4, 5)])
    assert [s for s, _ in first] == [0, 2] and [s for s, _ in second] == [4]
    assert {name for _, name in first} != {name for _, name in second}
    assert threads.blas_threads() == before
    if before is not None:
        assert seen_blas == [1, 1]


@pytest.mark.parametrize("cores, blocks", [(1, [(0, 1), (1, 2)]), (2, [(0, 2)])])
def test_one_core_or_one_block_runs_everything_in_the_caller(cores, blocks, monkeypatch):
    monkeypatch.setattr(two_cores, "cores_for_blocks", lambda: cores)
    (result,) = two_cores.run_halves(_names, blocks)
    assert [s for s, _ in result] == [s for s, _ in blocks]
    assert {name for _, name in result} == {threading.current_thread().name}


def test_an_error_in_either_half_reaches_the_caller_and_blas_is_restored(monkeypatch):
    monkeypatch.setattr(two_cores, "cores_for_blocks", lambda: 2)
    before = threads.blas_threads()

    def fn(blocks):
        if blocks[0][0] == 0:
            raise RuntimeError("first half failed")
        return blocks

    with pytest.raises(RuntimeError, match="first half failed"):
        two_cores.run_halves(fn, [(0, 1), (1, 2)])
    assert threads.blas_threads() == before


def test_cores_for_blocks_is_one_or_two():
    assert two_cores.cores_for_blocks() in (1, 2)
