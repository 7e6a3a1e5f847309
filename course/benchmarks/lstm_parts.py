"""Where a training step of the LSTM text classifier spends its time, part by part.

The model of :mod:`course.benchmarks.lstm` (Embedding(10000, 64) -> LSTM(64) -> Dense(1),
binary cross-entropy on the logit, Adam; batch 64, sequences of 100), one step written
with the ops of ``course.ops``, timed part by part: milliseconds per batch, the fastest of
``--rounds`` steps. The time is the CPU time of the calling thread (``--wall`` for wall
time), with BLAS on that thread (``--blas-threads 1``, the default): on a shared machine
the other processes then lengthen a part only by what they take from the core's caches,
not by the time slices they get, so that two versions of the code can be compared.

    python -m course.benchmarks.lstm_parts [--rounds 40] [--wall] [--blas-threads 1]
"""

import argparse
import time

import numpy as np

from course import threads
from course.benchmarks.lstm import BATCH, LENGTH, VOCABULARY, WIDTH
from course.ops.dense import dense_backward, dense_forward
from course.ops.embedding import embedding_backward, embedding_forward
from course.ops.losses import (binary_crossentropy_from_logits_backward,
                               binary_crossentropy_from_logits_forward)
from course.ops.lstm import lstm_backward, lstm_forward
from course.ops.optimizers import adam_update

PARTS = ("embedding forward", "LSTM forward", "dense + loss, both ways", "LSTM backward",
         "embedding backward", "Adam (all weights)")


def model(seed=0):
    """The weights ``[embeddings, kernel, recurrent_kernel, bias, dense W, dense b]``
    (float32, Keras's shapes) and a batch of token ids and labels."""
    rng = np.random.default_rng(seed)
    f = np.float32
    weights = [rng.uniform(-0.05, 0.05, (VOCABULARY, WIDTH)).astype(f),
               rng.uniform(-0.2, 0.2, (WIDTH, 4 * WIDTH)).astype(f),
               rng.uniform(-0.2, 0.2, (WIDTH, 4 * WIDTH)).astype(f),
               np.zeros(4 * WIDTH, f), rng.uniform(-0.3, 0.3, (WIDTH, 1)).astype(f),
               np.zeros(1, f)]
    ids = rng.integers(1, VOCABULARY, (BATCH, LENGTH))
    labels = rng.integers(0, 2, (BATCH, 1)).astype(f)
    return weights, ids, labels


def train_step(weights, moments, iteration, ids, labels, clock):
    """One step of Adam; returns the seconds of each part (:data:`PARTS`)."""
    embeddings, kernel, recurrent, bias, w, b = weights
    marks = [clock()]
    x, embedding_cache = embedding_forward(ids, embeddings)
    marks.append(clock())
    (_, h, _), lstm_cache = lstm_forward(x, kernel, recurrent, bias)
    marks.append(clock())
    logits, dense_cache = dense_forward(h, w, b)
    _, loss_cache = binary_crossentropy_from_logits_forward(labels, logits)
    dlogits = binary_crossentropy_from_logits_backward(1.0, loss_cache)
    dh, dw, db = dense_backward(dlogits, dense_cache)
    marks.append(clock())
    dx, _, dkernel, drecurrent, dbias = lstm_backward((dh, None, None), lstm_cache)
    marks.append(clock())
    dembeddings = embedding_backward(dx, embedding_cache)
    marks.append(clock())
    grads = [dembeddings, dkernel, drecurrent, dbias, dw, db]
    for p, g, (m, v) in zip(weights, grads, moments):
        adam_update(p, g, m, v, iteration)
    marks.append(clock())
    return np.diff(marks)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--wall", action="store_true", help="wall time, not thread CPU time")
    parser.add_argument("--blas-threads", type=int, default=1)
    args = parser.parse_args()
    threads.blas_threads(args.blas_threads)
    clock = time.perf_counter if args.wall else time.thread_time
    weights, ids, labels = model()
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in weights]
    for i in range(3):  # compile, fill the caches
        train_step(weights, moments, i + 1, ids, labels, clock)
    times = np.array([train_step(weights, moments, i + 4, ids, labels, clock)
                      for i in range(args.rounds)])
    kind = "wall" if args.wall else "thread CPU"
    print(f"ms per batch of {BATCH} x {LENGTH} tokens, fastest of {args.rounds} steps "
          f"({kind} time, BLAS on {args.blas_threads} thread(s)):")
    best = times.min(axis=0)
    for name, t in zip(PARTS, best):
        print(f"  {name:26s} {t * 1e3:7.2f}")
    print(f"  {'sum of the parts':26s} {best.sum() * 1e3:7.2f}")
    print(f"  {'fastest whole step':26s} {times.sum(axis=1).min() * 1e3:7.2f}")


if __name__ == "__main__":
    main()
