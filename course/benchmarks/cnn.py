"""Seconds per training epoch and inference speed of the Keras MNIST convnet.

The convnet of the Keras tutorials (Conv2D 32 -> MaxPool -> Conv2D 64 -> MaxPool ->
Conv2D 64 -> Flatten -> Dense 64 -> Dense 10), Adam, batch 64, on 60,000 MNIST-shaped
images, side by side in one run: course.keras, a plain numpy im2col version (timed on a
tenth of the epoch and scaled, it is slow) and PyTorch's eager CPU loop when installed.
Then inference images per second at batch 1000 on 10,000 images.

    python -m course.benchmarks.cnn [--samples 60000] [--repeats 1]
"""

import argparse
import statistics
import time

import numpy as np

from course.benchmarks.baselines import (numpy_convnet_epoch, torch_available, torch_convnet,
                                         torch_epoch, torch_inference)


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


def course_inference(x, batch_size=1000):
    model = keras_convnet()
    model.predict(x[:batch_size], batch_size=batch_size, verbose=0)
    start = time.perf_counter()
    model.predict(x, batch_size=batch_size, verbose=0)
    return len(x) / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=60000)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--skip-numpy", action="store_true")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    x = rng.random((args.samples, 28, 28, 1), dtype=np.float32)
    y = rng.integers(0, 10, args.samples)
    have_torch = torch_available()
    if not have_torch:
        print("(PyTorch is not installed: `pip install torch` to compare with it)")

    course_epoch(x[:640], y[:640], 64)  # warm-up: numba compilation
    times = {"course.keras": statistics.median(course_epoch(x, y, 64)
                                               for _ in range(args.repeats))}
    if have_torch:
        torch_epoch(torch_convnet, x[:640], y[:640], 64, channels_first=True)
        times["pytorch"] = statistics.median(
            torch_epoch(torch_convnet, x, y, 64, channels_first=True) for _ in range(args.repeats))
    if not args.skip_numpy:
        part = max(args.samples // 10, 64)
        times["numpy (x10 of 1/10)"] = numpy_convnet_epoch(x[:part], y[:part]) * args.samples / part
    base = times.get("pytorch", times["course.keras"])
    print(f"\nKeras MNIST convnet, Adam, batch 64, {args.samples} images per epoch:")
    for name, seconds in times.items():
        print(f"  {name:20s} {seconds:7.2f} s/epoch   x{seconds / base:5.2f} of "
              f"{'pytorch' if have_torch else 'course.keras'}")
    flops = 2 * args.samples * 3 * (26 * 26 * 9 * 32 + 11 * 11 * 288 * 64 + 3 * 3 * 576 * 64
                                    + 576 * 64 + 640)
    print(f"  (about {flops / 1e12:.2f} TFLOP per epoch: course.keras runs at "
          f"{flops / times['course.keras'] / 1e9:.0f} GFLOP/s)")

    xt = x[:10000]
    rates = {"course.keras": course_inference(xt)}
    if have_torch:
        rates["pytorch"] = torch_inference(torch_convnet, xt)
    print("\nInference, batch 1000, 10,000 images:")
    for name, rate in rates.items():
        print(f"  {name:20s} {rate:9.0f} images/s")


if __name__ == "__main__":
    main()
