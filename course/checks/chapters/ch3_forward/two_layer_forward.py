"""ch3.two_layer_forward: softmax(relu(x W1 + b1) W2 + b2)."""

import numpy as np

from course.checks.cases import as_layout, randn
from course.checks.spec import Case, Exercise, Mistake
from course.ops.two_layer_net import two_layer_forward


def _two_layer_args(rng, n, d, h, k, scale=1.0):
    return {"x": randn(rng, n, d, scale=scale), "W1": randn(rng, d, h, scale=1 / np.sqrt(d)),
            "b1": randn(rng, h, scale=0.5), "W2": randn(rng, h, k, scale=2 / np.sqrt(h)),
            "b2": randn(rng, k, scale=0.5)}


def _two_layer_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 3):
        n, d, h, k = (int(v) for v in rng.integers(2, 30 if hidden else 8, size=4))
        cases.append(Case("random networks", _two_layer_args(rng, n, d, h, k, scale=2)))
    cases.append(Case("batch of 1", _two_layer_args(rng, 1, 3, 5, 4)))
    zero = _two_layer_args(rng, 3, 2, 4, 3)
    zero["x"] = np.zeros((3, 2))
    cases.append(Case("zero inputs (the biases decide)", zero))
    cases.append(Case("large inputs (scores in the thousands)",
                      _two_layer_args(rng, 4, 3, 6, 3, scale=1e3)))
    args = _two_layer_args(rng, 5, 4, 6, 3, scale=2)
    args["x"] = np.ascontiguousarray(args["x"].T)
    args["layout"] = "transposed"
    cases.append(Case("non-contiguous x (a transposed view)", args))
    if hidden:
        cases.append(Case("random networks", _two_layer_args(rng, 200, 2, 64, 3, scale=2)))
    return cases


def _call_two_layer_forward(obj, args):
    x = as_layout(args["x"], args.get("layout"))
    return obj(x, args["W1"], args["b1"], args["W2"], args["b2"])


def two_layer_forward__no_relu_in_the_hidden_layer(x, W1, b1, W2, b2):
    scores = (x @ W1 + b1) @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def two_layer_forward__returned_the_scores(x, W1, b1, W2, b2):
    h = np.maximum(x @ W1 + b1, 0)
    return h @ W2 + b2


def two_layer_forward__relu_on_the_output_scores(x, W1, b1, W2, b2):
    h = np.maximum(x @ W1 + b1, 0)
    scores = np.maximum(h @ W2 + b2, 0)
    z = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def two_layer_forward__softmax_over_the_batch(x, W1, b1, W2, b2):
    h = np.maximum(x @ W1 + b1, 0)
    scores = h @ W2 + b2
    z = scores - scores.max(axis=0, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=0, keepdims=True)


TWO_LAYER_FORWARD = Exercise(
    id="ch3.two_layer_forward", name="two_layer_forward", reference=two_layer_forward,
    make_cases=_two_layer_cases, call=_call_two_layer_forward, output_names=("probs",),
    rtol=1e-6, atol=1e-10, points=2,
    mistakes=[
        Mistake("no ReLU in the hidden layer",
                "Without the ReLU the two dense layers collapse into one linear map: "
                "h = relu(x @ W1 + b1).",
                two_layer_forward__no_relu_in_the_hidden_layer),
        Mistake("returned the scores",
                "Those are the scores (logits). Turn them into probabilities with a softmax "
                "over the classes (the last axis).",
                two_layer_forward__returned_the_scores),
        Mistake("ReLU on the output scores",
                "Only the hidden layer has a ReLU. The scores go straight into the softmax "
                "(they may be negative).",
                two_layer_forward__relu_on_the_output_scores),
        Mistake("softmax over the batch",
                "The softmax normalises over the classes of each sample (axis -1), so that "
                "every row sums to 1, not over the samples (axis 0).",
                two_layer_forward__softmax_over_the_batch),
    ],
    summary="softmax(relu(x W1 + b1) W2 + b2)")
