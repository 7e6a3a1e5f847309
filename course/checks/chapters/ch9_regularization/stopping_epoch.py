"""ch9.stopping_epoch: where Keras's EarlyStopping stops on a validation curve."""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.keras.callbacks.early_stopping import stopping_epoch


def _curve(rng, epochs, turn, noise):
    """A validation loss that falls until ``turn``, then rises, with noise."""
    t = np.arange(epochs)
    return [float(v) for v in 1 / (1 + t) + 0.02 * np.maximum(t - turn, 0)
            + noise * rng.standard_normal(epochs)]


def _cases(rng, hidden):
    def case(group, values, patience, min_delta=0.0):
        return Case(group, {"values": values, "patience": patience, "min_delta": min_delta})
    cases = [case("patience 0: stop at the first epoch without improvement",
                  [1.0, 0.8, 0.7, 0.75, 0.6], 0),
             case("patience 2", [1.0, 0.8, 0.85, 0.7, 0.72, 0.74, 0.76, 0.5], 2),
             case("a long plateau", [0.9, 0.5, 0.5, 0.5, 0.5, 0.5], 3),
             case("min_delta: tiny improvements do not count",
                  [1.0, 0.9, 0.895, 0.891, 0.889, 0.85, 0.84], 2, 0.01),
             case("noisy, not monotonic",
                  [1.0, 0.7, 0.75, 0.65, 0.8, 0.66, 0.64, 0.7, 0.71, 0.72], 2),
             case("still improving at the end (no stop)", [1.0, 0.9, 0.8, 0.7], 1),
             case("overfitting curve", _curve(rng, 30, 8, 0.005), 3, 0.001)]
    for _ in range(6 if hidden else 1):
        cases.append(case("random curves", _curve(rng, 40, int(rng.integers(3, 20)), 0.01),
                          int(rng.integers(0, 6)), float(rng.choice([0.0, 0.005]))))
    return cases


def stopping_epoch__ignored_min_delta(values, patience=0, min_delta=0.0):
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, value in enumerate(values):
        wait += 1
        if value < best:
            best, best_epoch, wait = value, epoch, 0
        elif wait >= patience and epoch > 0:
            return epoch, best_epoch
    return None, best_epoch


def stopping_epoch__compared_with_the_previous_epoch(values, patience=0, min_delta=0.0):
    previous, best, best_epoch, wait = np.inf, np.inf, 0, 0
    for epoch, value in enumerate(values):
        wait += 1
        if value < best:
            best, best_epoch = value, epoch
        if value < previous - min_delta:
            wait = 0
        elif wait >= patience and epoch > 0:
            return epoch, best_epoch
        previous = value
    return None, best_epoch


def stopping_epoch__stopped_one_epoch_late(values, patience=0, min_delta=0.0):
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, value in enumerate(values):
        wait += 1
        if value < best - min_delta:
            best, best_epoch, wait = value, epoch, 0
        elif wait > patience and epoch > 0:
            return epoch, best_epoch
    return None, best_epoch


STOPPING_EPOCH = Exercise(
    id="ch9.stopping_epoch", name="stopping_epoch", reference=stopping_epoch,
    make_cases=_cases, call=lambda obj, args: tuple(obj(**args)),
    output_names=("stopped_epoch", "best_epoch"), rtol=0, atol=0, points=2,
    mistakes=[
        Mistake("ignored min_delta",
                "An epoch counts as an improvement only if it beats the best value so far by "
                "more than min_delta: value < best - min_delta. Smaller gains are noise, and "
                "the patience keeps running.",
                stopping_epoch__ignored_min_delta),
        Mistake("compared with the previous epoch",
                "Compare each value with the BEST so far, not with the epoch before: on a noisy "
                "curve a small recovery after a bad epoch is not progress.",
                stopping_epoch__compared_with_the_previous_epoch),
        Mistake("stopped one epoch late",
                "patience is the number of epochs without improvement to accept: training stops "
                "at the epoch where that count reaches patience (with patience 0, at the first "
                "epoch without improvement), not one later.",
                stopping_epoch__stopped_one_epoch_late),
    ],
    summary="when EarlyStopping stops, and which epoch was best")
