"""``ReLU``: Keras's general rectifier as a layer (a cap, a leak, a threshold)."""

from course.keras.layers.layer import Layer
from course.ops.thresholded_relu import thresholded_relu_backward, thresholded_relu_forward


class ReLU(Layer):
    """``ReLU(max_value=None, negative_slope=0.0, threshold=0.0)``:
    ``clip(x if x > threshold else 0, 0, max_value) - negative_slope * max(threshold - x, 0)``.
    """

    batch_splittable = True

    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
        super().__init__(**kwargs)
        for name, value in (("max_value", max_value), ("negative_slope", negative_slope),
                            ("threshold", threshold)):
            may_be_none = name == "max_value"
            if (value is None and not may_be_none) or (value is not None and value < 0):
                allowed = "a" if may_be_none else "None or a"
                raise ValueError(f"{name} of a ReLU layer cannot be {allowed} negative value. "
                                 f"Received: {name}={value}")
        self.max_value = None if max_value is None else float(max_value)
        self.negative_slope, self.threshold = float(negative_slope), float(threshold)

    def forward(self, x, training=False):
        return thresholded_relu_forward(x, self.max_value, self.negative_slope, self.threshold)

    def backward(self, dout, cache, need_dx=True):
        return thresholded_relu_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "max_value": self.max_value,
                "negative_slope": self.negative_slope, "threshold": self.threshold}
