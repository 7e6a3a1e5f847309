"""Batches from a dataset (``course.tf.data.Dataset``, or any object like it).

As Keras 3's ``TFDatasetAdapter``: each element of the dataset is one batch, ``x``,
``(x,)``, ``(x, y)`` or ``(x, y, sample_weight)``; the dataset already decides the batch
size, so ``y``, ``sample_weight`` and ``validation_split`` are refused (as Keras) and
``batch_size`` is ignored with a warning (Keras 3 ignores it silently). A
dataset is recognised by what it does (``cardinality()`` and iteration), so that keras
never imports the ``tf`` layer above it.
"""

import warnings

from course.keras.trainers.data_adapter import as_batch

INFINITE = -1


def is_dataset(x):
    """Whether ``x`` is a dataset: it iterates and knows its ``cardinality()``."""
    return callable(getattr(x, "cardinality", None)) and hasattr(x, "__iter__") and \
        not hasattr(x, "__getitem__")


def check_dataset_arguments(y=None, sample_weight=None, batch_size=None,
                            validation_split=0.0):
    """The arguments a dataset must carry itself: a ValueError naming the one given
    (``batch_size``: a warning that it is ignored)."""
    for name, described, value in (("y", "the targets", y),
                                   ("sample_weights", "the sample weights", sample_weight)):
        if value is not None:
            raise ValueError(f"When providing `x` as a tf.data.Dataset, `{name}` should not "
                             f"be passed. Instead, {described} should be included as part "
                             f"of the tf.data.Dataset.")
    if batch_size is not None:  # Keras 3 ignores it silently; say so
        warnings.warn(f"batch_size={batch_size} is ignored: x is a tf.data.Dataset, whose "
                      f"elements are already batches (set the size with dataset.batch(...))",
                      UserWarning, stacklevel=3)
    if validation_split:
        raise ValueError(f"`validation_split` is only supported for Tensors or NumPy arrays, "
                         f"not for a tf.data.Dataset; pass validation_data=. Received: "
                         f"validation_split={validation_split}")


def numpy_batches(dataset):
    """A fresh pass over the dataset's elements as plain numpy arrays."""
    return iter(dataset.as_numpy_iterator() if hasattr(dataset, "as_numpy_iterator")
                else dataset)


def num_batches(source):
    """Batches per epoch of any batch source (``None``: unknown, as after ``filter``)."""
    return source.num_batches if isinstance(source, DatasetBatches) else len(source)


class DatasetBatches:
    """A dataset's elements as ``(x, y, sample_weight)`` batches.

    With ``steps`` an epoch is that many batches and the next epoch goes on where the last
    stopped (a new pass starts when the data runs out), as Keras's epoch iterator; without,
    an epoch is one pass, and an infinite dataset is an error.
    """

    def __init__(self, dataset, steps=None, class_weight=None, steps_name="steps_per_epoch"):
        self.dataset, self.steps, self.class_weight = dataset, steps, class_weight
        if steps is None and int(dataset.cardinality()) == INFINITE:
            raise ValueError(f"When providing an infinite dataset, you must specify the number "
                             f"of steps to run ({steps_name}=). If you did not intend to create "
                             f"an infinite dataset, make sure to not call `repeat()` on the "
                             f"dataset.")
        self._pass = None

    @property
    def num_batches(self):
        """Batches per epoch (``None`` when the dataset's length is unknown)."""
        if self.steps is not None:
            return self.steps
        n = int(self.dataset.cardinality())
        return n if n >= 0 else None

    def epoch(self):
        if self.steps is None:
            for batch in numpy_batches(self.dataset):
                yield as_batch(batch, self.class_weight)
            return
        if self._pass is None:
            self._pass = numpy_batches(self.dataset)
        for step in range(self.steps):
            batch = next(self._pass, None)
            if batch is None:
                self._pass = None
                warnings.warn(f"Your input ran out of data; interrupting the epoch at step "
                              f"{step} of {self.steps}. Make sure that your dataset can "
                              f"generate at least `steps_per_epoch` batches (call repeat() "
                              f"on it).", UserWarning, stacklevel=2)
                return
            yield as_batch(batch, self.class_weight)

    def peek(self):
        """The first batch (to learn the shapes)."""
        for batch in numpy_batches(self.dataset.take(1) if hasattr(self.dataset, "take")
                                   else self.dataset):
            return as_batch(batch, self.class_weight)
        raise ValueError("The dataset is empty: it yields no batch")
