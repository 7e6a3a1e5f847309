"""``tf.data``: input pipelines of numpy arrays, as ``tf.data.Dataset`` builds them.

    from course.tf import data
    ds = data.Dataset.from_tensor_slices((x, y)).shuffle(1000, seed=0).batch(32)
    model.fit(ds.prefetch(data.AUTOTUNE), epochs=2)

The implementation is :mod:`course.data.pipeline` (below ``course.keras``, which builds
datasets too).
"""

from course.data.pipeline import AUTOTUNE, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, Dataset

__all__ = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "Dataset"]
