"""What several exercises of ch3_forward use: case helpers, call adapters."""

import numpy as np

from course.checks.calls import first_of_pair
from course.checks.cases import randn
from course.checks.spec import Case


def activation_cases(rng, hidden, huge=1e4):
    """Random values, exact zeros, huge magnitudes, float32, any shape (ReLU and sigmoid)."""
    cases = []
    for _ in range(6 if hidden else 2):
        shape = tuple(int(v) for v in rng.integers(1, 30 if hidden else 7, size=2))
        cases.append(Case("random values", {"x": randn(rng, *shape, scale=3)}))
    x = np.round(randn(rng, 4, 5))
    x[0, :2] = 0.0
    cases.append(Case("exact zeros", {"x": x}))
    cases.append(Case("huge magnitudes (±1e4)", {
        "x": np.array([[-huge, -100.0, 0.0, 100.0, huge], [huge, -huge, 1.0, -1.0, 0.5]])}))
    cases.append(Case("float32", {"x": randn(rng, 3, 4, scale=2, dtype=np.float32)}))
    cases.append(Case("batch of 1", {"x": randn(rng, 1, 6)}))
    cases.append(Case("any shape (1-D and 3-D)", {"x": randn(rng, 7)}))
    cases.append(Case("any shape (1-D and 3-D)", {"x": randn(rng, 2, 3, 4)}))
    if hidden:
        cases.append(Case("random values", {"x": randn(rng, 128, 300)}))
    return cases


def call_out(name):
    def call(obj, args):
        return first_of_pair(obj(**args), name)
    return call
