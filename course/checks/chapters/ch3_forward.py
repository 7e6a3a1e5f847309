"""Chapter 3, forward propagation: a dense layer, activations, softmax, the loss,
initializers and what their scale does across depth, a two-layer network.

Where the operation exists in :mod:`course.ops` the reference IS that function (same name,
signature and ``(out, cache)`` convention); the chapter's own references (``layer_stds``,
``two_layer_forward``) are defined here. Forward exercises are graded on ``out`` (or the
loss): the cache is the student's own business, since later exercises use the references.

Every mutant below is a self-contained wrong answer (numpy only, the exercise's signature);
their diagnoses speak to the student.
"""

import numpy as np

from course import ops
from course.checks.spec import Case, Exercise, Mistake
from course.ops import initializers

# ---------------------------------------------------------------------------------------
# Helpers for the cases and the calls
# ---------------------------------------------------------------------------------------


def _randn(rng, *shape, scale=1.0, dtype=np.float64):
    return (scale * rng.standard_normal(shape)).astype(dtype)


def _as_layout(a, layout):
    """The array a case asks for. Plain data cannot carry strides, so a case that wants a
    non-contiguous input stores ``x.T`` and sets ``layout="transposed"``: the call passes
    the transposed *view* (Fortran-ordered), and in-place changes still reach the case."""
    return a.T if layout == "transposed" else a


def _first_of_pair(result, name, what="out"):
    """``out`` of an ``(out, cache)`` pair, or a clear error if the result is not a pair."""
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        got = (f"a {type(result).__name__} of {len(result)} values"
               if isinstance(result, (tuple, list)) else f"a {type(result).__name__}")
        raise TypeError(f"{name} should return a pair ({what}, cache), got {got}")
    return result[0]


# ---------------------------------------------------------------------------------------
# ch3.dense_forward
# ---------------------------------------------------------------------------------------


def _dense_forward_cases(rng, hidden):
    cases = []
    big = 40 if hidden else 8
    for _ in range(8 if hidden else 3):
        n, d, m = (int(v) for v in rng.integers(2, big, size=3))
        cases.append(Case("random shapes", {"x": _randn(rng, n, d), "W": _randn(rng, d, m),
                                            "b": _randn(rng, m)}))
    for s in ((3, 4) if hidden else (3,)):
        cases.append(Case("square shapes (N = D = M)", {
            "x": _randn(rng, s, s), "W": _randn(rng, s, s), "b": _randn(rng, s)}))
    cases.append(Case("no bias (b=None)", {"x": _randn(rng, 4, 3), "W": _randn(rng, 3, 5),
                                           "b": None}))
    cases.append(Case("batch of 1", {"x": _randn(rng, 1, 5), "W": _randn(rng, 5, 2),
                                     "b": _randn(rng, 2)}))
    cases.append(Case("zeros", {"x": np.zeros((3, 4)), "W": _randn(rng, 4, 2),
                                "b": _randn(rng, 2)}))
    cases.append(Case("large magnitudes", {"x": _randn(rng, 4, 6, scale=1e4),
                                           "W": _randn(rng, 6, 3, scale=1e3),
                                           "b": _randn(rng, 3, scale=1e6)}))
    cases.append(Case("leading axes (N, T, D)", {"x": _randn(rng, 2, 3, 4), "W": _randn(rng, 4, 5),
                                                 "b": _randn(rng, 5)}))
    cases.append(Case("non-contiguous x (a transposed view)", {
        "x": _randn(rng, 6, 4), "W": _randn(rng, 6, 3), "b": _randn(rng, 3),
        "layout": "transposed"}))
    if hidden:
        cases.append(Case("random shapes", {"x": _randn(rng, 256, 784), "W": _randn(rng, 784, 64),
                                            "b": _randn(rng, 64)}))
    return cases


def _call_dense_forward(obj, args):
    x = _as_layout(args["x"], args.get("layout"))
    return _first_of_pair(obj(x, args["W"], args["b"]), "dense_forward")


def dense_forward__forgot_bias(x, W, b=None):
    out = x @ W
    return out, (x, W, b is not None)


def dense_forward__W_transposed(x, W, b=None):
    out = x @ W.T
    if b is not None:
        out = out + b
    return out, (x, W, b is not None)


def dense_forward__bias_per_row(x, W, b=None):
    out = x @ W
    if b is not None:
        out = out + b.reshape(-1, 1)
    return out, (x, W, b is not None)


DENSE_FORWARD = Exercise(
    id="ch3.dense_forward", name="dense_forward", reference=ops.dense_forward,
    make_cases=_dense_forward_cases, call=_call_dense_forward, output_names=("out",),
    rtol=1e-6, atol=1e-6, points=2,
    mistakes=[
        Mistake("forgot the bias",
                "The output misses b: out = x @ W + b (when b is not None).",
                dense_forward__forgot_bias),
        Mistake("W.T instead of W",
                "You multiplied by W.T. With one sample per row, x (N, D) times W (D, M) is "
                "already the right product: out = x @ W. (It only ran because W was square.)",
                dense_forward__W_transposed),
        Mistake("bias added per row",
                "b has one entry per output unit (column), not per sample: add b with shape "
                "(M,) so that it broadcasts over the rows, not b.reshape(-1, 1).",
                dense_forward__bias_per_row),
    ],
    summary="out = x @ W + b, returned with its cache")


# ---------------------------------------------------------------------------------------
# ch3.relu_forward
# ---------------------------------------------------------------------------------------


def _activation_cases(rng, hidden, huge=1e4):
    """Random values, exact zeros, huge magnitudes, float32, any shape (ReLU and sigmoid)."""
    cases = []
    for _ in range(6 if hidden else 2):
        shape = tuple(int(v) for v in rng.integers(1, 30 if hidden else 7, size=2))
        cases.append(Case("random values", {"x": _randn(rng, *shape, scale=3)}))
    x = np.round(_randn(rng, 4, 5))
    x[0, :2] = 0.0
    cases.append(Case("exact zeros", {"x": x}))
    cases.append(Case("huge magnitudes (±1e4)", {
        "x": np.array([[-huge, -100.0, 0.0, 100.0, huge], [huge, -huge, 1.0, -1.0, 0.5]])}))
    cases.append(Case("float32", {"x": _randn(rng, 3, 4, scale=2, dtype=np.float32)}))
    cases.append(Case("batch of 1", {"x": _randn(rng, 1, 6)}))
    cases.append(Case("any shape (1-D and 3-D)", {"x": _randn(rng, 7)}))
    cases.append(Case("any shape (1-D and 3-D)", {"x": _randn(rng, 2, 3, 4)}))
    if hidden:
        cases.append(Case("random values", {"x": _randn(rng, 128, 300)}))
    return cases


def _call_out(name):
    def call(obj, args):
        return _first_of_pair(obj(**args), name)
    return call


def relu_forward__max_instead_of_maximum(x):
    out = np.max(x, 0)
    return out, out


def relu_forward__step_function(x):
    out = (x > 0).astype(x.dtype)
    return out, out


def relu_forward__minimum(x):
    out = np.minimum(x, 0)
    return out, out


RELU_FORWARD = Exercise(
    id="ch3.relu_forward", name="relu_forward", reference=ops.relu_forward,
    make_cases=_activation_cases, call=_call_out("relu_forward"), output_names=("out",),
    rtol=0, atol=0, points=1,
    mistakes=[
        Mistake("np.max instead of np.maximum",
                "np.max(x, 0) is the largest entry along axis 0 (a reduction). The elementwise "
                "max of x and 0 is np.maximum(x, 0).",
                relu_forward__max_instead_of_maximum),
        Mistake("returned the step function",
                "You returned 1 where x > 0 and 0 elsewhere: that is ReLU's derivative. ReLU "
                "keeps the value: max(x, 0).",
                relu_forward__step_function),
        Mistake("kept the negative part",
                "np.minimum(x, 0) keeps the negative part; ReLU keeps the positive part, "
                "np.maximum(x, 0).",
                relu_forward__minimum),
    ],
    summary="out = max(x, 0), elementwise")


# ---------------------------------------------------------------------------------------
# ch3.sigmoid_forward
# ---------------------------------------------------------------------------------------


def sigmoid_forward__sign_flipped(x):
    with np.errstate(over="ignore"):
        out = 1 / (1 + np.exp(x))
    return out, out


def sigmoid_forward__tanh(x):
    out = np.tanh(x)
    return out, out


def sigmoid_forward__derivative(x):
    e = np.exp(-np.abs(x))
    s = np.where(x >= 0, 1 / (1 + e), e / (1 + e))
    out = s * (1 - s)
    return out, out


SIGMOID_FORWARD = Exercise(
    id="ch3.sigmoid_forward", name="sigmoid_forward", reference=ops.sigmoid_forward,
    make_cases=_activation_cases, call=_call_out("sigmoid_forward"), output_names=("out",),
    rtol=1e-6, atol=1e-12, points=1,
    mistakes=[
        Mistake("sign of the exponent flipped",
                "You computed 1 / (1 + exp(x)), which is sigmoid(-x): "
                "sigmoid(x) = 1 / (1 + exp(-x)) goes to 1 for large positive x.",
                sigmoid_forward__sign_flipped),
        Mistake("tanh instead of sigmoid",
                "That is tanh, with values in (-1, 1). The sigmoid has values in (0, 1): "
                "1 / (1 + exp(-x)) (or (1 + tanh(x / 2)) / 2).",
                sigmoid_forward__tanh),
        Mistake("returned the derivative",
                "You returned s * (1 - s), the sigmoid's derivative. The forward pass returns "
                "s = 1 / (1 + exp(-x)) itself.",
                sigmoid_forward__derivative),
    ],
    summary="out = 1 / (1 + exp(-x)) without overflow")


# ---------------------------------------------------------------------------------------
# ch3.softmax_forward
# ---------------------------------------------------------------------------------------


def _softmax_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        n, k = (int(v) for v in rng.integers(2, 40 if hidden else 7, size=2))
        cases.append(Case("random logits", {"x": _randn(rng, n, k, scale=3), "axis": -1}))
    cases.append(Case("square (N = K)", {"x": _randn(rng, 4, 4, scale=2), "axis": -1}))
    cases.append(Case("another axis", {"x": _randn(rng, 3, 5), "axis": 0}))
    cases.append(Case("another axis", {"x": _randn(rng, 2, 4, 3), "axis": 1}))
    cases.append(Case("batch of 1", {"x": _randn(rng, 1, 5), "axis": -1}))
    cases.append(Case("zeros (uniform probabilities)", {"x": np.zeros((2, 3)), "axis": -1}))
    cases.append(Case("huge logits (1e4)", {
        "x": np.array([[1e4, 0.0, -1e4], [1e4, 1e4, 1e4], [-1e4, -1e4, -1e4 + 1]]), "axis": -1}))
    cases.append(Case("logits near 709, where exp still fits but a sum of two does not", {
        "x": 709.5 + rng.uniform(0, 0.2, (2, 3)), "axis": -1}))
    cases.append(Case("rows on very different scales", {
        "x": np.array([[0.0, 1.0, 2.0], [-738.0, -737.5, -737.0]]), "axis": -1}))
    if hidden:
        cases.append(Case("random logits", {"x": _randn(rng, 256, 10, scale=5), "axis": -1}))
        cases.append(Case("huge logits (1e4)", {"x": _randn(rng, 8, 5, scale=1e4), "axis": -1}))
    return cases


def softmax_forward__unstable(x, axis=-1):
    with np.errstate(all="ignore"):
        e = np.exp(x)
        out = e / e.sum(axis=axis, keepdims=True)
    return out, (out, axis)


def softmax_forward__global_max(x, axis=-1):
    with np.errstate(all="ignore"):
        e = np.exp(x - x.max())
        out = e / e.sum(axis=axis, keepdims=True)
    return out, (out, axis)


def softmax_forward__no_keepdims(x, axis=-1):
    z = x - x.max(axis=axis, keepdims=True)
    e = np.exp(z)
    out = e / e.sum(axis=axis)
    return out, (out, axis)


def softmax_forward__ignored_axis(x, axis=-1):
    z = x - x.max(axis=-1, keepdims=True)
    e = np.exp(z)
    out = e / e.sum(axis=-1, keepdims=True)
    return out, (out, axis)


SOFTMAX_FORWARD = Exercise(
    id="ch3.softmax_forward", name="softmax_forward", reference=ops.softmax_forward,
    make_cases=_softmax_cases, call=_call_out("softmax_forward"), output_names=("out",),
    rtol=1e-6, atol=1e-12, points=2,
    mistakes=[
        Mistake("unstable softmax (no max shift)",
                "exp(x) overflows for x above about 709 (float64) and the probabilities turn "
                "into 0 or nan. Subtract the maximum along the axis first: softmax(x - max) = "
                "softmax(x), and every exponent is then at most 0.",
                softmax_forward__unstable),
        Mistake("shifted by the global maximum",
                "You subtracted the largest value of the whole array. Each row needs its own "
                "shift, x.max(axis=axis, keepdims=True); otherwise a row far below the global "
                "maximum underflows to 0 / 0.",
                softmax_forward__global_max),
        Mistake("sum without keepdims",
                "e.sum(axis=axis) drops the axis, so the division broadcasts the row sums "
                "against the columns (it only ran because the array was square). Use "
                "keepdims=True.",
                softmax_forward__no_keepdims),
        Mistake("ignored the axis argument",
                "You always normalised over the last axis. Use the axis argument in both the "
                "max and the sum.",
                softmax_forward__ignored_axis),
    ],
    summary="probabilities along an axis, stable for logits of any size")


# ---------------------------------------------------------------------------------------
# ch3.softmax_cross_entropy_forward
# ---------------------------------------------------------------------------------------


def _sce_case(rng, n, k, kind="sparse", weighted=False, scale=3.0):
    labels = rng.integers(0, k, size=n)
    y = labels if kind == "sparse" else np.eye(k)[labels]
    return {"y_true": y, "logits": _randn(rng, n, k, scale=scale),
            "sample_weight": rng.uniform(0.1, 2.0, size=n) if weighted else None}


def _sce_cases(rng, hidden):
    cases = []
    big = 40 if hidden else 8
    for _ in range(4 if hidden else 2):
        n, k = (int(v) for v in rng.integers(2, big, size=2))
        cases.append(Case("integer labels", _sce_case(rng, n, k)))
    for _ in range(3 if hidden else 1):
        n, k = (int(v) for v in rng.integers(2, big, size=2))
        cases.append(Case("one-hot targets", _sce_case(rng, n, k, kind="one-hot")))
    cases.append(Case("sample weights", _sce_case(rng, 5, 3, weighted=True)))
    cases.append(Case("sample weights", _sce_case(rng, 4, 4, kind="one-hot", weighted=True)))
    cases.append(Case("batch of 1", _sce_case(rng, 1, 4)))
    cases.append(Case("zero logits (loss = log K)", {"y_true": np.array([0, 2, 1]),
                                                     "logits": np.zeros((3, 3)),
                                                     "sample_weight": None}))
    cases.append(Case("huge logits (1e4)", {
        "y_true": np.array([0, 1, 2]),
        "logits": np.array([[1e4, 0.0, -1e4], [1e4, 1e4, -1e4], [-1e4, 1e4, 0.0]]),
        "sample_weight": None}))
    cases.append(Case("logits near 709, where exp still fits but a sum of two does not", {
        "y_true": rng.integers(0, 3, size=2), "logits": 709.5 + rng.uniform(0, 0.2, (2, 3)),
        "sample_weight": None}))
    if hidden:
        cases.append(Case("integer labels", _sce_case(rng, 256, 10, scale=5)))
        cases.append(Case("sample weights", _sce_case(rng, 64, 10, weighted=True)))
        cases.append(Case("huge logits (1e4)", _sce_case(rng, 16, 5, scale=1e4)))
    return cases


def _call_sce_forward(obj, args):
    result = obj(args["y_true"], args["logits"], sample_weight=args["sample_weight"])
    return _first_of_pair(result, "softmax_cross_entropy_forward", "loss")


def softmax_cross_entropy_forward__unstable(y_true, logits, sample_weight=None):
    n, k = logits.shape
    y = np.asarray(y_true)
    w = np.ones(n) if sample_weight is None else np.asarray(sample_weight)
    with np.errstate(all="ignore"):
        e = np.exp(logits)
        p = e / e.sum(axis=1, keepdims=True)
        if y.ndim == 1:
            per_sample = -np.log(p[np.arange(n), y])
        else:
            per_sample = -(y * np.log(p)).sum(axis=1)
    return (w * per_sample).sum() / n, None


def softmax_cross_entropy_forward__sum_not_mean(y_true, logits, sample_weight=None):
    n, k = logits.shape
    y = np.asarray(y_true)
    t = np.eye(k)[y] if y.ndim == 1 else y
    w = np.ones(n) if sample_weight is None else np.asarray(sample_weight)
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    per_sample = -(t * log_p).sum(axis=1)
    return (w * per_sample).sum(), None


def softmax_cross_entropy_forward__weighted_average(y_true, logits, sample_weight=None):
    n, k = logits.shape
    y = np.asarray(y_true)
    t = np.eye(k)[y] if y.ndim == 1 else y
    w = np.ones(n) if sample_weight is None else np.asarray(sample_weight)
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    per_sample = -(t * log_p).sum(axis=1)
    return (w * per_sample).sum() / w.sum(), None


def softmax_cross_entropy_forward__ignored_weights(y_true, logits, sample_weight=None):
    n, k = logits.shape
    y = np.asarray(y_true)
    t = np.eye(k)[y] if y.ndim == 1 else y
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    per_sample = -(t * log_p).sum(axis=1)
    return per_sample.mean(), None


SOFTMAX_CROSS_ENTROPY_FORWARD = Exercise(
    id="ch3.softmax_cross_entropy_forward", name="softmax_cross_entropy_forward",
    reference=ops.softmax_cross_entropy_forward, make_cases=_sce_cases, call=_call_sce_forward,
    output_names=("loss",), rtol=1e-6, atol=1e-9, points=3,
    mistakes=[
        Mistake("unstable softmax (no max shift)",
                "exp(logits) overflows above about 709 and log(0) or inf / inf follow. Work with "
                "log-probabilities: log p = z - log(sum(exp(z))) with z = logits - max(logits) "
                "per row, which never overflows.",
                softmax_cross_entropy_forward__unstable),
        Mistake("sum instead of mean",
                "The loss is the mean over the batch: divide the (weighted) sum by N.",
                softmax_cross_entropy_forward__sum_not_mean),
        Mistake("divided by the sum of the weights",
                "As in Keras, the weighted loss is sum(w_i * l_i) / N: divide by the number of "
                "samples, not by the sum of the weights.",
                softmax_cross_entropy_forward__weighted_average),
        Mistake("ignored sample_weight",
                "When sample_weight is given, multiply each sample's loss by its weight before "
                "summing (and still divide by N).",
                softmax_cross_entropy_forward__ignored_weights),
    ],
    summary="mean cross-entropy of softmax(logits), stable, sparse or one-hot targets")


# ---------------------------------------------------------------------------------------
# ch3.glorot_uniform
# ---------------------------------------------------------------------------------------


def _glorot_cases(rng, hidden):
    def case(group, shape, dtype="float32"):
        return Case(group, {"shape": tuple(int(s) for s in shape),
                            "seed": int(rng.integers(0, 2**31)), "dtype": dtype})
    cases = [case("dense kernels (D, M)", rng.integers(1, 300, size=2))
             for _ in range(8 if hidden else 2)]
    cases.append(case("dense kernels (D, M)", (784, 10)))
    cases += [case("convolution kernels (kh, kw, C_in, C_out)",
                   (k, k, int(rng.integers(1, 32)), int(rng.integers(1, 64))))
              for k in ((1, 3, 5, 7) if hidden else (3, 5))]
    cases.append(case("a 1-D shape (fan_in = fan_out = n)", (int(rng.integers(2, 50)),)))
    cases.append(case("float64", (20, 30), dtype="float64"))
    return cases


def _call_glorot(obj, args):
    return obj(tuple(args["shape"]), seed=args["seed"], dtype=getattr(np, args["dtype"]))


def glorot_uniform__fan_in_only(shape, seed=None, dtype=np.float32):
    shape = tuple(shape)
    receptive = int(np.prod(shape[:-2])) if len(shape) > 2 else 1
    fan_in = shape[0] if len(shape) <= 2 else shape[-2] * receptive
    limit = np.sqrt(6.0 / fan_in)
    return np.random.default_rng(seed).uniform(-limit, limit, shape).astype(dtype)


def glorot_uniform__std_as_limit(shape, seed=None, dtype=np.float32):
    shape = tuple(shape)
    if len(shape) == 1:
        fan_in = fan_out = shape[0]
    else:
        receptive = int(np.prod(shape[:-2]))
        fan_in, fan_out = shape[-2] * receptive, shape[-1] * receptive
    limit = np.sqrt(2.0 / (fan_in + fan_out))
    return np.random.default_rng(seed).uniform(-limit, limit, shape).astype(dtype)


def glorot_uniform__first_two_axes(shape, seed=None, dtype=np.float32):
    shape = tuple(shape)
    fan_in, fan_out = (shape[0], shape[0]) if len(shape) == 1 else (shape[0], shape[1])
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return np.random.default_rng(seed).uniform(-limit, limit, shape).astype(dtype)


def glorot_uniform__no_receptive_field(shape, seed=None, dtype=np.float32):
    shape = tuple(shape)
    fan_in, fan_out = (shape[0], shape[0]) if len(shape) == 1 else (shape[-2], shape[-1])
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return np.random.default_rng(seed).uniform(-limit, limit, shape).astype(dtype)


def glorot_uniform__normal(shape, seed=None, dtype=np.float32):
    shape = tuple(shape)
    if len(shape) == 1:
        fan_in = fan_out = shape[0]
    else:
        receptive = int(np.prod(shape[:-2]))
        fan_in, fan_out = shape[-2] * receptive, shape[-1] * receptive
    std = np.sqrt(2.0 / (fan_in + fan_out))
    return np.random.default_rng(seed).normal(0.0, std, shape).astype(dtype)


GLOROT_UNIFORM = Exercise(
    id="ch3.glorot_uniform", name="glorot_uniform", reference=initializers.glorot_uniform,
    make_cases=_glorot_cases, call=_call_glorot, rtol=1e-6, atol=1e-9, points=2,
    exact_dtype=True,
    mistakes=[
        Mistake("fan_in only",
                "sqrt(6 / fan_in) is He's limit (for ReLU networks). Glorot averages the two "
                "directions: limit = sqrt(6 / (fan_in + fan_out)).",
                glorot_uniform__fan_in_only),
        Mistake("the standard deviation used as the limit",
                "sqrt(2 / (fan_in + fan_out)) is the standard deviation Glorot asks for. A "
                "uniform on [-l, l] has variance l**2 / 3, so the limit is "
                "sqrt(6 / (fan_in + fan_out)).",
                glorot_uniform__std_as_limit),
        Mistake("fans from the first two axes",
                "For a convolution kernel (kh, kw, C_in, C_out) the fans are not shape[0] and "
                "shape[1]: fan_in = kh * kw * C_in and fan_out = kh * kw * C_out.",
                glorot_uniform__first_two_axes),
        Mistake("forgot the receptive field",
                "For a convolution kernel (kh, kw, C_in, C_out) each output sees kh * kw * C_in "
                "inputs: fan_in = kh * kw * C_in, fan_out = kh * kw * C_out, not just C_in and "
                "C_out.",
                glorot_uniform__no_receptive_field),
        Mistake("normal instead of uniform",
                "You drew from a normal distribution (that is glorot_normal). Draw "
                "rng.uniform(-limit, limit, shape).",
                glorot_uniform__normal),
    ],
    summary="Keras's default kernel initializer, drawn from a seeded generator")


# ---------------------------------------------------------------------------------------
# ch3.layer_stds
# ---------------------------------------------------------------------------------------


def layer_stds(x, weights, activation="tanh"):
    """Standard deviation of the activations after each layer of a deep stack (no biases).

    Args:
        x: inputs ``(N, D_0)``.
        weights: a list of ``L`` kernels, ``weights[l]`` of shape ``(D_l, D_{l+1})``.
        activation: ``"linear"``, ``"relu"``, ``"tanh"`` or ``"sigmoid"``.

    Returns:
        array ``(L,)``: ``stds[l] = std(h_{l+1})`` where ``h_0 = x`` and
        ``h_{l+1} = f(h_l @ weights[l])`` (the std over all ``N * D_{l+1}`` values).
    """
    forward = ops.ACTIVATIONS[activation][0]
    h = x
    stds = []
    for W in weights:
        h, _ = forward(h @ W)
        stds.append(h.std())
    return np.array(stds)


def _layer_stds_cases(rng, hidden):
    def stack(n, widths, gain):
        x = _randn(rng, n, widths[0])
        ws = [_randn(rng, a, b, scale=gain / np.sqrt(a)) for a, b in zip(widths[:-1], widths[1:])]
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


def layer_stds__pre_activation(x, weights, activation="tanh"):
    funcs = {"linear": lambda z: z, "relu": lambda z: np.maximum(z, 0), "tanh": np.tanh,
             "sigmoid": lambda z: 0.5 * (1 + np.tanh(z / 2))}
    h = x
    stds = []
    for W in weights:
        z = h @ W
        stds.append(z.std())
        h = funcs[activation](z)
    return np.array(stds)


def layer_stds__no_activation(x, weights, activation="tanh"):
    h = x
    stds = []
    for W in weights:
        h = h @ W
        stds.append(h.std())
    return np.array(stds)


def layer_stds__included_input(x, weights, activation="tanh"):
    funcs = {"linear": lambda z: z, "relu": lambda z: np.maximum(z, 0), "tanh": np.tanh,
             "sigmoid": lambda z: 0.5 * (1 + np.tanh(z / 2))}
    h = x
    stds = [h.std()]
    for W in weights:
        h = funcs[activation](h @ W)
        stds.append(h.std())
    return np.array(stds)


def layer_stds__last_layer_only(x, weights, activation="tanh"):
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
                layer_stds__pre_activation),
        Mistake("forgot the activation",
                "Apply the activation after every product: h = f(h @ W). Without it the stack "
                "is one big linear map.",
                layer_stds__no_activation),
        Mistake("included the input",
                "Return one std per layer (L values): the std of x itself is not one of them.",
                layer_stds__included_input),
        Mistake("only the last layer",
                "Return the std after every layer, an array of L values, not only the last one.",
                layer_stds__last_layer_only),
    ],
    summary="how the scale of the activations evolves through a deep stack")


# ---------------------------------------------------------------------------------------
# ch3.two_layer_forward
# ---------------------------------------------------------------------------------------


def two_layer_forward(x, W1, b1, W2, b2):
    """Class probabilities of a two-layer network: ``softmax(relu(x W1 + b1) W2 + b2)``.

    Shapes: ``x (N, D)``, ``W1 (D, H)``, ``b1 (H,)``, ``W2 (H, K)``, ``b2 (K,)``;
    returns ``probs (N, K)``, each row summing to 1.
    """
    z1, _ = ops.dense_forward(x, W1, b1)
    h, _ = ops.relu_forward(z1)
    scores, _ = ops.dense_forward(h, W2, b2)
    probs, _ = ops.softmax_forward(scores)
    return probs


def _two_layer_args(rng, n, d, h, k, scale=1.0):
    return {"x": _randn(rng, n, d, scale=scale), "W1": _randn(rng, d, h, scale=1 / np.sqrt(d)),
            "b1": _randn(rng, h, scale=0.5), "W2": _randn(rng, h, k, scale=2 / np.sqrt(h)),
            "b2": _randn(rng, k, scale=0.5)}


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
    x = _as_layout(args["x"], args.get("layout"))
    return obj(x, args["W1"], args["b1"], args["W2"], args["b2"])


def two_layer_forward__no_hidden_relu(x, W1, b1, W2, b2):
    scores = (x @ W1 + b1) @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def two_layer_forward__returned_scores(x, W1, b1, W2, b2):
    h = np.maximum(x @ W1 + b1, 0)
    return h @ W2 + b2


def two_layer_forward__relu_on_output(x, W1, b1, W2, b2):
    h = np.maximum(x @ W1 + b1, 0)
    scores = np.maximum(h @ W2 + b2, 0)
    z = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def two_layer_forward__softmax_over_batch(x, W1, b1, W2, b2):
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
                two_layer_forward__no_hidden_relu),
        Mistake("returned the scores",
                "Those are the scores (logits). Turn them into probabilities with a softmax "
                "over the classes (the last axis).",
                two_layer_forward__returned_scores),
        Mistake("ReLU on the output scores",
                "Only the hidden layer has a ReLU. The scores go straight into the softmax "
                "(they may be negative).",
                two_layer_forward__relu_on_output),
        Mistake("softmax over the batch",
                "The softmax normalises over the classes of each sample (axis -1), so that "
                "every row sums to 1, not over the samples (axis 0).",
                two_layer_forward__softmax_over_batch),
    ],
    summary="softmax(relu(x W1 + b1) W2 + b2)")


EXERCISES = [DENSE_FORWARD, RELU_FORWARD, SIGMOID_FORWARD, SOFTMAX_FORWARD,
             SOFTMAX_CROSS_ENTROPY_FORWARD, GLOROT_UNIFORM, LAYER_STDS, TWO_LAYER_FORWARD]
