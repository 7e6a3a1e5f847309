"""The global state of a Keras session: default dtype, layer names, the random seed.

``clear_session()`` resets the name counters (so the next Dense is called "dense" again);
``set_random_seed(s)`` (in ``utils``) reseeds the generator that initializers without an
explicit seed, dropout masks and ``fit``'s shuffling draw from, so that the same seed gives
the same weights and the same training curve.
"""

import collections
import re

import numpy as np

_name_counts = collections.Counter()
_rng = np.random.default_rng()


def floatx():
    """The default float type of weights and activations: ``"float32"``."""
    return "float32"


def epsilon():
    """Keras's fuzz factor, ``1e-7``."""
    return 1e-7


def unique_name(prefix):
    """``"dense"``, then ``"dense_1"``, ``"dense_2"``... for each prefix, as Keras names layers."""
    n = _name_counts[prefix]
    _name_counts[prefix] += 1
    return prefix if n == 0 else f"{prefix}_{n}"


def snake_case(class_name):
    """``"MaxPooling2D"`` -> ``"max_pooling2d"`` (the prefix of a layer's default name)."""
    s = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", class_name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", s).lower()


def clear_session():
    """Forget layer names, as ``keras.backend.clear_session()`` does."""
    _name_counts.clear()


def seed(value):
    """Reseed the session's generator (use ``course.keras.utils.set_random_seed``)."""
    global _rng
    _rng = np.random.default_rng(value)


def rng():
    """The session's ``numpy.random.Generator``."""
    return _rng


def draw_seed():
    """A fresh integer seed from the session's generator (for an initializer or a mask)."""
    return int(_rng.integers(0, 2**31 - 1))
