"""``plot_model``: the layer graph of a model drawn as boxes and arrows, with matplotlib.

As Keras 3's ``keras.utils.plot_model`` (which asks graphviz for the layout): one box per
layer, with its name and class and, on request, its input/output shapes, dtype,
activation and trainability; an arrow from each layer to the layers it feeds. Layers are
placed in ranks, each a step further from the inputs than its furthest input, top to
bottom (``rankdir="TB"``) or left to right (``"LR"``).
"""

from pathlib import Path

from course.keras.layers.layer import shape_str


def model_graph(model):
    """``[(layer, input shapes, output shape, inbound indices)]`` in topological order."""
    nodes = getattr(model, "_nodes", None)
    if nodes is not None:  # a functional model: its graph of symbolic tensors
        index = {id(node): i for i, node in enumerate(nodes)}
        return [(node.layer, [t.shape for t in node.inputs] or [node.shape], node.shape,
                 [index[id(t)] for t in node.inputs]) for node in nodes]
    graph = []
    for i, layer in enumerate(model.layers):
        graph.append((layer, [layer.input_shape] if layer.input_shape is not None else [],
                      layer.output_shape, [i - 1] if i else []))
    return graph


def _label(layer, in_shapes, out_shape, show_shapes, show_dtype, show_layer_names,
           show_layer_activations, show_trainable, expand_nested):
    lines = [f"{layer.name} ({type(layer).__name__})" if show_layer_names
             else type(layer).__name__]
    if expand_nested and hasattr(layer, "layers") and hasattr(layer, "summary"):
        lines += [f"  {inner.name} ({type(inner).__name__})" for inner in layer.layers]
    if show_shapes:
        shapes = ", ".join(shape_str(s) for s in in_shapes if s is not None) or "?"
        lines.append(f"Input shape: {shapes}")
        lines.append(f"Output shape: {shape_str(out_shape) if out_shape is not None else '?'}")
    if show_dtype:
        lines.append(f"Output dtype: {getattr(layer, 'dtype', 'float32')}")
    activation = getattr(layer, "activation", None)
    if show_layer_activations and activation is not None:
        name = activation if isinstance(activation, str) else getattr(activation, "__name__",
                                                                       str(activation))
        lines.append(f"Activation: {name}")
    if show_trainable:
        lines.append(f"Trainable: {'T' if getattr(layer, 'trainable', True) else 'F'}")
    return "\n".join(lines)


def _positions(graph, rankdir):
    """``(x, y)`` of each node: rank along the flow, spread evenly across it."""
    rank = []
    for _, _, _, inbound in graph:
        rank.append(1 + max((rank[i] for i in inbound), default=-1))
    by_rank = {}
    for i, r in enumerate(rank):
        by_rank.setdefault(r, []).append(i)
    pos = {}
    for r, members in by_rank.items():
        for k, i in enumerate(members):
            across = k - (len(members) - 1) / 2
            pos[i] = (across, -r) if rankdir == "TB" else (r, -across)
    return pos


def plot_model(model, to_file="model.png", show_shapes=False, show_dtype=False,
               show_layer_names=True, rankdir="TB", expand_nested=False, dpi=200,
               show_layer_activations=False, show_trainable=False, **kwargs):
    """Draw ``model``'s layers into ``to_file`` (png, pdf, svg...).

    Returns an ``IPython.display.Image`` of the file when IPython is installed (and the
    file is not a pdf), as Keras does; otherwise None.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if rankdir not in ("TB", "LR"):
        raise ValueError(f"rankdir must be 'TB' (top to bottom) or 'LR' (left to right), "
                         f"received rankdir={rankdir!r}")
    if not getattr(model, "built", False) or not model.layers:
        raise ValueError("plot_model() needs a built model with layers: build it first (give "
                         "an Input or input_shape, or call it on data)")
    graph = model_graph(model)
    labels = [_label(layer, ins, out, show_shapes, show_dtype, show_layer_names,
                     show_layer_activations, show_trainable, expand_nested)
              for layer, ins, out, _ in graph]
    pos = _positions(graph, rankdir)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    lines = max(label.count("\n") + 1 for label in labels)
    width = max(len(line) for label in labels for line in label.split("\n"))
    step_x, step_y = 0.12 * width + 0.6, 0.3 * lines + 0.6
    figure = Figure(figsize=(step_x * (max(xs) - min(xs) + 1), step_y * (max(ys) - min(ys) + 1)))
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(min(xs) - 0.5, max(xs) + 0.5)
    ax.set_ylim(min(ys) - 0.5, max(ys) + 0.5)
    ax.axis("off")
    box = dict(boxstyle="round,pad=0.4", facecolor="#eef3fb", edgecolor="#34495e")
    texts = [ax.text(*pos[i], label, ha="center", va="center", fontsize=8,
                     family="monospace", bbox=box) for i, label in enumerate(labels)]
    for i, (_, _, _, inbound) in enumerate(graph):
        for j in inbound:  # clipped at the two boxes, so the head touches the target's edge
            ax.annotate("", xy=pos[i], xytext=pos[j], arrowprops=dict(
                arrowstyle="-|>", color="#34495e", patchA=texts[j].get_bbox_patch(),
                patchB=texts[i].get_bbox_patch(), shrinkA=2, shrinkB=2))
    figure.savefig(to_file, dpi=dpi)
    if Path(to_file).suffix.lower() != ".pdf":
        try:
            from IPython import display
        except ImportError:
            return None
        return display.Image(filename=str(to_file))
    return None
