"""``UpSampling2D``: enlarge images by whole factors, nearest or bilinear."""

from course.keras.layers.conv_utils import normalize_tuple
from course.keras.layers.layer import Layer
from course.ops.resize import INTERPOLATIONS, resize_backward, resize_forward


def require_images(layer, input_shape):
    """Raise a Keras-style error unless ``input_shape`` is ``(N, H, W, C)``."""
    if len(input_shape) != 4:
        raise ValueError(f'Input 0 of layer "{layer.name}" is incompatible with the layer: '
                         f"expected ndim=4 (N, H, W, C), found ndim={len(input_shape)}. Full "
                         f"shape received: {tuple(input_shape)}")


class UpSampling2D(Layer):
    """``UpSampling2D(size=(2, 2), interpolation="nearest")``: ``(N, H, W, C) ->
    (N, H * size[0], W * size[1], C)``; "nearest" repeats rows and columns, "bilinear"
    interpolates as ``tf.image.resize`` does."""

    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        super().__init__(**kwargs)
        if data_format not in (None, "channels_last"):
            raise ValueError("course.keras supports data_format='channels_last' only")
        self.size = normalize_tuple(size, 2, "size", f'Layer "{self.name}"')
        if interpolation not in INTERPOLATIONS:
            raise ValueError(f"`interpolation` argument should be one of {INTERPOLATIONS}. "
                             f"Received: interpolation={interpolation!r}")
        self.interpolation = interpolation

    def build(self, input_shape):
        require_images(self, input_shape)

    def compute_output_shape(self, input_shape):
        n, h, w, c = input_shape
        return (n, None if h is None else h * self.size[0],
                None if w is None else w * self.size[1], c)

    def forward(self, x, training=False):
        size = (x.shape[1] * self.size[0], x.shape[2] * self.size[1])
        return resize_forward(x, size, self.interpolation)

    def backward(self, dout, cache, need_dx=True):
        return resize_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "size": list(self.size),
                "interpolation": self.interpolation}
