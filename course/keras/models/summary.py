"""``model.summary()``: Keras 3's table of layers, output shapes and parameter counts."""

from course.keras.layers.layer import shape_str


def _human_bytes(n):
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.2f} {unit}"
        n /= 1024


def _rows(model):
    rows = []
    if hasattr(model, "summary_rows"):  # a functional model: one row per node
        for layer, out_shape, inbound in model.summary_rows():
            rows.append((f"{layer.name} ({type(layer).__name__})", out_shape,
                         layer.count_params(), inbound))
    else:
        for layer in model.layers:
            rows.append((f"{layer.name} ({type(layer).__name__})", layer.output_shape,
                         layer.count_params(), None))
    return rows


def print_summary(model, line_length=None, print_fn=None, show_trainable=False):
    """Print (or pass to ``print_fn`` line by line) the summary table of ``model``."""
    if not model.built:
        raise ValueError("This model has not yet been built. Build the model first by calling "
                         "`build()` or by calling the model on a batch of data, or give the "
                         "first layer an `input_shape`.")
    print_fn = print_fn or print
    rows = _rows(model)
    functional = any(r[3] is not None for r in rows)
    headers = ["Layer (type)", "Output Shape", "Param #"] + (["Connected to"] if functional else [])
    cells = [[name, shape_str(shape) if shape is not None else "?", f"{params:,}"]
             + ([", ".join(inbound)] if functional else [])
             for name, shape, params, inbound in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) + 2 for i, h in enumerate(headers)]
    if line_length:
        widths[0] = max(widths[0], line_length - sum(widths[1:]) - len(widths) - 1)

    def line(left, fill, mid, right):
        return left + mid.join(fill * w for w in widths) + right

    def row(values, sep):
        out = []
        for i, (v, w) in enumerate(zip(values, widths)):
            out.append((" " + v).rjust(w - 1) + " " if headers[i] == "Param #"
                       else (" " + v).ljust(w))
        return sep + sep.join(out) + sep

    lines = [f'Model: "{model.name}"', line("┏", "━", "┳", "┓"), row(headers, "┃"),
             line("┡", "━", "╇", "┩")]
    for i, c in enumerate(cells):
        lines.append(row(c, "│"))
        if i < len(cells) - 1:
            lines.append(line("├", "─", "┼", "┤"))
    lines.append(line("└", "─", "┴", "┘"))
    total = model.count_params()
    trainable = int(sum(w.value.size for w in model.trainable_weights))
    nbytes = lambda ws: sum(w.value.nbytes for w in ws)  # noqa: E731
    lines.append(f" Total params: {total:,} ({_human_bytes(nbytes(model.weights))})")
    lines.append(f" Trainable params: {trainable:,} "
                 f"({_human_bytes(nbytes(model.trainable_weights))})")
    lines.append(f" Non-trainable params: {total - trainable:,} "
                 f"({_human_bytes(nbytes(model.non_trainable_weights))})")
    for text in lines:
        print_fn(text)
