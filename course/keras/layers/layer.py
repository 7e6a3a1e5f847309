"""The base class of every layer: weights, build on first use, forward/backward pairs.

A layer is stateless about activations: ``forward(x, training) -> (out, cache)`` and
``backward(dout, cache) -> (dx, grads)`` mirror the ``course.ops`` pairs, so one layer can
be called many times in a graph (shared layers) and each call keeps its own cache.
``grads`` is a list aligned with ``layer.weights`` (None for a weight without gradient).
"""

import math

import numpy as np

from course.keras import backend
from course.keras.layers.keras_tensor import KerasTensor, call_symbolic
from course.keras.saving.object_registration import register
from course.keras.variable import Variable


def shape_str(shape):
    """``(None, 28, 28, 1)``: how Keras prints a shape."""
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + \
        ("," if len(shape) == 1 else "") + ")"


def _size(shape, dtype):
    """``"4.0 GiB"``: the bytes an array of ``shape`` and ``dtype`` takes."""
    nbytes = math.prod(int(d) for d in shape) * np.dtype(dtype).itemsize
    return f"{nbytes / 2**30:.1f} GiB" if nbytes >= 2**30 else f"{nbytes / 2**20:.1f} MiB"


def out_of_memory(layer, x, error):
    """The MemoryError to raise when ``layer`` could not compute its output for inputs ``x``."""
    shapes = [np.shape(a) for a in x] if isinstance(x, (list, tuple)) else [np.shape(x)]
    return MemoryError(f'Layer "{layer.name}" ran out of memory on inputs of shape '
                       f"{', '.join(shape_str(s) for s in shapes)} ({error or 'MemoryError'}); "
                       f"use a smaller batch_size")


class Layer:
    """Base layer.

    Keyword arguments accepted by every layer (as in Keras): ``name``, ``trainable``,
    ``dtype``, ``input_shape`` (without the batch axis), ``batch_input_shape``,
    ``batch_size``.
    """

    def __init_subclass__(cls, **kwargs):
        """Every layer class (and model class) is known by name to saved configurations."""
        super().__init_subclass__(**kwargs)
        register(cls)

    def __init__(self, name=None, trainable=True, dtype=None, input_shape=None,
                 batch_input_shape=None, batch_size=None, **kwargs):
        if kwargs:
            raise TypeError(f"Unrecognized keyword arguments passed to "
                            f"{type(self).__name__}: {kwargs}")
        self.name = name or backend.unique_name(backend.snake_case(type(self).__name__))
        self._trainable = bool(trainable)
        self.dtype = np.dtype(dtype or backend.floatx())
        self.built = False
        self._weights = []
        self.input_shape = None
        self.output_shape = None
        if input_shape is not None:
            batch_input_shape = (batch_size,) + tuple(input_shape)
        self._batch_input_shape = (tuple(batch_input_shape)
                                   if batch_input_shape is not None else None)

    # -- weights -------------------------------------------------------------------------
    def add_weight(self, name, shape, initializer="zeros", regularizer=None, trainable=True):
        """Create a weight (a :class:`Variable`) and register it with the layer."""
        from course.keras import initializers, regularizers
        init = initializers.get(initializer)
        try:
            value = init(tuple(shape), dtype=self.dtype)
        except (MemoryError, ValueError) as err:
            if not isinstance(err, MemoryError) and "too big" not in str(err):
                raise
            raise MemoryError(f'Layer "{self.name}": no memory for its weight "{name}" of shape '
                              f"{tuple(shape)} ({_size(shape, self.dtype)}); make the layer "
                              f"smaller") from None
        var = Variable(value, name, trainable=trainable,
                       regularizer=regularizers.get(regularizer), path=f"{self.name}/{name}")
        self._weights.append(var)
        return var

    @property
    def weights(self):
        return list(self._weights)

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)

    @property
    def trainable_weights(self):
        return [w for w in self._weights if w.trainable and self._trainable]

    @property
    def non_trainable_weights(self):
        return [w for w in self._weights if not (w.trainable and self._trainable)]

    def count_params(self):
        return int(sum(w.value.size for w in self._weights))

    def get_weights(self):
        return [w.value.copy() for w in self._weights]

    def set_weights(self, weights):
        weights = list(weights)
        if len(weights) != len(self._weights):
            raise ValueError(f'Layer "{self.name}" expects {len(self._weights)} weight arrays, '
                             f"but received {len(weights)}")
        for var, value in zip(self._weights, weights):
            var.assign(value)

    # -- shapes and building -------------------------------------------------------------
    def build(self, input_shape):
        """Create the weights for inputs of ``input_shape`` (batch axis first, may be None)."""

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def build_for(self, input_shape):
        """Check ``input_shape``, build once, and return the output shape.

        ``input_shape`` is one shape, or a list of shapes for a layer with several inputs.
        """
        if input_shape and isinstance(input_shape[0], (list, tuple)):
            input_shape = [tuple(s) for s in input_shape]
        else:
            input_shape = tuple(input_shape)
        if not self.built:
            self.build(input_shape)
            self.built = True
            self.input_shape = input_shape
        else:
            self.check_input_shape(input_shape)
        self.output_shape = self.compute_output_shape(input_shape)
        return self.output_shape

    def check_input_shape(self, shape):
        """Raise a Keras-style error when ``shape`` does not fit the built layer."""
        expected = self.input_shape
        if expected is None or isinstance(shape, list):
            return
        if len(shape) != len(expected):
            raise ValueError(
                f'Input 0 of layer "{self.name}" is incompatible with the layer: expected '
                f"ndim={len(expected)}, found ndim={len(shape)}. Full shape received: "
                f"{shape_str(shape)}")
        for axis, (e, r) in enumerate(zip(expected, shape)):
            if axis and e is not None and r is not None and e != r:
                raise ValueError(
                    f'Input 0 of layer "{self.name}" is incompatible with the layer: expected '
                    f"axis {axis - len(shape)} of input shape to have value {e}, but received "
                    f"input with shape {shape_str(shape)}")

    # -- computation ---------------------------------------------------------------------
    def forward(self, x, training=False):
        """``x -> (out, cache)``. Subclasses implement it."""
        raise NotImplementedError

    def backward(self, dout, cache, need_dx=True):
        """``(dout, cache) -> (dx, grads)``; grads aligned with ``self.weights``."""
        raise NotImplementedError

    def call(self, inputs, training=False):
        """The output for numpy ``inputs`` (Keras's name for the forward computation)."""
        return self.forward(inputs, training)[0]

    def __call__(self, inputs, training=None):
        """On numpy inputs, the output; on ``KerasTensor`` inputs, a node of a functional
        model. ``training`` given there is kept for the node; as in Keras 3, it applies
        when the model itself runs without a ``training`` value (``model(x)``), and the
        model's own value (``fit``: True, ``predict``: False) replaces it otherwise."""
        if isinstance(inputs, KerasTensor) or (
                isinstance(inputs, (list, tuple)) and inputs
                and all(isinstance(t, KerasTensor) for t in inputs)):
            return call_symbolic(self, inputs, training)
        x = inputs if isinstance(inputs, (list, tuple)) else np.asarray(inputs)
        if isinstance(x, np.ndarray) and x.dtype != self.dtype and x.dtype.kind in "biuf":
            x = x.astype(self.dtype)
        self.build_for(x.shape if isinstance(x, np.ndarray) else [t.shape for t in x])
        return self.call(x, training)

    # -- configuration -------------------------------------------------------------------
    def get_config(self):
        config = {"name": self.name, "trainable": self.trainable, "dtype": str(self.dtype)}
        if self._batch_input_shape is not None:
            config["batch_input_shape"] = list(self._batch_input_shape)
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"
