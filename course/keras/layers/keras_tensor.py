"""A symbolic tensor: the shape of a value in a model being defined, and where it comes from.

Calling a layer on a ``KerasTensor`` (:func:`call_symbolic`) records a node of the
functional API's graph and returns a new ``KerasTensor``.
"""


class KerasTensor:
    """What ``Input(...)`` and calling a layer on a symbolic tensor return.

    Attributes:
        shape: with the batch axis first, ``None`` where unknown.
        layer: the layer whose call produced it (an ``InputLayer`` for model inputs).
        inputs: the KerasTensors that call consumed (empty for an input).
    """

    def __init__(self, shape, layer, inputs=(), dtype="float32"):
        self.shape = tuple(shape)
        self.layer = layer
        self.inputs = tuple(inputs)
        self.dtype = dtype

    @property
    def name(self):
        return self.layer.name

    def __repr__(self):
        return f"<KerasTensor shape={self.shape}, name={self.name}>"


def call_symbolic(layer, inputs, training=None):
    """Record ``layer(inputs)`` on symbolic tensors; returns the output ``KerasTensor``.

    ``training`` (None, or a bool fixed for this call) is kept on the tensor as ``training``.
    """
    many = isinstance(inputs, (list, tuple))
    tensors = list(inputs) if many else [inputs]
    shape = layer.build_for([t.shape for t in tensors] if many else tensors[0].shape)
    out = KerasTensor(shape, layer, tensors)
    out.many_inputs = many
    out.training = training
    return out
