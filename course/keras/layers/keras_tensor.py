"""A symbolic tensor: the shape of a value in a model being defined, and where it comes from.

Calling a layer on a ``KerasTensor`` (:func:`call_symbolic`) records a node of the
functional API's graph and returns a new ``KerasTensor``. Each layer keeps the tensors its
calls produced, in order (``layer._inbound_nodes``): ``layer.output`` is the first one's,
as in Keras, and a shared layer's second call is its node 1 (``"dense[1][0]"`` in
``summary()``).
"""


class KerasTensor:
    """What ``Input(...)`` and calling a layer on a symbolic tensor return.

    Attributes:
        shape: with the batch axis first, ``None`` where unknown.
        layer: the layer whose call produced it (an ``InputLayer`` for model inputs).
        inputs: the KerasTensors that call consumed (empty for an input).
        node_index: which call of ``layer`` produced it (0 for the first).
        many_inputs: whether the layer was called on a list of tensors.
        training: the ``training`` value the layer was called with (None: not given).
    """

    def __init__(self, shape, layer, inputs=(), dtype="float32", many_inputs=False,
                 training=None):
        self.shape = tuple(shape)
        self.layer = layer
        self.inputs = tuple(inputs)
        self.dtype = dtype
        self.many_inputs = many_inputs
        self.training = training
        nodes = inbound_nodes(layer)
        self.node_index = len(nodes)
        nodes.append(self)

    @property
    def name(self):
        return self.layer.name

    @property
    def ndim(self):
        return len(self.shape)

    def __repr__(self):
        return f"<KerasTensor shape={self.shape}, name={self.name}>"


def inbound_nodes(layer):
    """The output tensors of ``layer``'s symbolic calls so far (a list kept on the layer)."""
    nodes = layer.__dict__.get("_inbound_nodes")
    if nodes is None:
        nodes = layer.__dict__["_inbound_nodes"] = []
    return nodes


def first_call(layer, what):
    """``layer.input`` (``what="input"``) or ``layer.output`` of the layer's first call."""
    nodes = inbound_nodes(layer)
    if not nodes:
        raise AttributeError(f"The layer {layer.name} has never been called and thus has no "
                             f"defined {what}.")
    node = nodes[0]
    if what == "output":
        return node
    if not node.inputs:  # an InputLayer: its input is its output
        return node
    return list(node.inputs) if node.many_inputs else node.inputs[0]


def call_symbolic(layer, inputs, training=None):
    """Record ``layer(inputs, training=...)`` on symbolic tensors; returns the output
    ``KerasTensor``, which keeps ``training`` (None, or a bool fixed for this call)."""
    many = isinstance(inputs, (list, tuple))
    tensors = list(inputs) if many else [inputs]
    shape = layer.build_for([t.shape for t in tensors] if many else tensors[0].shape)
    return KerasTensor(shape, layer, tensors, many_inputs=many, training=training)
