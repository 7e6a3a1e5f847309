"""Seconds per training epoch and inference speed of the Keras MNIST convnet.

The convnet of the Keras tutorials (Conv2D 32 -> MaxPool -> Conv2D 64 -> MaxPool ->
Conv2D 64 -> Flatten -> Dense 64 -> Dense 10), Adam, batch 64, on 60,000 MNIST-shaped
images, side by side in one run: course.keras, a plain numpy im2col version (timed on a
tenth of the epoch and scaled, it is slow), PyTorch's eager CPU loop when installed and
TensorFlow-Keras when its interpreter is named (``--tf-python``). With ``--load N`` every
contender runs again while N busy processes (started and ended by the benchmark) compete
for the cores, and the table shows loaded / idle (``--samples`` keeps that affordable: the
ratios are what count). Then inference images per second at batch 1000 on 10,000 images
(``model.predict``; PyTorch under ``no_grad``; the fastest of 3 passes), each contender in
its own process.

    python -m course.benchmarks.cnn [--samples 60000] [--repeats 1] [--load 2]
                                    [--tf-python ~/venvs/tf/bin/python]
"""

import argparse
import statistics
import time

import numpy as np

from course.benchmarks import tf_keras
from course.benchmarks.baselines import (in_fresh_process, mnist_shaped, numpy_convnet_epoch,
                                         torch_available, torch_convnet, torch_epoch,
                                         torch_inference)
from course.benchmarks.load import idle_and_loaded, print_table


def keras_convnet():
    from course import keras
    from course.keras import layers
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        layers.Conv2D(32, (3, 3), activation="relu", input_shape=(28, 28, 1)),
        layers.MaxPooling2D((2, 2)), layers.Conv2D(64, (3, 3), activation="relu"),
        layers.MaxPooling2D((2, 2)), layers.Conv2D(64, (3, 3), activation="relu"),
        layers.Flatten(), layers.Dense(64, activation="relu"),
        layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


def course_epoch(x, y, batch_size):
    model = keras_convnet()
    start = time.perf_counter()
    model.fit(x, y, batch_size=batch_size, epochs=1, verbose=0)
    return time.perf_counter() - start


def course_inference(x, batch_size=1000, repeats=3):
    """Images per second of ``model.predict`` (the fastest of ``repeats`` calls)."""
    model = keras_convnet()
    model.predict(x[:batch_size], batch_size=batch_size, verbose=0)
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        model.predict(x, batch_size=batch_size, verbose=0)
        best = min(best, time.perf_counter() - start)
    return len(x) / best


def _measure(name, samples, repeats):
    """In a fresh process: warm up, then (median of ``repeats``) seconds per epoch."""
    x, y = mnist_shaped(samples, image=True)
    if name == "course.keras":
        course_epoch(x[:640], y[:640], 64)  # numba compilation
        return statistics.median(course_epoch(x, y, 64) for _ in range(repeats))
    if name == "pytorch":
        torch_epoch(torch_convnet, x[:640], y[:640], 64, channels_first=True)
        return statistics.median(torch_epoch(torch_convnet, x, y, 64, channels_first=True)
                                 for _ in range(repeats))
    part = max(samples // 10, 64)  # plain numpy is slow: a tenth of the epoch, scaled
    return numpy_convnet_epoch(x[:part], y[:part]) * samples / part


def _inference(name):
    x, _ = mnist_shaped(10000, image=True)
    if name == "course.keras":
        return course_inference(x)
    torch_inference(torch_convnet, x[:2000])  # warm-up
    return torch_inference(torch_convnet, x)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=60000)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--load", type=int, default=0, metavar="N",
                        help="also measure with N busy processes (started and ended here)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="alternate idle and loaded runs this many times; keep the fastest")
    parser.add_argument("--skip-numpy", action="store_true")
    parser.add_argument("--skip-torch", action="store_true")
    parser.add_argument("--skip-inference", action="store_true")
    tf_keras.add_option(parser)
    args = parser.parse_args()
    tf_python = tf_keras.interpreter(args.tf_python)
    names = ["course.keras"]
    if torch_available() and not args.skip_torch:
        names.append("pytorch")
    elif not args.skip_torch:
        print("(PyTorch is not installed: `pip install torch` to compare with it)")
    if not args.skip_numpy:
        names.append("numpy")
    contenders = {name: (lambda name=name: in_fresh_process(
        _measure, name, args.samples, args.repeats)) for name in names}
    if tf_python:
        x, y = mnist_shaped(args.samples, image=True)
        contenders["tf.keras"] = lambda: tf_keras.tf_keras_epoch(
            tf_python, "convnet", x, y, 64, args.repeats)
    times, seen = idle_and_loaded(contenders, args.load, args.rounds)
    print_table(f"Keras MNIST convnet, Adam, batch 64, {args.samples} images per epoch, "
                f"s/epoch (each in its own process; numpy timed on a tenth and scaled):",
                times, seen, args.load)
    flops = 2 * 3 * args.samples * (26 * 26 * 9 * 32 + 11 * 11 * 288 * 64 + 3 * 3 * 576 * 64
                                    + 576 * 64 + 640)
    print(f"  (about {flops / 1e12:.2f} TFLOP per epoch: course.keras runs at "
          f"{flops / times['course.keras'][0] / 1e9:.0f} GFLOP/s idle)")
    if args.skip_inference:
        return
    print("\nInference, batch 1000, 10,000 images:")
    for name in [n for n in names if n != "numpy"]:
        print(f"  {name:13s} {in_fresh_process(_inference, name):9.0f} images/s")
    if tf_python:
        x, y = mnist_shaped(10000, image=True)
        speed = tf_keras.tf_keras_epoch(tf_python, "convnet", x, y, 1000, predict=True)
        print(f"  {'tf.keras':13s} {speed:9.0f} images/s" if speed else "  tf.keras: failed")


if __name__ == "__main__":
    main()
