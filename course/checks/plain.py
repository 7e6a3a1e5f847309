"""Plain data across the grading boundary: a strict JSON encoding, never pickle.

Allowed: None, bool, int, float, str, numpy arrays and scalars of bool/int/uint/float
dtypes, and lists, tuples and str-keyed dicts of these. :func:`loads` accepts exactly
what :func:`dumps` writes and checks every array's dtype, shape and byte size, so a
hostile process can send back wrong answers but nothing that executes or explodes.
"""

from typing import Callable

import base64
import json
import math

import numpy as np

ALLOWED_DTYPES = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                  "uint64", "float16", "float32", "float64"}
MAX_ELEMENTS = 50_000_000
MAX_DEPTH = 32


class PlainDataError(ValueError):
    """Data that is not plain, or a malformed encoding."""


def _encode(obj, depth=0):
    if depth > MAX_DEPTH:
        raise PlainDataError("data nested too deeply")
    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, (int, np.integer)) and not isinstance(obj, np.bool_):
        return {"__int__": str(int(obj))}
    if isinstance(obj, (float, np.floating)) and not isinstance(obj, np.ndarray):
        v = float(obj)
        return {"__float__": repr(v)} if not math.isfinite(v) else v
    if isinstance(obj, (np.ndarray, np.generic)):
        arr = np.asarray(obj)
        if arr.dtype.name not in ALLOWED_DTYPES:
            raise PlainDataError(f"arrays of dtype {arr.dtype} cannot be exchanged")
        data = np.ascontiguousarray(arr).astype(arr.dtype.newbyteorder("<"), copy=False)
        return {"__ndarray__": base64.b64encode(data.tobytes()).decode("ascii"),
                "dtype": arr.dtype.name, "shape": list(arr.shape)}
    if isinstance(obj, tuple):
        return {"__tuple__": [_encode(v, depth + 1) for v in obj]}
    if isinstance(obj, list):
        return [_encode(v, depth + 1) for v in obj]
    if isinstance(obj, dict):
        if not all(isinstance(k, str) for k in obj):
            raise PlainDataError("only dicts with string keys can be exchanged")
        return {"__dict__": {k: _encode(v, depth + 1) for k, v in obj.items()}}
    raise PlainDataError(f"a {type(obj).__name__} is not plain data")


def dumps(obj: Callable) -> str:
    """Encode plain data as JSON text; raises PlainDataError for anything else."""
    return json.dumps(_encode(obj), allow_nan=False)


def _decode(obj, depth=0):
    if depth > MAX_DEPTH:
        raise PlainDataError("data nested too deeply")
    if obj is None or isinstance(obj, (bool, str, float, int)):
        if isinstance(obj, int) and not isinstance(obj, bool):
            raise PlainDataError("bare JSON integers are not produced by dumps")
        return obj
    if isinstance(obj, list):
        return [_decode(v, depth + 1) for v in obj]
    if isinstance(obj, dict):
        keys = set(obj)
        if keys == {"__int__"} and isinstance(obj["__int__"], str):
            text = obj["__int__"]
            if len(text) > 40:
                raise PlainDataError("integer too long")
            return int(text)
        if keys == {"__float__"} and obj["__float__"] in ("nan", "inf", "-inf"):
            return float(obj["__float__"])
        if keys == {"__tuple__"} and isinstance(obj["__tuple__"], list):
            return tuple(_decode(v, depth + 1) for v in obj["__tuple__"])
        if keys == {"__dict__"} and isinstance(obj["__dict__"], dict):
            return {str(k): _decode(v, depth + 1) for k, v in obj["__dict__"].items()}
        if keys == {"__ndarray__", "dtype", "shape"}:
            return _decode_array(obj)
    raise PlainDataError(f"malformed plain data: {str(obj)[:80]}")


def _decode_array(obj):
    dtype, shape = obj["dtype"], obj["shape"]
    if dtype not in ALLOWED_DTYPES:
        raise PlainDataError(f"arrays of dtype {dtype!r} are not allowed")
    if not isinstance(shape, list) or not all(
            isinstance(d, int) and not isinstance(d, bool) and 0 <= d for d in shape) \
            or len(shape) > 32:
        raise PlainDataError(f"invalid array shape {shape!r}")
    size = math.prod(shape)
    if size > MAX_ELEMENTS:
        raise PlainDataError(f"array of {size} elements is larger than allowed")
    if not isinstance(obj["__ndarray__"], str):
        raise PlainDataError("array data must be base64 text")
    raw = base64.b64decode(obj["__ndarray__"], validate=True)
    dt = np.dtype(dtype).newbyteorder("<")
    if len(raw) != size * dt.itemsize:
        raise PlainDataError(f"array data has {len(raw)} bytes, expected {size * dt.itemsize}")
    return np.frombuffer(raw, dtype=dt).astype(np.dtype(dtype)).reshape(shape)


def loads(text: str, max_bytes: int = 200000000) -> object:
    """Decode what :func:`dumps` wrote; raises PlainDataError for anything else."""
    if len(text) > max_bytes:
        raise PlainDataError(f"message of {len(text)} bytes is larger than allowed")
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise PlainDataError(f"not valid JSON: {err}") from None
    return _decode(obj)
