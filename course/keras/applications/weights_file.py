"""Keras weights in HDF5 files, read and written with h5py.

Two layouts are read:

- the legacy layout of ``keras.applications``' files (Keras 2, and Keras 3's
  ``legacy_h5_format``): the root (or a ``model_weights`` group, in a whole-model file)
  has an attribute ``layer_names``; each layer's group has ``weight_names``, the paths of
  its datasets in order (``block1_conv1/kernel:0``, ``block1_conv1/bias:0``). An attribute
  too long for HDF5 is split as ``layer_names0``, ``layer_names1``, ...;
- Keras 3's ``.weights.h5``: ``layers/<layer name>/vars/0, 1, ...``.

A legacy file's layers go to the model's by name when every name is found, else by order
of the layers that have weights (Keras's rule). A ``.weights.h5`` names layers by class
(``conv2d``, ``conv2d_1``, in the model's order), as Keras 3 does. Shapes must agree.
"""

from pathlib import Path

import numpy as np

from course.keras.backend import snake_case

try:
    import h5py
except ImportError:  # pragma: no cover - h5py is a dependency of the course
    h5py = None


def _attribute(group, name):
    """A list-of-strings attribute, joined from its chunks ``name0, name1, ...`` if split."""
    if name in group.attrs:
        values = list(group.attrs[name])
    else:
        values, i = [], 0
        while f"{name}{i}" in group.attrs:
            values += list(group.attrs[f"{name}{i}"])
            i += 1
    return [v.decode("utf8") if isinstance(v, bytes) else str(v) for v in values]


def _legacy_layers(group):
    layers = []
    for name in _attribute(group, "layer_names"):
        layer_group = group[name]
        arrays = [np.asarray(layer_group[w]) for w in _attribute(layer_group, "weight_names")]
        if arrays:
            layers.append((name, arrays))
    return layers


def _keras3_layers(group):
    layers = {}
    for name, layer_group in group["layers"].items():
        variables = layer_group.get("vars", {})
        layers[name] = [np.asarray(variables[str(i)]) for i in range(len(variables))]
    return layers


def read_weights(path):
    """``("legacy", [(layer name, [arrays]), ...])`` for a legacy file (layers in order),
    ``("keras3", {object name: [arrays]})`` for a ``.weights.h5``; arrays in weight order."""
    path = Path(path)
    if h5py is None:
        raise ImportError("Reading Keras .h5 weights needs h5py: pip install h5py")
    if not path.is_file():
        raise FileNotFoundError(f"No weights file at {path}")
    try:
        with h5py.File(path, "r") as file:
            group = file["model_weights"] if "model_weights" in file else file
            if "layer_names" in group.attrs or "layer_names0" in group.attrs:
                return "legacy", _legacy_layers(group)
            if "layers" in group:
                return "keras3", _keras3_layers(group)
    except (OSError, KeyError) as error:
        raise ValueError(f"{path} is not a readable Keras HDF5 weights file (truncated or "
                         f"corrupt?): {error}") from None
    raise ValueError(f"{path} is an HDF5 file but not Keras weights: it has neither a "
                     "'layer_names' attribute (legacy layout) nor a 'layers' group (.weights.h5)")


def keras3_object_names(layers):
    """The names Keras 3 files ``layers`` under: the class in snake case, ``_1``, ``_2``
    for the second and third layer of a class, in the model's order."""
    counts, names = {}, []
    for layer in layers:
        base = snake_case(type(layer).__name__)
        names.append(base if base not in counts else f"{base}_{counts[base]}")
        counts[base] = counts.get(base, 0) + 1
    return names


def _pairs(model, path):
    """``[(layer, saved name, arrays)]``: which saved weights go to which layer."""
    layout, saved = read_weights(path)
    if layout == "keras3":
        names = keras3_object_names(model.layers)
        missing = [n for n in names if n not in saved]
        if missing or len(names) != len(saved):
            raise ValueError(f"{path} does not fit model \"{model.name}\": the model's layers "
                             f"are saved as {names}, the file has {sorted(saved)}")
        return [(layer, n, saved[n]) for layer, n in zip(model.layers, names)
                if layer.weights or saved[n]]
    layers = [layer for layer in model.layers if layer.weights]
    if len(saved) != len(layers):
        raise ValueError(f"Layer count mismatch when loading weights from {path}: model "
                         f'"{model.name}" expected {len(layers)} layers with weights, found '
                         f"{len(saved)} saved layers.")
    by_name = {layer.name: layer for layer in layers}
    if all(name in by_name for name, _ in saved):
        return [(by_name[name], name, arrays) for name, arrays in saved]
    return [(layer, name, arrays) for layer, (name, arrays) in zip(layers, saved)]


def load_weights(model, path):
    """Set the weights of ``model``'s layers from the HDF5 file at ``path``."""
    for k, (layer, name, arrays) in enumerate(_pairs(model, path)):
        if len(arrays) != len(layer.weights):
            raise ValueError(f"Weight count mismatch for layer #{k} (named {layer.name} in the "
                             f"model, {name} in {path}): the layer expects "
                             f"{len(layer.weights)} weight(s), received {len(arrays)}")
        for var, value in zip(layer.weights, arrays):
            if var.value.shape != value.shape:
                raise ValueError(f'Layer "{layer.name}" weight {var.path}: shape '
                                 f"{var.value.shape} in the model, {value.shape} in {path} "
                                 f"(layer {name})")
        layer.set_weights(arrays)


def save_weights(model, path):
    """Write ``model``'s weights in the legacy layout (as ``keras.applications`` files are)."""
    path = Path(path)
    with h5py.File(path, "w") as file:
        layers = [layer for layer in model.layers if layer.weights]
        file.attrs["layer_names"] = [layer.name.encode("utf8") for layer in layers]
        file.attrs["backend"] = b"course"
        for layer in layers:
            group = file.create_group(layer.name)
            names = [f"{layer.name}/{var.name}:0".encode("utf8")
                     for var in layer.weights]
            group.attrs["weight_names"] = names
            for name, var in zip(names, layer.weights):
                group.create_dataset(name.decode("utf8"), data=var.value)
    return path
