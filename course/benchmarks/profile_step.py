"""Where a training step spends its time: a per-layer table, and what speeding one up buys.

``profile_step(model, x)`` times each layer of a built ``Sequential`` model on the batch
``x``: its forward pass (``training=True``) and its backward pass (with an upstream gradient
of the output's shape), each the median of ``repeats`` runs, in milliseconds. The rows come
in the model's order, ``[name, forward_ms, backward_ms]``: plain data, to print or to read.

Reading the table is Amdahl's law. A layer that takes the share ``p`` of the step, made
``s`` times faster, leaves the step ``(1 - p) + p / s`` of its time, so the step is

    speedup = 1 / ((1 - p) + p / s)

times faster, never more than ``1 / (1 - p)`` however large ``s``: first find the layers
whose ``p`` is large (``step_speedup`` does the arithmetic from the table).

    python -m course.benchmarks.profile_step     # the Keras MNIST convnet, batch 64
"""

import statistics
import time

import numpy as np


def _median_ms(run, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def profile_step(model, x: np.ndarray, repeats: int = 5, seed: int = 0) -> list:
    """``[[layer name, forward ms, backward ms], ...]`` of one training step of ``model``.

    Args:
        model: a built Sequential model of ``course.keras`` (its ``layers``).
        x: one batch of inputs, shape ``(batch, ...)``.
        repeats: runs per pass; the median is reported (a positive int).
        seed: seeds the upstream gradients.
    """
    if int(repeats) < 1:
        raise ValueError(f"profile_step: repeats must be a positive int, got {repeats}")
    rng = np.random.default_rng(seed)
    rows = []
    for layer in model.layers:
        out, cache = layer.forward(x, training=True)
        forward_ms = _median_ms(lambda: layer.forward(x, training=True), repeats)
        dout = rng.standard_normal(out.shape).astype(out.dtype)
        backward_ms = _median_ms(lambda: layer.backward(dout, cache), repeats)
        rows.append([layer.name, forward_ms, backward_ms])
        x = out
    return rows


def step_speedup(table: list, layer: str, factor: float) -> float:
    """How many times faster the whole step gets when ``layer`` runs ``factor`` times faster.

    Args:
        table: rows ``[name, forward_ms, backward_ms]``, as :func:`profile_step` gives.
        layer: the name of the row whose forward and backward are sped up.
        factor: ``s``, how many times faster that layer gets (> 0).

    Returns:
        ``total / new_total`` (a float): Amdahl's ``1 / ((1 - p) + p / s)``.
    """
    names = [row[0] for row in table]
    if layer not in names:
        raise ValueError(f"step_speedup: no layer {layer!r} in the table (it has {names})")
    if factor <= 0:
        raise ValueError(f"step_speedup: factor must be positive, got {factor}")
    total = sum(forward + backward for _, forward, backward in table)
    mine = sum(forward + backward for name, forward, backward in table if name == layer)
    return float(total / (total - mine + mine / factor))


def main() -> None:
    from course.benchmarks.cnn import keras_convnet
    model = keras_convnet()
    x = np.random.default_rng(0).random((64, 28, 28, 1)).astype(np.float32)
    model.predict(x[:1], verbose=0)
    table = profile_step(model, x, repeats=7)
    total = sum(f + b for _, f, b in table)
    print(f"{'layer':<16}{'forward ms':>12}{'backward ms':>13}{'share':>8}")
    for name, forward, backward in table:
        print(f"{name:<16}{forward:>12.2f}{backward:>13.2f}{(forward + backward) / total:>8.1%}")
    print(f"{'total':<16}{total:>33.2f}")


if __name__ == "__main__":
    main()
