"""ch12.frozen_update: an SGD-with-momentum step that leaves frozen weights, and their
velocities, alone."""

import numpy as np

from course.checks.cases import randn
from course.checks.spec import Case, Exercise, Mistake
from course.ops.frozen_update import frozen_update


def _call(obj, args):
    obj(args["params"], args["grads"], args["velocities"], args["trainable"],
        learning_rate=args["learning_rate"], momentum=args["momentum"])
    return args["params"], args["velocities"]


def _cases(rng, hidden):
    def case(group, shapes, trainable, learning_rate, momentum, dtype=np.float64):
        return Case(group, {"params": [randn(rng, *s, dtype=dtype) for s in shapes],
                            "grads": [randn(rng, *s, dtype=dtype) for s in shapes],
                            "velocities": [randn(rng, *s, scale=0.1, dtype=dtype) for s in shapes],
                            "trainable": trainable, "learning_rate": learning_rate,
                            "momentum": momentum})
    base_and_head = [(3, 3, 1, 4), (4,), (4,), (4,), (16, 3), (3,)]
    cases = [case("a frozen base (4 weights) and a trainable head (2)", base_and_head,
                  [False, False, False, False, True, True], 0.1, 0.9),
             case("everything trainable", [(5, 2), (2,)], [True, True], 0.05, 0.9),
             case("everything frozen", [(5, 2), (2,)], [False, False], 0.05, 0.9),
             case("a small momentum", [(4, 3), (3,), (3, 2)], [False, True, True], 0.2, 0.1),
             case("frozen and trainable mixed", [(2, 2), (3,), (2, 5), (5,)],
                  [True, False, True, False], 0.01, 0.5),
             case("float32", [(6, 4), (4,)], [False, True], 0.1, 0.9, dtype=np.float32)]
    for _ in range(4 if hidden else 0):
        shapes = [tuple(int(d) for d in rng.integers(1, 20, int(rng.integers(1, 4))))
                  for _ in range(int(rng.integers(1, 8)))]
        cases.append(case("random", shapes, [bool(t) for t in rng.random(len(shapes)) < 0.5],
                          float(rng.uniform(0.001, 0.5)), float(rng.choice([0.5, 0.9, 0.99]))))
    return cases


def frozen_update__frozen_weights_updated_too(params, grads, velocities, trainable,
                                              learning_rate=0.01, momentum=0.9):
    for p, g, v in zip(params, grads, velocities):
        v[...] = momentum * v - learning_rate * g
        p += v


def frozen_update__frozen_velocities_kept_accumulating(params, grads, velocities, trainable,
                                                       learning_rate=0.01, momentum=0.9):
    for p, g, v, t in zip(params, grads, velocities, trainable):
        v[...] = momentum * v - learning_rate * g
        if t:
            p += v


def frozen_update__new_arrays_instead_of_in_place(params, grads, velocities, trainable,
                                                  learning_rate=0.01, momentum=0.9):
    for p, g, v, t in zip(params, grads, velocities, trainable):
        if t:
            v = momentum * v - learning_rate * g
            p = p + v


def frozen_update__momentum_ignored(params, grads, velocities, trainable,
                                    learning_rate=0.01, momentum=0.9):
    for p, g, v, t in zip(params, grads, velocities, trainable):
        if t:
            p -= learning_rate * g


FROZEN_UPDATE = Exercise(
    id="ch12.frozen_update", name="frozen_update", reference=frozen_update,
    make_cases=_cases, call=_call, output_names=("params", "velocities"), rtol=1e-6,
    atol=1e-7, points=2, mutable=("params", "velocities"),
    mistakes=[
        Mistake("frozen weights updated too",
                "A frozen weight (trainable False) must not move: skip it, and its velocity, "
                "entirely. Keras never even hands it to the optimizer.",
                frozen_update__frozen_weights_updated_too),
        Mistake("frozen velocities kept accumulating",
                "You left the frozen weights alone but still updated their velocities. That "
                "momentum builds up while the layer is frozen and throws the weights by the "
                "whole accumulated amount at the first step after you unfreeze it: leave a "
                "frozen weight's velocity unchanged too.",
                frozen_update__frozen_velocities_kept_accumulating),
        Mistake("new arrays instead of in place",
                "Inside the loop, p = p + v makes a new array and binds the loop's name to it; "
                "the list still holds the old weights, so nothing changes. Update in place: "
                "v[...] = momentum * v - learning_rate * g and p += v.",
                frozen_update__new_arrays_instead_of_in_place),
        Mistake("momentum ignored",
                "SGD with momentum moves a weight by its velocity: first "
                "v <- momentum * v - learning_rate * g, then p <- p + v (and v is kept for "
                "the next step).",
                frozen_update__momentum_ignored),
    ],
    summary="one SGD-with-momentum step that skips frozen weights and their velocities")
