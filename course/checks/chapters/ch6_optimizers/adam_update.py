"""ch6.adam_update: Adam with Keras's formulas: bias correction folded into the step size."""

import numpy as np

from course.checks.chapters.ch6_optimizers.shared import shape_of, update_call
from course.checks.spec import Case, Exercise, Mistake
from course.ops import optimizers as O


def _adam_cases(rng, hidden):
    cases = []
    for _ in range(3 if hidden else 1):
        s = shape_of(rng, hidden)
        cases.append(Case("first step", {"param": rng.standard_normal(s),
                                         "grad": rng.standard_normal(s),
                                         "m": np.zeros(s), "v": np.zeros(s), "iteration": 1,
                                         "learning_rate": float(rng.uniform(0.001, 0.1)),
                                         "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7}))
    for _ in range(4 if hidden else 2):
        s = shape_of(rng, hidden)
        g_scale = rng.uniform(0.5, 2.0)
        cases.append(Case("later steps", {"param": rng.standard_normal(s),
                                          "grad": g_scale * rng.standard_normal(s),
                                          "m": 0.3 * rng.standard_normal(s),
                                          "v": rng.uniform(0.1, 2.0, s) * g_scale ** 2,
                                          "iteration": int(rng.integers(2, 50)),
                                          "learning_rate": float(rng.uniform(0.001, 0.1)),
                                          "beta_1": float(rng.uniform(0.8, 0.95)),
                                          "beta_2": float(rng.uniform(0.99, 0.9999)),
                                          "epsilon": 1e-7}))
    s = (5,)
    cases.append(Case("tiny gradients", {"param": rng.standard_normal(s),
                                         "grad": 1e-6 * rng.standard_normal(s),
                                         "m": np.zeros(s), "v": np.zeros(s), "iteration": 1,
                                         "learning_rate": 0.1, "beta_1": 0.9, "beta_2": 0.999,
                                         "epsilon": 1e-7}))
    cases.append(Case("Keras defaults", {"param": rng.standard_normal(s),
                                         "grad": rng.standard_normal(s),
                                         "m": 0.3 * rng.standard_normal(s),
                                         "v": rng.uniform(0.1, 2.0, s), "iteration": 3}))
    f32 = np.float32
    cases.append(Case("float32", {"param": rng.standard_normal(s).astype(f32),
                                  "grad": rng.standard_normal(s).astype(f32),
                                  "m": (0.3 * rng.standard_normal(s)).astype(f32),
                                  "v": rng.uniform(0.1, 2.0, s).astype(f32), "iteration": 7,
                                  "learning_rate": 0.01}))
    cases.append(Case("zero gradient", {"param": rng.standard_normal(s), "grad": np.zeros(s),
                                        "m": 0.3 * rng.standard_normal(s),
                                        "v": rng.uniform(0.1, 2.0, s), "iteration": 10,
                                        "learning_rate": 0.01}))
    if hidden:
        s = (64, 32)
        cases.append(Case("a large step count", {
            "param": rng.standard_normal(s), "grad": rng.standard_normal(s),
            "m": 0.3 * rng.standard_normal(s), "v": rng.uniform(0.1, 2.0, s),
            "iteration": 100000, "learning_rate": 0.001}))
    return cases


def adam_update__no_bias_correction(param, grad, m, v, iteration, learning_rate=0.001, beta_1=0.9,
                            beta_2=0.999, epsilon=1e-7):
    m[...] = beta_1 * m + (1 - beta_1) * grad
    v[...] = beta_2 * v + (1 - beta_2) * grad ** 2
    param -= learning_rate * m / (np.sqrt(v) + epsilon)


def adam_update__epsilon_inside_the_root(param, grad, m, v, iteration, learning_rate=0.001,
                                         beta_1=0.9,
                             beta_2=0.999, epsilon=1e-7):
    m[...] = beta_1 * m + (1 - beta_1) * grad
    v[...] = beta_2 * v + (1 - beta_2) * grad ** 2
    alpha = learning_rate * np.sqrt(1 - beta_2 ** iteration) / (1 - beta_1 ** iteration)
    param -= alpha * m / np.sqrt(v + epsilon)


def adam_update__beta_1_and_beta_2_swapped(param, grad, m, v, iteration, learning_rate=0.001,
                                           beta_1=0.9,
                       beta_2=0.999, epsilon=1e-7):
    m[...] = beta_2 * m + (1 - beta_2) * grad
    v[...] = beta_1 * v + (1 - beta_1) * grad ** 2
    alpha = learning_rate * np.sqrt(1 - beta_1 ** iteration) / (1 - beta_2 ** iteration)
    param -= alpha * m / (np.sqrt(v) + epsilon)


def adam_update__iteration_counted_from_0(param, grad, m, v, iteration, learning_rate=0.001,
                                          beta_1=0.9,
                            beta_2=0.999, epsilon=1e-7):
    t = iteration + 1
    m[...] = beta_1 * m + (1 - beta_1) * grad
    v[...] = beta_2 * v + (1 - beta_2) * grad ** 2
    alpha = learning_rate * np.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
    param -= alpha * m / (np.sqrt(v) + epsilon)


def adam_update__epsilon_added_to_the_corrected_v(param, grad, m, v, iteration,
                                                  learning_rate=0.001, beta_1=0.9,
                       beta_2=0.999, epsilon=1e-7):
    m[...] = beta_1 * m + (1 - beta_1) * grad
    v[...] = beta_2 * v + (1 - beta_2) * grad ** 2
    m_hat = m / (1 - beta_1 ** iteration)
    v_hat = v / (1 - beta_2 ** iteration)
    param -= learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)


ADAM_UPDATE = Exercise(
    id="ch6.adam_update", name="adam_update", reference=O.adam_update,
    make_cases=_adam_cases, call=update_call("param", "m", "v"),
    output_names=("param", "m", "v"), rtol=1e-5, atol=1e-6, points=3,
    mutable=("param", "m", "v"),
    summary="Adam with Keras's formulas: bias correction folded into the step size",
    mistakes=[
        Mistake("no bias correction", "m and v start at 0, so early on they are too small: "
                "scale the step by sqrt(1 - beta_2**t) / (1 - beta_1**t).",
                adam_update__no_bias_correction),
        Mistake("epsilon inside the root", "Adam adds epsilon OUTSIDE the square root: "
                "m / (sqrt(v) + epsilon).", adam_update__epsilon_inside_the_root),
        Mistake("beta_1 and beta_2 swapped", "beta_1 (0.9) averages the gradient m, beta_2 "
                "(0.999) averages its square v.", adam_update__beta_1_and_beta_2_swapped),
        Mistake("iteration counted from 0", "iteration is already 1 on the first update: use "
                "t = iteration in beta**t, not iteration + 1.",
                adam_update__iteration_counted_from_0),
        Mistake("epsilon added to the corrected v", "This is the paper's form, "
                "m_hat / (sqrt(v_hat) + eps). Keras folds the correction into the step, "
                "alpha = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t), and divides m by "
                "sqrt(v) + eps: the two differ when sqrt(v) is as small as eps.",
                adam_update__epsilon_added_to_the_corrected_v),
    ])
