"""One TensorFlow-Keras training epoch, timed; run by the benchmarks in TensorFlow's own venv.

TensorFlow is never a dependency of course: the benchmarks run this file with the Python
interpreter named by ``--tf-python`` (or ``COURSE_TF_PYTHON``), e.g. a venv made with
``python3 -m venv ~/venvs/tf && ~/venvs/tf/bin/pip install tensorflow-cpu``. It imports
only numpy and tensorflow, reads the data from an ``.npz`` file (``x``, ``y``) written by
the benchmark, and prints the median seconds per epoch as its last line; with
``--predict``, the samples per second of ``model.predict`` at ``--batch-size`` (fastest of 3).

    python tf_keras_worker.py {mlp,convnet,lstm} DATA.npz --batch-size 64 --repeats 1
                              [--predict]
"""

import argparse
import os
import statistics
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def build(kind):
    """The same models as the benchmarks build in course.keras, with Adam and Keras defaults."""
    import tensorflow as tf
    from tensorflow.keras import layers
    tf.keras.utils.set_random_seed(0)
    if kind == "mlp":
        stack = [tf.keras.Input(shape=(784,)), layers.Dense(128, activation="relu"),
                 layers.Dense(10, activation="softmax")]
    elif kind == "lstm":
        stack = [tf.keras.Input(shape=(100,)), layers.Embedding(10000, 64), layers.LSTM(64),
                 layers.Dense(1, activation="sigmoid")]
    else:
        stack = [tf.keras.Input(shape=(28, 28, 1)),
                 layers.Conv2D(32, (3, 3), activation="relu"), layers.MaxPooling2D((2, 2)),
                 layers.Conv2D(64, (3, 3), activation="relu"), layers.MaxPooling2D((2, 2)),
                 layers.Conv2D(64, (3, 3), activation="relu"), layers.Flatten(),
                 layers.Dense(64, activation="relu"), layers.Dense(10, activation="softmax")]
    model = tf.keras.Sequential(stack)
    loss = "binary_crossentropy" if kind == "lstm" else "sparse_categorical_crossentropy"
    model.compile(optimizer="adam", loss=loss,
                  metrics=["accuracy"] if kind == "mlp" else None)
    return model


def epoch_seconds(model, x, y, batch_size):
    start = time.perf_counter()
    model.fit(x, y, batch_size=batch_size, epochs=1, verbose=0)
    return time.perf_counter() - start


def predictions_per_second(model, x, batch_size, repeats=3):
    """Samples per second of ``model.predict`` (the fastest of ``repeats`` calls)."""
    model.predict(x[:batch_size], batch_size=batch_size, verbose=0)  # tracing
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        model.predict(x, batch_size=batch_size, verbose=0)
        best = min(best, time.perf_counter() - start)
    return len(x) / best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["mlp", "convnet", "lstm"])
    parser.add_argument("data", help=".npz file with float32 x and integer y")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--predict", action="store_true",
                        help="time model.predict instead of an epoch of fit")
    args = parser.parse_args()
    import numpy as np
    with np.load(args.data) as data:
        x, y = data["x"], data["y"]
    model = build(args.kind)
    if args.predict:
        print(predictions_per_second(model, x, args.batch_size))
        return
    epoch_seconds(model, x[:2048], y[:2048], args.batch_size)  # tracing, thread pools
    print(statistics.median(epoch_seconds(model, x, y, args.batch_size)
                            for _ in range(args.repeats)))


if __name__ == "__main__":
    main()
