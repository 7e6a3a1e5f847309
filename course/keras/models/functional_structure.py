"""How a functional model's inputs and outputs are laid out: one tensor, a list, or a dict.

Keras flattens a dict by its sorted keys; a model's data may be given in the same layout as
its ``inputs`` (an array, a list, a dict), or as a dict keyed by the inputs' names.
"""

import numpy as np

from course.keras.layers.keras_tensor import KerasTensor


def flatten(structure):
    """The tensors (or arrays) of a tensor, a list/tuple or a dict (sorted by key), in order."""
    if isinstance(structure, dict):
        return [structure[k] for k in sorted(structure)]
    if isinstance(structure, (list, tuple)):
        return list(structure)
    return [structure]


def pack_like(structure, flat):
    """``flat`` (a list) laid out as ``structure``: one value, a list, or a dict."""
    if isinstance(structure, dict):
        return dict(zip(sorted(structure), flat))
    if isinstance(structure, (list, tuple)):
        return list(flat)
    return flat[0]


def names(structure):
    """The names of a model's inputs or outputs: a dict's keys, else the tensors' layers'."""
    if isinstance(structure, dict):
        return sorted(structure)
    return [t.name for t in flatten(structure)]


def check_tensors(structure, what):
    """Every entry of ``inputs=``/``outputs=`` must be a KerasTensor."""
    for t in flatten(structure):
        if not isinstance(t, KerasTensor):
            raise ValueError(f"All `{what}` values must be KerasTensors. Received: "
                             f"{what}={structure!r} including invalid value {t!r} of type "
                             f"{type(t).__name__}")


def standardize(model_name, structure, data):
    """The arrays (or shapes) of ``data`` in the order of the flattened ``structure``.

    Raises Keras's errors: a dict without one of the inputs' names names it, a list of the
    wrong length says how many were expected.
    """
    expected = names(structure)
    if isinstance(data, dict):
        for name in expected:
            if name not in data:
                raise ValueError(f'Missing data for input "{name}". You passed a data '
                                 f"dictionary with keys {list(data)}. Expected the following "
                                 f"keys: {expected}")
        return [data[name] for name in expected]
    flat = list(data) if isinstance(data, (list, tuple)) else [data]
    if len(flat) != len(expected):
        raise ValueError(f'Layer "{model_name}" expects {len(expected)} named input(s) with '
                         f"keys {expected}, but it received {len(flat)} input tensors. Pass "
                         f"inputs as a dict, e.g. `layer({{"
                         + ", ".join(f"'{n}': ..." for n in expected) + "})`.")
    return flat


def adjusted_rank(expected, shape):
    """Keras's input rank rule: data one axis short of an input whose last axis is 1 gets
    that axis (``(N,)`` for ``Input((1,))``); one axis of 1 too many loses it. Returns
    ``"expand"``, ``"squeeze"`` or None (nothing to adjust)."""
    if len(shape) == len(expected) - 1 and expected[-1] == 1:
        return "expand"
    if len(shape) == len(expected) + 1 and shape[-1] == 1:
        return "squeeze"
    return None


def adjust_rank(expected, x):
    """``x`` (an array) with :func:`adjusted_rank`'s axis added or removed."""
    change = adjusted_rank(expected, np.shape(x))
    if change == "expand":
        return np.expand_dims(x, -1)
    return np.squeeze(x, -1) if change == "squeeze" else x
