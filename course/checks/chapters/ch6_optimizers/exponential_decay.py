"""ch6.exponential_decay: Keras's ExponentialDecay learning-rate schedule, smooth or staircase."""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.ops.schedules import exponential_decay


def _call_schedule(obj, args):
    kwargs = {k: v for k, v in args.items() if k != "steps"}
    return np.array([obj(step=s, **kwargs) for s in args["steps"]], dtype=np.float64)


def _decay_cases(rng, hidden):
    cases = []
    for staircase in (False, True):
        for _ in range(3 if hidden else 1):
            decay_steps = int(rng.integers(3, 50))
            steps = sorted(set(int(s) for s in rng.integers(0, 6 * decay_steps, 12)))
            steps += [decay_steps, 2 * decay_steps - 1, decay_steps // 2 + 1]
            cases.append(Case("staircase" if staircase else "smooth decay", {
                "steps": steps, "initial_learning_rate": float(rng.uniform(0.001, 0.5)),
                "decay_steps": decay_steps, "decay_rate": float(rng.uniform(0.5, 0.99)),
                "staircase": staircase}))
    cases.append(Case("staircase left at its default (False)", {
        "steps": [0, 1, 5, 10, 15], "initial_learning_rate": 0.1, "decay_steps": 10,
        "decay_rate": 0.5}))
    cases.append(Case("step 0", {"steps": [0], "initial_learning_rate": 0.01,
                                 "decay_steps": 100, "decay_rate": 0.96, "staircase": True}))
    cases.append(Case("decay_rate 1 (constant)", {"steps": [0, 7, 1000],
                                                  "initial_learning_rate": 0.01,
                                                  "decay_steps": 100, "decay_rate": 1.0}))
    if hidden:
        cases.append(Case("long training", {"steps": list(range(0, 100000, 997)),
                                            "initial_learning_rate": 0.1,
                                            "decay_steps": 10000, "decay_rate": 0.9,
                                            "staircase": True}))
    return cases


def exponential_decay__staircase_ignored(step, initial_learning_rate, decay_steps, decay_rate,
                                        staircase=False):
    return initial_learning_rate * decay_rate ** (step / decay_steps)


def exponential_decay__always_a_staircase(step, initial_learning_rate, decay_steps, decay_rate,
                                       staircase=False):
    return initial_learning_rate * decay_rate ** (step // decay_steps)


def exponential_decay__decayed_every_step(step, initial_learning_rate, decay_steps, decay_rate,
                               staircase=False):
    p = step // decay_steps if staircase else step
    return initial_learning_rate * decay_rate ** p


def exponential_decay__rounded_instead_of_floored(step, initial_learning_rate, decay_steps,
                                                  decay_rate,
                             staircase=False):
    p = round(step / decay_steps) if staircase else step / decay_steps
    return initial_learning_rate * decay_rate ** p


EXPONENTIAL_DECAY = Exercise(
    id="ch6.exponential_decay", name="exponential_decay", reference=exponential_decay,
    make_cases=_decay_cases, call=_call_schedule, rtol=1e-6, atol=1e-12, points=1,
    summary="Keras's ExponentialDecay learning-rate schedule, smooth or staircase",
    mistakes=[
        Mistake("staircase ignored", "With staircase=True, floor the exponent: "
                "decay_rate ** floor(step / decay_steps).", exponential_decay__staircase_ignored),
        Mistake("always a staircase", "Floor the exponent only when staircase=True; the "
                "default decays smoothly.", exponential_decay__always_a_staircase),
        Mistake("decayed every step", "The rate is multiplied by decay_rate once every "
                "decay_steps steps: the exponent is step / decay_steps, not step.",
                exponential_decay__decayed_every_step),
        Mistake("rounded instead of floored", "A staircase drops at the END of each "
                "decay_steps period: floor(step / decay_steps), not round(...).",
                exponential_decay__rounded_instead_of_floored),
    ])
