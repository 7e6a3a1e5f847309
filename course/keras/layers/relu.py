"""``ReLU``: Keras's rectifier layer with a ceiling (``max_value``), slope and threshold."""

from course.keras.layers.layer import Layer
from course.ops.relu_layer import relu_layer_backward, relu_layer_forward


class ReLU(Layer):
    """``ReLU(max_value=None, negative_slope=0.0, threshold=0.0)``; ``ReLU(6.0)`` is ReLU6."""

    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
        super().__init__(**kwargs)
        for arg, value in (("max_value", max_value), ("negative_slope", negative_slope),
                           ("threshold", threshold)):
            if (value is None and arg != "max_value") or (value is not None and value < 0):
                raise ValueError(f"{arg} of a ReLU layer cannot be None or a negative value. "
                                 f"Received: {arg}={value}")
        self.max_value = None if max_value is None else float(max_value)
        self.negative_slope, self.threshold = float(negative_slope), float(threshold)

    def forward(self, x, training=False):
        return relu_layer_forward(x, self.max_value, self.negative_slope, self.threshold)

    def backward(self, dout, cache, need_dx=True):
        return relu_layer_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "max_value": self.max_value,
                "negative_slope": self.negative_slope, "threshold": self.threshold}
