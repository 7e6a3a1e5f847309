"""ch7.forward: dense then activation, layer after layer, keeping each layer's caches."""

from course.checks.chapters.ch7_keras.shared import random_data, random_layer_spec, random_params
from course.checks.spec import Case, Exercise, Mistake
from course.ops.activations import ACTIVATIONS
from course.ops.dense import dense_forward
from course.ops.sequential import forward


def _call_forward(obj, args):
    result = obj(**args)
    if not isinstance(result, tuple) or len(result) != 2:
        raise TypeError("forward should return a pair (out, caches)")
    out, caches = result
    return out, len(caches)


def forward__activation_skipped(params, x):
    caches = []
    for layer in params:
        z, dense_cache = dense_forward(x, layer["kernel"], layer["bias"])
        x = z
        caches.append((dense_cache, None))
    return x, caches


def forward__relu_for_every_layer(params, x):
    caches = []
    for layer in params:
        z, dense_cache = dense_forward(x, layer["kernel"], layer["bias"])
        x, act_cache = ACTIVATIONS["relu"][0](z)
        caches.append((dense_cache, act_cache))
    return x, caches


def forward__activation_before_the_dense_map(params, x):
    caches = []
    for layer in params:
        a, act_cache = ACTIVATIONS[layer["activation"]][0](x)
        x, dense_cache = dense_forward(a, layer["kernel"], layer["bias"])
        caches.append((dense_cache, act_cache))
    return x, caches


def forward__bias_left_out(params, x):
    caches = []
    for layer in params:
        z, dense_cache = dense_forward(x, layer["kernel"])
        x, act_cache = ACTIVATIONS[layer["activation"]][0](z)
        caches.append((dense_cache, act_cache))
    return x, caches


def _forward_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 3):
        n, d = int(rng.integers(2, 16)), int(rng.integers(2, 10))
        spec = random_layer_spec(rng, int(rng.integers(2, 4)), int(rng.integers(2, 8)))
        cases.append(Case("random stacks", {"params": random_params(rng, d, spec, scale=1.5),
                                            "x": random_data(rng, n, d, 2)[0]}))
    spec = [(5, "relu"), (4, "softmax")]
    cases.append(Case("softmax output", {"params": random_params(rng, 3, spec),
                                         "x": random_data(rng, 6, 3, 2)[0]}))
    cases.append(Case("batch of 1", {"params": random_params(rng, 4, [(3, "tanh"), (2, "linear")]),
                                     "x": random_data(rng, 1, 4, 2)[0]}))
    cases.append(Case("one layer", {"params": random_params(rng, 3, [(2, "sigmoid")]),
                                    "x": random_data(rng, 5, 3, 2)[0]}))
    if hidden:
        spec = [(64, "relu"), (32, "tanh"), (10, "linear")]
        cases.append(Case("large", {"params": random_params(rng, 100, spec),
                                    "x": random_data(rng, 256, 100, 2)[0]}))
    return cases


FORWARD = Exercise(
    id="ch7.forward", name="forward", reference=forward, make_cases=_forward_cases,
    call=_call_forward, output_names=("out", "number of caches"), rtol=1e-4, atol=1e-6,
    points=2, summary="dense then activation, layer after layer, keeping each layer's caches",
    mistakes=[
        Mistake("activation skipped",
                "Each layer is dense_forward followed by its activation: "
                "ACTIVATIONS[layer['activation']][0](z). Without the activations, the stack "
                "collapses into one linear map.", forward__activation_skipped),
        Mistake("ReLU for every layer",
                "Each layer has its own activation in layer['activation'] (the output layer "
                "is often 'linear', leaving logits); look it up for every layer.",
                forward__relu_for_every_layer),
        Mistake("activation before the dense map",
                "A Dense layer computes activation(x @ kernel + bias): the affine map first, "
                "then the activation of its result.", forward__activation_before_the_dense_map),
        Mistake("bias left out",
                "Pass the bias to dense_forward(x, layer['kernel'], layer['bias']).",
                forward__bias_left_out),
    ])
