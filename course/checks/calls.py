"""Helpers of the call adapters: how an exercise's output is taken apart for comparison, and
what a call checks beyond the output (a backward pass leaves its cache as it found it)."""

from typing import Callable

import numpy as np


def first_of_pair(result: object, name: str, what: str = 'out') -> object:
    """``out`` of an ``(out, cache)`` pair, or a clear error if the result is not a pair."""
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        got = (f"a {type(result).__name__} of {len(result)} values"
               if isinstance(result, (tuple, list)) else f"a {type(result).__name__}")
        raise TypeError(f"{name} should return a pair ({what}, cache), got {got}")
    return result[0]


def none_or_described(value: int | tuple) -> str | None:
    """What goes in an output slot that the contract says must be ``None``.

    ``compare.difference(None, array)`` raises (``array == None`` is ambiguous), so a value
    that should have been None is replaced by a description that compares cleanly."""
    if value is None:
        return None
    shape = getattr(value, "shape", None)
    return f"a {type(value).__name__}" + (f" of shape {tuple(shape)}" if shape is not None else "")


def _arrays(obj, path="cache"):
    """``(path, array)`` for every numpy array in a cache (tuples, lists and dicts walked)."""
    if isinstance(obj, np.ndarray):
        yield path, obj
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from _arrays(item, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from _arrays(item, f"{path}[{key!r}]")


def backward_reading_cache(backward: Callable, name: str, dout: np.ndarray, cache: tuple,
                           **kwargs: object) -> object:
    """``backward(dout, cache, **kwargs)``, and a ValueError if it wrote into ``cache``.

    A backward pass only reads its cache: the same cache may serve another backward call
    (a gradient check runs many), and a forward's cache can hold the caller's own arrays.
    """
    before = [(path, a.copy()) for path, a in _arrays(cache)]
    result = backward(dout, cache, **kwargs)
    after = dict(_arrays(cache))
    changed = [path for path, a in before
               if path not in after or after[path].shape != a.shape
               or not np.array_equal(after[path], a, equal_nan=a.dtype.kind == "f")]
    if changed:
        raise ValueError(f"{name} wrote into its cache ({', '.join(changed)}): a backward pass "
                         "must only read the cache. Compute new arrays (dx = dout * mask) "
                         "instead of changing the cached ones in place (x[x <= 0] = 0).")
    return result
