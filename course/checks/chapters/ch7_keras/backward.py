"""ch7.backward: back through the layers: activation backward, then dense_backward."""

import numpy as np

from course.checks.calls import backward_reading_cache
from course.checks.chapters.ch7_keras.shared import random_data, random_layer_spec, random_params
from course.checks.spec import Case, Exercise, Mistake
from course.ops.activations import ACTIVATIONS
from course.ops.dense import dense_backward
from course.ops.sequential import backward, forward


def _call_backward(obj, args):
    params = args["params"]
    _, caches = forward(params, args["x"])
    return backward_reading_cache(lambda dout, caches: obj(params, caches, dout), "backward",
                                  args["dout"], caches)


def backward__activation_gradient_skipped(params, caches, dout):
    grads = [None] * len(params)
    for i in reversed(range(len(params))):
        dense_cache, act_cache = caches[i]
        dout, dW, db = dense_backward(dout, dense_cache)
        grads[i] = {"kernel": dW, "bias": db}
    return grads


def backward__gradients_listed_last_layer_first(params, caches, dout):
    grads = []
    for i in reversed(range(len(params))):
        dense_cache, act_cache = caches[i]
        dz = ACTIVATIONS[params[i]["activation"]][1](dout, act_cache)
        dout, dW, db = dense_backward(dz, dense_cache)
        grads.append({"kernel": dW, "bias": db})
    return grads


def backward__bias_gradient_averaged(params, caches, dout):
    grads = [None] * len(params)
    for i in reversed(range(len(params))):
        dense_cache, act_cache = caches[i]
        dz = ACTIVATIONS[params[i]["activation"]][1](dout, act_cache)
        dout, dW, db = dense_backward(dz, dense_cache)
        grads[i] = {"kernel": dW, "bias": dz.mean(axis=0)}
    return grads


def _backward_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 3):
        n, d = int(rng.integers(2, 16)), int(rng.integers(2, 10))
        spec = random_layer_spec(rng, int(rng.integers(2, 4)), int(rng.integers(2, 8)))
        x = random_data(rng, n, d, 2)[0]
        dout = rng.standard_normal((n, spec[-1][0])).astype(np.float32)
        cases.append(Case("random stacks", {"params": random_params(rng, d, spec, 1.5), "x": x,
                                            "dout": dout}))
    spec = [(4, "relu"), (3, "tanh"), (2, "linear")]
    cases.append(Case("batch of 1", {"params": random_params(rng, 3, spec),
                                     "x": random_data(rng, 1, 3, 2)[0],
                                     "dout": rng.standard_normal((1, 2)).astype(np.float32)}))
    cases.append(Case("one layer", {"params": random_params(rng, 4, [(3, "sigmoid")]),
                                    "x": random_data(rng, 6, 4, 2)[0],
                                    "dout": rng.standard_normal((6, 3)).astype(np.float32)}))
    if hidden:
        spec = [(64, "relu"), (32, "sigmoid"), (10, "linear")]
        cases.append(Case("large", {"params": random_params(rng, 100, spec),
                                    "x": random_data(rng, 256, 100, 2)[0],
                                    "dout": rng.standard_normal((256, 10)).astype(np.float32)}))
    return cases


BACKWARD = Exercise(
    id="ch7.backward", name="backward", reference=backward, make_cases=_backward_cases,
    call=_call_backward, rtol=1e-4, atol=1e-6, points=2,
    summary="back through the layers: activation backward, then dense_backward",
    mistakes=[
        Mistake("activation gradient skipped",
                "Going back through a layer, first undo its activation: "
                "dz = ACTIVATIONS[layer['activation']][1](dout, act_cache), then "
                "dense_backward(dz, dense_cache).", backward__activation_gradient_skipped),
        Mistake("gradients listed last layer first",
                "You walk the layers backwards, so appending puts the last layer's gradients "
                "first. grads[i] must belong to params[i]: fill a list of the right length "
                "by index, or reverse it at the end.", backward__gradients_listed_last_layer_first),
        Mistake("bias gradient averaged",
                "The bias gradient sums dz over the batch (dense_backward does it); the 1/N "
                "of the mean loss is already inside dout.", backward__bias_gradient_averaged),
    ])
