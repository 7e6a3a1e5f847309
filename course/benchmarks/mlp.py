"""Seconds per training epoch of the MLP 784-128(relu)-10(softmax), Adam, 60,000 samples.

Compares course.keras with a plain numpy layer-by-layer implementation and, when it is
installed, PyTorch's eager CPU loop, at batch 128 and 32, in one run; prints the ratios.
The data is random MNIST-shaped data (speed does not depend on the values).

    python -m course.benchmarks.mlp [--repeats 3] [--samples 60000]
"""

import argparse
import statistics
import time

import numpy as np

from course.benchmarks.baselines import (in_fresh_process, mnist_shaped, numpy_mlp_epoch,
                                         torch_available, torch_epoch, torch_mlp)


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
    args = parser.parse_args()
    names = ["course.keras", "numpy"]
    if torch_available():
        names.append("pytorch")
    else:
        print("(PyTorch is not installed: `pip install torch` to compare with it)")
    for batch_size in (128, 32):
        times = {name: in_fresh_process(_measure, name, args.samples, batch_size, args.repeats)
                 for name in names}
        print(f"\nMLP 784-128-10, Adam, {args.samples} samples, batch {batch_size} "
              f"(median of {args.repeats}, each in its own process):")
        base = times.get("pytorch", times["course.keras"])
        for name, seconds in times.items():
            print(f"  {name:13s} {seconds:7.3f} s/epoch   x{seconds / base:5.2f} of "
                  f"{'pytorch' if 'pytorch' in times else 'course.keras'}")


if __name__ == "__main__":
    main()
