"""The functional API: ``Model(inputs, outputs)`` over a graph of layer calls.

Calling a layer on a ``KerasTensor`` records a node (the layer and the tensors it
consumed) and returns a new ``KerasTensor``; ``Functional`` walks those nodes from the
outputs back to the inputs once, in topological order, and then runs them forward, and
backward in reverse, summing the gradient of a tensor used by several layers and the
weight gradients of a layer called several times.
"""

from course.ops.topological_order import topological_order
from course.keras.layers.input_layer import InputLayer
from course.keras.layers.keras_tensor import KerasTensor
from course.keras.layers.layer import out_of_memory, shape_str
from course.keras.models.model import Model
from course.keras.saving.serialization import layer_from_config, layer_to_config


class Functional(Model):
    """A model from ``inputs`` (``Input(...)`` tensors) to one output tensor."""

    def __init__(self, inputs, outputs, name=None, trainable=True):
        super().__init__(name=name, trainable=trainable)
        self._many_inputs = isinstance(inputs, (list, tuple))
        self.inputs = list(inputs) if self._many_inputs else [inputs]
        outputs = list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]
        if len(outputs) != 1:
            raise ValueError("course.keras supports models with one output tensor; "
                             f"got {len(outputs)}")
        self.outputs = outputs
        for t in self.inputs:
            if not isinstance(t, KerasTensor) or not isinstance(t.layer, InputLayer):
                raise ValueError(f"Model inputs must be tensors from keras.Input(), got {t!r}")
        self._nodes = topological_order(self.outputs, lambda tensor: tensor.inputs)
        missing = [n for n in self._nodes if isinstance(n.layer, InputLayer)
                   and not any(n is t for t in self.inputs)]
        if missing:
            raise ValueError(f"The output depends on input {missing[0].name!r}, which is not "
                             f"among the model's inputs")
        self._layers = []
        for node in self._nodes:
            if not any(node.layer is layer for layer in self._layers):
                self._layers.append(node.layer)
        shapes = [t.shape for t in self.inputs]
        self.input_shape = shapes if self._many_inputs else shapes[0]
        self.output_shape = self.outputs[0].shape
        self.built = True

    @property
    def layers(self):
        return list(self._layers)

    @property
    def input(self):
        """The input tensor (a list when the model has several): ``base_model.input``."""
        return list(self.inputs) if self._many_inputs else self.inputs[0]

    @property
    def output(self):
        """The output tensor, to build on: ``x = base_model.output``."""
        return self.outputs[0]

    @property
    def output_layer(self):
        return self.outputs[0].layer

    def build(self, input_shape):
        self.check_model_input(input_shape)

    def check_model_input(self, batch_shape):
        shapes = batch_shape if self._many_inputs else [batch_shape]
        if len(shapes) != len(self.inputs):
            raise ValueError(f'Model "{self.name}" expects {len(self.inputs)} inputs, '
                             f"received {len(shapes)}")
        for t, shape in zip(self.inputs, shapes):
            shape = tuple(shape)
            if len(shape) != len(t.shape) or any(
                    e is not None and r is not None and e != r
                    for e, r in zip(t.shape[1:], shape[1:])):
                raise ValueError(f'Input "{t.name}" of model "{self.name}" is incompatible: '
                                 f"expected shape={shape_str(t.shape)}, "
                                 f"found shape={shape_str(shape)}")

    def forward(self, x, training=None, logits=False):
        xs = x if self._many_inputs else [x]
        values = {id(t): v for t, v in zip(self.inputs, xs)}
        caches = {}
        out_node = self.outputs[0]
        for node in self._nodes:
            if id(node) in values:
                continue
            args = ([values[id(t)] for t in node.inputs] if getattr(node, "many_inputs", False)
                    else values[id(node.inputs[0])])
            # Keras 3's rule: the model's training value, if it has one, else the value the
            # layer was called with in the graph (layer(x, training=False)), else inference
            mode = training if training is not None else getattr(node, "training", None)
            if not isinstance(node.layer, Model):
                mode = bool(mode)
            try:
                if node is out_node and logits:
                    value, cache = node.layer.forward(args, mode, logits=True)
                else:
                    value, cache = node.layer.forward(args, mode)
            except MemoryError as error:
                raise out_of_memory(node.layer, args, error) from None
            values[id(node)], caches[id(node)] = value, cache
        return values[id(out_node)], caches

    def backward(self, dout, caches, need_dx=True):
        upstream = {id(self.outputs[0]): dout}
        weight_grads = {}
        for node in reversed(self._nodes):
            d = upstream.pop(id(node), None)
            if d is None or isinstance(node.layer, InputLayer):
                if d is not None:
                    upstream[id(node)] = d
                continue
            dx, grads = node.layer.backward(d, caches[id(node)], need_dx=True)
            for var, g in zip(node.layer.weights, grads):
                if g is not None:
                    prev = weight_grads.get(id(var))
                    weight_grads[id(var)] = g if prev is None else prev + g
            dxs = dx if getattr(node, "many_inputs", False) else [dx]
            for t, g in zip(node.inputs, dxs):
                prev = upstream.get(id(t))
                upstream[id(t)] = g if prev is None else prev + g
        grads = [weight_grads.get(id(w)) for w in self.weights]
        if not need_dx:
            return None, grads
        dxs = [upstream.get(id(t)) for t in self.inputs]
        return (dxs if self._many_inputs else dxs[0]), grads

    def summary_rows(self):
        """``(layer, output shape, inbound layer names)`` per node, for ``summary()``."""
        rows = []
        for node in self._nodes:
            inbound = [f"{t.name}[0][0]" for t in node.inputs] or ["-"]
            rows.append((node.layer, node.shape, inbound))
        return rows

    def get_config(self):
        index = {id(n): i for i, n in enumerate(self._nodes)}
        layer_index = {id(layer): i for i, layer in enumerate(self._layers)}
        return {
            "name": self.name,
            "layers": [layer_to_config(layer) for layer in self._layers],
            "nodes": [{"layer": layer_index[id(n.layer)],
                       "inputs": [index[id(t)] for t in n.inputs],
                       "many_inputs": getattr(n, "many_inputs", False),
                       "training": getattr(n, "training", None)} for n in self._nodes],
            "inputs": [index[id(t)] for t in self.inputs],
            "outputs": [index[id(t)] for t in self.outputs],
            "many_inputs": self._many_inputs,
        }

    @classmethod
    def from_config(cls, config):
        layers = [layer_from_config(entry) for entry in config["layers"]]
        tensors = []
        for node in config["nodes"]:
            layer = layers[node["layer"]]
            if isinstance(layer, InputLayer) and not node["inputs"]:
                tensors.append(layer.output)
            else:
                args = [tensors[i] for i in node["inputs"]]
                tensors.append(layer(args if node["many_inputs"] else args[0],
                                     training=node.get("training")))
        inputs = [tensors[i] for i in config["inputs"]]
        return cls(inputs if config["many_inputs"] else inputs[0],
                   tensors[config["outputs"][0]], name=config["name"])
