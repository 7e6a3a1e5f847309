"""Seconds per training epoch of the MLP 784-128(relu)-10(softmax), Adam, 60,000 samples.

Compares course.keras with a plain numpy layer-by-layer implementation, PyTorch's eager
CPU loop when it is installed and TensorFlow-Keras when its interpreter is named
(``--tf-python``), at batch 128 and 32, in one run; prints the ratios. With ``--load N``
every contender runs again while N busy processes (started and ended by the benchmark)
compete for the cores, and the table shows loaded / idle. The data is random MNIST-shaped
data (speed does not depend on the values).

    python -m course.benchmarks.mlp [--repeats 3] [--samples 60000] [--load 2]
                                    [--tf-python ~/venvs/tf/bin/python]
"""

import argparse
import statistics
import time

import numpy as np

from course.benchmarks import tf_keras
from course.benchmarks.baselines import (in_fresh_process, mnist_shaped, numpy_mlp_epoch,
                                         torch_available, torch_epoch, torch_mlp)
from course.benchmarks.load import idle_and_loaded, print_table


def course_keras_epoch(x, y, batch_size):
    """Seconds of one ``fit`` epoch of the MLP in course.keras."""
    from course import keras
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(784,)),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    start = time.perf_counter()
    model.fit(x, y, batch_size=batch_size, epochs=1, verbose=0)
    return time.perf_counter() - start


def _torch_epoch(x, y, batch_size):
    return torch_epoch(torch_mlp, x, y, batch_size)


CONTENDERS = {"course.keras": course_keras_epoch, "numpy": numpy_mlp_epoch,
              "pytorch": _torch_epoch}


def _measure(name, samples, batch_size, repeats):
    """In a fresh process: warm up, then the median of ``repeats`` epochs."""
    x, y = mnist_shaped(samples)
    fn = CONTENDERS[name]
    fn(x[:2048], y[:2048], batch_size)  # numba compilation, BLAS threads, caches
    return statistics.median(fn(x, y, batch_size) for _ in range(repeats))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--samples", type=int, default=60000)
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[128, 32])
    parser.add_argument("--load", type=int, default=0, metavar="N",
                        help="also measure with N busy processes (started and ended here)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="alternate idle and loaded runs this many times; keep the fastest")
    parser.add_argument("--skip-numpy", action="store_true")
    parser.add_argument("--skip-torch", action="store_true")
    tf_keras.add_option(parser)
    args = parser.parse_args()
    tf_python = tf_keras.interpreter(args.tf_python)
    names = ["course.keras"] + ([] if args.skip_numpy else ["numpy"])
    if torch_available() and not args.skip_torch:
        names.append("pytorch")
    elif not args.skip_torch:
        print("(PyTorch is not installed: `pip install torch` to compare with it)")
    for batch_size in args.batch_sizes:
        contenders = {name: (lambda name=name: in_fresh_process(
            _measure, name, args.samples, batch_size, args.repeats)) for name in names}
        if tf_python:
            x, y = mnist_shaped(args.samples)
            contenders["tf.keras"] = lambda: tf_keras.tf_keras_epoch(
                tf_python, "mlp", x, y, batch_size, args.repeats)
        times, seen = idle_and_loaded(contenders, args.load, args.rounds)
        print_table(f"MLP 784-128-10, Adam, {args.samples} samples, batch {batch_size}, "
                    f"s/epoch (median of {args.repeats}, each in its own process):",
                    times, seen, args.load)


if __name__ == "__main__":
    main()
