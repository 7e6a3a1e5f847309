"""``image_dataset_from_directory``: a folder of class subfolders of images as batches of
``(images, labels)``, in Keras's order of files and classes and with its validation split."""

import math
import os

import numpy as np

from course.keras.utils.sequence import Sequence
from course.keras.utils.image_utils import IMAGE_EXTENSIONS, img_to_array, load_img
from course.ops.resize import resize_forward


def index_directory(directory, labels="inferred", class_names=None, follow_links=False):
    """``(file_paths, labels, class_names)`` as Keras lists them: classes are the sorted
    subfolder names (or ``class_names``), files sorted within each class, classes in order."""
    if not os.path.isdir(directory):
        raise FileNotFoundError(f"Could not find directory {directory}")
    if labels != "inferred":
        subdirs = [""]
    else:
        subdirs = sorted(d for d in os.listdir(directory)
                         if os.path.isdir(os.path.join(directory, d)))
        if class_names is not None:
            if sorted(class_names) != sorted(set(class_names)) or \
                    not set(class_names) <= set(subdirs):
                raise ValueError(f"The `class_names` passed did not match the names of the "
                                 f"subdirectories of the target directory. Expected: "
                                 f"{subdirs}, but received: {class_names}")
            subdirs = list(class_names)
    paths, indices = [], []
    for index, sub in enumerate(subdirs):
        root = os.path.join(directory, sub)
        for folder, _, files in sorted(os.walk(root, followlinks=follow_links)):
            for name in sorted(files):
                if name.lower().endswith(IMAGE_EXTENSIONS):
                    paths.append(os.path.join(folder, name))
                    indices.append(index)
    return paths, np.array(indices, dtype="int32"), subdirs if labels == "inferred" else None


def load_image(path, image_size, num_channels, interpolation):
    """One image file as float32 ``(height, width, channels)``, resized as
    ``tf.image.resize`` does; a clear error naming a file that is not an image."""
    mode = {1: "grayscale", 3: "rgb", 4: "rgba"}[num_channels]
    x = img_to_array(load_img(path, color_mode=mode))
    return resize_forward(x[None], image_size, interpolation)[0][0]


class ImageBatches(Sequence):
    """The batches of :func:`image_dataset_from_directory`, a ``Sequence`` that ``fit`` and
    ``evaluate`` take and a ``for`` loop iterates: ``len()`` batches, each ``(images,
    labels)`` (or just ``images``), reshuffled each epoch when ``shuffle``; ``class_names``
    and ``file_paths`` as in Keras."""

    def __init__(self, paths, labels, class_names, batch_size, image_size, num_channels,
                 interpolation, shuffle, seed):
        self.file_paths, self.labels, self.class_names = paths, labels, class_names
        self.batch_size, self.image_size = batch_size, tuple(image_size)
        self.num_channels, self.interpolation, self.shuffle = num_channels, interpolation, shuffle
        self._rng = np.random.default_rng(seed)
        self.on_epoch_end()

    def on_epoch_end(self):
        n = len(self.file_paths)
        self._order = self._rng.permutation(n) if self.shuffle else np.arange(n)

    def __len__(self):
        return math.ceil(len(self.file_paths) / self.batch_size)

    def __getitem__(self, index):
        if not 0 <= index < len(self):
            raise IndexError(f"batch {index} of {len(self)}")
        rows = self._order[index * self.batch_size:(index + 1) * self.batch_size]
        images = np.stack([load_image(self.file_paths[i], self.image_size, self.num_channels,
                                      self.interpolation) for i in rows])
        return images if self.labels is None else (images, self.labels[rows])

    def __iter__(self):
        for index in range(len(self)):
            yield self[index]
        self.on_epoch_end()


def image_dataset_from_directory(directory, labels="inferred", label_mode="int",
                                 class_names=None, color_mode="rgb", batch_size=32,
                                 image_size=(256, 256), shuffle=True, seed=None,
                                 validation_split=None, subset=None, interpolation="bilinear",
                                 follow_links=False, crop_to_aspect_ratio=False, **kwargs):
    """Batches of images from ``directory/<class>/<file>``; see Keras's documentation.

    ``label_mode``: "int" (int32 ids), "categorical" (one-hot float32), "binary" (float32
    ``(N, 1)``, two classes) or None. ``validation_split`` with ``subset`` "training",
    "validation" or "both" splits the (seeded) shuffled files as Keras does: the last
    ``int(split * n)`` files are the validation set.
    """
    if kwargs:
        raise TypeError(f"image_dataset_from_directory: unknown arguments {sorted(kwargs)}")
    if label_mode not in ("int", "categorical", "binary", None):
        raise ValueError(f'`label_mode` argument must be one of "int", "categorical", '
                         f'"binary", or None. Received: label_mode={label_mode!r}')
    channels = {"grayscale": 1, "rgb": 3, "rgba": 4}.get(color_mode)
    if channels is None:
        raise ValueError(f'`color_mode` must be one of {{"rgb", "rgba", "grayscale"}}. '
                         f"Received: color_mode={color_mode!r}")
    if crop_to_aspect_ratio:
        raise ValueError("image_dataset_from_directory: crop_to_aspect_ratio is not supported")
    if subset not in (None, "training", "validation", "both") or (
            (subset is None) != (validation_split is None)):
        raise ValueError(f"`validation_split` and `subset` go together; subset must be "
                         f'"training", "validation" or "both". Received: subset={subset!r}, '
                         f"validation_split={validation_split}")
    if shuffle and seed is None:
        seed = np.random.randint(1e6)
    paths, inferred, names = index_directory(directory, labels, class_names, follow_links)
    if labels not in ("inferred", None):
        inferred = np.asarray(labels)
        if len(inferred) != len(paths):
            raise ValueError(f"Expected the lengths of `labels` to match the number of files "
                             f"in the target directory. len(labels) is {len(inferred)} while "
                             f"we found {len(paths)} files in directory {directory}.")
    if not paths:
        raise ValueError(f"No images found in directory {directory}. Allowed formats: "
                         f"{IMAGE_EXTENSIONS}")
    print(f"Found {len(paths)} files" + (f" belonging to {len(names)} classes." if names
                                          else "."))
    if shuffle:
        np.random.RandomState(seed).shuffle(paths)
        np.random.RandomState(seed).shuffle(inferred)
    num_classes = len(names) if names else int(inferred.max()) + 1
    if label_mode == "binary" and num_classes != 2:
        raise ValueError(f'When passing `label_mode="binary"`, there must be exactly 2 '
                         f"class_names. Received: class_names={names}")
    targets = {"int": inferred.astype("int32"),
               "categorical": np.eye(num_classes, dtype="float32")[inferred],
               "binary": inferred.astype("float32").reshape(-1, 1),
               None: None}[label_mode if labels is not None else None]

    def batches(rows):
        return ImageBatches([paths[i] for i in rows],
                            None if targets is None else targets[rows], names, batch_size,
                            image_size, channels, interpolation, shuffle, seed)

    everything = np.arange(len(paths))
    if validation_split is None:
        return batches(everything)
    num_val = int(validation_split * len(paths))
    training, validation = everything[:len(paths) - num_val], everything[len(paths) - num_val:]
    if subset in ("training", "both"):
        print(f"Using {len(training)} files for training.")
    if subset in ("validation", "both"):
        print(f"Using {len(validation)} files for validation.")
    if subset == "both":
        return batches(training), batches(validation)
    return batches(training if subset == "training" else validation)
