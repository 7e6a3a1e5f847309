"""Seconds per training epoch of an Embedding + LSTM text classifier.

Embedding(10000, 64) -> LSTM(64) -> Dense(1, sigmoid), binary cross-entropy, Adam, batch 64,
sequences of 100 tokens, 25,000 samples per epoch (the size of IMDB's training set; the
tokens are random, which costs the same as real text), side by side in one run, each
contender in its own process: course.keras, PyTorch's eager CPU loop (``nn.LSTM``) when
installed (also on one thread), and TensorFlow-Keras when its interpreter is named (``--tf-python``). Each figure
is the fastest of ``--rounds`` rounds; the spread of the rounds is printed too, since on a
shared machine the other processes slow some rounds down.

    python -m course.benchmarks.lstm [--samples 25000] [--rounds 3]
                                     [--tf-python ~/venvs/tf/bin/python]
"""

import argparse
import time

import numpy as np

from course.benchmarks import tf_keras
from course.benchmarks.baselines import in_fresh_process, torch_available
from course.benchmarks.load import loadavg

VOCABULARY, LENGTH, WIDTH, BATCH = 10000, 100, 64, 64


def token_data(samples, seed=0):
    """Random token ids ``(N, 100)`` in ``[1, 10000)`` and 0/1 labels ``(N,)``."""
    rng = np.random.default_rng(seed)
    return (rng.integers(1, VOCABULARY, size=(samples, LENGTH)),
            rng.integers(0, 2, size=samples).astype(np.float32))


def course_epoch(x, y):
    from course import keras
    from course.keras import layers
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((LENGTH,)), layers.Embedding(VOCABULARY, WIDTH),
                              layers.LSTM(WIDTH), layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    model.fit(x[:4 * BATCH], y[:4 * BATCH], batch_size=BATCH, epochs=1, verbose=0)  # numba
    start = time.perf_counter()
    model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0)
    return time.perf_counter() - start


def torch_epoch(x, y, seed=0, threads=None):
    """The same model in PyTorch (``nn.Embedding``, ``nn.LSTM``, ``nn.Linear``), Adam(1e-3,
    eps=1e-7), shuffled batches, in the eager CPU loop (on ``threads`` threads if given)."""
    import torch
    from torch import nn
    if threads:
        torch.set_num_threads(threads)

    class Classifier(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(VOCABULARY, WIDTH)
            self.lstm = nn.LSTM(WIDTH, WIDTH, batch_first=True)
            self.dense = nn.Linear(WIDTH, 1)

        def forward(self, ids):
            _, (h, _) = self.lstm(self.embedding(ids))
            return self.dense(h[-1])[:, 0]

    torch.manual_seed(seed)
    model = Classifier()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.BCEWithLogitsLoss()
    xt, yt = torch.from_numpy(x.astype(np.int64)), torch.from_numpy(y)

    def epoch(n):
        order = torch.randperm(n)
        for i in range(0, n, BATCH):
            idx = order[i:i + BATCH]
            opt.zero_grad()
            loss_fn(model(xt[idx]), yt[idx]).backward()
            opt.step()
    epoch(4 * BATCH)  # warm-up
    start = time.perf_counter()
    epoch(len(xt))
    return time.perf_counter() - start


def _measure(name, samples):
    x, y = token_data(samples)
    if name == "course.keras":
        return course_epoch(x, y)
    return torch_epoch(x, y, threads=1 if name == TORCH_1 else None)


TORCH_1 = "pytorch, 1 thread"  # PyTorch's spinning threads suffer most on a busy machine


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=25000)
    parser.add_argument("--rounds", type=int, default=3,
                        help="measure every contender this many times (alternating)")
    parser.add_argument("--skip-torch", action="store_true")
    tf_keras.add_option(parser)
    args = parser.parse_args()
    tf_python = tf_keras.interpreter(args.tf_python)
    contenders = {"course.keras": lambda: in_fresh_process(_measure, "course.keras",
                                                           args.samples)}
    if torch_available() and not args.skip_torch:
        for name in ("pytorch", TORCH_1):
            contenders[name] = lambda name=name: in_fresh_process(_measure, name, args.samples)
    elif not args.skip_torch:
        print("(PyTorch is not installed: `pip install torch` to compare with it)")
    if tf_python:
        x, y = token_data(args.samples)
        contenders["tf.keras"] = lambda: tf_keras.tf_keras_epoch(tf_python, "lstm", x, y,
                                                                 BATCH)
    runs = {name: [] for name in contenders}
    loads = [loadavg()]
    for _ in range(args.rounds):
        for name, measure in contenders.items():
            runs[name].append(measure())
            loads.append(loadavg())
    print(f"Embedding({VOCABULARY}, {WIDTH}) -> LSTM({WIDTH}) -> Dense(1), Adam, batch "
          f"{BATCH}, {args.samples} sequences of {LENGTH} per epoch, s/epoch "
          f"(fastest of {args.rounds}, each in its own process):")
    best = {name: min((t for t in times if t is not None), default=None)
            for name, times in runs.items()}
    for name, times in runs.items():
        known = [t for t in times if t is not None]
        if not known:
            print(f"  {name:17s}   failed")
            continue
        ratio = "" if name == "course.keras" else \
            f"   course.keras takes {best['course.keras'] / best[name]:.2f}x its time"
        print(f"  {name:17s} {best[name]:7.2f}   (rounds: "
              f"{', '.join(f'{t:.2f}' for t in known)}){ratio}")
    seen = [v for v in loads if v is not None]
    if seen:
        print(f"  (1-minute load average during the runs: {min(seen):.1f} to {max(seen):.1f})")


if __name__ == "__main__":
    main()
