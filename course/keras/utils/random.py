"""``set_random_seed``: one seed for every random thing in a course.keras program."""

import random

import numpy as np

from course.keras import backend


def set_random_seed(seed):
    """Seed Python's ``random``, numpy's global generator and course.keras's session.

    After it, building the same model gives the same weights, and ``fit`` shuffles and
    drops out in the same order, so the training curve repeats exactly.
    """
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        raise ValueError(f"seed must be an integer, got {seed!r}")
    random.seed(int(seed))
    np.random.seed(int(seed) % 2**32)
    backend.seed(int(seed))
