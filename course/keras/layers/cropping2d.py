"""``Cropping2D``: cut rows and columns off the borders of images."""

from course.keras.layers.layer import Layer
from course.keras.layers.up_sampling2d import require_images
from course.ops.cropping import cropping2d_backward, cropping2d_forward
from course.ops.padding import padding_amounts


class Cropping2D(Layer):
    """``Cropping2D(cropping=((0, 0), (0, 0)))``: ``c``, ``(ch, cw)`` or
    ``((top, bottom), (left, right))``; ``(N, H, W, C) -> (N, H - top - bottom,
    W - left - right, C)``."""

    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(**kwargs)
        if data_format not in (None, "channels_last"):
            raise ValueError("course.keras supports data_format='channels_last' only")
        try:
            self.cropping = padding_amounts(cropping)
        except ValueError:
            raise ValueError(f"`cropping` should be either an int, a tuple of 2 ints "
                             f"(symmetric_height_crop, symmetric_width_crop), or a tuple of "
                             f"2 tuples of 2 ints ((top_crop, bottom_crop), (left_crop, "
                             f"right_crop)). Received: cropping={cropping!r}") from None

    def compute_output_shape(self, input_shape):
        require_images(self, input_shape)
        n, h, w, c = input_shape
        (t, b), (l, r) = self.cropping
        for size, cut, what in ((h, t + b, "height"), (w, l + r, "width")):
            if size is not None and size <= cut:
                raise ValueError(f'Layer "{self.name}": cropping {self.cropping} leaves nothing '
                                 f"of the {what} of inputs of shape {tuple(input_shape)}")
        return (n, None if h is None else h - t - b, None if w is None else w - l - r, c)

    def forward(self, x, training=False):
        return cropping2d_forward(x, self.cropping)

    def backward(self, dout, cache, need_dx=True):
        return cropping2d_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "cropping": [list(p) for p in self.cropping]}
