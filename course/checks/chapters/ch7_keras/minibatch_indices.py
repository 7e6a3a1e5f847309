"""ch7.minibatch_indices: a seeded permutation cut into batches, the last one partial."""

import numpy as np

from course.checks.chapters.ch7_keras.shared import random_seed
from course.checks.spec import Case, Exercise, Mistake
from course.ops.minibatch import minibatch_indices


def _call_minibatch_indices(obj, args):
    """Two epochs from one generator; numpy's global generator seeded (and restored), so
    that an answer that uses it is reproducible and can be recognised."""
    rng = np.random.default_rng(args["seed"])
    saved = np.random.get_state()
    np.random.seed(args["seed"] % 2**32)
    try:
        first = [np.asarray(b) for b in obj(args["n"], args["batch_size"], rng)]
        second = [np.asarray(b) for b in obj(args["n"], args["batch_size"], rng)]
    finally:
        np.random.set_state(saved)
    return first, second


def minibatch_indices__last_partial_batch_dropped(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[start:start + batch_size] for start in range(0, n - batch_size + 1, batch_size)]


def minibatch_indices__not_shuffled(n, batch_size, rng):
    order = np.arange(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def minibatch_indices__numpy_s_global_generator_instead_of_rng(n, batch_size, rng):
    order = np.random.permutation(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def minibatch_indices__a_fixed_seed_the_same_order_every_epoch(n, batch_size, rng):
    order = np.random.default_rng(0).permutation(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def minibatch_indices__sampled_with_replacement(n, batch_size, rng):
    return [rng.integers(0, n, size=min(batch_size, n - start))
            for start in range(0, n, batch_size)]


def _minibatch_indices_cases(rng, hidden):
    cases = []
    for _ in range(4 if hidden else 2):
        b = int(rng.integers(2, 9))
        n = b * int(rng.integers(2, 6)) + int(rng.integers(1, b))
        cases.append(Case("batch size not dividing n", {"n": n, "batch_size": b,
                                                        "seed": random_seed(rng)}))
    b = int(rng.integers(2, 6))
    cases.append(Case("batch size dividing n", {"n": 4 * b, "batch_size": b,
                                                "seed": random_seed(rng)}))
    cases.append(Case("batch of 1", {"n": 7, "batch_size": 1, "seed": random_seed(rng)}))
    cases.append(Case("one batch larger than n", {"n": 5, "batch_size": 32,
                                                  "seed": random_seed(rng)}))
    if hidden:
        cases.append(Case("large", {"n": 60000, "batch_size": 128, "seed": random_seed(rng)}))
    return cases


MINIBATCH_INDICES = Exercise(
    id="ch7.minibatch_indices", name="minibatch_indices", reference=minibatch_indices,
    make_cases=_minibatch_indices_cases, call=_call_minibatch_indices,
    output_names=("first epoch's batches", "second epoch's batches"), points=2,
    summary="a seeded permutation cut into batches, the last one partial",
    mistakes=[
        Mistake("last partial batch dropped",
                "The last n % batch_size examples are never seen. Let range(0, n, batch_size) "
                "run to n: the last slice is simply shorter.",
                minibatch_indices__last_partial_batch_dropped),
        Mistake("not shuffled",
                "The batches come in the data's order. Draw the order with "
                "rng.permutation(n): a model that sees the classes in a fixed order learns "
                "the order.", minibatch_indices__not_shuffled),
        Mistake("numpy's global generator instead of rng",
                "np.random.permutation draws from numpy's global generator, which neither "
                "the seed nor the caller controls. Use the generator you are given: "
                "rng.permutation(n).", minibatch_indices__numpy_s_global_generator_instead_of_rng),
        Mistake("a fixed seed: the same order every epoch",
                "np.random.default_rng(0) inside the function starts the same sequence on "
                "every call, so every epoch visits the examples in the same order. Draw from "
                "rng, which moves on from one epoch to the next.",
                minibatch_indices__a_fixed_seed_the_same_order_every_epoch),
        Mistake("sampled with replacement",
                "Drawing random indices for each batch repeats some examples and skips "
                "others. An epoch visits every example exactly once: one permutation, cut "
                "into pieces.", minibatch_indices__sampled_with_replacement),
    ])
