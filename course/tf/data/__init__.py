"""``tf.data``: input pipelines of numpy arrays, as ``tf.data.Dataset`` builds them.

    from course.tf import data
    ds = data.Dataset.from_tensor_slices((x, y)).shuffle(1000, seed=0).batch(32)
    model.fit(ds.prefetch(data.AUTOTUNE), epochs=2)

The implementation is :mod:`course.data.pipeline` (below ``course.keras``, which builds
datasets too).
"""

from types import SimpleNamespace

from course.data.pipeline import (AUTOTUNE, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, Dataset,
                                  DatasetSpec)

experimental = SimpleNamespace(AUTOTUNE=AUTOTUNE, INFINITE_CARDINALITY=INFINITE_CARDINALITY,
                               UNKNOWN_CARDINALITY=UNKNOWN_CARDINALITY,
                               cardinality=lambda dataset: dataset.cardinality())
"""``tf.data.experimental``: the names older tutorials use (``experimental.AUTOTUNE``)."""

__all__ = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "Dataset", "DatasetSpec",
           "experimental"]
