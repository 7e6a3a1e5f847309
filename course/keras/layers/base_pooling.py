"""What the pooling layers of every rank share (Keras's ``base_pooling.py`` and
``base_global_pooling.py``): the arguments, the input check and the output shape, for
``rank`` spatial axes, channels last. A subclass gives ``rank`` and its op pair."""

from course.keras.layers.conv_utils import normalize_padding, normalize_tuple, output_length
from course.keras.layers.layer import Layer

AXES = {1: "(N, L, C)", 2: "(N, H, W, C)"}


def check_rank(layer, input_shape):
    """Raise Keras's error when ``input_shape`` is not ``layer.rank + 2``-D."""
    if len(input_shape) != layer.rank + 2:
        raise ValueError(f'Input 0 of layer "{layer.name}" is incompatible with the layer: '
                         f"expected ndim={layer.rank + 2} {AXES[layer.rank]}, found shape "
                         f"{tuple(input_shape)}")


class BasePooling(Layer):
    """``pool_size`` (2 along every axis by default), ``strides=None`` (= pool_size),
    ``padding``; ``pair`` is the ``(forward, backward)`` of ``course.ops``."""

    batch_splittable = True

    rank = None
    pair = None

    def __init__(self, pool_size=2, strides=None, padding="valid", data_format=None,
                 **kwargs):
        super().__init__(**kwargs)
        if data_format not in (None, "channels_last"):
            raise ValueError("course.keras supports data_format='channels_last' only")
        layer = f'{type(self).__name__} "{self.name}"'
        self.pool_size = normalize_tuple(pool_size, self.rank, "pool_size", layer)
        self.strides = (self.pool_size if strides is None
                        else normalize_tuple(strides, self.rank, "strides", layer))
        self.padding = normalize_padding(padding)

    def build(self, input_shape):
        check_rank(self, input_shape)

    def compute_output_shape(self, input_shape):
        spatial = tuple(output_length(size, p, s, 1, self.padding, self.name)
                        for size, p, s in zip(input_shape[1:-1], self.pool_size, self.strides))
        return (input_shape[0],) + spatial + (input_shape[-1],)

    def forward(self, x, training=False):
        return self.pair[0](x, self.pool_size, self.strides, self.padding)

    def backward(self, dout, cache, need_dx=True):
        return self.pair[1](dout, cache), []

    def get_config(self):
        config = super().get_config()
        config.update(pool_size=list(self.pool_size), strides=list(self.strides),
                      padding=self.padding)
        return config


class BaseGlobalPooling(Layer):
    """``(N, *spatial, C) -> (N, C)`` (``(N, 1, ..., 1, C)`` with ``keepdims=True``);
    ``pair`` is the ``(forward, backward)`` of ``course.ops``, forward ``x -> (N, C)``."""

    batch_splittable = True

    rank = None
    pair = None

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)
        if data_format not in (None, "channels_last"):
            raise ValueError("course.keras supports data_format='channels_last' only")
        self.keepdims = keepdims

    def build(self, input_shape):
        check_rank(self, input_shape)

    def compute_output_shape(self, input_shape):
        n, c = input_shape[0], input_shape[-1]
        return (n,) + (1,) * self.rank + (c,) if self.keepdims else (n, c)

    def pool(self, x, mask):
        """``(N, C)`` and the cache; ``mask`` is ignored unless a subclass uses it."""
        return self.pair[0](x)

    def forward(self, x, training=False, mask=None):
        out, cache = self.pool(x, mask)
        return (out.reshape((out.shape[0],) + (1,) * self.rank + out.shape[-1:])
                if self.keepdims else out), cache

    def call(self, inputs, training=False, mask=None):
        return self.forward(inputs, training, mask)[0]

    def backward(self, dout, cache, need_dx=True):
        if self.keepdims:
            dout = dout.reshape(dout.shape[0], dout.shape[-1])
        return self.pair[1](dout, cache), []

    def get_config(self):
        return {**super().get_config(), "keepdims": self.keepdims}
