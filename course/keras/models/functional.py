"""The functional API: ``Model(inputs, outputs)`` over a graph of layer calls.

Calling a layer on a ``KerasTensor`` records a node (the layer and the tensors it
consumed) and returns a new ``KerasTensor``; ``Functional`` walks those nodes from the
outputs back to the inputs once, in topological order, and then runs them forward, and
backward in reverse, summing the gradient of a tensor used by several layers and the
weight gradients of a layer called several times.

``inputs`` and ``outputs`` may each be one tensor, a list, or a dict (see
:mod:`.functional_structure`); a model with several outputs returns a list of arrays (a
dict for dict outputs, from ``predict``) and takes one gradient per output.
"""

import numpy as np

from course.ops.topological_order import topological_order
from course.data.pipeline.eager_array import EagerArray
from course.keras.layers.input_layer import InputLayer
from course.keras.layers.keras_tensor import KerasTensor
from course.keras.ops.tape import recording, value_of
from course.keras.layers.layer import forward_masked, out_of_memory, shape_str
from course.keras.models import functional_config
from course.keras.models import functional_structure as structure
from course.keras.models.model import Model


def _is_shape(value):
    return isinstance(value, tuple) and all(d is None or isinstance(d, int) for d in value)


def _depths(nodes):
    """``{id(node): depth}``: 0 for the outputs, one more than the deepest consumer."""
    depth = {id(n): 0 for n in nodes}
    for node in reversed(nodes):
        for t in node.inputs:
            depth[id(t)] = max(depth[id(t)], depth[id(node)] + 1)
    return depth


def _by_depth(nodes):
    """``nodes`` (topologically ordered) by decreasing depth from the outputs, as Keras."""
    depth = _depths(nodes)
    return sorted(nodes, key=lambda n: -depth[id(n)])


class Functional(Model):
    """A model from ``inputs`` (``Input(...)`` tensors) to ``outputs`` (tensors computed
    from them): each one tensor, a list or a dict."""

    def __init__(self, inputs, outputs, name=None, trainable=True):
        super().__init__(name=name, trainable=trainable)
        structure.check_tensors(inputs, "inputs")
        structure.check_tensors(outputs, "outputs")
        self._inputs_struct = list(inputs) if isinstance(inputs, tuple) else inputs
        self._outputs_struct = list(outputs) if isinstance(outputs, tuple) else outputs
        if isinstance(self._outputs_struct, list) and len(self._outputs_struct) == 1:
            self._outputs_struct = self._outputs_struct[0]
        self._many_inputs = not _is_tensor_struct(inputs)
        self.inputs = structure.flatten(inputs)
        self.outputs = structure.flatten(outputs)
        self.input_names = structure.names(self._inputs_struct)
        self.output_names = [t.name for t in self.outputs]  # the output layers', as Keras
        self.output_keys = structure.names(self._outputs_struct)  # what logs and losses use
        for t in self.inputs:
            if not isinstance(t.layer, InputLayer):
                raise ValueError(f"Model inputs must be tensors from keras.Input(), got {t!r} "
                                 f"(the output of layer {t.layer.name!r})")
        self._nodes = _by_depth(topological_order(self.outputs, lambda tensor: tensor.inputs))
        missing = [n for n in self._nodes if isinstance(n.layer, InputLayer)
                   and not any(n is t for t in self.inputs)]
        if missing:
            raise ValueError(f"The output depends on input {missing[0].name!r}, which is not "
                             f"among the model's inputs")
        self._layers = []
        for node in self._nodes:
            if not any(node.layer is layer for layer in self._layers):
                self._layers.append(node.layer)
        self._consumed = {id(t) for node in self._nodes for t in node.inputs}
        self.input_shape = self._shapes(self._inputs_struct)
        self.output_shape = self._shapes(self._outputs_struct)
        self.built = True

    @staticmethod
    def _shapes(tensors):
        shapes = [t.shape for t in structure.flatten(tensors)]
        return structure.pack_like(tensors, shapes) if len(shapes) > 1 else shapes[0]

    @property
    def layers(self):
        return list(self._layers)

    @property
    def input(self):
        """The ``inputs`` the model was made with (a tensor, a list or a dict)."""
        return self._inputs_struct

    @property
    def output(self):
        """The ``outputs`` the model was made with (a tensor, a list or a dict)."""
        return self._outputs_struct

    @property
    def output_layer(self):
        return self.outputs[0].layer

    @property
    def output_layers(self):
        """The layer that computes each output, in the order of ``outputs``."""
        return [t.layer for t in self.outputs]

    def output_feeds_other_layers(self, index):
        """Whether output ``index`` is also the input of a layer inside the model."""
        return id(self.outputs[index]) in self._consumed

    def pack_outputs(self, flat):
        """Arrays, one per output, laid out as the model's ``outputs`` (list or dict)."""
        return structure.pack_like(self._outputs_struct, flat)

    def build(self, input_shape):
        self.check_model_input(input_shape)

    def __call__(self, inputs, training=None, mask=None, **kwargs):
        """On data, a model of several outputs gives them all, laid out as ``outputs`` (a
        list or dict of arrays with ``.numpy()``), as Keras's feature extractors do."""
        if len(self.outputs) > 1 and not recording() and not any(
                isinstance(v, KerasTensor) for v in structure.flatten(inputs)):
            flat = [np.asarray(value_of(v)) for v in self._flat_inputs(inputs)]
            self.check_model_input([v.shape for v in flat])
            flat = [v.astype(self.dtype) if v.dtype.kind in "biuf" and v.dtype != self.dtype
                    else v for v in flat]
            outs, _ = self.forward(flat if self._many_inputs else flat[0], bool(training))
            return self.pack_outputs([np.asarray(o).view(EagerArray) for o in outs])
        return super().__call__(inputs, training, mask, **kwargs)

    def compute_output_shape(self, input_shape):
        if len(self.outputs) > 1:
            raise ValueError(f'Model "{self.name}" has {len(self.outputs)} outputs '
                             f"{self.output_names}; course.keras calls a model as a layer only "
                             f"when it has one output (make one model per output, sharing layers)")
        return self.output_shape

    def check_model_input(self, batch_shape):
        shapes = [batch_shape] if _is_shape(batch_shape) else batch_shape
        if not isinstance(shapes, dict) and len(self.inputs) == 1 and len(shapes) != 1:
            shapes = [shapes]
        shapes = structure.standardize(self.name, self._inputs_struct, shapes)
        for t, shape in zip(self.inputs, shapes):
            change = structure.adjusted_rank(t.shape, tuple(shape))
            shape = (tuple(shape) + (1,) if change == "expand" else
                     tuple(shape)[:-1] if change == "squeeze" else tuple(shape))
            if len(shape) != len(t.shape) or any(
                    e is not None and r is not None and e != r
                    for e, r in zip(t.shape[1:], shape[1:])):
                raise ValueError(f'Input "{t.name}" of model "{self.name}" is incompatible: '
                                 f"expected shape={shape_str(t.shape)}, "
                                 f"found shape={shape_str(shape)}")

    def _flat_inputs(self, x):
        if not isinstance(x, (list, tuple, dict)) and len(self.inputs) == 1:
            x = [x]
        else:
            x = structure.standardize(self.name, self._inputs_struct, x)
        return [structure.adjust_rank(t.shape, v) for t, v in zip(self.inputs, x)]

    def forward(self, x, training=None, logits=False):
        """Outputs for inputs ``x`` (laid out as ``inputs``, or a dict by input names).

        ``logits`` is one flag, or one per output: those outputs skip their activation.
        Masks (from ``Embedding(mask_zero=True)``, ``Masking``) pass from layer to layer as
        each layer's ``compute_mask`` says. ``training`` None (``model(x)``) applies the
        value each layer was called with in the graph (``base_model(x, training=False)``),
        else inference; True or False (``fit``, ``predict``) is every layer's, as Keras 3.
        Returns ``(out, caches)``: one array, or a list with one per output.
        """
        values = {id(t): v for t, v in zip(self.inputs, self._flat_inputs(x))}
        flags = logits if isinstance(logits, (list, tuple)) else [logits] * len(self.outputs)
        wants_logits = {id(t) for t, flag in zip(self.outputs, flags) if flag}
        caches, masks = {}, {}
        for node in self._nodes:
            if id(node) in values:
                continue
            args = ([values[id(t)] for t in node.inputs] if node.many_inputs
                    else values[id(node.inputs[0])])
            mode = training if training is not None else node.training
            mask = None if node.many_inputs else masks.get(id(node.inputs[0]))
            try:
                kwargs = {"logits": True} if id(node) in wants_logits else {}
                value, cache, masks[id(node)] = forward_masked(node.layer, args, mode, mask,
                                                               **kwargs)
            except MemoryError as error:
                raise out_of_memory(node.layer, args, error) from None
            values[id(node)], caches[id(node)] = value, cache
        outs = [values[id(t)] for t in self.outputs]
        return (outs if len(outs) > 1 else outs[0]), caches

    def backward(self, dout, caches, need_dx=True):
        """``dout`` (one array, or one per output) -> ``(dx, grads)`` aligned with weights."""
        douts = dout if len(self.outputs) > 1 else [dout]
        upstream = {}
        for t, d in zip(self.outputs, douts):
            if d is not None:
                upstream[id(t)] = d if id(t) not in upstream else upstream[id(t)] + d
        weight_grads = {}
        wanted = self._nodes_to_differentiate(need_dx)
        for node in reversed(self._nodes):
            if (isinstance(node.layer, InputLayer) or id(node) not in wanted
                    or id(node) not in upstream):
                continue
            d = upstream.pop(id(node))
            below = any(id(t) in wanted for t in node.inputs)
            dx, grads = node.layer.backward(d, caches[id(node)], need_dx=below)
            for var, g in zip(node.layer.weights, grads):
                if g is not None:
                    prev = weight_grads.get(id(var))
                    weight_grads[id(var)] = g if prev is None else prev + g
            if dx is None:  # nothing below needs it (the model's inputs, need_dx=False)
                continue
            dxs = dx if node.many_inputs else [dx]
            for t, g in zip(node.inputs, dxs):
                prev = upstream.get(id(t))
                upstream[id(t)] = g if prev is None else prev + g
        grads = [weight_grads.get(id(w)) for w in self.weights]
        if not need_dx:
            return None, grads
        dxs = [upstream.get(id(t)) for t in self.inputs]
        return (dxs if self._many_inputs else dxs[0]), grads

    def _nodes_to_differentiate(self, need_dx):
        """The ids of the nodes ``backward`` goes through: those with trainable weights, or
        with one below them (or the inputs, for ``need_dx``). A frozen base under a new
        head, as in fine-tuning, is left out: ``fit`` then costs its forward pass alone."""
        wanted = set()
        for node in self._nodes:  # inputs first
            if isinstance(node.layer, InputLayer):
                mine = need_dx
            else:
                mine = bool(node.layer.trainable_weights) or any(id(t) in wanted
                                                                 for t in node.inputs)
            if mine:
                wanted.add(id(node))
        return wanted

    def summary_rows(self):
        """``(layer, output shape, "Connected to" entries)`` per layer, for ``summary()``.

        As Keras, a model that is a plain chain (one node per depth, each with one input,
        no layer called twice) has no "Connected to" column: the entries are None.
        """
        mine = {id(n) for n in self._nodes}
        chain = self._is_chain()
        rows = []
        for layer in self._layers:
            nodes = [n for n in layer._inbound_nodes if id(n) in mine]
            inbound = [f"{t.name}[{t.node_index}][0]" for n in nodes for t in n.inputs]
            rows.append((layer, nodes[-1].shape, None if chain else inbound or ["-"]))
        return rows

    def _is_chain(self):
        depths = _depths(self._nodes)
        if len(set(depths.values())) != len(self._nodes):
            return False
        return all(len(n.inputs) <= 1 for n in self._nodes) and \
            len(self._layers) == len(self._nodes)

    def get_config(self):
        """Keras 3's layout: ``layers`` (each with ``inbound_nodes``), ``input_layers``,
        ``output_layers`` (see :mod:`.functional_config`)."""
        return functional_config.functional_to_config(self)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        inputs, outputs = functional_config.graph_from_config(config, custom_objects)
        return cls(inputs, outputs, name=config.get("name"),
                   trainable=config.get("trainable", True))


def _is_tensor_struct(value):
    return not isinstance(value, (list, tuple, dict))
