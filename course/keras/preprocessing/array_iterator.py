"""``ArrayIterator``: batches of augmented images held in memory (``ImageDataGenerator.flow``)."""

import math

import numpy as np

from course.keras.utils.sequence import Sequence


class ArrayIterator(Sequence):
    """Batches of augmented images. ``len()`` batches per epoch, reshuffled each epoch;
    iterating goes on forever, as Keras's iterators do. Labels stay with their images."""

    def __init__(self, generator, x, y, batch_size, shuffle, seed, sample_weight):
        x = np.asarray(x)
        if x.ndim != 4:
            raise ValueError(f"ImageDataGenerator.flow expects images of shape (N, H, W, C), got "
                             f"{x.shape}")
        if y is not None and len(y) != len(x):
            raise ValueError(f"x and y have different lengths: {len(x)} and {len(y)}")
        self.generator, self.x, self.y = generator, x, None if y is None else np.asarray(y)
        self.sample_weight = None if sample_weight is None else np.asarray(sample_weight)
        self.batch_size, self.shuffle = batch_size, shuffle
        self.rng = np.random.default_rng(seed)
        self.index = self._order()
        self._next = 0

    def _order(self):
        return self.rng.permutation(len(self.x)) if self.shuffle else np.arange(len(self.x))

    def __len__(self):
        return math.ceil(len(self.x) / self.batch_size)

    def __getitem__(self, i):
        rows = self.index[i * self.batch_size:(i + 1) * self.batch_size]
        batch = (self.generator.standardize(self.generator.augment(self.x[rows], self.rng)),)
        if self.y is not None:
            batch += (self.y[rows],)
            if self.sample_weight is not None:
                batch += (self.sample_weight[rows],)
        return batch if len(batch) > 1 else batch[0]

    def on_epoch_end(self):
        self.index = self._order()

    def __iter__(self):
        return self

    def __next__(self):
        if self._next >= len(self):
            self._next = 0
            self.on_epoch_end()
        self._next += 1
        return self[self._next - 1]
