"""Initializers by Keras name or class, each drawing from ``course.ops.initializers``.

An initializer without a seed draws one from the session's generator, so that
``utils.set_random_seed`` makes every model's weights reproducible.
"""

from course.keras import backend
from course.ops import initializers as ops_init


class Initializer:
    """``init(shape, dtype)`` -> array. Subclasses name an ops function in ``fn``."""

    fn = None

    def __init__(self, seed=None, **kwargs):
        self.seed = seed
        self.kwargs = kwargs

    def __call__(self, shape, dtype="float32"):
        seed = self.seed if self.seed is not None else backend.draw_seed()
        return self.fn(tuple(shape), seed=seed, dtype=dtype, **self.kwargs)

    def get_config(self):
        return {"seed": self.seed, **self.kwargs}


def _make(class_name, fn, doc):
    return type(class_name, (Initializer,), {"fn": staticmethod(fn), "__doc__": doc})


Zeros = _make("Zeros", ops_init.zeros, "All zeros.")
Ones = _make("Ones", ops_init.ones, "All ones.")
RandomNormal = _make("RandomNormal", ops_init.random_normal, "Normal(mean=0, stddev=0.05).")
RandomUniform = _make("RandomUniform", ops_init.random_uniform, "Uniform(-0.05, 0.05).")
GlorotUniform = _make("GlorotUniform", ops_init.glorot_uniform, "Keras's default kernel init.")
GlorotNormal = _make("GlorotNormal", ops_init.glorot_normal, "Truncated normal, var 2/(in+out).")
HeUniform = _make("HeUniform", ops_init.he_uniform, "Uniform, limit sqrt(6/fan_in).")
HeNormal = _make("HeNormal", ops_init.he_normal, "Truncated normal, var 2/fan_in.")
LecunNormal = _make("LecunNormal", ops_init.lecun_normal, "Truncated normal, var 1/fan_in.")
LecunUniform = _make("LecunUniform", ops_init.lecun_uniform, "Uniform, limit sqrt(3/fan_in).")
Orthogonal = _make("Orthogonal", ops_init.orthogonal, "Random orthogonal (recurrent kernels).")

_BY_NAME = {
    "zeros": Zeros, "ones": Ones, "random_normal": RandomNormal,
    "random_uniform": RandomUniform, "glorot_uniform": GlorotUniform,
    "glorot_normal": GlorotNormal, "he_uniform": HeUniform, "he_normal": HeNormal,
    "lecun_normal": LecunNormal, "lecun_uniform": LecunUniform, "orthogonal": Orthogonal,
    "uniform": RandomUniform,
}


def get(identifier):
    """A name (``"he_normal"``, ``"HeNormal"``), an Initializer, or a callable -> initializer."""
    if isinstance(identifier, str):
        key = identifier if identifier in _BY_NAME else backend.snake_case(identifier)
        if key not in _BY_NAME:
            raise ValueError(f"Unknown initializer: {identifier!r}. "
                             f"Known: {', '.join(sorted(_BY_NAME))}")
        return _BY_NAME[key]()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret initializer: {identifier!r}")


def name_of(initializer):
    """The Keras name of an initializer (for configs)."""
    for name, cls in _BY_NAME.items():
        if type(initializer) is cls:
            return name
    return getattr(initializer, "__name__", type(initializer).__name__)
