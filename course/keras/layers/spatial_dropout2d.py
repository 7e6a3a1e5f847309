"""``SpatialDropout2D``: drop whole feature maps (channels) of images while training."""

from course.keras.layers.dropout import Dropout
from course.keras.layers.up_sampling2d import require_images


class SpatialDropout2D(Dropout):
    """``SpatialDropout2D(rate, seed=None)``: one draw per (image, channel), so a channel is
    kept or zeroed over the whole ``H x W`` map (scaled by ``1 / (1 - rate)``); the identity
    at inference."""

    def __init__(self, rate, data_format=None, seed=None, **kwargs):
        if data_format not in (None, "channels_last"):
            raise ValueError("course.keras supports data_format='channels_last' only")
        super().__init__(rate, noise_shape=None, seed=seed, **kwargs)

    def build(self, input_shape):
        require_images(self, input_shape)

    def forward(self, x, training=False):
        self.noise_shape = (x.shape[0], 1, 1, x.shape[3])
        return super().forward(x, training)

    def batch_noise_shape(self, n):
        return (n, 1, 1, self.input_shape[3])

    def get_config(self):
        config = super().get_config()
        del config["noise_shape"]
        return config
