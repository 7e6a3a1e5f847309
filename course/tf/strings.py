"""``tf.strings``: elementwise string functions on arrays of text (``str`` or ``bytes``).

The text classification tutorial's ``custom_standardization`` runs ``tf.strings.lower`` and
``tf.strings.regex_replace`` on a batch of strings; here they run element by element with
Python's ``str`` and ``re``, and give back the kind they were given (bytes in, bytes out).
"""

import re

import numpy as np


def _elementwise(fn, input):  # noqa: A002
    array = np.asarray(input)
    if array.dtype.kind not in "SUO":
        raise TypeError(f"tf.strings expects string tensors, received dtype {array.dtype}")
    as_bytes = array.dtype.kind == "S"

    def apply(value):
        text = value.decode("utf-8") if isinstance(value, bytes) else str(value)
        result = fn(text)
        return result.encode("utf-8") if as_bytes else result
    if array.size == 0:
        return array.copy()
    return np.array([apply(v) for v in array.reshape(-1)]).reshape(array.shape)


def lower(input, encoding="", name=None):  # noqa: A002
    return _elementwise(str.lower, input)


def upper(input, encoding="", name=None):  # noqa: A002
    return _elementwise(str.upper, input)


def strip(input, name=None):  # noqa: A002
    return _elementwise(str.strip, input)


def regex_replace(input, pattern, rewrite, replace_global=True, name=None):  # noqa: A002
    """Every match of ``pattern`` replaced by ``rewrite`` (only the first when
    ``replace_global`` is False); ``\\1`` in ``rewrite`` is a group, as in RE2."""
    compiled = re.compile(pattern)
    return _elementwise(lambda t: compiled.sub(rewrite, t, count=0 if replace_global else 1),
                        input)


def length(input, unit="BYTE", name=None):  # noqa: A002
    """The length of each string, in bytes (``unit="UTF8_CHAR"``: characters)."""
    array = np.asarray(input)
    count = (len if unit == "UTF8_CHAR" else lambda t: len(t.encode("utf-8")))
    return np.array([count(v.decode("utf-8") if isinstance(v, bytes) else str(v))
                     for v in array.reshape(-1)], dtype=np.int32).reshape(array.shape)


def split(input, sep=None, maxsplit=-1, name=None):  # noqa: A002
    """The parts of one string (a scalar) split at ``sep`` (whitespace when None), of the
    input's kind; a batch of strings (TensorFlow's RaggedTensor result) is refused."""
    array = np.asarray(input)
    if array.ndim != 0:
        raise ValueError(f"tf.strings.split: course.tf splits one string (a scalar); "
                         f"received shape {array.shape} (TensorFlow gives a RaggedTensor)")
    value = array.item()
    as_bytes = isinstance(value, bytes)
    text = value.decode("utf-8") if as_bytes else str(value)
    separator = sep.decode("utf-8") if isinstance(sep, bytes) else sep
    parts = text.split(separator, maxsplit)
    return np.array([p.encode("utf-8") for p in parts] if as_bytes else parts)
