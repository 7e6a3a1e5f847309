"""``ImageDataGenerator``: random augmentation of image batches, as Keras's legacy API has it."""

import math

import numpy as np

from course.data.augment import FILL_MODES, affine_warp, random_affine
from course.keras.utils.sequence import Sequence


class ImageDataGenerator:
    """Augment channels-last images on the fly.

    Args (Keras's names and defaults): rotation_range=0 (degrees), width_shift_range=0.0,
    height_shift_range=0.0 (fractions of the size, or pixels if >= 1), zoom_range=0.0
    (a float z means [1 - z, 1 + z], or a pair), horizontal_flip=False, vertical_flip=False,
    fill_mode="nearest", cval=0.0, rescale=None (multiplies after the transform),
    preprocessing_function=None (applied to each image first).
    """

    def __init__(self, rotation_range=0, width_shift_range=0.0, height_shift_range=0.0,
                 zoom_range=0.0, horizontal_flip=False, vertical_flip=False, fill_mode="nearest",
                 cval=0.0, rescale=None, preprocessing_function=None, **kwargs):
        if kwargs:
            raise TypeError(f"ImageDataGenerator does not support {sorted(kwargs)}")
        if fill_mode not in FILL_MODES:
            raise ValueError(f"fill_mode must be one of {sorted(FILL_MODES)}, got {fill_mode!r}")
        self.rotation_range = float(rotation_range)
        self.width_shift_range = float(width_shift_range)
        self.height_shift_range = float(height_shift_range)
        if np.isscalar(zoom_range):
            zoom_range = (1 - zoom_range, 1 + zoom_range)
        self.zoom_range = tuple(float(z) for z in zoom_range)
        self.horizontal_flip, self.vertical_flip = horizontal_flip, vertical_flip
        self.fill_mode, self.cval = fill_mode, cval
        self.rescale, self.preprocessing_function = rescale, preprocessing_function

    @property
    def _transforms(self):
        return bool(self.rotation_range or self.width_shift_range or self.height_shift_range
                    or self.zoom_range != (1.0, 1.0) or self.horizontal_flip
                    or self.vertical_flip)

    def augment(self, images, rng):
        """Transformed copies of ``images`` ``(N, H, W, C)`` (float32)."""
        images = np.asarray(images, dtype=np.float32)
        if self.preprocessing_function is not None:
            images = np.stack([self.preprocessing_function(im) for im in images])
        if self._transforms:
            matrices = random_affine(len(images), images.shape[1:3], rng, self.rotation_range,
                                     self.height_shift_range, self.width_shift_range,
                                     self.zoom_range, self.horizontal_flip, self.vertical_flip)
            images = affine_warp(images, matrices, self.fill_mode, self.cval)
        if self.rescale:
            images = images * np.float32(self.rescale)
        return images

    def flow(self, x, y=None, batch_size=32, shuffle=True, seed=None, sample_weight=None):
        """Batches ``(augmented x, y[, sample_weight])`` for ``fit``: an ``ArrayIterator``."""
        return ArrayIterator(self, x, y, batch_size, shuffle, seed, sample_weight)


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
        batch = (self.generator.augment(self.x[rows], self.rng),)
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
