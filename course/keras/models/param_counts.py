"""Trainable and non-trainable parameter counts, the last two lines of ``model.summary()``.

Keras's rule, weight by weight: a weight is **trainable** when it was made trainable
(``add_weight(trainable=True)``: kernels, biases, BatchNormalization's ``gamma`` and
``beta``) *and* its layer is trainable *and* the model is. Everything else is
**non-trainable**: BatchNormalization's ``moving_mean`` and ``moving_variance`` always
(they are updated by the forward pass, never by the optimizer), and every weight of a frozen
layer (``layer.trainable = False``) or frozen model. The counts are numbers of entries,
the product of each weight's shape.

``layer_specs(model)`` describes a model in the plain form ``trainable_count`` reads.
"""

import math


def trainable_count(layers: list, model_trainable: bool = True) -> tuple:
    """``(trainable, non_trainable)`` parameter counts.

    Args:
        layers: one dict per layer: ``{"name": str, "trainable": bool, "weights": [{"shape":
            [ints], "trainable": bool}, ...]}`` (a weight's own ``trainable`` flag).
        model_trainable: the model's flag (``model.trainable``).

    Returns:
        (trainable, non_trainable): two ints.
    """
    trainable = non_trainable = 0
    for layer in layers:
        for weight in layer["weights"]:
            size = math.prod(int(d) for d in weight["shape"])
            if weight["trainable"] and layer["trainable"] and model_trainable:
                trainable += size
            else:
                non_trainable += size
    return trainable, non_trainable


def layer_specs(model) -> list:
    """The plain description of ``model``'s layers that :func:`trainable_count` reads; a
    nested model (a pretrained base inside a classifier) is described by its own layers,
    frozen when it is."""
    specs = []
    for layer in model.layers:
        if hasattr(layer, "layers"):
            for spec in layer_specs(layer):
                specs.append({**spec, "trainable": spec["trainable"] and bool(layer.trainable)})
            continue
        specs.append({"name": layer.name, "trainable": bool(layer.trainable),
                      "weights": [{"shape": list(w.value.shape), "trainable": bool(w.trainable)}
                                  for w in layer.weights]})
    return specs
