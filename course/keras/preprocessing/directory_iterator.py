"""``DirectoryIterator``: batches of augmented images read from class subfolders
(``ImageDataGenerator.flow_from_directory``), in Keras's order of classes and files."""

import os

import numpy as np

from course.keras.preprocessing.array_iterator import ArrayIterator
from course.keras.utils.directory_dataset import index_directory
from course.keras.utils.image_utils import IMAGE_EXTENSIONS
from course.keras.utils.image_utils import img_to_array, load_img

CLASS_MODES = ("categorical", "binary", "sparse", "input", None)


class DirectoryIterator(ArrayIterator):
    """Reads ``directory/<class>/<file>`` lazily, one batch at a time.

    Attributes as in Keras: ``class_indices`` (name -> index, classes sorted by name or
    in the order of ``classes``), ``classes`` (the index of every file), ``filenames``
    (paths relative to ``directory``), ``samples``, ``num_classes``.
    """

    def __init__(self, generator, directory, target_size=(256, 256), color_mode="rgb",
                 classes=None, class_mode="categorical", batch_size=32, shuffle=True,
                 seed=None, interpolation="nearest", follow_links=False):
        if class_mode not in CLASS_MODES:
            raise ValueError(f"Invalid class_mode: {class_mode!r}; expected one of "
                             f"{CLASS_MODES}")
        if color_mode not in ("grayscale", "rgb", "rgba"):
            raise ValueError(f'Invalid color mode: {color_mode!r}; expected "rgb", "rgba", '
                             f'or "grayscale"')
        paths, labels, names = index_directory(directory, "inferred", classes, follow_links,
                                               IMAGE_EXTENSIONS)
        self.directory, self.target_size = directory, tuple(target_size)
        self.color_mode, self.class_mode, self.interpolation = color_mode, class_mode, \
            interpolation
        self.class_indices = {name: i for i, name in enumerate(names)}
        self.num_classes, self.classes, self.samples = len(names), labels, len(paths)
        self.filepaths = paths
        self.filenames = [os.path.relpath(p, directory) for p in paths]
        print(f"Found {self.samples} images belonging to {self.num_classes} classes.")
        self.generator, self.x, self.y, self.sample_weight = generator, paths, None, None
        self.batch_size, self.shuffle = batch_size, shuffle
        self.rng = np.random.default_rng(seed)
        self.index = self._order()
        self._next = 0

    def __getitem__(self, i):
        rows = self.index[i * self.batch_size:(i + 1) * self.batch_size]
        images = np.stack([img_to_array(load_img(self.filepaths[r], self.color_mode,
                                                 self.target_size, self.interpolation))
                           for r in rows])
        x = self.generator.standardize(self.generator.augment(images, self.rng))
        labels = self.classes[rows]
        if self.class_mode == "categorical":
            return x, np.eye(self.num_classes, dtype=np.float32)[labels]
        if self.class_mode in ("binary", "sparse"):
            return x, labels.astype(np.float32)
        if self.class_mode == "input":
            return x, x.copy()
        return x
