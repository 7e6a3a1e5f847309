"""``TimeDistributed``: apply one layer to every time step, with the same weights."""

from course.keras.layers.layer import Layer
from course.keras.saving.serialization import layer_from_config, layer_to_config


class TimeDistributed(Layer):
    """``TimeDistributed(layer)``: input ``(N, T, ...)``; the layer sees the ``N * T``
    steps as one batch ``(N * T, ...)``; output ``(N, T, ...)`` of its outputs. The mask
    (if any) passes through."""

    def __init__(self, layer, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError(f"Please initialize `TimeDistributed` layer with a `Layer` "
                             f"instance. Received: {layer!r}")
        super().__init__(**kwargs)
        self.layer = layer
        self.supports_masking = True

    def build(self, input_shape):
        if len(input_shape) < 3:
            raise ValueError(f"`TimeDistributed` Layer should be passed an `input_shape` with "
                             f"at least 3 dimensions, received: {input_shape}")
        self.layer.build_for((None,) + tuple(input_shape[2:]))
        self._weights = self.layer._weights

    def compute_output_shape(self, input_shape):
        inner = self.layer.compute_output_shape((None,) + tuple(input_shape[2:]))
        return tuple(input_shape[:2]) + tuple(inner[1:])

    def forward(self, x, training=False):
        n, t = x.shape[:2]
        y, cache = self.layer.forward(x.reshape((n * t,) + x.shape[2:]), training)
        return y.reshape((n, t) + y.shape[1:]), (cache, x.shape)

    def backward(self, dout, cache, need_dx=True):
        inner_cache, x_shape = cache
        n, t = dout.shape[:2]
        dx, grads = self.layer.backward(dout.reshape((n * t,) + dout.shape[2:]), inner_cache,
                                        need_dx=need_dx)
        return (None if dx is None else dx.reshape(x_shape)), grads

    def get_config(self):
        return {**super().get_config(), "layer": layer_to_config(self.layer)}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        return cls(layer_from_config(config.pop("layer")), **config)
