"""The symbolic graph of a built ``Sequential``: its ``input`` and each layer's ``output``.

Once a Sequential knows its input shape, Keras 3 calls its layers on an ``Input`` so that
``model.inputs``, ``model.outputs`` and every ``layer.output`` exist, and a feature
extractor ``Model(model.inputs, [l.output for l in model.layers])`` can be made.
"""

from course.keras.layers.input_layer import InputLayer


def sequential_graph(input_layer, layers, batch_shape):
    """``(input tensor, output tensor)`` of ``layers`` called in turn on an input.

    ``input_layer`` is the model's own ``InputLayer``, or ``None`` to make one of
    ``batch_shape``.
    """
    if input_layer is None:
        input_layer = InputLayer(batch_input_shape=batch_shape)
    x = input_layer.output
    tensor = x
    for layer in layers:
        tensor = layer(tensor)
    return x, tensor
