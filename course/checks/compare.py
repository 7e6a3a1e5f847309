"""Comparing a student's output with the reference's, and saying what differs.

Outputs are plain data: arrays, numbers, strings, None, and tuples/lists/dicts of them.
:func:`difference` returns None when they agree (within tolerance) or a sentence that
names every part that differs (each output of a tuple, each key of a dict) and, for each,
the shape, the dtype, the first bad index and the largest error.

Arrays keep their dtype in this course: where the reference returns a float32 array, a
float64 array is a difference. A single number is compared by value only (a numpy scalar
crosses the grading boundary as a Python float, and ``float(loss)`` is no mistake).
"""

import numpy as np


_FLOAT32_RTOL = 1e-5   # about 80 float32 ulps: another correct order of operations


def _largest(array):
    finite = np.abs(array[np.isfinite(array)])
    return float(finite.max()) if finite.size else 0.0


def _describe_index(index):
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


def _at(index):
    """`` at index [1, 2]`` (nothing for a single number)."""
    return f" at index {_describe_index(index)}" if len(index) else ""


def _array_difference(expected, got, where, rtol, atol, exact_dtype, keep_float32):
    if not isinstance(got, (np.ndarray, np.generic, int, float, bool, complex)) or \
            isinstance(got, (str, bytes)):
        return f"{where}should be a numpy array of shape {expected.shape}, got {type(got).__name__}"
    got = np.asarray(got)
    if got.shape != expected.shape:
        if got.size == expected.size:
            return (f"{where}has shape {got.shape}, expected {expected.shape} (same number of "
                    f"elements: a missing reshape, transpose or keepdims?)")
        return f"{where}has shape {got.shape}, expected {expected.shape}"
    if expected.dtype.kind in "fc" and got.dtype.kind in "iub":
        return (f"{where}has integer dtype {got.dtype}, expected floats ({expected.dtype}): "
                f"integer division or a cast somewhere?")
    if expected.dtype.kind in "iu" and got.dtype.kind == "f":
        if not np.array_equal(np.round(got), got):
            return f"{where}should hold integers ({expected.dtype}), got fractional floats"
    if expected.dtype.kind == "b" and got.dtype.kind != "b":
        return f"{where}should be a boolean array, got dtype {got.dtype}"
    if keep_float32 and expected.dtype == np.float32 and got.dtype == np.float64:
        return (f"{where}has dtype float64, expected float32 (keep the inputs' float32: "
                f"float64 doubles the memory and the time)")
    if exact_dtype and got.dtype != expected.dtype:
        return f"{where}has dtype {got.dtype}, expected {expected.dtype}"
    if expected.dtype.kind in "fc":
        if expected.dtype == np.float32:   # float32's own rounding (7 digits) is no mistake
            rtol = max(rtol, _FLOAT32_RTOL)
            atol = max(atol, float(np.finfo(np.float32).eps) * _largest(expected))
        e, g = expected.astype(np.float64), got.astype(np.float64)
        finite_e, finite_g = np.isfinite(e), np.isfinite(g)
        if (finite_e & ~finite_g).any():
            i = np.argwhere(finite_e & ~finite_g)[0]
            return (f"{where}has {g[tuple(i)]}{_at(i)} where "
                    f"{e[tuple(i)]:.6g} was expected (overflow, or log/division of zero?)")
        with np.errstate(invalid="ignore"):
            err = np.where(finite_e & finite_g, np.abs(g - e), 0.0)
        both_nan = np.isnan(e) & np.isnan(g)
        bad = finite_e & (err > atol + rtol * np.abs(e)) | (~finite_e & (g != e) & ~both_nan)
        if bad.any():
            i = tuple(np.argwhere(bad)[0])
            return (f"{where}differs{_at(i)}: got {g[i]:.6g}, expected "
                    f"{e[i]:.6g} (max abs error {err.max():.3g} over {int(bad.sum())} of "
                    f"{bad.size} elements)")
        return None
    if not np.array_equal(expected, got):
        i = tuple(np.argwhere(expected != got)[0]) if expected.shape else ()
        return f"{where}differs{_at(i)}: got {got[i]!r}, expected {expected[i]!r}"
    return None


def _short(value):
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


def _every(differences):
    """The differences that are not None, joined; None if there is none."""
    found = [d for d in differences if d]
    return "; ".join(found) if found else None


def difference(expected, got, rtol=1e-5, atol=1e-6, exact_dtype=False, where="", names=()):
    """None if ``got`` matches ``expected``, else sentences describing every part that
    differs, joined by ``"; "``."""
    label = f"{where} " if where else "the result "
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            return (f"{label}should be a {type(expected).__name__} of {len(expected)} values"
                    + (f" ({', '.join(names)})" if names else "") + f", got {type(got).__name__}")
        if len(got) != len(expected):
            return f"{label}should have {len(expected)} values, got {len(got)}"
        parts = [names[i] if i < len(names) else f"{where}[{i}]" if where else f"value {i}"
                 for i in range(len(expected))]
        return _every(difference(e, g, rtol, atol, exact_dtype, part)
                      for e, g, part in zip(expected, got, parts))
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return f"{label}should be a dict, got {type(got).__name__}"
        if set(expected) != set(got):
            return f"{label}should have keys {sorted(expected)}, got {sorted(got)}"
        return _every(difference(expected[k], got[k], rtol, atol, exact_dtype, f"{where}[{k!r}]")
                      for k in expected)
    if expected is None:
        return None if got is None else f"{label}should be None, got {_short(got)}"
    if isinstance(expected, (str, bytes)):
        if isinstance(got, type(expected)) and got == expected:
            return None
        return f"{label}should be {expected!r}, got {_short(got)}"
    if isinstance(expected, (bool, np.bool_)):
        if not isinstance(got, (bool, np.bool_)):
            return f"{label}should be True or False, got {got!r}"
        return None if bool(got) == bool(expected) else f"{label}should be {expected}, got {got}"
    if isinstance(expected, (np.ndarray, np.generic, int, float)):
        from_numpy = isinstance(got, np.ndarray)
        if isinstance(got, (list, tuple)):
            got = np.asarray(got)
        return _array_difference(np.asarray(expected), got, label, rtol, atol, exact_dtype,
                                 keep_float32=from_numpy)
    raise TypeError(f"cannot compare outputs of type {type(expected).__name__}")


def same(expected, got, rtol=1e-5, atol=1e-6, exact_dtype=False):
    """Whether two outputs agree (used to match a student's output with a mutant's); an
    output too odd to compare (a ragged list...) agrees with nothing."""
    try:
        return difference(expected, got, rtol, atol, exact_dtype) is None
    except (TypeError, ValueError):
        return False
