"""``ImageDataGenerator``: random augmentation of image batches, as Keras's legacy API has it."""

__all__ = ["ArrayIterator", "DirectoryIterator", "ImageDataGenerator"]

import numpy as np

from course.data.augment import FILL_MODES, affine_warp, random_affine
from course.keras.preprocessing.array_iterator import ArrayIterator
from course.keras.preprocessing.directory_iterator import DirectoryIterator


class ImageDataGenerator:
    """Augment channels-last images on the fly.

    Args (Keras's names and defaults): rotation_range=0 (degrees), width_shift_range=0.0,
    height_shift_range=0.0 (fractions of the size, or pixels if >= 1), zoom_range=0.0
    (a float z means [1 - z, 1 + z], or a pair), horizontal_flip=False, vertical_flip=False,
    fill_mode="nearest", cval=0.0, rescale=None (multiplies after the transform),
    preprocessing_function=None (applied to each image first), featurewise_center=False,
    featurewise_std_normalization=False, zca_whitening=False, zca_epsilon=1e-6 (the
    featurewise statistics come from ``fit(x)``).
    """

    def __init__(self, rotation_range=0, width_shift_range=0.0, height_shift_range=0.0,
                 zoom_range=0.0, horizontal_flip=False, vertical_flip=False, fill_mode="nearest",
                 cval=0.0, rescale=None, preprocessing_function=None, featurewise_center=False,
                 featurewise_std_normalization=False, zca_whitening=False, zca_epsilon=1e-6,
                 **kwargs):
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
        self.featurewise_center = featurewise_center
        self.featurewise_std_normalization = featurewise_std_normalization
        self.zca_whitening, self.zca_epsilon = zca_whitening, zca_epsilon
        self.mean = self.std = self.zca_whitening_matrix = None

    def fit(self, x, augment=False, rounds=1, seed=None):
        """Learn the featurewise statistics of images ``x`` ``(N, H, W, C)``, as Keras:
        per-channel mean and std (after ``rescale``) and the ZCA whitening matrix."""
        x = np.asarray(x, dtype=np.float32)
        if x.ndim != 4:
            raise ValueError(f"Input to `.fit()` should have rank 4. Got array with shape: "
                             f"{x.shape}")
        x = x * np.float32(self.rescale) if self.rescale else x.copy()
        if augment:
            rng = np.random.default_rng(seed)
            x = np.concatenate([self.augment(x, rng) for _ in range(rounds)])
        if self.featurewise_center:
            self.mean = x.mean(axis=(0, 1, 2)).reshape(1, 1, -1)
            x -= self.mean
        if self.featurewise_std_normalization:
            self.std = x.std(axis=(0, 1, 2)).reshape(1, 1, -1)
            x /= self.std + 1e-6
        if self.zca_whitening:
            flat = x.reshape(len(x), -1)
            u, s, _ = np.linalg.svd(flat.T @ flat / len(flat))
            self.zca_whitening_matrix = ((u * (1.0 / np.sqrt(s + self.zca_epsilon))) @ u.T
                                         ).astype(np.float32)

    def standardize(self, x):
        """Apply ``rescale`` and the fitted featurewise normalization to a batch ``x``."""
        if self.rescale:
            x = x * np.float32(self.rescale)
        for wanted, stat in ((self.featurewise_center, self.mean),
                             (self.featurewise_std_normalization, self.std),
                             (self.zca_whitening, self.zca_whitening_matrix)):
            if wanted and stat is None:
                raise ValueError("This ImageDataGenerator specifies featurewise "
                                 "normalization but has not been fit; call .fit(x) first")
        if self.featurewise_center:
            x = x - self.mean
        if self.featurewise_std_normalization:
            x = x / (self.std + 1e-6)
        if self.zca_whitening:
            x = (x.reshape(len(x), -1) @ self.zca_whitening_matrix).reshape(x.shape)
        return x

    @property
    def _transforms(self):
        return bool(self.rotation_range or self.width_shift_range or self.height_shift_range
                    or self.zoom_range != (1.0, 1.0) or self.horizontal_flip
                    or self.vertical_flip)

    def augment(self, images, rng):
        """Transformed copies of ``images`` ``(N, H, W, C)`` (float32), before
        :meth:`standardize`."""
        images = np.asarray(images, dtype=np.float32)
        if self.preprocessing_function is not None:
            images = np.stack([self.preprocessing_function(im) for im in images])
        if self._transforms:
            matrices = random_affine(len(images), images.shape[1:3], rng, self.rotation_range,
                                     self.height_shift_range, self.width_shift_range,
                                     self.zoom_range, self.horizontal_flip, self.vertical_flip)
            images = affine_warp(images, matrices, self.fill_mode, self.cval)
        return images

    def flow(self, x, y=None, batch_size=32, shuffle=True, seed=None, sample_weight=None):
        """Batches ``(augmented x, y[, sample_weight])`` for ``fit``: an ``ArrayIterator``."""
        return ArrayIterator(self, x, y, batch_size, shuffle, seed, sample_weight)

    def flow_from_directory(self, directory, target_size=(256, 256), color_mode="rgb",
                            classes=None, class_mode="categorical", batch_size=32, shuffle=True,
                            seed=None, interpolation="nearest", follow_links=False):
        """Batches of augmented images read from ``directory/<class>/<file>``: a
        ``DirectoryIterator`` with ``class_indices``, ``classes``, ``filenames``, ``samples``."""
        return DirectoryIterator(self, directory, target_size, color_mode, classes, class_mode,
                                 batch_size, shuffle, seed, interpolation, follow_links)
