"""ch7.evaluate: loss and accuracy over a dataset, in batches weighted by their size."""

import numpy as np

from course.checks.chapters.ch7_keras.shared import random_data, random_layer_spec, random_params
from course.checks.spec import Case, Exercise, Mistake
from course.ops.sequential import evaluate, forward
from course.ops.softmax_cross_entropy import softmax_cross_entropy_forward


def evaluate__mean_of_the_batch_means(params, x, y, batch_size=32):
    losses, accuracies = [], []
    for start in range(0, len(x), batch_size):
        xb, yb = x[start:start + batch_size], y[start:start + batch_size]
        logits, _ = forward(params, xb)
        loss, _ = softmax_cross_entropy_forward(yb, logits)
        losses.append(float(loss))
        accuracies.append(float(np.mean(np.argmax(logits, axis=1) == yb)))
    return float(np.mean(losses)), float(np.mean(accuracies))


def evaluate__last_partial_batch_dropped(params, x, y, batch_size=32):
    n = (len(x) // batch_size) * batch_size
    total_loss, correct = 0.0, 0
    for start in range(0, n, batch_size):
        xb, yb = x[start:start + batch_size], y[start:start + batch_size]
        logits, _ = forward(params, xb)
        loss, _ = softmax_cross_entropy_forward(yb, logits)
        total_loss += float(loss) * len(xb)
        correct += int(np.sum(np.argmax(logits, axis=1) == yb))
    return total_loss / n, correct / n


def evaluate__where_belongs(params, x, y, batch_size=32):
    n = len(x)
    total_loss, correct = 0.0, 0
    for start in range(0, n, batch_size):
        xb, yb = x[start:start + batch_size], y[start:start + batch_size]
        logits, _ = forward(params, xb)
        loss, _ = softmax_cross_entropy_forward(yb, logits)
        total_loss = float(loss) * len(xb)
        correct = int(np.sum(np.argmax(logits, axis=1) == yb))
    return total_loss / n, correct / n


def _evaluate_cases(rng, hidden):
    cases = []
    for _ in range(4 if hidden else 2):
        b = int(rng.integers(3, 9))
        n = b * int(rng.integers(2, 5)) + int(rng.integers(1, b))
        d, k = int(rng.integers(2, 8)), int(rng.integers(2, 6))
        x, y = random_data(rng, n, d, k)
        spec = random_layer_spec(rng, 2, k)
        cases.append(Case("batch size not dividing n", {"params": random_params(rng, d, spec, 2.0),
                                                        "x": x, "y": y, "batch_size": b}))
    x, y = random_data(rng, 12, 4, 3)
    cases.append(Case("batch size dividing n", {"params": random_params(rng, 4, [(5, "relu"),
                                                                           (3, "linear")], 2.0),
                                                "x": x, "y": y, "batch_size": 4}))
    x, y = random_data(rng, 5, 3, 2)
    cases.append(Case("batch of 1", {"params": random_params(rng, 3, [(2, "linear")], 2.0),
                                     "x": x, "y": y, "batch_size": 1}))
    x, y = random_data(rng, 7, 3, 4)
    cases.append(Case("one batch larger than n", {"params": random_params(rng, 3, [(4, "linear")]),
                                                  "x": x, "y": y, "batch_size": 32}))
    if hidden:
        x, y = random_data(rng, 1000, 30, 10)
        params = random_params(rng, 30, [(32, "relu"), (10, "linear")])
        cases.append(Case("large", {"params": params,
                                    "x": x, "y": y, "batch_size": 64}))
    return cases


EVALUATE = Exercise(
    id="ch7.evaluate", name="evaluate", reference=evaluate, make_cases=_evaluate_cases,
    output_names=("loss", "accuracy"), rtol=1e-4, atol=1e-6, points=2,
    summary="loss and accuracy over a dataset, in batches weighted by their size",
    mistakes=[
        Mistake("mean of the batch means",
                "Averaging the batches' means gives the small last batch as much weight as a "
                "full one. Weight each batch by its size: sum loss * len(batch), divide by n "
                "(and count correct predictions rather than averaging accuracies).",
                evaluate__mean_of_the_batch_means),
        Mistake("last partial batch dropped",
                "The last n % batch_size samples are never evaluated: let the loop run "
                "range(0, n, batch_size), the last slice is simply shorter.",
                evaluate__last_partial_batch_dropped),
        Mistake("= where += belongs",
                "Only the last batch is counted: the totals are overwritten in every "
                "iteration. Accumulate them with +=.", evaluate__where_belongs),
    ])
