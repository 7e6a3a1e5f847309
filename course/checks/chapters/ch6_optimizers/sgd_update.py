"""ch6.sgd_update: SGD with momentum and Nesterov momentum, in place, as Keras does it."""

import numpy as np

from course.checks.chapters.ch6_optimizers.shared import shape_of, update_call
from course.checks.spec import Case, Exercise, Mistake
from course.ops import optimizers as O


def _sgd_cases(rng, hidden):
    cases = []
    reps = 3 if hidden else 1
    for _ in range(reps):
        s = shape_of(rng, hidden)
        cases.append(Case("plain SGD", {"param": rng.standard_normal(s),
                                        "grad": rng.standard_normal(s), "velocity": None,
                                        "learning_rate": float(rng.uniform(0.01, 0.5)),
                                        "momentum": 0.0, "nesterov": False}))
    for nesterov, group in ((False, "momentum"), (True, "Nesterov momentum")):
        for _ in range(reps):
            s = shape_of(rng, hidden)
            cases.append(Case(group, {"param": rng.standard_normal(s),
                                      "grad": rng.standard_normal(s),
                                      "velocity": 0.1 * rng.standard_normal(s),
                                      "learning_rate": float(rng.uniform(0.01, 0.5)),
                                      "momentum": float(rng.uniform(0.5, 0.99)),
                                      "nesterov": nesterov}))
    s = (3, 2)
    cases.append(Case("momentum, first step (velocity 0)", {
        "param": rng.standard_normal(s), "grad": rng.standard_normal(s),
        "velocity": np.zeros(s), "learning_rate": 0.1, "momentum": 0.9, "nesterov": False}))
    s = (5,)
    cases.append(Case("Keras defaults (learning_rate 0.01)", {
        "param": rng.standard_normal(s), "grad": rng.standard_normal(s)}))
    f32 = np.float32
    cases.append(Case("float32", {"param": rng.standard_normal(s).astype(f32),
                                  "grad": rng.standard_normal(s).astype(f32),
                                  "velocity": (0.1 * rng.standard_normal(s)).astype(f32),
                                  "learning_rate": 0.05, "momentum": 0.9, "nesterov": True}))
    cases.append(Case("zero gradient, moving velocity", {
        "param": rng.standard_normal(s), "grad": np.zeros(s),
        "velocity": 0.1 * rng.standard_normal(s), "learning_rate": 0.1, "momentum": 0.9,
        "nesterov": False}))
    return cases


def sgd_update__new_arrays_instead_of_in_place(param, grad, velocity=None, learning_rate=0.01,
                                    momentum=0.0, nesterov=False):
    if momentum == 0.0:
        param = param - learning_rate * grad
        return param
    velocity = momentum * velocity - learning_rate * grad
    if nesterov:
        param = param + momentum * velocity - learning_rate * grad
    else:
        param = param + velocity
    return param


def sgd_update__velocity_with_the_opposite_sign(param, grad, velocity=None, learning_rate=0.01,
                                                momentum=0.0,
                              nesterov=False):
    if momentum == 0.0:
        param -= learning_rate * grad
        return
    velocity[...] = momentum * velocity + learning_rate * grad
    if nesterov:
        param -= momentum * velocity + learning_rate * grad
    else:
        param -= velocity


def sgd_update__nesterov_ignored(param, grad, velocity=None, learning_rate=0.01, momentum=0.0,
                         nesterov=False):
    if momentum == 0.0:
        param -= learning_rate * grad
        return
    velocity[...] = momentum * velocity - learning_rate * grad
    param += velocity


def sgd_update__stepped_with_the_old_velocity(param, grad, velocity=None, learning_rate=0.01,
                                              momentum=0.0,
                                nesterov=False):
    if momentum == 0.0:
        param -= learning_rate * grad
        return
    if nesterov:
        velocity[...] = momentum * velocity - learning_rate * grad
        param += momentum * velocity - learning_rate * grad
        return
    param += velocity
    velocity[...] = momentum * velocity - learning_rate * grad


SGD_UPDATE = Exercise(
    id="ch6.sgd_update", name="sgd_update", reference=O.sgd_update, make_cases=_sgd_cases,
    call=update_call("param", "velocity"), output_names=("param", "velocity"),
    mutable=("param", "velocity"),
    rtol=1e-5, atol=1e-6, points=3,
    summary="SGD with momentum and Nesterov momentum, in place, as Keras does it",
    mistakes=[
        Mistake("new arrays instead of in place", "`param = param - ...` makes a new array and "
                "leaves the caller's param unchanged. Update in place: `param -= ...`, "
                "`velocity[...] = ...`.", sgd_update__new_arrays_instead_of_in_place),
        Mistake("velocity with the opposite sign", "Keras keeps velocity = momentum * velocity "
                "- learning_rate * grad (it points downhill) and adds it: param += velocity.",
                sgd_update__velocity_with_the_opposite_sign),
        Mistake("nesterov ignored", "With nesterov=True the step looks ahead: "
                "param += momentum * velocity - learning_rate * grad, with the NEW velocity.",
                sgd_update__nesterov_ignored),
        Mistake("stepped with the old velocity", "Update the velocity first, then move the "
                "parameter with the new one.", sgd_update__stepped_with_the_old_velocity),
    ])
