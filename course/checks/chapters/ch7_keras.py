"""Chapter 7, Keras-style model building: the heart of ``Sequential.fit`` in eight functions.

A model here is plain data, as Keras keeps it: a list of layers, each a dict
``{"kernel": (D, M) float32, "bias": (M,) float32, "activation": "relu"}``. The student
writes, in order: ``accuracy``, ``minibatch_indices`` (a seeded shuffle, the last batch
partial), ``build`` (weights from the input size, Glorot-uniform), ``forward``,
``backward``, ``train_step`` (forward, loss, backward, SGD), ``evaluate`` (in batches,
weighted by batch size) and ``fit`` (epochs of shuffled minibatches and a History dict).

The operations come from ``course.ops`` (``dense_forward``, the activations,
``softmax_cross_entropy_forward``, ``sgd_update``); the references of this chapter are
defined here, and a later exercise calls the references of the earlier ones (a notebook
imports this module as ``ref``), so that a student stuck on one exercise can go on.

Each catalogued mistake is a self-contained wrong version with the exercise's signature.
Like the student's code it replaces, a mutant of a later exercise calls this chapter's
references of the earlier ones (``forward``, ``train_step``...) and ``course.ops``.
"""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.ops.activations import ACTIVATIONS
from course.ops.dense import dense_backward, dense_forward
from course.ops.optimizers import sgd_update
from course.ops.softmax_cross_entropy import (softmax_cross_entropy_backward,
                                              softmax_cross_entropy_forward)

_HIDDEN_ACTIVATIONS = ("relu", "tanh", "sigmoid")


# -- case helpers -----------------------------------------------------------------------------

def _seed(rng):
    return int(rng.integers(0, 2**31 - 1))


def _layer_spec(rng, depth, out_units, last="linear", low=2, high=9):
    """``[(units, activation), ...]``: ``depth - 1`` hidden layers, then the output layer."""
    spec = [(int(rng.integers(low, high + 1)), str(rng.choice(_HIDDEN_ACTIVATIONS)))
            for _ in range(depth - 1)]
    return spec + [(out_units, last)]


def _params(rng, input_dim, spec, scale=1.0):
    """A model built by the reference, with non-zero biases so that every term shows."""
    params = build(spec, input_dim, _seed(rng))
    for layer in params:
        layer["kernel"] *= np.float32(scale)
        layer["bias"] = (0.3 * rng.standard_normal(layer["bias"].shape)).astype(np.float32)
    return params


def _data(rng, n, d, k):
    x = rng.standard_normal((n, d)).astype(np.float32)
    return x, rng.integers(0, k, n).astype(np.int64)


# -- 1. accuracy ------------------------------------------------------------------------------

def accuracy(y_true, logits):
    """The fraction of rows of ``logits (N, K)`` whose largest entry is at ``y_true (N,)``."""
    return float(np.mean(np.argmax(logits, axis=1) == y_true))


def _accuracy_wrong_axis(y_true, logits):
    return float(np.mean(np.argmax(logits, axis=0) == y_true))


def _accuracy_count(y_true, logits):
    return int(np.sum(np.argmax(logits, axis=1) == y_true))


def _accuracy_percent(y_true, logits):
    return float(100 * np.mean(np.argmax(logits, axis=1) == y_true))


def _accuracy_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 3):
        n, k = int(rng.integers(5, 60 if hidden else 20)), int(rng.integers(2, 11))
        logits = rng.standard_normal((n, k)).astype(np.float32)
        y = np.where(rng.random(n) < 0.6, logits.argmax(1), rng.integers(0, k, n))
        cases.append(Case("random batches", {"y_true": y, "logits": logits}))
    k = int(rng.integers(3, 8))
    logits = rng.standard_normal((k, k)).astype(np.float32)
    cases.append(Case("as many rows as classes",
                      {"y_true": np.roll(logits.argmax(1), 1) if k % 2 else logits.argmax(1),
                       "logits": logits}))
    cases.append(Case("batch of 1", {"y_true": np.array([2]),
                                     "logits": np.array([[0.1, -1.0, 3.0, 0.5]], np.float32)}))
    if hidden:
        logits = rng.standard_normal((5000, 10)).astype(np.float32)
        cases.append(Case("large", {"y_true": rng.integers(0, 10, 5000), "logits": logits}))
    return cases


ACCURACY = Exercise(
    id="ch7.accuracy", name="accuracy", reference=accuracy, make_cases=_accuracy_cases,
    points=1, summary="fraction of rows whose argmax is the label",
    mistakes=[
        Mistake("argmax on the wrong axis",
                "np.argmax(logits, axis=0) picks, for each class, the row with the largest "
                "logit. The prediction for a sample is the argmax of its row: axis=1.",
                _accuracy_wrong_axis),
        Mistake("count instead of fraction",
                "You returned how many predictions are right; accuracy is that count divided "
                "by the number of samples (np.mean of the boolean array does both).",
                _accuracy_count),
        Mistake("percentage instead of fraction",
                "Keras reports accuracy as a fraction between 0 and 1, not a percentage: "
                "drop the factor 100.", _accuracy_percent),
    ])


# -- 2. minibatch_indices -------------------------------------------------------------------

def minibatch_indices(n, batch_size, rng):
    """One epoch's batches: ``rng.permutation(n)`` cut into pieces of ``batch_size``.

    Returns a list of integer arrays; the last one holds the ``n % batch_size`` left over
    (when there are any), so that every example is seen exactly once per epoch.
    """
    order = rng.permutation(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def _call_minibatch_indices(obj, args):
    """Two epochs from one generator; numpy's global generator seeded (and restored), so
    that an answer that uses it is reproducible and can be recognised."""
    rng = np.random.default_rng(args["seed"])
    saved = np.random.get_state()
    np.random.seed(args["seed"] % 2**32)
    try:
        first = [np.asarray(b) for b in obj(args["n"], args["batch_size"], rng)]
        second = [np.asarray(b) for b in obj(args["n"], args["batch_size"], rng)]
    finally:
        np.random.set_state(saved)
    return first, second


def _minibatch_indices_drop_last(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[start:start + batch_size] for start in range(0, n - batch_size + 1, batch_size)]


def _minibatch_indices_not_shuffled(n, batch_size, rng):
    order = np.arange(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def _minibatch_indices_global_rng(n, batch_size, rng):
    order = np.random.permutation(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def _minibatch_indices_fixed_seed(n, batch_size, rng):
    order = np.random.default_rng(0).permutation(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def _minibatch_indices_with_replacement(n, batch_size, rng):
    return [rng.integers(0, n, size=min(batch_size, n - start))
            for start in range(0, n, batch_size)]


def _minibatch_indices_cases(rng, hidden):
    cases = []
    for _ in range(4 if hidden else 2):
        b = int(rng.integers(2, 9))
        n = b * int(rng.integers(2, 6)) + int(rng.integers(1, b))
        cases.append(Case("batch size not dividing n", {"n": n, "batch_size": b,
                                                        "seed": _seed(rng)}))
    b = int(rng.integers(2, 6))
    cases.append(Case("batch size dividing n", {"n": 4 * b, "batch_size": b, "seed": _seed(rng)}))
    cases.append(Case("batch of 1", {"n": 7, "batch_size": 1, "seed": _seed(rng)}))
    cases.append(Case("one batch larger than n", {"n": 5, "batch_size": 32, "seed": _seed(rng)}))
    if hidden:
        cases.append(Case("large", {"n": 60000, "batch_size": 128, "seed": _seed(rng)}))
    return cases


MINIBATCH_INDICES = Exercise(
    id="ch7.minibatch_indices", name="minibatch_indices", reference=minibatch_indices,
    make_cases=_minibatch_indices_cases, call=_call_minibatch_indices,
    output_names=("first epoch's batches", "second epoch's batches"), points=2,
    summary="a seeded permutation cut into batches, the last one partial",
    mistakes=[
        Mistake("last partial batch dropped",
                "The last n % batch_size examples are never seen. Let range(0, n, batch_size) "
                "run to n: the last slice is simply shorter.", _minibatch_indices_drop_last),
        Mistake("not shuffled",
                "The batches come in the data's order. Draw the order with "
                "rng.permutation(n): a model that sees the classes in a fixed order learns "
                "the order.", _minibatch_indices_not_shuffled),
        Mistake("numpy's global generator instead of rng",
                "np.random.permutation draws from numpy's global generator, which neither "
                "the seed nor the caller controls. Use the generator you are given: "
                "rng.permutation(n).", _minibatch_indices_global_rng),
        Mistake("a fixed seed: the same order every epoch",
                "np.random.default_rng(0) inside the function starts the same sequence on "
                "every call, so every epoch visits the examples in the same order. Draw from "
                "rng, which moves on from one epoch to the next.",
                _minibatch_indices_fixed_seed),
        Mistake("sampled with replacement",
                "Drawing random indices for each batch repeats some examples and skips "
                "others. An epoch visits every example exactly once: one permutation, cut "
                "into pieces.", _minibatch_indices_with_replacement),
    ])


# -- 3. build -------------------------------------------------------------------------------

def build(layers, input_dim, seed):
    """Create the weights of a stack of Dense layers for inputs of ``input_dim`` features.

    Args:
        layers: ``[(units, activation), ...]``, e.g. ``[(64, "relu"), (10, "linear")]``.
        input_dim: ``D``, the size of one input (the last axis of ``x``).
        seed: the kernels are drawn, layer after layer, from ``np.random.default_rng(seed)``.

    Returns:
        ``[{"kernel": (fan_in, units), "bias": (units,), "activation": str}, ...]``: float32
        kernels Glorot-uniform on ``[-l, l]``, ``l = sqrt(6 / (fan_in + units))``, drawn with
        ``rng.uniform(-l, l, size=(fan_in, units))``; zero biases. Each layer's ``fan_in``
        is the previous layer's ``units`` (``input_dim`` for the first).
    """
    rng = np.random.default_rng(seed)
    params, fan_in = [], input_dim
    for units, activation in layers:
        limit = np.sqrt(6.0 / (fan_in + units))
        kernel = rng.uniform(-limit, limit, size=(fan_in, units)).astype(np.float32)
        params.append({"kernel": kernel, "bias": np.zeros(units, np.float32),
                       "activation": activation})
        fan_in = units
    return params


def _call_build(obj, args):
    params = obj(**args)
    dtypes = [(np.asarray(p["kernel"]).dtype.name, np.asarray(p["bias"]).dtype.name)
              for p in params]
    return params, dtypes


def _build_fan_in_not_chained(layers, input_dim, seed):
    rng = np.random.default_rng(seed)
    params = []
    for units, activation in layers:
        limit = np.sqrt(6.0 / (input_dim + units))
        kernel = rng.uniform(-limit, limit, size=(input_dim, units)).astype(np.float32)
        params.append({"kernel": kernel, "bias": np.zeros(units, np.float32),
                       "activation": activation})
    return params


def _build_transposed(layers, input_dim, seed):
    rng = np.random.default_rng(seed)
    params, fan_in = [], input_dim
    for units, activation in layers:
        limit = np.sqrt(6.0 / (fan_in + units))
        kernel = rng.uniform(-limit, limit, size=(units, fan_in)).astype(np.float32)
        params.append({"kernel": kernel, "bias": np.zeros(units, np.float32),
                       "activation": activation})
        fan_in = units
    return params


def _build_he_limit(layers, input_dim, seed):
    rng = np.random.default_rng(seed)
    params, fan_in = [], input_dim
    for units, activation in layers:
        limit = np.sqrt(6.0 / fan_in)
        kernel = rng.uniform(-limit, limit, size=(fan_in, units)).astype(np.float32)
        params.append({"kernel": kernel, "bias": np.zeros(units, np.float32),
                       "activation": activation})
        fan_in = units
    return params


def _build_reseeded_per_layer(layers, input_dim, seed):
    params, fan_in = [], input_dim
    for units, activation in layers:
        rng = np.random.default_rng(seed)
        limit = np.sqrt(6.0 / (fan_in + units))
        kernel = rng.uniform(-limit, limit, size=(fan_in, units)).astype(np.float32)
        params.append({"kernel": kernel, "bias": np.zeros(units, np.float32),
                       "activation": activation})
        fan_in = units
    return params


def _build_float64(layers, input_dim, seed):
    rng = np.random.default_rng(seed)
    params, fan_in = [], input_dim
    for units, activation in layers:
        limit = np.sqrt(6.0 / (fan_in + units))
        kernel = rng.uniform(-limit, limit, size=(fan_in, units))
        params.append({"kernel": kernel, "bias": np.zeros(units), "activation": activation})
        fan_in = units
    return params


def _build_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 2):
        depth = int(rng.integers(2, 5))
        d = int(rng.integers(2, 12))
        spec = _layer_spec(rng, depth, int(rng.integers(2, 11)))
        cases.append(Case("random stacks", {"layers": spec, "input_dim": d, "seed": _seed(rng)}))
    cases.append(Case("one layer", {"layers": [(3, "linear")], "input_dim": 5,
                                    "seed": _seed(rng)}))
    cases.append(Case("a layer of one unit", {"layers": [(4, "tanh"), (1, "sigmoid")],
                                              "input_dim": 6, "seed": _seed(rng)}))
    if hidden:
        cases.append(Case("MNIST's MLP", {"layers": [(128, "relu"), (10, "linear")],
                                          "input_dim": 784, "seed": _seed(rng)}))
    return cases


BUILD = Exercise(
    id="ch7.build", name="build", reference=build, make_cases=_build_cases, call=_call_build,
    output_names=("params", "dtypes of (kernel, bias) per layer"), points=2,
    summary="Glorot-uniform kernels and zero biases, each layer sized by the one before",
    mistakes=[
        Mistake("every layer sized from the input",
                "Each layer's kernel has as many rows as the previous layer has units; only "
                "the first layer sees input_dim. Keep fan_in = units at the end of the loop.",
                _build_fan_in_not_chained),
        Mistake("kernel transposed",
                "Keras stores a Dense kernel as (fan_in, units), so that the layer computes "
                "x @ kernel with x of shape (N, fan_in).", _build_transposed),
        Mistake("He limit instead of Glorot's",
                "sqrt(6 / fan_in) is He's limit (for ReLU networks). Keras's default, "
                "glorot_uniform, uses both fans: sqrt(6 / (fan_in + units)).", _build_he_limit),
        Mistake("a new generator for every layer",
                "np.random.default_rng(seed) inside the loop restarts the same random "
                "sequence for every layer. Make the generator once, before the loop, and "
                "draw every kernel from it in turn.", _build_reseeded_per_layer),
        Mistake("float64 weights",
                "rng.uniform and np.zeros make float64; Keras (and this course) keeps "
                "weights in float32: .astype(np.float32) and np.zeros(units, np.float32).",
                _build_float64),
    ])


# -- 4. forward -----------------------------------------------------------------------------

def forward(params, x):
    """Run ``x (N, D)`` through the layers; returns ``(out, caches)``.

    For each layer: ``z, dense_cache = dense_forward(x, kernel, bias)``, then
    ``x, act_cache = ACTIVATIONS[activation][0](z)``; ``caches[i] = (dense_cache, act_cache)``.
    ``out`` is the last layer's output, ``(N, units)``.
    """
    caches = []
    for layer in params:
        z, dense_cache = dense_forward(x, layer["kernel"], layer["bias"])
        x, act_cache = ACTIVATIONS[layer["activation"]][0](z)
        caches.append((dense_cache, act_cache))
    return x, caches


def _call_forward(obj, args):
    result = obj(**args)
    if not isinstance(result, tuple) or len(result) != 2:
        raise TypeError("forward should return a pair (out, caches)")
    out, caches = result
    return out, len(caches)


def _forward_no_activation(params, x):
    caches = []
    for layer in params:
        z, dense_cache = dense_forward(x, layer["kernel"], layer["bias"])
        x = z
        caches.append((dense_cache, None))
    return x, caches


def _forward_relu_everywhere(params, x):
    caches = []
    for layer in params:
        z, dense_cache = dense_forward(x, layer["kernel"], layer["bias"])
        x, act_cache = ACTIVATIONS["relu"][0](z)
        caches.append((dense_cache, act_cache))
    return x, caches


def _forward_activation_first(params, x):
    caches = []
    for layer in params:
        a, act_cache = ACTIVATIONS[layer["activation"]][0](x)
        x, dense_cache = dense_forward(a, layer["kernel"], layer["bias"])
        caches.append((dense_cache, act_cache))
    return x, caches


def _forward_no_bias(params, x):
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
        spec = _layer_spec(rng, int(rng.integers(2, 4)), int(rng.integers(2, 8)))
        cases.append(Case("random stacks", {"params": _params(rng, d, spec, scale=1.5),
                                            "x": _data(rng, n, d, 2)[0]}))
    spec = [(5, "relu"), (4, "softmax")]
    cases.append(Case("softmax output", {"params": _params(rng, 3, spec),
                                         "x": _data(rng, 6, 3, 2)[0]}))
    cases.append(Case("batch of 1", {"params": _params(rng, 4, [(3, "tanh"), (2, "linear")]),
                                     "x": _data(rng, 1, 4, 2)[0]}))
    cases.append(Case("one layer", {"params": _params(rng, 3, [(2, "sigmoid")]),
                                    "x": _data(rng, 5, 3, 2)[0]}))
    if hidden:
        spec = [(64, "relu"), (32, "tanh"), (10, "linear")]
        cases.append(Case("large", {"params": _params(rng, 100, spec),
                                    "x": _data(rng, 256, 100, 2)[0]}))
    return cases


FORWARD = Exercise(
    id="ch7.forward", name="forward", reference=forward, make_cases=_forward_cases,
    call=_call_forward, output_names=("out", "number of caches"), rtol=1e-4, atol=1e-6,
    points=2, summary="dense then activation, layer after layer, keeping each layer's caches",
    mistakes=[
        Mistake("activation skipped",
                "Each layer is dense_forward followed by its activation: "
                "ACTIVATIONS[layer['activation']][0](z). Without the activations, the stack "
                "collapses into one linear map.", _forward_no_activation),
        Mistake("ReLU for every layer",
                "Each layer has its own activation in layer['activation'] (the output layer "
                "is often 'linear', leaving logits); look it up for every layer.",
                _forward_relu_everywhere),
        Mistake("activation before the dense map",
                "A Dense layer computes activation(x @ kernel + bias): the affine map first, "
                "then the activation of its result.", _forward_activation_first),
        Mistake("bias left out",
                "Pass the bias to dense_forward(x, layer['kernel'], layer['bias']).",
                _forward_no_bias),
    ])


# -- 5. backward ----------------------------------------------------------------------------

def backward(params, caches, dout):
    """Gradients of every layer from ``dout``, the gradient of the loss w.r.t. ``out``.

    Walks the layers from the last to the first: ``dz = ACTIVATIONS[act][1](dout, act_cache)``,
    ``dout, dW, db = dense_backward(dz, dense_cache)``. Returns
    ``[{"kernel": dW, "bias": db}, ...]`` in the layers' order (first layer first).
    """
    grads = [None] * len(params)
    for i in reversed(range(len(params))):
        dense_cache, act_cache = caches[i]
        dz = ACTIVATIONS[params[i]["activation"]][1](dout, act_cache)
        dout, dW, db = dense_backward(dz, dense_cache)
        grads[i] = {"kernel": dW, "bias": db}
    return grads


def _call_backward(obj, args):
    params = args["params"]
    _, caches = forward(params, args["x"])
    return obj(params, caches, args["dout"])


def _backward_no_activation(params, caches, dout):
    grads = [None] * len(params)
    for i in reversed(range(len(params))):
        dense_cache, act_cache = caches[i]
        dout, dW, db = dense_backward(dout, dense_cache)
        grads[i] = {"kernel": dW, "bias": db}
    return grads


def _backward_reversed_list(params, caches, dout):
    grads = []
    for i in reversed(range(len(params))):
        dense_cache, act_cache = caches[i]
        dz = ACTIVATIONS[params[i]["activation"]][1](dout, act_cache)
        dout, dW, db = dense_backward(dz, dense_cache)
        grads.append({"kernel": dW, "bias": db})
    return grads


def _backward_bias_mean(params, caches, dout):
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
        spec = _layer_spec(rng, int(rng.integers(2, 4)), int(rng.integers(2, 8)))
        x = _data(rng, n, d, 2)[0]
        dout = rng.standard_normal((n, spec[-1][0])).astype(np.float32)
        cases.append(Case("random stacks", {"params": _params(rng, d, spec, 1.5), "x": x,
                                            "dout": dout}))
    spec = [(4, "relu"), (3, "tanh"), (2, "linear")]
    cases.append(Case("batch of 1", {"params": _params(rng, 3, spec), "x": _data(rng, 1, 3, 2)[0],
                                     "dout": rng.standard_normal((1, 2)).astype(np.float32)}))
    cases.append(Case("one layer", {"params": _params(rng, 4, [(3, "sigmoid")]),
                                    "x": _data(rng, 6, 4, 2)[0],
                                    "dout": rng.standard_normal((6, 3)).astype(np.float32)}))
    if hidden:
        spec = [(64, "relu"), (32, "sigmoid"), (10, "linear")]
        cases.append(Case("large", {"params": _params(rng, 100, spec),
                                    "x": _data(rng, 256, 100, 2)[0],
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
                "dense_backward(dz, dense_cache).", _backward_no_activation),
        Mistake("gradients listed last layer first",
                "You walk the layers backwards, so appending puts the last layer's gradients "
                "first. grads[i] must belong to params[i]: fill a list of the right length "
                "by index, or reverse it at the end.", _backward_reversed_list),
        Mistake("bias gradient averaged",
                "The bias gradient sums dz over the batch (dense_backward does it); the 1/N "
                "of the mean loss is already inside dout.", _backward_bias_mean),
    ])


# -- 6. train_step --------------------------------------------------------------------------

def train_step(params, x, y, learning_rate):
    """One step of SGD on the batch ``(x, y)``; updates ``params`` in place.

    Forward to the logits, ``loss = softmax_cross_entropy_forward(y, logits)`` (the mean
    over the batch), backward from ``softmax_cross_entropy_backward(1.0, cache)``, and only
    then ``sgd_update`` of every kernel and bias.

    Returns ``(loss, logits)``: the loss as a float and the logits of the forward pass,
    both from before the update (as Keras reports them).
    """
    logits, caches = forward(params, x)
    loss, loss_cache = softmax_cross_entropy_forward(y, logits)
    grads = backward(params, caches, softmax_cross_entropy_backward(1.0, loss_cache))
    for layer, grad in zip(params, grads):
        sgd_update(layer["kernel"], grad["kernel"], learning_rate=learning_rate)
        sgd_update(layer["bias"], grad["bias"], learning_rate=learning_rate)
    return float(loss), logits


def _call_train_step(obj, args):
    params = args["params"]
    loss, logits = obj(params, args["x"], args["y"], args["learning_rate"])
    return loss, logits, params


def _train_step_update_during_backward(params, x, y, learning_rate):
    logits, caches = forward(params, x)
    loss, loss_cache = softmax_cross_entropy_forward(y, logits)
    dout = softmax_cross_entropy_backward(1.0, loss_cache)
    for i in reversed(range(len(params))):
        dense_cache, act_cache = caches[i]
        dz = ACTIVATIONS[params[i]["activation"]][1](dout, act_cache)
        _, dW, db = dense_backward(dz, dense_cache)
        sgd_update(params[i]["kernel"], dW, learning_rate=learning_rate)
        sgd_update(params[i]["bias"], db, learning_rate=learning_rate)
        dout = dz @ params[i]["kernel"].T
    return float(loss), logits


def _train_step_ascent(params, x, y, learning_rate):
    logits, caches = forward(params, x)
    loss, loss_cache = softmax_cross_entropy_forward(y, logits)
    grads = backward(params, caches, softmax_cross_entropy_backward(1.0, loss_cache))
    for layer, grad in zip(params, grads):
        layer["kernel"] += learning_rate * grad["kernel"]
        layer["bias"] += learning_rate * grad["bias"]
    return float(loss), logits


def _train_step_biases_frozen(params, x, y, learning_rate):
    logits, caches = forward(params, x)
    loss, loss_cache = softmax_cross_entropy_forward(y, logits)
    grads = backward(params, caches, softmax_cross_entropy_backward(1.0, loss_cache))
    for layer, grad in zip(params, grads):
        sgd_update(layer["kernel"], grad["kernel"], learning_rate=learning_rate)
    return float(loss), logits


def _train_step_no_learning_rate(params, x, y, learning_rate):
    logits, caches = forward(params, x)
    loss, loss_cache = softmax_cross_entropy_forward(y, logits)
    grads = backward(params, caches, softmax_cross_entropy_backward(1.0, loss_cache))
    for layer, grad in zip(params, grads):
        layer["kernel"] -= grad["kernel"]
        layer["bias"] -= grad["bias"]
    return float(loss), logits


def _train_step_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 3):
        n, d, k = int(rng.integers(3, 20)), int(rng.integers(2, 10)), int(rng.integers(2, 6))
        spec = _layer_spec(rng, int(rng.integers(2, 4)), k)
        x, y = _data(rng, n, d, k)
        cases.append(Case("random batches", {
            "params": _params(rng, d, spec, 1.5), "x": x, "y": y,
            "learning_rate": float(rng.uniform(0.1, 0.5))}))
    x, y = _data(rng, 1, 4, 3)
    cases.append(Case("batch of 1", {"params": _params(rng, 4, [(5, "tanh"), (3, "linear")]),
                                     "x": x, "y": y, "learning_rate": 0.3}))
    if hidden:
        x, y = _data(rng, 128, 50, 10)
        cases.append(Case("large", {"params": _params(rng, 50, [(32, "relu"), (10, "linear")]),
                                    "x": x, "y": y, "learning_rate": 0.1}))
    return cases


TRAIN_STEP = Exercise(
    id="ch7.train_step", name="train_step", reference=train_step, make_cases=_train_step_cases,
    call=_call_train_step, output_names=("loss", "logits", "params after the step"),
    rtol=1e-4, atol=1e-6, pure=False, points=2,
    summary="forward, loss, backward, then an SGD update of every weight",
    mistakes=[
        Mistake("weights updated before all gradients were computed",
                "You updated a layer's kernel while going backwards and then used it to pass "
                "the gradient down (dz @ kernel.T): the lower layers got gradients of a model "
                "that never existed. Compute every gradient first (ref.backward), then update.",
                _train_step_update_during_backward),
        Mistake("gradient ascent",
                "The update climbs the loss. Gradient descent subtracts: "
                "kernel -= learning_rate * dW (sgd_update does it).", _train_step_ascent),
        Mistake("biases not updated",
                "The biases are weights too: update them with their gradient grad['bias'].",
                _train_step_biases_frozen),
        Mistake("learning rate ignored",
                "Each update is learning_rate * gradient: the full gradient is a far too large "
                "step.", _train_step_no_learning_rate),
    ])


# -- 7. evaluate ----------------------------------------------------------------------------

def evaluate(params, x, y, batch_size=32):
    """``(loss, accuracy)`` over all of ``(x, y)``, computed ``batch_size`` rows at a time.

    Each batch's mean loss is weighted by the batch's size, so the result is the mean over
    the samples, whatever ``batch_size`` (the last batch may be smaller). In order, no shuffle.
    """
    n = len(x)
    total_loss, correct = 0.0, 0
    for start in range(0, n, batch_size):
        xb, yb = x[start:start + batch_size], y[start:start + batch_size]
        logits, _ = forward(params, xb)
        loss, _ = softmax_cross_entropy_forward(yb, logits)
        total_loss += float(loss) * len(xb)
        correct += int(np.sum(np.argmax(logits, axis=1) == yb))
    return total_loss / n, correct / n


def _evaluate_mean_of_batch_means(params, x, y, batch_size=32):
    losses, accuracies = [], []
    for start in range(0, len(x), batch_size):
        xb, yb = x[start:start + batch_size], y[start:start + batch_size]
        logits, _ = forward(params, xb)
        loss, _ = softmax_cross_entropy_forward(yb, logits)
        losses.append(float(loss))
        accuracies.append(float(np.mean(np.argmax(logits, axis=1) == yb)))
    return float(np.mean(losses)), float(np.mean(accuracies))


def _evaluate_drop_last(params, x, y, batch_size=32):
    n = (len(x) // batch_size) * batch_size
    total_loss, correct = 0.0, 0
    for start in range(0, n, batch_size):
        xb, yb = x[start:start + batch_size], y[start:start + batch_size]
        logits, _ = forward(params, xb)
        loss, _ = softmax_cross_entropy_forward(yb, logits)
        total_loss += float(loss) * len(xb)
        correct += int(np.sum(np.argmax(logits, axis=1) == yb))
    return total_loss / n, correct / n


def _evaluate_last_batch_only(params, x, y, batch_size=32):
    n = len(x)
    total_loss, correct = 0.0, 0
    for start in range(0, n, batch_size):
        xb, yb = x[start:start + batch_size], y[start:start + batch_size]
        logits, _ = forward(params, xb)
        loss, _ = softmax_cross_entropy_forward(yb, logits)
        total_loss = float(loss) * len(xb)
        correct = int(np.sum(np.argmax(logits, axis=1) == yb))
    return total_loss / n, correct / n


def _evaluate_cases(rng, hidden):
    cases = []
    for _ in range(4 if hidden else 2):
        b = int(rng.integers(3, 9))
        n = b * int(rng.integers(2, 5)) + int(rng.integers(1, b))
        d, k = int(rng.integers(2, 8)), int(rng.integers(2, 6))
        x, y = _data(rng, n, d, k)
        spec = _layer_spec(rng, 2, k)
        cases.append(Case("batch size not dividing n", {"params": _params(rng, d, spec, 2.0),
                                                        "x": x, "y": y, "batch_size": b}))
    x, y = _data(rng, 12, 4, 3)
    cases.append(Case("batch size dividing n", {"params": _params(rng, 4, [(5, "relu"),
                                                                           (3, "linear")], 2.0),
                                                "x": x, "y": y, "batch_size": 4}))
    x, y = _data(rng, 5, 3, 2)
    cases.append(Case("batch of 1", {"params": _params(rng, 3, [(2, "linear")], 2.0),
                                     "x": x, "y": y, "batch_size": 1}))
    x, y = _data(rng, 7, 3, 4)
    cases.append(Case("one batch larger than n", {"params": _params(rng, 3, [(4, "linear")]),
                                                  "x": x, "y": y, "batch_size": 32}))
    if hidden:
        x, y = _data(rng, 1000, 30, 10)
        cases.append(Case("large", {"params": _params(rng, 30, [(32, "relu"), (10, "linear")]),
                                    "x": x, "y": y, "batch_size": 64}))
    return cases


EVALUATE = Exercise(
    id="ch7.evaluate", name="evaluate", reference=evaluate, make_cases=_evaluate_cases,
    output_names=("loss", "accuracy"), rtol=1e-4, atol=1e-6, points=2,
    summary="loss and accuracy over a dataset, in batches weighted by their size",
    mistakes=[
        Mistake("mean of the batch means",
                "Averaging the batches' means gives the small last batch as much weight as a "
                "full one. Weight each batch by its size: sum loss * len(batch), divide by n "
                "(and count correct predictions rather than averaging accuracies).",
                _evaluate_mean_of_batch_means),
        Mistake("last partial batch dropped",
                "The last n % batch_size samples are never evaluated: let the loop run "
                "range(0, n, batch_size), the last slice is simply shorter.",
                _evaluate_drop_last),
        Mistake("= where += belongs",
                "Only the last batch is counted: the totals are overwritten in every "
                "iteration. Accumulate them with +=.", _evaluate_last_batch_only),
    ])


# -- 8. fit ---------------------------------------------------------------------------------

def fit(params, x, y, epochs=1, batch_size=32, learning_rate=0.1, seed=0,
        validation_data=None):
    """Train ``params`` in place with minibatch SGD; returns the History dict.

    One generator, ``rng = np.random.default_rng(seed)``, made once: every epoch draws its
    batches with ``minibatch_indices(len(x), batch_size, rng)`` and takes a ``train_step``
    on each. At the end of each epoch, ``history["loss"]`` gets the mean of the batch
    losses weighted by batch size, ``history["accuracy"]`` the fraction of the epoch's
    samples the logits of the steps got right; with ``validation_data=(x_val, y_val)``,
    ``history["val_loss"]`` and ``history["val_accuracy"]`` get ``evaluate(params, x_val,
    y_val, batch_size)``. Keys exist from the start, with one value per epoch.
    """
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    if validation_data is not None:
        history.update(val_loss=[], val_accuracy=[])
    n = len(x)
    for _ in range(epochs):
        total_loss, correct = 0.0, 0
        for idx in minibatch_indices(n, batch_size, rng):
            loss, logits = train_step(params, x[idx], y[idx], learning_rate)
            total_loss += loss * len(idx)
            correct += int(np.sum(np.argmax(logits, axis=1) == y[idx]))
        history["loss"].append(total_loss / n)
        history["accuracy"].append(correct / n)
        if validation_data is not None:
            val_loss, val_accuracy = evaluate(params, validation_data[0], validation_data[1],
                                              batch_size)
            history["val_loss"].append(val_loss)
            history["val_accuracy"].append(val_accuracy)
    return history


def _call_fit(obj, args):
    """Numpy's global generator seeded (and restored), so that an answer that shuffles with
    it is reproducible and can be recognised."""
    params = args["params"]
    saved = np.random.get_state()
    np.random.seed(args["seed"] % 2**32)
    try:
        history = obj(**args)
    finally:
        np.random.set_state(saved)
    return history, params


def _fit_history_per_batch(params, x, y, epochs=1, batch_size=32, learning_rate=0.1, seed=0,
                           validation_data=None):
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    if validation_data is not None:
        history.update(val_loss=[], val_accuracy=[])
    for _ in range(epochs):
        for idx in minibatch_indices(len(x), batch_size, rng):
            loss, logits = train_step(params, x[idx], y[idx], learning_rate)
            history["loss"].append(loss)
            history["accuracy"].append(float(np.mean(np.argmax(logits, axis=1) == y[idx])))
        if validation_data is not None:
            val_loss, val_accuracy = evaluate(params, validation_data[0], validation_data[1],
                                              batch_size)
            history["val_loss"].append(val_loss)
            history["val_accuracy"].append(val_accuracy)
    return history


def _fit_mean_of_batch_means(params, x, y, epochs=1, batch_size=32, learning_rate=0.1, seed=0,
                             validation_data=None):
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    if validation_data is not None:
        history.update(val_loss=[], val_accuracy=[])
    for _ in range(epochs):
        losses, accuracies = [], []
        for idx in minibatch_indices(len(x), batch_size, rng):
            loss, logits = train_step(params, x[idx], y[idx], learning_rate)
            losses.append(loss)
            accuracies.append(float(np.mean(np.argmax(logits, axis=1) == y[idx])))
        history["loss"].append(float(np.mean(losses)))
        history["accuracy"].append(float(np.mean(accuracies)))
        if validation_data is not None:
            val_loss, val_accuracy = evaluate(params, validation_data[0], validation_data[1],
                                              batch_size)
            history["val_loss"].append(val_loss)
            history["val_accuracy"].append(val_accuracy)
    return history


def _fit_same_order_every_epoch(params, x, y, epochs=1, batch_size=32, learning_rate=0.1,
                                seed=0, validation_data=None):
    history = {"loss": [], "accuracy": []}
    if validation_data is not None:
        history.update(val_loss=[], val_accuracy=[])
    n = len(x)
    for _ in range(epochs):
        rng = np.random.default_rng(seed)
        total_loss, correct = 0.0, 0
        for idx in minibatch_indices(n, batch_size, rng):
            loss, logits = train_step(params, x[idx], y[idx], learning_rate)
            total_loss += loss * len(idx)
            correct += int(np.sum(np.argmax(logits, axis=1) == y[idx]))
        history["loss"].append(total_loss / n)
        history["accuracy"].append(correct / n)
        if validation_data is not None:
            val_loss, val_accuracy = evaluate(params, validation_data[0], validation_data[1],
                                              batch_size)
            history["val_loss"].append(val_loss)
            history["val_accuracy"].append(val_accuracy)
    return history


def _fit_global_rng(params, x, y, epochs=1, batch_size=32, learning_rate=0.1, seed=0,
                    validation_data=None):
    history = {"loss": [], "accuracy": []}
    if validation_data is not None:
        history.update(val_loss=[], val_accuracy=[])
    n = len(x)
    for _ in range(epochs):
        order = np.random.permutation(n)
        total_loss, correct = 0.0, 0
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            loss, logits = train_step(params, x[idx], y[idx], learning_rate)
            total_loss += loss * len(idx)
            correct += int(np.sum(np.argmax(logits, axis=1) == y[idx]))
        history["loss"].append(total_loss / n)
        history["accuracy"].append(correct / n)
        if validation_data is not None:
            val_loss, val_accuracy = evaluate(params, validation_data[0], validation_data[1],
                                              batch_size)
            history["val_loss"].append(val_loss)
            history["val_accuracy"].append(val_accuracy)
    return history


def _fit_last_batch_loss(params, x, y, epochs=1, batch_size=32, learning_rate=0.1, seed=0,
                         validation_data=None):
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    if validation_data is not None:
        history.update(val_loss=[], val_accuracy=[])
    n = len(x)
    for _ in range(epochs):
        correct = 0
        for idx in minibatch_indices(n, batch_size, rng):
            loss, logits = train_step(params, x[idx], y[idx], learning_rate)
            correct += int(np.sum(np.argmax(logits, axis=1) == y[idx]))
        history["loss"].append(loss)
        history["accuracy"].append(correct / n)
        if validation_data is not None:
            val_loss, val_accuracy = evaluate(params, validation_data[0], validation_data[1],
                                              batch_size)
            history["val_loss"].append(val_loss)
            history["val_accuracy"].append(val_accuracy)
    return history


def _fit_cases(rng, hidden):
    cases = []

    def problem(n, d, k, depth=2):
        x, y = _data(rng, n, d, k)
        centres = rng.standard_normal((k, d)).astype(np.float32)
        x += 1.5 * centres[y]                      # learnable: the classes have centres
        return _params(rng, d, _layer_spec(rng, depth, k)), x, y

    for _ in range(3 if hidden else 1):
        b = int(rng.integers(3, 9))
        n = b * int(rng.integers(3, 6)) + int(rng.integers(1, b))
        params, x, y = problem(n, int(rng.integers(2, 8)), int(rng.integers(2, 5)))
        cases.append(Case("batch size not dividing n", {
            "params": params, "x": x, "y": y, "epochs": int(rng.integers(2, 4)),
            "batch_size": b, "learning_rate": 0.2, "seed": _seed(rng)}))
    params, x, y = problem(30, 4, 3)
    vx, vy = x[20:], y[20:]
    cases.append(Case("with validation data", {
        "params": params, "x": x[:20], "y": y[:20], "epochs": 3, "batch_size": 6,
        "learning_rate": 0.2, "seed": _seed(rng), "validation_data": (vx, vy)}))
    params, x, y = problem(9, 3, 2)
    cases.append(Case("one epoch", {"params": params, "x": x, "y": y, "epochs": 1,
                                    "batch_size": 4, "learning_rate": 0.3, "seed": _seed(rng)}))
    params, x, y = problem(6, 3, 2)
    cases.append(Case("batch of 1", {"params": params, "x": x, "y": y, "epochs": 2,
                                     "batch_size": 1, "learning_rate": 0.1, "seed": _seed(rng)}))
    if hidden:
        params, x, y = problem(600, 20, 10, depth=3)
        cases.append(Case("larger", {
            "params": params, "x": x[:500], "y": y[:500], "epochs": 4, "batch_size": 32,
            "learning_rate": 0.1, "seed": _seed(rng), "validation_data": (x[500:], y[500:])}))
    return cases


FIT = Exercise(
    id="ch7.fit", name="fit", reference=fit, make_cases=_fit_cases, call=_call_fit,
    output_names=("history", "params after training"), rtol=1e-4, atol=1e-6, pure=False,
    points=3, summary="epochs of shuffled minibatches, a History of per-epoch means",
    mistakes=[
        Mistake("history appended per batch",
                "History holds one value per epoch: accumulate the batches' losses during the "
                "epoch and append their mean once, after the epoch's last batch.",
                _fit_history_per_batch),
        Mistake("epoch loss as the mean of the batch means",
                "The small last batch weighs as much as a full one in a plain mean of the batch "
                "losses. Weight each batch loss by its size and divide by n (and count correct "
                "predictions rather than averaging accuracies).", _fit_mean_of_batch_means),
        Mistake("the same order every epoch",
                "np.random.default_rng(seed) inside the epoch loop restarts the generator, so "
                "every epoch visits the samples in the same order. Make it once, before the "
                "loop; each epoch then draws a new order from it.",
                _fit_same_order_every_epoch),
        Mistake("numpy's global generator instead of the seed",
                "np.random.permutation draws from numpy's global generator: the seed argument "
                "has no effect and the run cannot be repeated. Draw the batches from "
                "np.random.default_rng(seed) with ref.minibatch_indices.", _fit_global_rng),
        Mistake("epoch loss from its last batch only",
                "The epoch's loss is the mean over all its samples, not the loss of its last "
                "batch: accumulate loss * len(batch) over the epoch and divide by n.",
                _fit_last_batch_loss),
    ])


EXERCISES = [ACCURACY, MINIBATCH_INDICES, BUILD, FORWARD, BACKWARD, TRAIN_STEP, EVALUATE, FIT]
