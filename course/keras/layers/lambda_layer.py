"""``Lambda``: wrap a Python function of the inputs as a layer."""

import numpy as np

from course.keras.layers.layer import Layer


class Lambda(Layer):
    """``Lambda(function, output_shape=None, arguments=None)``: ``out = function(x, **arguments)``.

    ``function`` takes and returns numpy arrays (batch axis first). The output shape is
    ``output_shape`` (without the batch axis) when given, else found by calling ``function``
    on a small array of zeros. course.keras cannot differentiate an arbitrary Python
    function: a Lambda passes no gradient down, so a model trains when every layer with
    weights comes after it (the usual place: preprocessing at the input), and training a
    layer below it raises an error that says so.
    """

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        if not callable(function):
            raise TypeError(f"Lambda expects a callable `function`, received {function!r}")
        if mask is not None:
            raise ValueError("course.keras's Lambda does not support `mask`")
        self.function, self.arguments = function, dict(arguments or {})
        self._output_shape = None if output_shape is None else tuple(output_shape)

    def compute_output_shape(self, input_shape):
        if self._output_shape is not None:
            return (input_shape[0],) + self._output_shape
        probe = np.zeros(tuple(1 if d is None else d for d in input_shape), self.dtype)
        out_shape = np.shape(self.function(probe, **self.arguments))
        return (input_shape[0],) + tuple(out_shape[1:])

    def forward(self, x, training=False):
        return np.asarray(self.function(x, **self.arguments)), None

    def backward(self, dout, cache, need_dx=True):
        if need_dx:
            raise ValueError(
                f'Layer "{self.name}" (Lambda of {getattr(self.function, "__name__", "a function")}) '
                f"has no gradient: course.keras cannot differentiate a Python function, so "
                f"the layers with weights below it cannot be trained. Put the Lambda before "
                f"every trainable layer, or write it as a layer with a backward pass")
        return None, []

    def get_config(self):
        raise TypeError(f'Layer "{self.name}": a Lambda holds a Python function, which '
                        f"course.keras does not save; rebuild the model in code")
