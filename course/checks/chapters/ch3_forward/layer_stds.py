"""ch3.layer_stds: how the scale of the activations evolves through a deep stack."""

import numpy as np

from course.checks.cases import randn
from course.checks.spec import Case, Exercise, Mistake
from course.ops.activation_stats import layer_stds


def _layer_stds_cases(rng, hidden):
    def stack(n, widths, gain):
        x = randn(rng, n, widths[0])
        ws = [randn(rng, a, b, scale=gain / np.sqrt(a)) for a, b in zip(widths[:-1], widths[1:])]
        return x, ws
    cases = []
    for act in ("linear", "relu", "tanh", "sigmoid") * (2 if hidden else 1):
        depth = int(rng.integers(2, 7 if hidden else 5))
        widths = [int(v) for v in rng.integers(3, 60 if hidden else 16, size=depth + 1)]
        x, ws = stack(int(rng.integers(2, 50 if hidden else 10)), widths, rng.uniform(0.5, 3))
        cases.append(Case(f"random stacks ({act})", {"x": x, "weights": ws, "activation": act}))
    x, ws = stack(6, [4, 5], 1.0)
    cases.append(Case("one layer", {"x": x, "weights": ws, "activation": "tanh"}))
    x, _ = stack(5, [3], 1.0)
    cases.append(Case("zero weights", {"x": x, "weights": [np.zeros((3, 4)), np.zeros((4, 2))],
                                       "activation": "sigmoid"}))
    x, ws = stack(8, [6, 6, 6, 6], 50.0)
    cases.append(Case("huge weights (saturation)", {"x": x, "weights": ws, "activation": "tanh"}))
    x, ws = stack(1, [5, 7, 3], 1.0)
    cases.append(Case("batch of 1", {"x": x, "weights": ws, "activation": "relu"}))
    if hidden:
        x, ws = stack(500, [256] * 11, 1.0)
        cases.append(Case("deep and wide", {"x": x, "weights": ws, "activation": "tanh"}))
    return cases


def layer_stds__measured_the_pre_activations(x, weights, activation="tanh"):
    funcs = {"linear": lambda z: z, "relu": lambda z: np.maximum(z, 0), "tanh": np.tanh,
             "sigmoid": lambda z: 0.5 * (1 + np.tanh(z / 2))}
    h = x
    stds = []
    for W in weights:
        z = h @ W
        stds.append(z.std())
        h = funcs[activation](z)
    return np.array(stds)


def layer_stds__forgot_the_activation(x, weights, activation="tanh"):
    h = x
    stds = []
    for W in weights:
        h = h @ W
        stds.append(h.std())
    return np.array(stds)


def layer_stds__included_the_input(x, weights, activation="tanh"):
    funcs = {"linear": lambda z: z, "relu": lambda z: np.maximum(z, 0), "tanh": np.tanh,
             "sigmoid": lambda z: 0.5 * (1 + np.tanh(z / 2))}
    h = x
    stds = [h.std()]
    for W in weights:
        h = funcs[activation](h @ W)
        stds.append(h.std())
    return np.array(stds)


def layer_stds__only_the_last_layer(x, weights, activation="tanh"):
    funcs = {"linear": lambda z: z, "relu": lambda z: np.maximum(z, 0), "tanh": np.tanh,
             "sigmoid": lambda z: 0.5 * (1 + np.tanh(z / 2))}
    h = x
    for W in weights:
        h = funcs[activation](h @ W)
    return h.std()


LAYER_STDS = Exercise(
    id="ch3.layer_stds", name="layer_stds", reference=layer_stds,
    make_cases=_layer_stds_cases, rtol=1e-6, atol=1e-10, points=2,
    mistakes=[
        Mistake("measured the pre-activations",
                "You took the std of z = h @ W, before the activation. Measure what the next "
                "layer receives: h = f(z).",
                layer_stds__measured_the_pre_activations),
        Mistake("forgot the activation",
                "Apply the activation after every product: h = f(h @ W). Without it the stack "
                "is one big linear map.",
                layer_stds__forgot_the_activation),
        Mistake("included the input",
                "Return one std per layer (L values): the std of x itself is not one of them.",
                layer_stds__included_the_input),
        Mistake("only the last layer",
                "Return the std after every layer, an array of L values, not only the last one.",
                layer_stds__only_the_last_layer),
    ],
    summary="how the scale of the activations evolves through a deep stack")
