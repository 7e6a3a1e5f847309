"""The LSTM's step loops three ways: from Python with numpy's products (where numba cannot
call BLAS), as one numba call over the whole batch, and on two halves of the batch at once
(two cores): the same numbers, and each one's backward matches central differences."""

import numpy as np
import pytest

from course import threads
from course.ops import batch_parts, blas, lstm
from test_ops_recurrent import _case, _check_gradients


def _halves(n):
    return [(0, n // 2), (n // 2, n)] if n >= 2 else [(0, n)]


def _whole(n):
    return [(0, n)]


WAYS = {"python": (lambda dtype: None, _whole), "numba, whole batch": (blas.gemm_for, _whole),
        "numba, two halves": (blas.gemm_for, _halves)}


@pytest.fixture
def way(request, monkeypatch):
    gemm_for, parts = WAYS[request.param]
    monkeypatch.setattr(lstm, "gemm_for", gemm_for)
    monkeypatch.setattr(batch_parts, "batch_parts", parts)
    return request.param


def test_numba_finds_the_gemm_of_numpy_s_openblas_wherever_numpy_has_one():
    has_openblas = any("scipy_openblas64_" in path or "openblas64_" in path
                       for path in threads.loaded_libraries("openblas"))
    assert (blas.SGEMM is not None) == has_openblas
    assert (blas.DGEMM is not None) == has_openblas


@pytest.mark.parametrize("way", list(WAYS), indirect=True)
@pytest.mark.parametrize("seed", range(6))
def test_backward_matches_central_differences(way, seed):
    arrays, options, upstream, last_only = _case(100 + seed, "lstm")
    _check_gradients("lstm", arrays, options, upstream, last_only)


def _large_case(rng, last_only=False):
    """A float32 batch of 40 with a mask, dropout masks, initial states and go_backwards."""
    n, t, d, h = 40, 9, 6, 5
    f = np.float32
    args = (rng.standard_normal((n, t, d)).astype(f),
            (rng.standard_normal((d, 4 * h)) * 0.5).astype(f),
            (rng.standard_normal((h, 4 * h)) * 0.5).astype(f),
            (rng.standard_normal(4 * h) * 0.3).astype(f))
    options = {"initial_state": [rng.standard_normal((n, h)).astype(f) for _ in range(2)],
               "mask": rng.random((n, t)) < 0.7, "go_backwards": True,
               "dropout_mask": ((rng.random((n, d)) > 0.3) / 0.7).astype(f),
               "recurrent_dropout_mask": ((rng.random((n, h)) > 0.3) / 0.7).astype(f)}
    upstream = (rng.standard_normal((n, h) if last_only else (n, t, h)).astype(f),
                rng.standard_normal((n, h)).astype(f), rng.standard_normal((n, h)).astype(f))
    return args, options, upstream


def _run(case):
    args, options, upstream = case
    outputs, cache = lstm.lstm_forward(*args, **options)
    dx, dstates, dkernel, drecurrent, dbias = lstm.lstm_backward(upstream, cache)
    return list(outputs) + [dx, *dstates, dkernel, drecurrent, dbias]


@pytest.mark.parametrize("last_only", [False, True])
def test_the_three_ways_give_the_same_numbers(monkeypatch, last_only):
    case = _large_case(np.random.default_rng(7), last_only)
    results = {}
    for name, (gemm_for, parts) in WAYS.items():
        monkeypatch.setattr(lstm, "gemm_for", gemm_for)
        monkeypatch.setattr(batch_parts, "batch_parts", parts)
        results[name] = _run(case)
    names = ("outputs", "h", "c", "dx", "dh0", "dc0", "dkernel", "drecurrent", "dbias")
    for name, got in list(results.items())[1:]:
        for what, a, b in zip(names, got, results["python"]):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5, err_msg=f"{name}: {what}")


class _NoThreads:
    def submit(self, *args):
        raise RuntimeError("can't start new thread")


def test_without_a_second_thread_the_halves_run_one_after_the_other(monkeypatch):
    case = _large_case(np.random.default_rng(8))
    monkeypatch.setattr(batch_parts, "batch_parts", _whole)
    want = _run(case)
    monkeypatch.setattr(batch_parts, "batch_parts", _halves)
    monkeypatch.setattr(batch_parts, "_helper", _NoThreads())
    for a, b in zip(_run(case), want):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-6)


def test_an_error_in_one_half_reaches_the_caller_and_blas_gets_its_threads_back(monkeypatch):
    monkeypatch.setattr(batch_parts, "batch_parts", _halves)
    before = threads.blas_threads()
    seen = []

    def run(lo, hi):
        seen.append((lo, hi))
        if lo > 0:
            raise ValueError("second half failed")

    with pytest.raises(ValueError, match="second half failed"):
        batch_parts.over_batch_parts(run, 64)
    assert sorted(seen) == [(0, 32), (32, 64)]
    assert threads.blas_threads() == before


def test_the_batch_is_split_only_with_two_blas_threads_and_enough_rows(monkeypatch):
    monkeypatch.setattr(threads, "blas_threads", lambda n=None: 2)
    assert batch_parts.batch_parts(64) == [(0, 32), (32, 64)]
    assert batch_parts.batch_parts(2 * batch_parts.MIN_PART_ROWS - 1) == [(0, 15)]
    monkeypatch.setattr(threads, "blas_threads", lambda n=None: 1)
    assert batch_parts.batch_parts(64) == [(0, 64)]
    monkeypatch.setattr(threads, "blas_threads", lambda n=None: None)  # BLAS unknown
    assert batch_parts.batch_parts(64) == [(0, 64)]
