"""Keras 3's ``keras.utils.split_dataset``: which samples land left and right.

Run with TensorFlow: ``/work/venvs/tf/bin/python tests/keras_reference/make_tfdata_utils.py``.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from keras_reference import save  # noqa: E402

data = np.arange(40, dtype=np.float32).reshape(20, 2)
labels = np.arange(20, dtype=np.int64)
CASES = {
    "array_07": (data, dict(left_size=0.7)),
    "array_right5": (data, dict(right_size=5)),
    "array_shuffle": (data, dict(left_size=0.6, shuffle=True, seed=42)),
    "tuple_both": ((data, labels), dict(left_size=0.25, right_size=0.5)),
    "tuple_shuffle": ((data, labels), dict(left_size=7, shuffle=True, seed=3)),
    "dataset_batched": (tf.data.Dataset.from_tensor_slices((data, labels)).batch(4),
                        dict(left_size=0.5, shuffle=True, seed=1)),
}


def first_column(ds):
    """Each split's samples (the first component's first column) and its element count."""
    values = []
    for element in ds.as_numpy_iterator():
        first = element[0] if isinstance(element, tuple) else element
        values.append(np.asarray(first).reshape(-1, 2)[:, 0])
    return np.concatenate(values), len(values)


if __name__ == "__main__":
    out = {}
    for name, (dataset, kwargs) in CASES.items():
        left, right = keras.utils.split_dataset(dataset, **kwargs)
        out[name + "_left"], out[name + "_left_elements"] = first_column(left)
        out[name + "_right"], out[name + "_right_elements"] = first_column(right)
    save("tfdata_utils", out)
    print(out)
