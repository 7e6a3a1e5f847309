"""What decoding a worker's answer may cost: a bound on its structure, checked before
any object is built.

A frame's size is bounded in bytes (``--answer-mb``), but JSON builds far more than its
bytes in objects: 60 MB of ``[],[],...`` are 20 million lists, gigabytes in the grader.
So every frame also has a budget of *values* (each number, string, list, dict and key
counts one), derived from what the answer should be: the expected output and the case's
arguments (what ``args_after`` holds), each counted as if every array were sent as nested
lists, with room to spare for a wrong but honest answer. :func:`check_structure` counts
the values and the nesting depth of the JSON text (strings skipped whole) and stops at
the first one past the budget, before ``json.loads`` builds anything.
"""

import math
import re

import numpy as np

MAX_DEPTH = 32              # as course.checks.plain
SLACK, FLOOR = 4, 10_000    # a frame may hold SLACK times what the answer needs, or FLOOR
TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},]')


class TooComplex(ValueError):
    """A frame with more values or a deeper nesting than its budget."""


def values_in(obj):
    """How many JSON values ``obj`` takes when sent as plain data, an array counted as
    the nested lists of its elements (the most an honest answer of its shape needs)."""
    if isinstance(obj, np.ndarray):
        dims = obj.shape or (1,)
        return sum(math.prod(dims[:k + 1]) for k in range(len(dims))) + 8
    if isinstance(obj, (list, tuple)):
        return 2 + sum(values_in(v) for v in obj)
    if isinstance(obj, dict):
        return 2 + sum(1 + values_in(v) for v in obj.values())
    return 3


def budget(expected, args):
    """The values a run frame may hold: its case's expected output and arguments."""
    return SLACK * (values_in(expected) + values_in(args) + 16) + FLOOR


def check_structure(text, max_values, max_depth=MAX_DEPTH):
    """Raise :class:`TooComplex` if the JSON ``text`` holds more than ``max_values``
    values or nests deeper than ``max_depth``; builds no object."""
    upper = text.count("[") + text.count("{") + text.count(",") + 1
    if upper <= max_values and text.count("[") + text.count("{") <= max_depth:
        return          # even counting brackets and commas inside strings, within budget
    values, depth = 1, 0
    for token in TOKENS.finditer(text):
        c = token.group()
        if c in "[{":
            depth += 1
            values += 1
            if depth > max_depth:
                raise TooComplex(f"nested deeper than {max_depth}")
        elif c in "]}":
            depth -= 1
        elif c == ",":
            values += 1
        else:
            continue
        if values > max_values:
            raise TooComplex(f"more than {max_values:,} values, far more than the "
                             f"expected answer holds")
