"""One image where a batch is expected: Keras's image preprocessing layers take
``(H, W, C)`` as well as ``(N, H, W, C)`` (the data augmentation tutorial calls
``resize_and_rescale(image)`` on one picture). A layer with ``image_preprocessing = True``,
or a model made only of such layers, runs on a batch of that one image and returns it."""

import numpy as np


def takes_images(layer):
    """Whether ``layer`` is an image preprocessing layer, or a model of nothing else."""
    if getattr(layer, "image_preprocessing", False):
        return True
    inner = getattr(layer, "layers", None)
    return isinstance(inner, list) and bool(inner) and all(takes_images(c) for c in inner)


def is_single_image(layer, x):
    """Whether ``x`` is one ``(H, W, C)`` image given to an image preprocessing layer."""
    return isinstance(x, np.ndarray) and x.ndim == 3 and takes_images(layer)
