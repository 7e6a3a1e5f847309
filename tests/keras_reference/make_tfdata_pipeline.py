"""tf.data's element orders, shapes and cardinalities for seed-independent pipelines.

Run with TensorFlow: ``/work/venvs/tf/bin/python tests/keras_reference/make_tfdata_pipeline.py``.
Each pipeline is saved as its elements concatenated (``<name>``), the first-axis size of each
element (``<name>_sizes``) and its ``cardinality()`` (``<name>_card``).
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from keras_reference import save  # noqa: E402

D = tf.data.Dataset
x = np.arange(24, dtype=np.float32).reshape(12, 2)
y = np.arange(12, dtype=np.float32)


def pipelines():
    return {
        "batch": D.range(10).batch(3),
        "batch_drop": D.range(10).batch(3, drop_remainder=True),
        "unbatch": D.from_tensor_slices((x, y)).batch(5).unbatch().map(lambda a, b: a[0] + b),
        "repeat_take_skip": D.range(5).repeat(3).take(12).skip(2),
        "filter_map": D.range(10).filter(lambda v: v % 3 == 0).map(lambda v: v * 2),
        "zip": D.zip((D.range(3), D.range(10, 15))).map(lambda a, b: a * 100 + b),
        "enumerate": D.range(4, 8).enumerate(start=5).map(lambda i, v: i * 10 + v),
        "map_tuple": D.from_tensor_slices((x, y)).map(lambda a, b: (a * 2, b + 1))
                      .batch(4).map(lambda a, b: tf.reduce_sum(a, axis=1) + tf.cast(b, tf.float32)),
        "dict": D.from_tensor_slices({"a": x, "b": y}).batch(5).map(lambda d: d["b"]),
        "cache_repeat": D.range(3).cache().repeat(2),
        "take_all": D.range(4).take(-1),
        "skip_all": D.range(4).skip(-1),
        "repeat_batch_take": D.range(5).repeat().batch(2).take(4),
    }


CARDINALITY_ONLY = {
    "card_repeat": D.range(4).repeat(),
    "card_filter": D.range(4).filter(lambda v: v > 1),
    "card_unbatch": D.range(4).batch(2).unbatch(),
    "card_repeat_take": D.range(4).repeat().take(7),
    "card_repeat_skip": D.range(4).repeat().skip(3),
    "card_zip_inf": D.zip((D.range(4).repeat(), D.range(6))),
    "card_zip_unknown": D.zip((D.range(4).filter(lambda v: v > 0), D.range(6))),
    "card_repeat_zero": D.range(4).repeat(0),
    "card_batch_inf": D.range(4).repeat().batch(3),
    "card_skip_more": D.range(4).skip(9),
    "card_from_tensors": D.from_tensors(x),
    "card_range_step": D.range(2, 11, 3),
    "card_filter_repeat": D.range(4).filter(lambda v: v > 1).repeat(),
}

SPECS = {
    "spec_slices": D.from_tensor_slices((x, {"a": y})),
    "spec_batch": D.from_tensor_slices((x, y)).batch(5),
    "spec_batch_drop": D.from_tensor_slices((x, y)).batch(5, drop_remainder=True),
    "spec_unbatch": D.from_tensor_slices(x).batch(5).unbatch(),
    "spec_range_enumerate": D.range(3).enumerate(),
    "spec_zip_shuffle_repeat": D.zip((D.range(3), D.from_tensors(x))).shuffle(3).repeat(2),
    "spec_map": D.from_tensor_slices((x, y)).map(lambda a, b: tf.reshape(a, (1, 2))),
}


def spec_strings(spec):
    """``["(None, 2) float32", ...]``: each TensorSpec of a structure, flattened in order."""
    return [f"{tuple(s.shape.as_list())} {s.dtype.name}" for s in tf.nest.flatten(spec)]


if __name__ == "__main__":
    out = {}
    for name, ds in pipelines().items():
        elements = [np.asarray(e).reshape(-1) for e in ds.as_numpy_iterator()]
        out[name] = np.concatenate(elements) if elements else np.zeros(0)
        out[name + "_sizes"] = np.array([np.asarray(e).size for e in ds.as_numpy_iterator()])
        out[name + "_card"] = int(ds.cardinality())
    for name, ds in CARDINALITY_ONLY.items():
        out[name] = int(ds.cardinality())
    for name, ds in SPECS.items():
        out[name] = np.array(spec_strings(ds.element_spec))
    save("tfdata_pipeline", out)
    print({k: v for k, v in out.items()})
