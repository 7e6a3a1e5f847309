"""``Rescaling``: ``x * scale + offset``, e.g. pixels 0..255 to 0..1."""

from course.keras.layers.layer import Layer
from course.ops.scale_shift import scale_shift_backward, scale_shift_forward


class Rescaling(Layer):
    """``Rescaling(scale, offset=0.0)``: ``Rescaling(1 / 255)`` maps [0, 255] to [0, 1],
    ``Rescaling(1 / 127.5, offset=-1)`` to [-1, 1]."""

    image_preprocessing = True  # also takes one (H, W, C) image (layers/single_image.py)

    def __init__(self, scale, offset=0.0, **kwargs):
        super().__init__(**kwargs)
        self.scale, self.offset = scale, offset

    def forward(self, x, training=False):
        return scale_shift_forward(x, self.scale, self.offset)

    def backward(self, dout, cache, need_dx=True):
        return scale_shift_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "scale": self.scale, "offset": self.offset}
