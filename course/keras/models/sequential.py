"""``Sequential``: a plain stack of layers, each feeding the next."""

import numpy as np

from course.keras.layers.input_layer import InputLayer
from course.keras.layers.keras_tensor import KerasTensor
from course.keras.layers.layer import forward_masked, out_of_memory, shape_str
from course.keras.models import layer_fusion
from course.keras.models.functional_structure import adjust_rank, adjusted_rank
from course.keras.models.model import Model
from course.keras.models.sequential_graph import sequential_graph
from course.keras.saving.serialization import layer_from_config, layer_to_config


class Sequential(Model):
    """``Sequential([Dense(128, activation="relu", input_shape=(784,)), Dense(10)])``
    or ``model = Sequential(); model.add(...)``.

    The model is built as soon as its input shape is known (an ``Input``/``InputLayer``
    first, or ``input_shape=`` on the first layer), otherwise on the first data it sees.
    """

    def __init__(self, layers=None, name=None, trainable=True):
        super().__init__(name=name, trainable=trainable)
        self._layers = []
        self._input_layer = None
        self._graph = None
        for layer in layers or []:
            self.add(layer)

    @property
    def layers(self):
        return list(self._layers)

    @property
    def output_layer(self):
        return self._layers[-1]

    def add(self, layer):
        """Append a layer (an ``Input(...)`` tensor or ``InputLayer`` sets the input shape)."""
        if isinstance(layer, KerasTensor):
            layer = layer.layer
        if isinstance(layer, InputLayer):
            if self._layers or self._input_layer is not None:
                raise ValueError("An Input can only be the first element of a Sequential model")
            self._input_layer = layer
            return
        if not hasattr(layer, "forward"):
            raise TypeError(f"Only layers can be added to a Sequential model, got {layer!r}")
        if any(existing is layer for existing in self._layers):
            raise ValueError(f'Layer "{layer.name}" is already in the model')
        self._layers.append(layer)
        if self.built:
            self.output_shape = layer.build_for(self.output_shape)
            if self._graph is not None:
                self._graph = (self._graph[0], layer(self._graph[1]))
        else:
            self._build_if_shape_known()

    def pop(self, rebuild=True):
        """Remove the last layer and return it; the model is rebuilt (unless ``rebuild=False``)."""
        if not self._layers:
            raise TypeError("There are no layers in the model.")
        layer = self._layers.pop()
        self.built = False
        self._graph = None
        if rebuild:
            self._build_if_shape_known()
        return layer

    def _build_if_shape_known(self):
        if not self._layers:
            return
        if self._input_layer is not None:
            self.build(self._input_layer._batch_input_shape)
        elif self._layers:
            first = self._layers[0]
            if first._batch_input_shape is not None:
                self.build(first._batch_input_shape)
            elif isinstance(first, Model) and first.built:
                self.build(first.input_shape)

    def build(self, input_shape=None):
        """Build every layer in turn for inputs of ``input_shape`` (batch axis first)."""
        if input_shape is None:
            raise ValueError("Sequential.build needs an input shape, e.g. (None, 784)")
        if not self._layers:
            raise ValueError(f'Sequential model "{self.name}" cannot be built because it has '
                             f"no layers. Call `model.add(layer)`.")
        shape = tuple(input_shape)
        self.input_shape = shape
        for layer in self._layers:
            shape = layer.build_for(shape)
        self.output_shape = shape
        self.built = True
        self._graph = sequential_graph(self._input_layer, self._layers, self.input_shape)

    def _graph_end(self, index, what):
        if self._graph is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined {what} yet.")
        return self._graph[index]

    @property
    def input(self):
        """The symbolic input (a ``KerasTensor``), once the model is built."""
        return self._graph_end(0, "input")

    @property
    def output(self):
        """The symbolic output, once the model is built."""
        return self._graph_end(1, "output")

    @property
    def inputs(self):
        return [self.input]

    @property
    def outputs(self):
        return [self.output]

    def check_model_input(self, batch_shape):
        if self._layers:
            first = self._layers[0]
            expected = self.input_shape
            change = adjusted_rank(expected, tuple(batch_shape))  # (N,) for Input((1,)), as Keras
            batch_shape = (tuple(batch_shape) + (1,) if change == "expand" else
                           tuple(batch_shape)[:-1] if change == "squeeze" else batch_shape)
            if len(batch_shape) != len(expected) or any(
                    e is not None and r != e for e, r in zip(expected[1:], batch_shape[1:])):
                raise ValueError(
                    f'Input 0 of layer "{first.name}" is incompatible with the layer: expected '
                    f"shape={shape_str(expected)}, found shape={shape_str(batch_shape)}")

    def forward(self, x, training=False, logits=False):
        """Run the layers in order; ``logits=True`` skips the last layer's activation."""
        caches = []
        mask = None
        last = len(self._layers) - 1
        if self.built and isinstance(x, np.ndarray):
            x = adjust_rank(self.input_shape, x)
        i = 0
        while i <= last:
            layer = self._layers[i]
            try:
                if (i < last and mask is None and not (logits and i + 1 == last)
                        and layer_fusion.fuses(layer, self._layers[i + 1], x)):
                    x, cache = layer_fusion.forward(layer, x)
                    caches += [cache, layer_fusion.FUSED_ABOVE]
                    i += 2
                    continue
                kwargs = {"logits": True} if i == last and logits else {}
                x, cache, mask = forward_masked(layer, x, training, mask, **kwargs)
            except MemoryError as error:
                raise out_of_memory(layer, x, error) from None
            caches.append(cache)
            i += 1
        return x, caches

    def backward(self, dout, caches, need_dx=True):
        """Back through the layers; returns ``dx`` and the gradients aligned with ``weights``."""
        grads_by_layer = [None] * len(self._layers)
        lowest = 0 if need_dx else self._lowest_trainable()
        for i in range(len(self._layers) - 1, lowest - 1, -1):
            layer = self._layers[i]
            if caches[i] is layer_fusion.FUSED_ABOVE:
                grads_by_layer[i] = []  # its backward is the layer below's
            elif isinstance(caches[i], layer_fusion.Fused):
                dout, grads_by_layer[i] = layer_fusion.backward(
                    layer, dout, caches[i], need_dx=need_dx or i > lowest)
            else:
                dout, grads_by_layer[i] = layer.backward(dout, caches[i],
                                                         need_dx=need_dx or i > lowest)
        grads = []
        for layer, layer_grads in zip(self._layers, grads_by_layer):
            grads.extend(layer_grads if layer_grads is not None else [None] * len(layer.weights))
        return (dout if need_dx else None), grads

    def _lowest_trainable(self):
        for i, layer in enumerate(self._layers):
            if layer.trainable and layer.trainable_weights:
                return i
        return len(self._layers)

    def get_config(self):
        config = {"name": self.name, "layers": []}
        if self._input_layer is not None:
            config["layers"].append(layer_to_config(self._input_layer))
        config["layers"].extend(layer_to_config(layer) for layer in self._layers)
        return config

    @classmethod
    def from_config(cls, config):
        return cls([layer_from_config(c) for c in config["layers"]], name=config.get("name"))

