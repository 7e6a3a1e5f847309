"""Keras's ``imdb.load_data`` on a tiny file in IMDB's format, for tests/test_imdb.py.

The reviews are saved flat (``*_flat`` with ``*_lengths``); the test writes the same tiny
``imdb.npz`` from them. Run under TensorFlow-Keras.
"""

import os
import sys
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
from keras.src.datasets import imdb  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from keras_reference import save  # noqa: E402

rng = np.random.default_rng(7)


def reviews(n):
    return [list(rng.integers(1, 40, rng.integers(2, 12))) for _ in range(n)]


def obj(lists):
    a = np.empty(len(lists), dtype=object)
    a[:] = [list(map(int, x)) for x in lists]
    return a


def flat(lists):
    return np.concatenate([np.asarray(x, np.int64) for x in lists]), np.array([len(x) for x in lists])


raw = {"x_train": reviews(9), "x_test": reviews(7)}
labels = {"y_train": rng.integers(0, 2, 9), "y_test": rng.integers(0, 2, 7)}
arrays = {}
for key, lists in raw.items():
    arrays[f"raw_{key}_flat"], arrays[f"raw_{key}_lengths"] = flat(lists)
arrays.update({f"raw_{k}": v for k, v in labels.items()})

folder = tempfile.mkdtemp()
path = os.path.join(folder, "imdb.npz")
np.savez(path, x_train=obj(raw["x_train"]), x_test=obj(raw["x_test"]), **labels)
imdb.get_file = lambda fname, **kwargs: path           # the tiny file instead of a download

CASES = {
    "default": {}, "num_words": dict(num_words=20), "skip_top": dict(skip_top=6, num_words=30),
    "maxlen": dict(maxlen=8), "no_oov": dict(oov_char=None, num_words=15),
    "no_start": dict(start_char=None, index_from=0), "seed": dict(seed=1, index_from=2),
}
for name, kwargs in CASES.items():
    (xtr, ytr), (xte, yte) = imdb.load_data(**kwargs)
    for split, x, y in (("train", xtr, ytr), ("test", xte, yte)):
        arrays[f"{name}_{split}_flat"], arrays[f"{name}_{split}_lengths"] = flat(list(x))
        arrays[f"{name}_{split}_y"] = y
save("text_imdb", arrays)
print("wrote", len(arrays), "arrays")
