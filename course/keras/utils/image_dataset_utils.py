"""``image_dataset_from_directory``: a folder of class subfolders of images as a
``Dataset`` of ``(images, labels)`` batches, in Keras's order of files and classes and with
its validation split (see :mod:`.directory_dataset`)."""

import functools

from course.keras.utils.directory_dataset import files_dataset, index_directory  # noqa: F401
from course.keras.utils.image_utils import IMAGE_EXTENSIONS, img_to_array, load_img
from course.ops.resize import resize_forward


def load_image(path, image_size, num_channels, interpolation):
    """One image file as float32 ``(height, width, channels)``, resized as
    ``tf.image.resize`` does; a clear error naming a file that is not an image."""
    mode = {1: "grayscale", 3: "rgb", 4: "rgba"}[num_channels]
    x = img_to_array(load_img(path, color_mode=mode))
    return resize_forward(x[None], image_size, interpolation)[0][0]


def image_dataset_from_directory(directory, labels="inferred", label_mode="int",
                                 class_names=None, color_mode="rgb", batch_size=32,
                                 image_size=(256, 256), shuffle=True, seed=None,
                                 validation_split=None, subset=None, interpolation="bilinear",
                                 follow_links=False, crop_to_aspect_ratio=False, **kwargs):
    """A ``Dataset`` of image batches from ``directory/<class>/<file>``; see Keras's
    documentation. It has ``class_names`` and ``file_paths``.

    ``label_mode``: "int" (int32 ids), "categorical" (one-hot float32), "binary" (float32
    ``(N, 1)``, two classes) or None. ``validation_split`` with ``subset`` "training",
    "validation" or "both" splits the (seeded) shuffled files as Keras does: the last
    ``int(split * n)`` files are the validation set.
    """
    if kwargs:
        raise TypeError(f"image_dataset_from_directory: unknown arguments {sorted(kwargs)}")
    channels = {"grayscale": 1, "rgb": 3, "rgba": 4}.get(color_mode)
    if channels is None:
        raise ValueError(f'`color_mode` must be one of {{"rgb", "rgba", "grayscale"}}. '
                         f"Received: color_mode={color_mode!r}")
    if crop_to_aspect_ratio:
        raise ValueError("image_dataset_from_directory: crop_to_aspect_ratio is not supported")
    load = functools.partial(load_image, image_size=tuple(image_size), num_channels=channels,
                             interpolation=interpolation)
    return files_dataset(directory, load, IMAGE_EXTENSIONS, "images", labels, label_mode,
                         class_names, batch_size, shuffle, seed, validation_split, subset,
                         follow_links)
