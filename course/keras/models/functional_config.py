"""A functional model's configuration in Keras 3's layout, and the graph rebuilt from it.

::

    {"name": "model", "trainable": true,
     "layers": [{"module": "keras.layers", "class_name": "Dense", "config": {...},
                 "registered_name": null, "name": "hid",
                 "inbound_nodes": [{"args": [<tensor>], "kwargs": {}}]}, ...],
     "input_layers": [["in_a", 0, 0], ...], "output_layers": [["out_a", 0, 0], ...]}

A ``<tensor>`` is ``{"class_name": "__keras_tensor__", "config": {"shape": [...], "dtype":
"float32", "keras_history": [layer name, node index, tensor index]}}``; a call on several
tensors has their list as its one argument. Node indices count only the calls inside the
model. ``input_layers``/``output_layers`` are a list, or a dict for dict inputs/outputs. A call
given ``training`` (``base_model(x, training=False)``) keeps it in its node's ``kwargs``
(``{"training": false}``), as Keras 3.
"""

from course.keras.layers.input_layer import InputLayer
from course.keras.saving.serialization import layer_from_config, layer_to_config


def functional_to_config(model):
    """``model.get_config()`` of a ``Functional`` model."""
    node_ids = {id(n) for n in model._nodes}
    new_index = {}
    for layer in model.layers:
        mine = [n for n in layer._inbound_nodes if id(n) in node_ids]
        new_index.update((id(n), i) for i, n in enumerate(mine))

    def history(t):
        return [t.layer.name, new_index[id(t)], 0]

    def tensor(t):
        return {"class_name": "__keras_tensor__",
                "config": {"shape": list(t.shape), "dtype": str(t.dtype),
                           "keras_history": history(t)}}

    layers = []
    for layer in model.layers:
        mine = [n for n in layer._inbound_nodes if id(n) in node_ids]
        nodes = [] if isinstance(layer, InputLayer) else [
            {"args": [[tensor(t) for t in n.inputs] if n.many_inputs else tensor(n.inputs[0])],
             "kwargs": {} if n.training is None else {"training": n.training}} for n in mine]
        layers.append({"module": "keras.layers", **layer_to_config(layer),
                       "registered_name": None, "name": layer.name, "inbound_nodes": nodes})

    def ends(struct):
        if isinstance(struct, dict):
            return {k: history(struct[k]) for k in sorted(struct)}
        return [history(t) for t in (struct if isinstance(struct, list) else [struct])]

    return {"name": model.name, "trainable": model.trainable, "layers": layers,
            "input_layers": ends(model.input), "output_layers": ends(model.output)}


def _layer(entry, custom_objects):
    cls = (custom_objects or {}).get(entry.get("class_name"))
    return cls.from_config(entry["config"]) if cls is not None else layer_from_config(entry)


def graph_from_config(config, custom_objects=None):
    """``(inputs, outputs)`` tensors of a new graph of new layers, from ``get_config()``.

    Raises:
        ValueError: a node refers to a layer or node the configuration does not hold.
    """
    for key in ("layers", "input_layers", "output_layers"):
        if key not in config:
            raise ValueError(f"A functional model's config needs {key!r}; it has "
                             f"{sorted(config)}")
    layers = {}
    pending = []
    for entry in config["layers"]:
        layer = _layer(entry, custom_objects)
        name = entry.get("name", layer.name)
        layers[name] = layer
        pending.extend((name, node) for node in entry.get("inbound_nodes", []))
    made = {(name, 0): layer.output for name, layer in layers.items()
            if isinstance(layer, InputLayer)}

    def find(spec):
        name, node_index = spec["config"]["keras_history"][:2]
        if name not in layers:
            raise ValueError(f"The config refers to a layer {name!r} it does not define")
        return made.get((name, node_index))

    while pending:
        waiting = []
        for name, node in pending:
            arg = node["args"][0]
            many = isinstance(arg, list)
            found = [find(spec) for spec in (arg if many else [arg])]
            if any(t is None for t in found) or any(
                    w[0] == name for w in waiting):  # a layer's calls stay in order
                waiting.append((name, node))
                continue
            out = layers[name](found if many else found[0],
                               training=node.get("kwargs", {}).get("training"))
            made[(name, sum(1 for key in made if key[0] == name))] = out
        if len(waiting) == len(pending):
            raise ValueError(f"The config's nodes cannot be connected: layer "
                             f"{waiting[0][0]!r} waits for a tensor no layer makes")
        pending = waiting

    def tensor(history):
        name, node_index = history[:2]
        if (name, node_index) not in made:
            raise ValueError(f"The config's inputs/outputs name {name!r} node {node_index}, "
                             f"which no layer makes")
        return made[(name, node_index)]

    def ends(struct):
        if isinstance(struct, dict):
            return {k: tensor(v) for k, v in struct.items()}
        tensors = [tensor(h) for h in struct]
        return tensors[0] if len(tensors) == 1 else tensors

    return ends(config["input_layers"]), ends(config["output_layers"])
