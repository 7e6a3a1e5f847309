"""TensorFlow-Keras as a contender, run in its own interpreter (never imported by course).

Name a Python that has ``tensorflow`` installed (its own venv) with ``--tf-python PATH`` or
the environment variable ``COURSE_TF_PYTHON``; the benchmark then writes its data to a
temporary ``.npz`` file and times ``tf_keras_worker.py`` in that interpreter.
"""

import os
import subprocess
import tempfile

import numpy as np

ENV = "COURSE_TF_PYTHON"
WORKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tf_keras_worker.py")
HELP = (f"a Python interpreter with tensorflow installed, e.g. ~/venvs/tf/bin/python "
        f"(default: ${ENV}); TensorFlow-Keras then runs side by side, in its own process")


def add_option(parser):
    parser.add_argument("--tf-python", default=os.environ.get(ENV), metavar="PATH", help=HELP)


def interpreter(path):
    """``path`` if it names an executable file; else None (with a note saying why)."""
    if not path:
        print(f"(TensorFlow-Keras: not compared; name its interpreter with --tf-python "
              f"or ${ENV})")
        return None
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise SystemExit(f"--tf-python: {path!r} is not an executable Python interpreter")
    return path


def tf_keras_epoch(python, kind, x, y, batch_size, repeats=1, predict=False):
    """Median seconds of a TensorFlow-Keras epoch of ``kind`` ("mlp", "convnet" or "lstm") on
    ``x, y`` at ``batch_size``, in a fresh ``python`` process; with ``predict``, the samples
    per second of ``model.predict(x)`` instead. None if it failed."""
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data.npz")
        np.savez(data, x=x, y=y)
        done = subprocess.run([python, WORKER, kind, data, "--batch-size", str(batch_size),
                               "--repeats", str(repeats)] + (["--predict"] if predict else []),
                              capture_output=True, text=True)
    if done.returncode:
        print(f"TensorFlow-Keras failed: {done.stderr.strip().splitlines()[-1:]}")
        return None
    return float(done.stdout.strip().splitlines()[-1])
