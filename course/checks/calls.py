"""Helpers of the call adapters: how an exercise's output is taken apart for comparison."""


def first_of_pair(result, name: str, what: str = "out"):
    """``out`` of an ``(out, cache)`` pair, or a clear error if the result is not a pair."""
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        got = (f"a {type(result).__name__} of {len(result)} values"
               if isinstance(result, (tuple, list)) else f"a {type(result).__name__}")
        raise TypeError(f"{name} should return a pair ({what}, cache), got {got}")
    return result[0]


def none_or_described(value):
    """What goes in an output slot that the contract says must be ``None``.

    ``compare.difference(None, array)`` raises (``array == None`` is ambiguous), so a value
    that should have been None is replaced by a description that compares cleanly."""
    if value is None:
        return None
    shape = getattr(value, "shape", None)
    return f"a {type(value).__name__}" + (f" of shape {tuple(shape)}" if shape is not None else "")
