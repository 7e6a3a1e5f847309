"""ch6.adagrad_update: Adagrad: steps divided by the root of all past squared gradients."""

import numpy as np

from course.checks.chapters.ch6_optimizers.shared import shape_of, update_call
from course.checks.spec import Case, Exercise, Mistake
from course.ops import optimizers as O


def _adagrad_cases(rng, hidden):
    cases = []
    for _ in range(3 if hidden else 2):
        s = shape_of(rng, hidden)
        cases.append(Case("random", {"param": rng.standard_normal(s),
                                     "grad": rng.standard_normal(s),
                                     "accumulator": rng.uniform(0.1, 2.0, s),
                                     "learning_rate": float(rng.uniform(0.001, 0.1)),
                                     "epsilon": 1e-7}))
    s = (4,)
    cases.append(Case("first step (accumulator 0.1, Keras's start)", {
        "param": rng.standard_normal(s), "grad": rng.standard_normal(s),
        "accumulator": np.full(s, 0.1), "learning_rate": 0.01}))
    cases.append(Case("tiny gradients, accumulator from 0", {
        "param": rng.standard_normal(s), "grad": 1e-4 * rng.standard_normal(s),
        "accumulator": np.zeros(s), "learning_rate": 0.01, "epsilon": 1e-7}))
    f32 = np.float32
    cases.append(Case("float32", {"param": rng.standard_normal(s).astype(f32),
                                  "grad": rng.standard_normal(s).astype(f32),
                                  "accumulator": rng.uniform(0.1, 2, s).astype(f32),
                                  "learning_rate": 0.05}))
    cases.append(Case("Keras defaults", {"param": rng.standard_normal(s),
                                         "grad": rng.standard_normal(s),
                                         "accumulator": rng.uniform(0.1, 2, s)}))
    return cases


def adagrad_update__instead_of(param, grad, accumulator, learning_rate=0.001,
                                            epsilon=1e-7):
    accumulator[...] = grad ** 2
    param -= learning_rate * grad / np.sqrt(accumulator + epsilon)


def adagrad_update__epsilon_outside_the_root(param, grad, accumulator, learning_rate=0.001,
                                             epsilon=1e-7):
    accumulator += grad ** 2
    param -= learning_rate * grad / (np.sqrt(accumulator) + epsilon)


def adagrad_update__stepped_with_the_old_accumulator(param, grad, accumulator, learning_rate=0.001,
                                       epsilon=1e-7):
    param -= learning_rate * grad / np.sqrt(accumulator + epsilon)
    accumulator += grad ** 2


ADAGRAD_UPDATE = Exercise(
    id="ch6.adagrad_update", name="adagrad_update", reference=O.adagrad_update,
    make_cases=_adagrad_cases, call=update_call("param", "accumulator"),
    output_names=("param", "accumulator"), rtol=1e-5, atol=1e-6, points=1,
    mutable=("param", "accumulator"),
    summary="Adagrad: steps divided by the root of all past squared gradients",
    mistakes=[
        Mistake("= instead of +=", "The accumulator keeps the SUM of all squared gradients: "
                "accumulator += grad**2.", adagrad_update__instead_of),
        Mistake("epsilon outside the root", "Keras adds epsilon under the square root: "
                "sqrt(accumulator + epsilon).", adagrad_update__epsilon_outside_the_root),
        Mistake("stepped with the old accumulator", "Add this step's grad**2 to the "
                "accumulator first, then divide by its root.",
                adagrad_update__stepped_with_the_old_accumulator),
    ])
