"""Input pipelines as ``tf.data`` builds them: :class:`Dataset` and its transformations.

It lives below ``course.keras`` so that Keras utilities that return datasets
(``keras.utils.split_dataset``) can build them; ``course.tf.data`` is its public name.
"""

from course.data.pipeline.dataset import (AUTOTUNE, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY,
                                          Dataset)
from course.data.pipeline.spec import DatasetSpec, TensorSpec

__all__ = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "Dataset", "DatasetSpec",
           "TensorSpec"]
