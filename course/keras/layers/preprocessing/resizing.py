"""``Resizing``: resize images to a fixed size, as ``tf.image.resize`` does."""

import numpy as np

from course.keras.layers.layer import Layer
from course.keras.layers.up_sampling2d import require_images
from course.ops.cropping import cropping2d_backward, cropping2d_forward
from course.ops.resize import INTERPOLATIONS, resize_backward, resize_forward


def aspect_crop(height, width, target_height, target_width):
    """``((top, bottom), (left, right))``: the largest centred window of a ``height x width``
    image with the target's aspect ratio (Keras's ``crop_to_aspect_ratio`` rule)."""
    crop_h = max(min(height, int(np.float32(width * target_height) / target_width)), 1)
    crop_w = max(min(width, int(np.float32(height * target_width) / target_height)), 1)
    top, left = int(np.float32(height - crop_h) / 2), int(np.float32(width - crop_w) / 2)
    return (top, height - crop_h - top), (left, width - crop_w - left)


def resize_images(x, height, width, interpolation="bilinear", crop_to_aspect_ratio=False):
    """``(out, cache)``: ``x`` ``(N, H, W, C)`` resized to ``(N, height, width, C)``,
    centre-cropped to the target's aspect ratio first when asked."""
    crop_cache = None
    if crop_to_aspect_ratio:
        x, crop_cache = cropping2d_forward(x, aspect_crop(x.shape[1], x.shape[2], height,
                                                          width))
    out, cache = resize_forward(x, (height, width), interpolation)
    return out, (cache, crop_cache)


def resize_images_backward(dout, cache):
    """``dx`` ``(N, H, W, C)`` of :func:`resize_images`."""
    resize_cache, crop_cache = cache
    dx = resize_backward(dout, resize_cache)
    return dx if crop_cache is None else cropping2d_backward(dx, crop_cache)


class Resizing(Layer):
    """``Resizing(height, width, interpolation="bilinear", crop_to_aspect_ratio=False)``:
    ``(N, H, W, C) -> (N, height, width, C)`` with TensorFlow's half-pixel convention."""

    image_preprocessing = True  # also takes one (H, W, C) image (layers/single_image.py)

    def __init__(self, height, width, interpolation="bilinear", crop_to_aspect_ratio=False,
                 pad_to_aspect_ratio=False, data_format=None, **kwargs):
        super().__init__(**kwargs)
        if interpolation not in INTERPOLATIONS:
            raise ValueError(f'Layer "{self.name}": course.keras resizes with interpolation '
                             f"in {INTERPOLATIONS}; received interpolation={interpolation!r}")
        if pad_to_aspect_ratio:
            raise ValueError(f'Layer "{self.name}": pad_to_aspect_ratio is not supported; use '
                             f"crop_to_aspect_ratio=True")
        if data_format not in (None, "channels_last"):
            raise ValueError("course.keras supports data_format='channels_last' only")
        self.height, self.width = int(height), int(width)
        self.interpolation, self.crop_to_aspect_ratio = interpolation, crop_to_aspect_ratio

    def build(self, input_shape):
        require_images(self, input_shape)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.height, self.width, input_shape[-1])

    def forward(self, x, training=False):
        return resize_images(x, self.height, self.width, self.interpolation,
                             self.crop_to_aspect_ratio)

    def backward(self, dout, cache, need_dx=True):
        return resize_images_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "height": self.height, "width": self.width,
                "interpolation": self.interpolation,
                "crop_to_aspect_ratio": self.crop_to_aspect_ratio}
