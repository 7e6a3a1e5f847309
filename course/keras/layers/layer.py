"""The base class of every layer: weights, build on first use, forward/backward pairs.

A layer is stateless about activations: ``forward(x, training) -> (out, cache)`` and
``backward(dout, cache) -> (dx, grads)`` mirror the ``course.ops`` pairs, so one layer can
be called many times in a graph (shared layers) and each call keeps its own cache.
``grads`` is a list aligned with ``layer.weights`` (None for a weight without gradient).
"""

import math

import numpy as np

from course.keras import backend
from course.keras.layers.keras_tensor import KerasTensor, call_symbolic, first_call
from course.keras.layers.single_image import is_single_image
from course.keras.layers.tape_layer import (is_fused, layer_call, output_shape_by_calling,
                                             sublayers, tape_backward, tape_forward,
                                             training_value)
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


def forward_masked(layer, x, training, mask, **kwargs):
    """``layer.forward(x, training)`` given the incoming ``mask`` (None or booleans
    ``(N, T)``): the layer receives it when it uses masks (``uses_mask``). Returns ``(out,
    cache, out_mask)``, ``out_mask`` from ``layer.compute_mask``: how models pass masks on."""
    out_mask = layer.compute_mask(x, mask)
    if mask is not None and layer.uses_mask:
        kwargs["mask"] = mask
    out, cache = layer.forward(x, training_value(layer, training), **kwargs)
    return out, cache, out_mask


class Layer:
    """Base layer.

    Keyword arguments accepted by every layer (as in Keras): ``name``, ``trainable``,
    ``dtype``, ``input_shape`` (without the batch axis), ``batch_input_shape``,
    ``batch_size``.
    """

    supports_masking = False  # passes an incoming mask on (compute_mask)
    uses_mask = False  # its forward takes ``mask=``
    # its forward takes ``training=None`` (not given) as such: a model then applies the value
    # each of its layers was called with (``base_model(x, training=False)``), as Keras 3
    keeps_unset_training = False
    # its training forward and backward treat every sample alone, draw nothing random and
    # change no state: a training step may run a batch of them in two parts, one per core
    batch_splittable = False

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
        self.dtype = np.dtype(object if dtype == "string" else dtype or backend.floatx())
        self.built = False
        self._weights = []
        self._losses = []
        self.input_shape = None
        self.output_shape = None
        if input_shape is not None:
            batch_input_shape = (batch_size,) + tuple(input_shape)
        self._batch_input_shape = (tuple(batch_input_shape)
                                   if batch_input_shape is not None else None)

    # -- weights -------------------------------------------------------------------------
    def add_weight(self, shape=None, initializer=None, dtype=None, trainable=True,
                   regularizer=None, constraint=None, name=None, **kwargs):
        """Create a weight (a :class:`Variable`) and register it with the layer.

        Keras 3's signature; ``initializer`` defaults to ``"glorot_uniform"`` (``"zeros"``
        for a weight of one axis or none, as Keras's bias).
        """
        from course.keras import initializers, regularizers
        shape = () if shape is None else tuple(shape)
        name = name or f"variable_{len(self._weights)}"
        if initializer is None:
            initializer = "glorot_uniform" if len(shape) >= 2 else "zeros"
        init = initializers.get(initializer)
        try:
            value = init(tuple(shape), dtype=np.dtype(dtype or self.dtype))
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
        """This layer's weights, then (for a subclassed layer) those of the layers it holds
        in its attributes."""
        out = list(self._weights)
        if is_fused(self):  # a built-in layer holds no layers: the training step's fast path
            return out
        for layer in sublayers(self):
            out += [w for w in layer.weights if all(w is not o for o in out)]
        return out

    def add_loss(self, loss):
        """Add a term (a scalar computed in ``call``) to the loss that training minimises."""
        self._losses.append(loss)

    @property
    def losses(self):
        """The ``add_loss`` terms of the last call, of this layer and the layers it holds."""
        out = list(self._losses)
        for layer in sublayers(self):
            out += layer.losses
        return out

    def clear_losses(self):
        self._losses = []

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)

    @property
    def trainable_weights(self):
        return [w for w in self.weights if w.trainable and self._trainable]

    @property
    def non_trainable_weights(self):
        return [w for w in self.weights if not (w.trainable and self._trainable)]

    trainable_variables = property(lambda self: self.trainable_weights)
    variables = property(lambda self: self.weights)

    def count_params(self):
        return int(sum(w.value.size for w in self.weights))

    def get_weights(self):
        return [w.value.copy() for w in self.weights]

    def set_weights(self, weights):
        weights, variables = list(weights), self.weights
        if len(weights) != len(variables):
            raise ValueError(f'Layer "{self.name}" expects {len(variables)} weight arrays, '
                             f"but received {len(weights)}")
        for var, value in zip(variables, weights):
            var.assign(value)

    # -- shapes and building -------------------------------------------------------------
    def build(self, input_shape):
        """Create the weights for inputs of ``input_shape`` (batch axis first, may be None)."""

    def compute_output_shape(self, input_shape):
        """The input's shape for a built-in layer; a subclassed one is run on zeros."""
        if type(self).forward is Layer.forward and type(self).call is not Layer.call:
            return output_shape_by_calling(self, input_shape)
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

    @property
    def input(self):
        """The symbolic input of the layer's first call (a list for several inputs)."""
        return first_call(self, "input")

    @property
    def output(self):
        """The symbolic output of the layer's first call."""
        return first_call(self, "output")

    def compute_mask(self, inputs, mask=None):
        """The mask of the output for ``inputs`` and their ``mask``: Keras's rule, the
        incoming mask when the layer ``supports_masking``, else None."""
        return mask if self.supports_masking else None

    # -- computation ---------------------------------------------------------------------
    def forward(self, x, training=False, **kwargs):
        """``x -> (out, cache)``: built-in layers fuse it; by default ``call`` on a tape."""
        if type(self).call is Layer.call:
            raise NotImplementedError(f"Layer {type(self).__name__} implements neither call() "
                                      f"nor forward()")
        return tape_forward(self, x, training)

    forward.runs_call_on_tape = True

    def backward(self, dout, cache, need_dx=True):
        """``(dout, cache) -> (dx, grads)``; grads aligned with ``self.weights``."""
        return tape_backward(self, dout, cache, need_dx)

    def call(self, inputs, training=False):
        """The output for numpy ``inputs`` (Keras's name for the forward computation)."""
        return self.forward(inputs, training)[0]

    def __call__(self, inputs, training=None, mask=None, **kwargs):
        """On numpy inputs, the output; on ``KerasTensor`` inputs, a node of a functional
        model. ``training`` given there is kept for the node; as in Keras 3, it applies
        when the model itself runs without a ``training`` value (``model(x)``), and the
        model's own value (``fit``: True, ``predict``: False) replaces it otherwise."""
        if isinstance(inputs, KerasTensor) or (
                isinstance(inputs, (list, tuple)) and inputs
                and all(isinstance(t, KerasTensor) for t in inputs)):
            return call_symbolic(self, inputs, training)
        x = inputs if isinstance(inputs, (list, tuple, np.ndarray)) else np.asarray(inputs)
        if is_single_image(self, x):
            return self(x[None], training, mask, **kwargs)[0]
        if isinstance(x, np.ndarray) and x.dtype != self.dtype and x.dtype.kind in "biuf":
            x = x.astype(self.dtype)
        self.build_for(x.shape if isinstance(x, np.ndarray) else [np.shape(t) for t in x])
        return layer_call(self, x, training, mask, **kwargs)

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
