"""ch6.rmsprop_update: RMSprop: divide by a running root-mean-square of the gradient."""

import numpy as np

from course.checks.chapters.ch6_optimizers.shared import shape_of, update_call
from course.checks.spec import Case, Exercise, Mistake
from course.ops import optimizers as O


def _rmsprop_cases(rng, hidden):
    cases = []
    for _ in range(3 if hidden else 2):
        s = shape_of(rng, hidden)
        cases.append(Case("random", {"param": rng.standard_normal(s),
                                     "grad": rng.standard_normal(s),
                                     "velocity": rng.uniform(0.0, 2.0, s),
                                     "learning_rate": float(rng.uniform(0.001, 0.1)),
                                     "rho": float(rng.uniform(0.8, 0.99)), "epsilon": 1e-7}))
    s = (4,)
    cases.append(Case("first step (velocity 0)", {
        "param": rng.standard_normal(s), "grad": rng.standard_normal(s),
        "velocity": np.zeros(s), "learning_rate": 0.01, "rho": 0.9, "epsilon": 1e-7}))
    cases.append(Case("tiny gradients", {
        "param": rng.standard_normal(s), "grad": 1e-4 * rng.standard_normal(s),
        "velocity": np.zeros(s), "learning_rate": 0.01, "rho": 0.9, "epsilon": 1e-7}))
    f32 = np.float32
    cases.append(Case("float32", {"param": rng.standard_normal(s).astype(f32),
                                  "grad": rng.standard_normal(s).astype(f32),
                                  "velocity": rng.uniform(0, 2, s).astype(f32),
                                  "learning_rate": 0.01, "rho": 0.9}))
    cases.append(Case("Keras defaults", {"param": rng.standard_normal(s),
                                         "grad": rng.standard_normal(s),
                                         "velocity": rng.uniform(0, 2, s)}))
    cases.append(Case("zero gradient", {"param": rng.standard_normal(s), "grad": np.zeros(s),
                                        "velocity": rng.uniform(0, 2, s),
                                        "learning_rate": 0.01}))
    return cases


def rmsprop_update__epsilon_outside_the_root(param, grad, velocity, learning_rate=0.001, rho=0.9,
                                 epsilon=1e-7):
    velocity[...] = rho * velocity + (1 - rho) * grad ** 2
    param -= learning_rate * grad / (np.sqrt(velocity) + epsilon)


def rmsprop_update__rho_and_1_rho_swapped(param, grad, velocity, learning_rate=0.001, rho=0.9,
                                          epsilon=1e-7):
    velocity[...] = (1 - rho) * velocity + rho * grad ** 2
    param -= learning_rate * grad / np.sqrt(velocity + epsilon)


def rmsprop_update__stepped_with_the_old_velocity(param, grad, velocity, learning_rate=0.001,
                                                  rho=0.9,
                                    epsilon=1e-7):
    param -= learning_rate * grad / np.sqrt(velocity + epsilon)
    velocity[...] = rho * velocity + (1 - rho) * grad ** 2


def rmsprop_update__forgot_the_square_root(param, grad, velocity, learning_rate=0.001, rho=0.9,
                                           epsilon=1e-7):
    velocity[...] = rho * velocity + (1 - rho) * grad ** 2
    param -= learning_rate * grad / (velocity + epsilon)


RMSPROP_UPDATE = Exercise(
    id="ch6.rmsprop_update", name="rmsprop_update", reference=O.rmsprop_update,
    make_cases=_rmsprop_cases, call=update_call("param", "velocity"),
    output_names=("param", "velocity"), rtol=1e-5, atol=1e-6, points=2,
    mutable=("param", "velocity"),
    summary="RMSprop: divide by a running root-mean-square of the gradient",
    mistakes=[
        Mistake("epsilon outside the root", "Keras 3 adds epsilon under the square root: "
                "grad / sqrt(velocity + epsilon). It matters when the gradients are tiny.",
                rmsprop_update__epsilon_outside_the_root),
        Mistake("rho and 1 - rho swapped", "rho weighs the OLD velocity: "
                "velocity = rho * velocity + (1 - rho) * grad**2.",
                rmsprop_update__rho_and_1_rho_swapped),
        Mistake("stepped with the old velocity", "Update the velocity with this step's "
                "gradient first, then divide by its root.",
                rmsprop_update__stepped_with_the_old_velocity),
        Mistake("forgot the square root", "Divide by the ROOT mean square: "
                "sqrt(velocity + epsilon), not velocity.", rmsprop_update__forgot_the_square_root),
    ])
