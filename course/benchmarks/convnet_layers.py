"""Where the convnet's training step spends its time: forward and backward of every layer.

The Keras MNIST convnet of :mod:`course.benchmarks.cnn` (Conv2D 32 -> MaxPool -> Conv2D 64
-> MaxPool -> Conv2D 64 -> Flatten -> Dense 64 -> Dense 10, softmax cross-entropy, Adam)
on one batch: each layer's ``forward`` and ``backward`` as the fused training step calls
them (a kernel layer's activation inside it: "conv1+relu"), then the loss (forward and
gradient), the optimizer's update, and the whole step ``model._train_step``. "sum" adds
the rows; "step - sum" is what the step spends between them (Python, bookkeeping).

Every row is timed ``--number`` calls at a time, the rows interleaved, over ``--rounds``
rounds; the table keeps each row's fastest round (milliseconds per call), which is the
least disturbed reading on a shared machine. ``--clock cpu`` reads the CPU time of this
process instead of the wall clock: on a machine loaded by other jobs it does not count the
time the process waited for a core, and with ``COURSE_BLAS_THREADS=1`` (one thread doing
everything) it is the steadiest way to compare two versions of the code.

    python -m course.benchmarks.convnet_layers [--batch 64] [--rounds 7] [--number 10]
                                               [--clock {wall,cpu}]
"""

import argparse
import time

import numpy as np

from course.benchmarks.baselines import mnist_shaped
from course.benchmarks.cnn import keras_convnet
from course.keras.models import layer_fusion


def _short_names(model):
    """``conv1``, ``pool1``, ``conv2``, ..., ``dense1``, ``dense2``, with ``+relu`` when a
    kernel layer applies one."""
    counts, names = {}, []
    for layer in model.layers:
        kind = {"Conv2D": "conv", "MaxPooling2D": "pool", "Dense": "dense",
                "Flatten": "flatten"}.get(type(layer).__name__, type(layer).__name__.lower())
        counts[kind] = counts.get(kind, 0) + 1
        name = f"{kind}{counts[kind]}" if kind != "flatten" else kind
        activation = getattr(layer, "activation", "linear")
        if activation not in ("linear", "softmax"):
            name += f"+{activation}"
        names.append(name)
    return names


def step_parts(model, x, y):
    """``[(row name, forward callable or None, backward callable or None)]`` for one batch,
    the callables doing exactly what the fused training step does for that row (two layers
    that the model runs as one op, :mod:`course.keras.models.layer_fusion`, are one row:
    "conv1+relu+pool1")."""
    compiled = model.compiled_loss()
    layers, names = model.layers, _short_names(model)
    out, caches = model.forward(x, training=True, logits=compiled.logits)
    dout = compiled(y, out, None)[2]
    # each row: (name, first layer, number of layers, its input, its cache, its dout)
    rows, inputs, a = [], [], x
    for i, layer in enumerate(layers):
        inputs.append(a)
        if caches[i] is layer_fusion.FUSED_ABOVE:
            a, _ = layer_fusion.forward(layers[i - 1], inputs[i - 1])
        else:
            a, _ = layer.forward(a, True, **({"logits": True} if i == len(layers) - 1
                                             and compiled.logits else {}))
    douts, d = [None] * len(layers), dout
    for i in range(len(layers) - 1, -1, -1):
        douts[i] = d
        if caches[i] is layer_fusion.FUSED_ABOVE:
            continue
        if isinstance(caches[i], layer_fusion.Fused):
            d, _ = layer_fusion.backward(layers[i], d, caches[i], need_dx=i > 0)
        else:
            d, _ = layers[i].backward(d, caches[i], need_dx=i > 0)
    for i, (layer, name) in enumerate(zip(layers, names)):
        kwargs = {"logits": True} if i == len(layers) - 1 and compiled.logits else {}
        if caches[i] is layer_fusion.FUSED_ABOVE:
            continue
        if isinstance(caches[i], layer_fusion.Fused):
            rows.append((f"{name}+{names[i + 1].split('+')[0]}",
                         lambda layer=layer, x=inputs[i]: layer_fusion.forward(layer, x),
                         lambda layer=layer, d=douts[i + 1], c=caches[i], i=i:
                         layer_fusion.backward(layer, d, c, need_dx=i > 0)))
            continue
        rows.append((name,
                     lambda layer=layer, x=inputs[i], kw=kwargs: layer.forward(x, True, **kw),
                     lambda layer=layer, d=douts[i], c=caches[i], i=i:
                     layer.backward(d, c, need_dx=i > 0)))
    rows.append(("loss (softmax+CE)", lambda: compiled(y, out, None, need_grad=False),
                 lambda: compiled(y, out, None)))
    _, grads = model.backward(dout, caches, need_dx=False)
    index, variables = model._trainable_plan()
    rows.append(("optimizer (Adam)", None,
                 lambda: model.optimizer.apply([grads[i] for i in index], variables)))
    return rows, (lambda: model._train_step(x, y, None, index, variables))


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


def _time(fn, number, clock):
    start = clock()
    for _ in range(number):
        fn()
    return (clock() - start) / number


def profile(batch=64, rounds=7, number=10, clock="wall"):
    """``{row: [forward ms, backward ms]}`` and the whole step's ms (fastest rounds)."""
    model = keras_convnet()
    x, y = mnist_shaped(batch, image=True)
    model.fit(x, y, batch_size=batch, epochs=1, verbose=0)  # builds; compiles numba
    rows, step = step_parts(model, x, y)
    best = {name: [np.inf, np.inf] for name, _, _ in rows}
    best_step = np.inf
    for _ in range(rounds):
        for name, forward, backward in rows:
            for k, fn in enumerate((forward, backward)):
                if fn is not None:
                    best[name][k] = min(best[name][k], _time(fn, number, CLOCKS[clock]) * 1e3)
        best_step = min(best_step, _time(step, number, CLOCKS[clock]) * 1e3)
    return best, best_step


def print_table(best, step_ms, batch, clock="wall"):
    print(f"Convnet training step, batch {batch}, ms per call ({clock} clock, fastest round):")
    print(f"  {'':20s} {'forward':>9s} {'backward':>9s} {'total':>9s} {'share':>7s}")
    total = sum(v for row in best.values() for v in row if np.isfinite(v))
    for name, (f, b) in best.items():
        f, b = (v if np.isfinite(v) else 0.0 for v in (f, b))
        print(f"  {name:20s} {f:9.3f} {b:9.3f} {f + b:9.3f} {100 * (f + b) / total:6.1f}%")
    print(f"  {'sum':20s} {'':9s} {'':9s} {total:9.3f}")
    print(f"  {'step (measured)':20s} {'':9s} {'':9s} {step_ms:9.3f}")
    print(f"  {'step - sum':20s} {'':9s} {'':9s} {step_ms - total:9.3f}")
    print("  (loss: forward = the loss alone, backward = loss and its gradient)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--number", type=int, default=10, help="calls per timing")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall")
    args = parser.parse_args()
    best, step_ms = profile(args.batch, args.rounds, args.number, args.clock)
    print_table(best, step_ms, args.batch, args.clock)


if __name__ == "__main__":
    main()
