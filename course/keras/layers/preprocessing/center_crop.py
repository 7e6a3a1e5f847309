"""``CenterCrop``: the central ``height x width`` window of each image."""

from course.keras.layers.layer import Layer
from course.keras.layers.preprocessing.resizing import resize_images, resize_images_backward
from course.keras.layers.up_sampling2d import require_images
from course.ops.cropping import cropping2d_backward, cropping2d_forward


class CenterCrop(Layer):
    """``CenterCrop(height, width)``: ``(N, H, W, C) -> (N, height, width, C)``; an image
    smaller than the target is centre-cropped to its aspect ratio and resized (bilinear),
    as Keras does."""

    image_preprocessing = True  # also takes one (H, W, C) image (layers/single_image.py)

    def __init__(self, height, width, data_format=None, **kwargs):
        super().__init__(**kwargs)
        if data_format not in (None, "channels_last"):
            raise ValueError("course.keras supports data_format='channels_last' only")
        self.height, self.width = int(height), int(width)

    def build(self, input_shape):
        require_images(self, input_shape)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.height, self.width, input_shape[-1])

    def forward(self, x, training=False):
        n, h, w, c = x.shape
        if h >= self.height and w >= self.width:
            top, left = (h - self.height) // 2, (w - self.width) // 2
            crop = ((top, h - self.height - top), (left, w - self.width - left))
            out, cache = cropping2d_forward(x, crop)
            return out, ("crop", cache)
        out, cache = resize_images(x, self.height, self.width, "bilinear", True)
        return out, ("resize", cache)

    def backward(self, dout, cache, need_dx=True):
        kind, cache = cache
        if kind == "crop":
            return cropping2d_backward(dout, cache), []
        return resize_images_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "height": self.height, "width": self.width}
