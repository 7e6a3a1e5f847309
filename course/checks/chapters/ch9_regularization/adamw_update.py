"""ch9.adamw_update: one AdamW step as Keras 3 takes it: decoupled weight decay
``param -= lr * weight_decay * param`` first, then Adam's step with the gradient as it is."""

import numpy as np

from course.checks.chapters.ch6_optimizers.shared import shape_of, update_call
from course.checks.spec import Case, Exercise, Mistake
from course.ops import optimizers as O


def _state(rng, s, g_scale=1.0):
    return {"param": rng.standard_normal(s), "grad": g_scale * rng.standard_normal(s),
            "m": 0.3 * g_scale * rng.standard_normal(s),
            "v": rng.uniform(0.1, 2.0, s) * g_scale ** 2}


def _adamw_cases(rng, hidden):
    cases = []
    for _ in range(2 if hidden else 1):
        s = shape_of(rng, hidden)
        args = _state(rng, s)
        args.update(m=np.zeros(s), v=np.zeros(s), iteration=1,
                    learning_rate=float(rng.uniform(0.01, 0.1)),
                    weight_decay=float(rng.uniform(0.05, 0.5)))
        cases.append(Case("first step", args))
    for _ in range(4 if hidden else 2):
        s = shape_of(rng, hidden)
        args = _state(rng, s, rng.uniform(0.5, 2.0))
        args.update(iteration=int(rng.integers(2, 50)),
                    learning_rate=float(rng.uniform(0.01, 0.1)),
                    weight_decay=float(rng.uniform(0.05, 0.5)),
                    beta_1=float(rng.uniform(0.8, 0.95)), beta_2=float(rng.uniform(0.99, 0.9999)))
        cases.append(Case("later steps", args))
    s = (6,)
    args = _state(rng, s)
    args.update(iteration=3, learning_rate=0.1, weight_decay=0.5)
    cases.append(Case("a large learning rate and decay", args))
    args = _state(rng, s)
    args.update(iteration=5, grad=np.zeros(s), learning_rate=0.05, weight_decay=0.2)
    cases.append(Case("zero gradient (only the decay and the momentum move w)", args))
    args = _state(rng, s)
    args.update(iteration=4, learning_rate=0.05, weight_decay=0.0)
    cases.append(Case("weight_decay = 0 is Adam", args))
    cases.append(Case("Keras defaults (lr 0.001, weight_decay 0.004)",
                      dict(_state(rng, s), iteration=3)))
    args = {k: a.astype(np.float32) for k, a in _state(rng, s).items()}
    args.update(iteration=7, learning_rate=0.01, weight_decay=0.1)
    cases.append(Case("float32", args))
    if hidden:
        args = _state(rng, (64, 32))
        args.update(iteration=100000, learning_rate=0.001, weight_decay=0.01)
        cases.append(Case("a large step count", args))
    return cases


def adamw_update__adam_with_an_l2_gradient(param, grad, m, v, iteration, learning_rate=0.001,
                                           weight_decay=0.004, beta_1=0.9, beta_2=0.999,
                                           epsilon=1e-7):
    g = grad + weight_decay * param
    m[...] = beta_1 * m + (1 - beta_1) * g
    v[...] = beta_2 * v + (1 - beta_2) * g ** 2
    alpha = learning_rate * np.sqrt(1 - beta_2 ** iteration) / (1 - beta_1 ** iteration)
    param -= alpha * m / (np.sqrt(v) + epsilon)


def adamw_update__decay_not_scaled_by_the_learning_rate(param, grad, m, v, iteration,
                                                        learning_rate=0.001, weight_decay=0.004,
                                                        beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    param -= weight_decay * param
    m[...] = beta_1 * m + (1 - beta_1) * grad
    v[...] = beta_2 * v + (1 - beta_2) * grad ** 2
    alpha = learning_rate * np.sqrt(1 - beta_2 ** iteration) / (1 - beta_1 ** iteration)
    param -= alpha * m / (np.sqrt(v) + epsilon)


def adamw_update__no_bias_correction(param, grad, m, v, iteration, learning_rate=0.001,
                                     weight_decay=0.004, beta_1=0.9, beta_2=0.999,
                                     epsilon=1e-7):
    param -= learning_rate * weight_decay * param
    m[...] = beta_1 * m + (1 - beta_1) * grad
    v[...] = beta_2 * v + (1 - beta_2) * grad ** 2
    param -= learning_rate * m / (np.sqrt(v) + epsilon)


def adamw_update__decay_after_the_adam_step(param, grad, m, v, iteration, learning_rate=0.001,
                                            weight_decay=0.004, beta_1=0.9, beta_2=0.999,
                                            epsilon=1e-7):
    m[...] = beta_1 * m + (1 - beta_1) * grad
    v[...] = beta_2 * v + (1 - beta_2) * grad ** 2
    alpha = learning_rate * np.sqrt(1 - beta_2 ** iteration) / (1 - beta_1 ** iteration)
    param -= alpha * m / (np.sqrt(v) + epsilon)
    param -= learning_rate * weight_decay * param


ADAMW_UPDATE = Exercise(
    id="ch9.adamw_update", name="adamw_update", reference=O.adamw_update,
    make_cases=_adamw_cases, call=update_call("param", "m", "v"),
    output_names=("param", "m", "v"), rtol=1e-5, atol=1e-7, points=2,
    mutable=("param", "m", "v"),
    summary="param -= lr * weight_decay * param, then Adam's step with the gradient as it is",
    mistakes=[
        Mistake("Adam with an L2 gradient",
                "Adding weight_decay * param to the gradient is an L2 penalty: it goes into m "
                "and v and is divided by sqrt(v) like the rest (§9.6). AdamW leaves the "
                "gradient alone and shrinks the weights directly: param -= lr * weight_decay "
                "* param, then the Adam step on grad.", adamw_update__adam_with_an_l2_gradient),
        Mistake("decay not scaled by the learning rate",
                "Keras multiplies the decay by the learning rate: param -= lr * weight_decay "
                "* param (weight_decay=0.004 would otherwise take 0.4% of every weight at each "
                "step, whatever the learning rate).",
                adamw_update__decay_not_scaled_by_the_learning_rate),
        Mistake("no bias correction",
                "The decay is right, the Adam step is not: m and v start at 0, so scale the "
                "step by sqrt(1 - beta_2**t) / (1 - beta_1**t) (Chapter 6).",
                adamw_update__no_bias_correction),
        Mistake("decay after the Adam step",
                "Keras decays the weights before the Adam step (the decay uses the weights "
                "the gradient was computed at): param -= lr * weight_decay * param first.",
                adamw_update__decay_after_the_adam_step),
    ])
