"""``RandomCrop``: a random ``height x width`` window of the images while training."""

from course.keras.layers.preprocessing.random_layer import RandomLayer
from course.keras.layers.preprocessing.resizing import resize_images, resize_images_backward
from course.ops.cropping import cropping2d_backward, cropping2d_forward


class RandomCrop(RandomLayer):
    """``RandomCrop(height, width, seed=None)``: when training, one random window per batch
    (as Keras); at inference, or for images smaller than the target, the largest centred
    window of the target's aspect ratio, resized (bilinear) to ``height x width``."""

    def __init__(self, height, width, seed=None, data_format=None, **kwargs):
        super().__init__(seed, **kwargs)
        if data_format not in (None, "channels_last"):
            raise ValueError("course.keras supports data_format='channels_last' only")
        self.height, self.width = int(height), int(width)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.height, self.width, input_shape[-1])

    def forward(self, x, training=False):
        if training:
            return super().forward(x, training)
        out, cache = resize_images(x, self.height, self.width, "bilinear", True)
        return out, ("resize", cache)

    def augment(self, x, rng):
        h, w = x.shape[1:3]
        if h < self.height or w < self.width:
            out, cache = resize_images(x, self.height, self.width, "bilinear", True)
            return out, ("resize", cache)
        top = int(rng.integers(0, h - self.height + 1))
        left = int(rng.integers(0, w - self.width + 1))
        out, cache = cropping2d_forward(x, ((top, h - self.height - top),
                                            (left, w - self.width - left)))
        return out, ("crop", cache)

    def backward(self, dout, cache, need_dx=True):
        if not need_dx:
            return None, []
        kind, cache = cache
        if kind == "crop":
            return cropping2d_backward(dout, cache), []
        return resize_images_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "height": self.height, "width": self.width}
