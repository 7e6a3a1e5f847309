"""Numbers computed with Keras 3, committed beside the scripts that made them.

Each ``make_<topic>.py`` here runs under TensorFlow-Keras (never a dependency of the course:
``python -m venv tf && tf/bin/pip install tensorflow-cpu==2.21.0``) and writes
``<topic>.npz``: the seeded inputs and weights it used and Keras's outputs. The tests load
those arrays with :func:`load`, so the suite itself needs no TensorFlow::

    tf/bin/python tests/keras_reference/make_losses.py     # rewrites losses.npz
"""

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def load(topic):
    """The arrays ``make_<topic>.py`` saved, as a dict of name -> ndarray."""
    path = HERE / f"{topic}.npz"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run make_{topic}.py under TensorFlow-Keras")
    with np.load(path, allow_pickle=False) as arrays:
        return dict(arrays)


def save(topic, arrays):
    """Write ``arrays`` (name -> array) as ``<topic>.npz``: used by the ``make_*`` scripts."""
    np.savez_compressed(HERE / f"{topic}.npz", **{k: np.asarray(v) for k, v in arrays.items()})
