"""``Identity``: passes its input through unchanged (a placeholder in a model)."""

from course.keras.layers.layer import Layer


class Identity(Layer):
    """``Identity()``: ``out = x``, ``dx = dout``."""

    def forward(self, x, training=False):
        return x, None

    def backward(self, dout, cache, need_dx=True):
        return dout, []
