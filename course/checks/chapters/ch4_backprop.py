"""Chapter 4, backpropagation: dense, activation and softmax-cross-entropy backward passes,
numerical gradient checking of a layer (Chapter 2's central differences, contracted with an
upstream gradient), the gradients of a two-layer network and a training step.

Backward exercises are called as ``obj(dout, cache)`` where the cache is built inside the
call by the REFERENCE forward of :mod:`course.ops` from the case's plain arrays (a cache is
not plain data, and a student stuck on a forward pass can still do the backward one).
Where the operation exists in ``course.ops`` the reference IS that function; the chapter's
own references (``numerical_gradient_array``, ``relative_error``, ``two_layer_loss_and_grads``,
``train_step``) are defined here.

Every mutant below is a self-contained wrong answer (numpy only, the exercise's signature);
their diagnoses speak to the student.
"""

import numpy as np

from course import ops
from course.checks.spec import Case, Exercise, Mistake

# ---------------------------------------------------------------------------------------
# Helpers for the cases and the calls
# ---------------------------------------------------------------------------------------


def _randn(rng, *shape, scale=1.0, dtype=np.float64):
    return (scale * rng.standard_normal(shape)).astype(dtype)


def _as_layout(a, layout):
    """The array a case asks for. Plain data cannot carry strides, so a case that wants a
    non-contiguous input stores ``x.T`` and sets ``layout="transposed"``: the call passes
    the transposed *view*, and in-place changes still reach the case's array."""
    return a.T if layout == "transposed" else a


def _none_or_described(value):
    """What goes in an output slot that the contract says must be ``None``.

    ``compare.difference(None, array)`` raises (``array == None`` is ambiguous), so a value
    that should have been None is replaced by a description that compares cleanly."""
    if value is None:
        return None
    shape = getattr(value, "shape", None)
    return f"a {type(value).__name__}" + (f" of shape {tuple(shape)}" if shape is not None else "")


# ---------------------------------------------------------------------------------------
# ch4.dense_backward
# ---------------------------------------------------------------------------------------


def _dense_args(rng, n, d, m, bias=True, scale=1.0):
    return {"x": _randn(rng, n, d, scale=scale), "W": _randn(rng, d, m),
            "b": _randn(rng, m) if bias else None, "dout": _randn(rng, n, m)}


def _dense_backward_cases(rng, hidden):
    cases = []
    big = 40 if hidden else 8
    for _ in range(8 if hidden else 3):
        n, d, m = (int(v) for v in rng.integers(2, big, size=3))
        cases.append(Case("random shapes", _dense_args(rng, n, d, m)))
    for s in ((3, 5) if hidden else (3,)):
        cases.append(Case("square shapes (N = D = M)", _dense_args(rng, s, s, s)))
    cases.append(Case("batch of 1", _dense_args(rng, 1, 4, 3)))
    cases.append(Case("no bias (db is None)", _dense_args(rng, 4, 3, 2, bias=False)))
    args = _dense_args(rng, 5, 3, 4)
    args["need_dx"] = False
    cases.append(Case("need_dx=False (dx is None)", args))
    args = _dense_args(rng, 3, 4, 2)
    args["dout"] = np.zeros((3, 2))
    cases.append(Case("zero upstream gradient", args))
    args = _dense_args(rng, 4, 5, 3, scale=1e4)
    args["dout"] *= 1e3
    cases.append(Case("large magnitudes", args))
    args = _dense_args(rng, 6, 4, 3)
    args["x"] = np.ascontiguousarray(args["x"].T)
    args["layout"] = "transposed"
    cases.append(Case("non-contiguous x (a transposed view)", args))
    if hidden:
        cases.append(Case("random shapes", _dense_args(rng, 256, 784, 64)))
    return cases


def _call_dense_backward(obj, args):
    x = _as_layout(args["x"], args.get("layout"))
    _, cache = ops.dense_forward(x, args["W"], args["b"])
    if "need_dx" in args:
        result = obj(args["dout"], cache, need_dx=args["need_dx"])
    else:
        result = obj(args["dout"], cache)
    if not (isinstance(result, (tuple, list)) and len(result) == 3):
        return result  # the comparison says what is wrong with it
    dx, dW, db = result
    if not args.get("need_dx", True):
        dx = _none_or_described(dx)
    if args["b"] is None:
        db = _none_or_described(db)
    return dx, dW, db


def dense_backward__W_not_transposed(dout, cache, need_dx=True):
    x, W, has_bias = cache
    dW = x.T @ dout
    db = dout.sum(axis=0) if has_bias else None
    dx = dout @ W if need_dx else None
    return dx, dW, db


def dense_backward__dW_transposed(dout, cache, need_dx=True):
    x, W, has_bias = cache
    dW = dout.T @ x
    db = dout.sum(axis=0) if has_bias else None
    dx = dout @ W.T if need_dx else None
    return dx, dW, db


def dense_backward__db_not_summed(dout, cache, need_dx=True):
    x, W, has_bias = cache
    dW = x.T @ dout
    db = dout.copy() if has_bias else None
    dx = dout @ W.T if need_dx else None
    return dx, dW, db


def dense_backward__db_wrong_axis(dout, cache, need_dx=True):
    x, W, has_bias = cache
    dW = x.T @ dout
    db = dout.sum(axis=1) if has_bias else None
    dx = dout @ W.T if need_dx else None
    return dx, dW, db


def dense_backward__divided_by_n(dout, cache, need_dx=True):
    x, W, has_bias = cache
    n = x.shape[0]
    dW = x.T @ dout / n
    db = dout.sum(axis=0) / n if has_bias else None
    dx = dout @ W.T if need_dx else None
    return dx, dW, db


def dense_backward__ignored_need_dx(dout, cache, need_dx=True):
    x, W, has_bias = cache
    dW = x.T @ dout
    db = dout.sum(axis=0) if has_bias else None
    dx = dout @ W.T
    return dx, dW, db


def dense_backward__zeros_for_missing_bias(dout, cache, need_dx=True):
    x, W, has_bias = cache
    dW = x.T @ dout
    db = dout.sum(axis=0) if has_bias else np.zeros(W.shape[1])
    dx = dout @ W.T if need_dx else None
    return dx, dW, db


DENSE_BACKWARD = Exercise(
    id="ch4.dense_backward", name="dense_backward", reference=ops.dense_backward,
    make_cases=_dense_backward_cases, call=_call_dense_backward,
    output_names=("dx", "dW", "db"), rtol=1e-6, atol=1e-6, points=3,
    mistakes=[
        Mistake("W instead of W.T in dx",
                "dx = dout @ W.T: dout is (N, M) and W is (D, M), so only W.T (M, D) gives the "
                "(N, D) shape of x. (dout @ W only ran because W was square.)",
                dense_backward__W_not_transposed),
        Mistake("dW transposed",
                "dW must have W's shape (D, M): dW = x.T @ dout, not dout.T @ x.",
                dense_backward__dW_transposed),
        Mistake("db not summed over the batch",
                "b was broadcast to every row (sample), so its gradient sums dout over that "
                "axis: db = dout.sum(axis=0), shape (M,).",
                dense_backward__db_not_summed),
        Mistake("db summed over the wrong axis",
                "db has one entry per output unit: sum dout over the samples (axis 0), not "
                "over the units (axis 1).",
                dense_backward__db_wrong_axis),
        Mistake("divided by N",
                "dense_backward only applies the chain rule. The 1/N of the mean belongs to "
                "the loss, whose gradient dout already carries it: dW = x.T @ dout, "
                "db = dout.sum(axis=0).",
                dense_backward__divided_by_n),
        Mistake("ignored need_dx",
                "With need_dx=False, skip the product and return None for dx (the first layer "
                "of a network has no use for it).",
                dense_backward__ignored_need_dx),
        Mistake("zeros for a missing bias",
                "When the layer has no bias (has_bias is False), db is None, not zeros.",
                dense_backward__zeros_for_missing_bias),
    ],
    summary="dx = dout W^T, dW = x^T dout, db = sum of dout over the batch")


# ---------------------------------------------------------------------------------------
# ch4.relu_backward and ch4.sigmoid_backward
# ---------------------------------------------------------------------------------------


def _activation_backward_cases(rng, hidden, zeros_in_x=True):
    def case(group, x):
        return Case(group, {"x": x, "dout": _randn(rng, *x.shape, dtype=x.dtype)})
    cases = []
    for _ in range(6 if hidden else 2):
        shape = tuple(int(v) for v in rng.integers(1, 30 if hidden else 7, size=2))
        cases.append(case("random values", _randn(rng, *shape, scale=3)))
    if zeros_in_x:
        x = np.round(_randn(rng, 4, 5))
        x[0, :2] = 0.0
        cases.append(case("exact zeros in x (the gradient there is 0)", x))
    cases.append(case("saturated or huge inputs", np.array([[-50.0, -10.0, 0.5, 10.0, 50.0],
                                                            [1e4, -1e4, 2.0, -2.0, 0.1]])))
    cases.append(case("float32", _randn(rng, 3, 4, scale=2, dtype=np.float32)))
    cases.append(case("batch of 1", _randn(rng, 1, 6)))
    cases.append(case("any shape (1-D and 3-D)", _randn(rng, 7)))
    cases.append(case("any shape (1-D and 3-D)", _randn(rng, 2, 3, 4)))
    if hidden:
        cases.append(case("random values", _randn(rng, 128, 300)))
    return cases


def _call_activation_backward(forward):
    def call(obj, args):
        _, cache = forward(args["x"])
        return obj(args["dout"], cache)
    return call


def relu_backward__greater_or_equal(dout, cache):
    out = cache
    return np.where(out >= 0, dout, 0)


def relu_backward__times_out(dout, cache):
    out = cache
    return dout * out


def relu_backward__masked_by_dout(dout, cache):
    return np.where(dout > 0, dout, 0)


def relu_backward__returned_mask(dout, cache):
    out = cache
    return (out > 0).astype(dout.dtype)


RELU_BACKWARD = Exercise(
    id="ch4.relu_backward", name="relu_backward", reference=ops.relu_backward,
    make_cases=_activation_backward_cases, call=_call_activation_backward(ops.relu_forward),
    output_names=("dx",), rtol=0, atol=0, points=1,
    mistakes=[
        Mistake("out >= 0",
                "The cache is out = max(x, 0), which is never negative, so out >= 0 lets every "
                "gradient through. The gradient flows where x > 0, that is where out > 0.",
                relu_backward__greater_or_equal),
        Mistake("multiplied by out",
                "ReLU's derivative is 1 where x > 0 and 0 elsewhere, not x itself: "
                "dx = dout where out > 0, else 0.",
                relu_backward__times_out),
        Mistake("masked by the sign of dout",
                "The mask comes from the forward input (out > 0), not from the upstream "
                "gradient: negative gradients must flow back too.",
                relu_backward__masked_by_dout),
        Mistake("forgot dout",
                "You returned the local derivative only. The chain rule multiplies it by the "
                "upstream gradient: dx = dout * (out > 0).",
                relu_backward__returned_mask),
    ],
    summary="dx = dout where x > 0, else 0")


def sigmoid_backward__sigmoid_again(dout, cache):
    out = cache
    s = 1 / (1 + np.exp(-out))
    return dout * s * (1 - s)


def sigmoid_backward__forgot_dout(dout, cache):
    out = cache
    return out * (1 - out)


def sigmoid_backward__tanh_derivative(dout, cache):
    out = cache
    return dout * (1 - out * out)


SIGMOID_BACKWARD = Exercise(
    id="ch4.sigmoid_backward", name="sigmoid_backward", reference=ops.sigmoid_backward,
    make_cases=lambda rng, hidden: _activation_backward_cases(rng, hidden, zeros_in_x=False),
    call=_call_activation_backward(ops.sigmoid_forward), output_names=("dx",),
    rtol=1e-6, atol=1e-12, points=1,
    mistakes=[
        Mistake("applied the sigmoid to the cache",
                "The cache already holds out = sigmoid(x). Use it directly: "
                "dx = dout * out * (1 - out).",
                sigmoid_backward__sigmoid_again),
        Mistake("forgot dout",
                "out * (1 - out) is the local derivative. The chain rule multiplies it by the "
                "upstream gradient: dx = dout * out * (1 - out).",
                sigmoid_backward__forgot_dout),
        Mistake("tanh's derivative",
                "1 - out**2 is tanh's derivative. The sigmoid's is out * (1 - out).",
                sigmoid_backward__tanh_derivative),
    ],
    summary="dx = dout * out * (1 - out)")


# ---------------------------------------------------------------------------------------
# ch4.softmax_cross_entropy_backward
# ---------------------------------------------------------------------------------------


def _sce_args(rng, n, k, kind="sparse", weighted=False, scale=3.0, dloss=1.0):
    labels = rng.integers(0, k, size=n)
    if kind == "sparse":
        y = labels
    elif kind == "one-hot":
        y = np.eye(k)[labels]
    else:  # label smoothing: soft targets that still sum to 1
        y = np.eye(k)[labels] * 0.9 + 0.1 / k
    return {"y_true": y, "logits": _randn(rng, n, k, scale=scale),
            "sample_weight": rng.uniform(0.1, 2.0, size=n) if weighted else None,
            "dloss": float(dloss)}


def _sce_backward_cases(rng, hidden):
    cases = []
    big = 40 if hidden else 8
    for _ in range(4 if hidden else 2):
        n, k = (int(v) for v in rng.integers(2, big, size=2))
        cases.append(Case("integer labels", _sce_args(rng, n, k)))
    n, k = (int(v) for v in rng.integers(2, big, size=2))
    cases.append(Case("one-hot targets", _sce_args(rng, n, k, kind="one-hot")))
    cases.append(Case("soft targets (label smoothing)", _sce_args(rng, 4, 5, kind="soft")))
    cases.append(Case("sample weights", _sce_args(rng, 5, 3, weighted=True)))
    cases.append(Case("upstream gradient dloss != 1", _sce_args(rng, 4, 3, dloss=2.5)))
    cases.append(Case("batch of 1", _sce_args(rng, 1, 4)))
    args = _sce_args(rng, 3, 3)
    args["logits"] = np.array([[1e4, 0.0, -1e4], [1e4, 1e4, -1e4], [-1e4, 1e4, 0.0]])
    args["y_true"] = np.array([0, 1, 2])
    cases.append(Case("huge logits (1e4)", args))
    args = _sce_args(rng, 3, 4)
    args["logits"] = args["logits"].astype(np.float32)
    cases.append(Case("float32", args))
    if hidden:
        cases.append(Case("integer labels", _sce_args(rng, 256, 10, scale=5)))
        cases.append(Case("sample weights", _sce_args(rng, 64, 10, kind="one-hot", weighted=True,
                                                      dloss=0.5)))
        cases.append(Case("huge logits (1e4)", _sce_args(rng, 16, 5, scale=1e4)))
    return cases


def _call_sce_backward(obj, args):
    _, cache = ops.softmax_cross_entropy_forward(args["y_true"], args["logits"],
                                                 sample_weight=args["sample_weight"])
    return obj(args["dloss"], cache)


def softmax_cross_entropy_backward__missing_1_over_n(dloss, cache):
    probs, y, weights, sparse = cache
    n, k = probs.shape
    t = np.eye(k)[y] if sparse else y
    return dloss * weights[:, None] * (probs - t)


def softmax_cross_entropy_backward__ignored_dloss(dloss, cache):
    probs, y, weights, sparse = cache
    n, k = probs.shape
    t = np.eye(k)[y] if sparse else y
    return weights[:, None] * (probs - t) / n


def softmax_cross_entropy_backward__ignored_weights(dloss, cache):
    probs, y, weights, sparse = cache
    n, k = probs.shape
    t = np.eye(k)[y] if sparse else y
    return dloss * (probs - t) / n


def softmax_cross_entropy_backward__subtracted_label(dloss, cache):
    probs, y, weights, sparse = cache
    n, k = probs.shape
    t = y[:, None] if sparse else y
    return dloss * weights[:, None] * (probs - t) / n


def softmax_cross_entropy_backward__forgot_softmax(dloss, cache):
    probs, y, weights, sparse = cache
    n, k = probs.shape
    t = np.eye(k)[y] if sparse else y
    return dloss * weights[:, None] * (-t) / n


SOFTMAX_CROSS_ENTROPY_BACKWARD = Exercise(
    id="ch4.softmax_cross_entropy_backward", name="softmax_cross_entropy_backward",
    reference=ops.softmax_cross_entropy_backward, make_cases=_sce_backward_cases,
    call=_call_sce_backward, output_names=("dlogits",), rtol=1e-5, atol=1e-8, points=2,
    mistakes=[
        Mistake("missing 1/N",
                "The loss is a mean over the N samples, so every sample's gradient carries a "
                "factor 1/N: dlogits = dloss * w_i * (p - y) / N.",
                softmax_cross_entropy_backward__missing_1_over_n),
        Mistake("ignored dloss",
                "Multiply by the upstream gradient dloss (it is 1 only when the loss is the "
                "end of the graph).",
                softmax_cross_entropy_backward__ignored_dloss),
        Mistake("ignored the sample weights",
                "Each row is scaled by its sample weight: multiply by weights[:, None] (the "
                "cache holds ones when no weights were given).",
                softmax_cross_entropy_backward__ignored_weights),
        Mistake("subtracted the label instead of a one-hot",
                "Sparse labels are class indices: subtract 1 only at the true class of each "
                "row (p[i, y[i]] -= 1), not the label's value from every column.",
                softmax_cross_entropy_backward__subtracted_label),
        Mistake("forgot the softmax term",
                "The gradient of -log softmax(z)_y is p - y: the probabilities from the cache "
                "minus the one-hot target, not -y alone.",
                softmax_cross_entropy_backward__forgot_softmax),
    ],
    summary="dlogits = dloss * w * (softmax(z) - y) / N")


# ---------------------------------------------------------------------------------------
# ch4.numerical_gradient_array
# ---------------------------------------------------------------------------------------


def numerical_gradient_array(f, x, dout, h=1e-5):
    """Central-difference estimate of what a backward pass returns for ``x``.

    A backward pass computes the gradient of ``L(x) = sum(f(x) * dout)`` with ``dout`` held
    fixed. This estimates it one entry of ``x`` at a time::

        grad[i] = sum((f(x + h e_i) - f(x - h e_i)) * dout) / (2 h)

    Args:
        f: a function of one array returning an array of ``dout``'s shape (or a number when
            ``dout`` is 1). It may return a view of its input or a buffer it reuses, so each
            result is copied before ``x`` changes again.
        x: float64 array of any shape, changed in place while this runs, unchanged on return.
        dout: the upstream gradient, of the shape of ``f(x)``.
        h: the step.

    Returns:
        grad: float64 array of ``x``'s shape.
    """
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        out_plus = np.array(f(x), dtype=np.float64)      # a copy: f may reuse its output
        x[i] = old - h
        out_minus = np.array(f(x), dtype=np.float64)
        x[i] = old
        grad[i] = np.sum((out_plus - out_minus) * dout) / (2 * h)
    return grad


def _array_function(name, data):
    """The function ``f(x)`` a case names, built from plain data with the reference forwards
    of :mod:`course.ops` (on the grader's side and in the student's process alike)."""
    if name == "dense, gradient for x":
        return lambda x: ops.dense_forward(x, data["W"], data["b"])[0]
    if name == "dense, gradient for W":
        return lambda W: ops.dense_forward(data["inputs"], W, data["b"])[0]
    if name in ("sigmoid", "tanh", "softmax", "linear"):
        forward = ops.ACTIVATIONS[name][0]
        return lambda x: forward(x)[0]
    if name == "reshape":
        return lambda x: x.reshape(tuple(data["shape"]))
    if name == "tanh into a reused buffer":
        buffer = np.empty(tuple(data["shape"]))
        return lambda x: np.tanh(x, out=buffer)
    if name == "softmax cross-entropy":
        return lambda z: ops.softmax_cross_entropy_forward(data["labels"], z)[0]
    raise ValueError(f"unknown function {name!r}")


def _numgrad_array_cases(rng, hidden):
    def case(group, function, x, dout, h, data=None, layout=None):
        args = {"function": function, "data": data or {}, "x": x, "dout": dout, "h": float(h)}
        if layout:
            args["layout"] = layout
        return Case(group, args)
    cases = []
    for _ in range(3 if hidden else 1):
        n, d, m = (int(v) for v in rng.integers(2, 6, size=3))
        cases.append(case("a dense layer (gradient for x, then for W)", "dense, gradient for x",
                          _randn(rng, n, d), _randn(rng, n, m), 1e-5,
                          {"W": _randn(rng, d, m), "b": _randn(rng, m)}))
        cases.append(case("a dense layer (gradient for x, then for W)", "dense, gradient for W",
                          _randn(rng, d, m), _randn(rng, n, m), 1e-5,
                          {"inputs": _randn(rng, n, d), "b": _randn(rng, m)}))
    for name, h in (("sigmoid", 1e-3), ("tanh", 1e-4), ("softmax", 1e-3)):
        for _ in range(2 if hidden else 1):
            shape = tuple(int(v) for v in rng.integers(2, 6, size=2))
            cases.append(case(f"nonlinear layers ({name})", name, _randn(rng, *shape, scale=2),
                              _randn(rng, *shape), h))
    cases.append(case("f returns its input itself (linear)", "linear", _randn(rng, 3, 4),
                      _randn(rng, 3, 4), 1e-4))
    cases.append(case("f returns a view (reshape)", "reshape", _randn(rng, 2, 6),
                      _randn(rng, 3, 4), 1e-4, {"shape": (3, 4)}))
    cases.append(case("f reuses its output buffer", "tanh into a reused buffer",
                      _randn(rng, 3, 4), _randn(rng, 3, 4), 1e-3, {"shape": (3, 4)}))
    cases.append(case("a scalar function (dout = 1)", "softmax cross-entropy",
                      _randn(rng, 4, 3, scale=2), np.array(1.0), 1e-3,
                      {"labels": rng.integers(0, 3, size=4)}))
    cases.append(case("one element", "sigmoid", np.array([0.7]), np.array([1.5]), 1e-3))
    cases.append(case("non-contiguous x (a transposed view)", "tanh", _randn(rng, 5, 3),
                      _randn(rng, 3, 5), 1e-3, layout="transposed"))
    if hidden:
        cases.append(case("a dense layer (gradient for x, then for W)", "dense, gradient for W",
                          _randn(rng, 12, 8), _randn(rng, 20, 8), 1e-5,
                          {"inputs": _randn(rng, 20, 12), "b": _randn(rng, 8)}))
    return cases


def _call_numgrad_array(obj, args):
    f = _array_function(args["function"], args["data"])
    x = _as_layout(args["x"], args.get("layout"))
    return obj(f, x, args["dout"], h=args["h"])


def numerical_gradient_array__forward_difference(f, x, dout, h=1e-5):
    grad = np.zeros(x.shape)
    out = np.array(f(x), dtype=np.float64)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        out_plus = np.array(f(x), dtype=np.float64)
        x[i] = old
        grad[i] = np.sum((out_plus - out) * dout) / h
    return grad


def numerical_gradient_array__forgot_dout(f, x, dout, h=1e-5):
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        out_plus = np.array(f(x), dtype=np.float64)
        x[i] = old - h
        out_minus = np.array(f(x), dtype=np.float64)
        x[i] = old
        grad[i] = np.sum(out_plus - out_minus) / (2 * h)
    return grad


def numerical_gradient_array__no_copy(f, x, dout, h=1e-5):
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        out_plus = f(x)             # may be x itself, a view of x, or a reused buffer
        x[i] = old - h
        out_minus = f(x)
        x[i] = old
        grad[i] = np.sum((out_plus - out_minus) * dout) / (2 * h)
    return grad


def numerical_gradient_array__divided_by_h(f, x, dout, h=1e-5):
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        out_plus = np.array(f(x), dtype=np.float64)
        x[i] = old - h
        out_minus = np.array(f(x), dtype=np.float64)
        x[i] = old
        grad[i] = np.sum((out_plus - out_minus) * dout) / h
    return grad


def numerical_gradient_array__not_restored(f, x, dout, h=1e-5):
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        out_plus = np.array(f(x), dtype=np.float64)
        x[i] = old - h
        out_minus = np.array(f(x), dtype=np.float64)
        grad[i] = np.sum((out_plus - out_minus) * dout) / (2 * h)
    return grad


def numerical_gradient_array__perturbed_a_copy(f, x, dout, h=1e-5):
    grad = np.zeros(x.shape)
    flat = x.reshape(-1)            # a copy, not a view, when x is not contiguous
    flat_grad = grad.reshape(-1)
    for j in range(flat.size):
        old = flat[j]
        flat[j] = old + h
        out_plus = np.array(f(x), dtype=np.float64)
        flat[j] = old - h
        out_minus = np.array(f(x), dtype=np.float64)
        flat[j] = old
        flat_grad[j] = np.sum((out_plus - out_minus) * dout) / (2 * h)
    return grad


NUMERICAL_GRADIENT_ARRAY = Exercise(
    id="ch4.numerical_gradient_array", name="numerical_gradient_array",
    reference=numerical_gradient_array, make_cases=_numgrad_array_cases,
    call=_call_numgrad_array, output_names=("grad",), rtol=1e-6, atol=1e-9, points=2,
    mistakes=[
        Mistake("forward difference",
                "(f(x + h) - f(x)) / h is a forward difference, with an error proportional to h. "
                "Use the central difference (f(x + h) - f(x - h)) / (2h): its error is "
                "proportional to h**2.",
                numerical_gradient_array__forward_difference),
        Mistake("forgot dout",
                "Each output's change is weighted by its upstream gradient: "
                "grad[i] = sum((out_plus - out_minus) * dout) / (2h).",
                numerical_gradient_array__forgot_dout),
        Mistake("did not copy f(x)",
                "f may return x itself, a view of x, or the same buffer every time, so the "
                "array you kept changed when x changed, and out_plus - out_minus came out 0. "
                "Copy each result, np.array(f(x)) or f(x).copy(), before changing x again.",
                numerical_gradient_array__no_copy),
        Mistake("divided by h instead of 2h",
                "The two points x + h and x - h are 2h apart: divide by 2 * h.",
                numerical_gradient_array__divided_by_h),
        Mistake("did not restore x",
                "After the two evaluations put the entry back (x[i] = old): otherwise every "
                "later entry is differentiated at a shifted point, and x is left changed.",
                numerical_gradient_array__not_restored),
        Mistake("perturbed a copy of x",
                "x.reshape(-1) (like x.ravel() or x.flatten()) is a copy when x is not "
                "contiguous, a transposed view for instance, so your nudges never reached x "
                "and f did not change. Index x itself: for i in np.ndindex(x.shape): x[i] = ...",
                numerical_gradient_array__perturbed_a_copy),
    ],
    summary="central differences of sum(f(x) * dout), one entry of x at a time")


# ---------------------------------------------------------------------------------------
# ch4.relative_error
# ---------------------------------------------------------------------------------------


def relative_error(a, b):
    """The largest elementwise relative error between two arrays (or numbers).

    ``max_i |a_i - b_i| / (|a_i| + |b_i|)``, where an element with ``a_i = b_i = 0`` counts
    as 0. Returns a float in ``[0, 1]``: 0 when they agree, 1 when they have opposite signs
    or one of them is 0 and the other is not.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    num = np.abs(a - b)
    den = np.abs(a) + np.abs(b)
    err = np.divide(num, den, out=np.zeros(np.broadcast(a, b).shape), where=den > 0)
    return float(err.max()) if err.size else 0.0


def _relative_error_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        shape = tuple(int(v) for v in rng.integers(1, 20 if hidden else 6, size=2))
        a = _randn(rng, *shape)
        b = a * (1 + _randn(rng, *shape, scale=10.0 ** rng.integers(-9, -2)))
        cases.append(Case("nearly equal arrays", {"a": a, "b": b}))
    a = _randn(rng, 3, 4)
    cases.append(Case("identical arrays", {"a": a, "b": a.copy()}))
    a = np.abs(_randn(rng, 5)) + 0.1
    b = a.copy()
    b[2] = -b[2] * 3
    cases.append(Case("an opposite sign", {"a": a, "b": b}))
    cases.append(Case("zeros in both", {"a": np.array([0.0, 1.0, 0.0, -2.0]),
                                        "b": np.array([0.0, 1.1, 0.0, -2.0])}))
    cases.append(Case("zero against nonzero", {"a": np.array([0.0, 3.0]),
                                               "b": np.array([1e-3, 3.0])}))
    cases.append(Case("numbers", {"a": 2.0, "b": 2.2}))
    big = _randn(rng, 6, scale=1e30)
    cases.append(Case("huge magnitudes", {"a": big, "b": big * (1 + 1e-6 * _randn(rng, 6))}))
    cases.append(Case("small relative gaps", {"a": np.array([1e-3, 2e-3, 5.0]),
                                              "b": np.array([1.2e-3, 2e-3, 5.000001])}))
    if hidden:
        a = _randn(rng, 100, 100)
        cases.append(Case("nearly equal arrays", {"a": a, "b": a + _randn(rng, 100, 100,
                                                                             scale=1e-8)}))
    return cases


def relative_error__no_abs_in_denominator(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    num = np.abs(a - b)
    den = a + b
    with np.errstate(all="ignore"):
        err = np.where(num == 0, 0.0, num / den)
    return float(err.max())


def relative_error__relative_to_b(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    num = np.abs(a - b)
    with np.errstate(all="ignore"):
        err = np.where(num == 0, 0.0, num / np.abs(b))
    return float(err.max())


def relative_error__mean(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    num = np.abs(a - b)
    den = np.abs(a) + np.abs(b)
    with np.errstate(all="ignore"):
        err = np.where(den > 0, num / den, 0.0)
    return float(err.mean())


def relative_error__norms(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    den = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / den) if den > 0 else 0.0


RELATIVE_ERROR = Exercise(
    id="ch4.relative_error", name="relative_error", reference=relative_error,
    make_cases=_relative_error_cases, output_names=("error",), rtol=1e-6, atol=1e-12, points=1,
    mistakes=[
        Mistake("no absolute values in the denominator",
                "Divide by |a| + |b|: with a + b, entries of opposite signs give a denominator "
                "near 0 or negative.",
                relative_error__no_abs_in_denominator),
        Mistake("relative to b only",
                "Dividing by |b| alone is lopsided (and infinite where b is 0). Use the "
                "symmetric |a| + |b|.",
                relative_error__relative_to_b),
        Mistake("mean instead of max",
                "A gradient check cares about the worst entry: return the max over the "
                "elements, not the mean (one wrong entry hides among many right ones).",
                relative_error__mean),
        Mistake("norms instead of elementwise",
                "You compared whole arrays with norms. The error asked for is elementwise, "
                "|a_i - b_i| / (|a_i| + |b_i|), and then the max over i.",
                relative_error__norms),
    ],
    summary="max |a - b| / (|a| + |b|), elementwise")


# ---------------------------------------------------------------------------------------
# ch4.two_layer_loss_and_grads
# ---------------------------------------------------------------------------------------


def two_layer_loss_and_grads(x, y, params, l2=0.0):
    """Loss and gradients of a two-layer classifier ``softmax(relu(x W1 + b1) W2 + b2)``.

    Args:
        x: inputs ``(N, D)``.
        y: integer labels ``(N,)``.
        params: ``{"W1": (D, H), "b1": (H,), "W2": (H, K), "b2": (K,)}``.
        l2: L2 factor as in Keras: the loss gains ``l2 * (sum(W1**2) + sum(W2**2))``
            (kernels only, no biases), whose gradient is ``2 * l2 * W``.

    Returns:
        loss: a float, the mean softmax cross-entropy plus the L2 penalty.
        grads: a dict with the same keys and shapes as ``params``.
    """
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    z1, cache1 = ops.dense_forward(x, W1, b1)
    h, cache_relu = ops.relu_forward(z1)
    scores, cache2 = ops.dense_forward(h, W2, b2)
    loss, cache_loss = ops.softmax_cross_entropy_forward(y, scores)
    loss = float(loss) + l2 * float(np.sum(W1 * W1) + np.sum(W2 * W2))

    dscores = ops.softmax_cross_entropy_backward(1.0, cache_loss)
    dh, dW2, db2 = ops.dense_backward(dscores, cache2)
    dz1 = ops.relu_backward(dh, cache_relu)
    _, dW1, db1 = ops.dense_backward(dz1, cache1, need_dx=False)
    return loss, {"W1": dW1 + 2 * l2 * W1, "b1": db1, "W2": dW2 + 2 * l2 * W2, "b2": db2}


def _network_args(rng, n, d, h, k, scale=1.0):
    params = {"W1": _randn(rng, d, h, scale=1 / np.sqrt(d)), "b1": _randn(rng, h, scale=0.5),
              "W2": _randn(rng, h, k, scale=1 / np.sqrt(h)), "b2": _randn(rng, k, scale=0.5)}
    return {"x": _randn(rng, n, d, scale=scale), "y": rng.integers(0, k, size=n),
            "params": params}


def _loss_and_grads_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 2):
        n, d, h, k = (int(v) for v in rng.integers(2, 30 if hidden else 8, size=4))
        args = _network_args(rng, n, d, h, k, scale=2)
        args["l2"] = 0.0
        cases.append(Case("random networks", args))
    for _ in range(4 if hidden else 2):
        n, d, h, k = (int(v) for v in rng.integers(2, 30 if hidden else 8, size=4))
        args = _network_args(rng, n, d, h, k, scale=2)
        args["l2"] = float(rng.choice([1e-3, 1e-2, 0.1]))
        cases.append(Case("with an L2 penalty", args))
    args = _network_args(rng, 1, 3, 5, 4)
    args["l2"] = 0.01
    cases.append(Case("batch of 1", args))
    args = _network_args(rng, 3, 2, 4, 3)
    args["x"] = np.zeros((3, 2))
    args["l2"] = 0.0
    cases.append(Case("zero inputs", args))
    args = _network_args(rng, 4, 3, 6, 3, scale=1e3)
    args["l2"] = 0.0
    cases.append(Case("large inputs (confident, saturated softmax)", args))
    if hidden:
        args = _network_args(rng, 200, 2, 64, 3, scale=2)
        args["l2"] = 1e-3
        cases.append(Case("random networks", args))
    return cases


def _call_loss_and_grads(obj, args):
    return obj(args["x"], args["y"], args["params"], l2=args["l2"])


def two_layer_loss_and_grads__skipped_relu_backward(x, y, params, l2=0.0):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[0]
    h = np.maximum(x @ W1 + b1, 0)
    scores = h @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), y].mean() + l2 * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dh = dscores @ W2.T
    dz1 = dh  # the ReLU's mask is missing here
    return loss, {"W1": x.T @ dz1 + 2 * l2 * W1, "b1": dz1.sum(axis=0),
                  "W2": h.T @ dscores + 2 * l2 * W2, "b2": dscores.sum(axis=0)}


def two_layer_loss_and_grads__no_l2_gradient(x, y, params, l2=0.0):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[0]
    h = np.maximum(x @ W1 + b1, 0)
    scores = h @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), y].mean() + l2 * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dz1 = (dscores @ W2.T) * (h > 0)
    return loss, {"W1": x.T @ dz1, "b1": dz1.sum(axis=0),
                  "W2": h.T @ dscores, "b2": dscores.sum(axis=0)}


def two_layer_loss_and_grads__l2_gradient_without_2(x, y, params, l2=0.0):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[0]
    h = np.maximum(x @ W1 + b1, 0)
    scores = h @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), y].mean() + l2 * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dz1 = (dscores @ W2.T) * (h > 0)
    return loss, {"W1": x.T @ dz1 + l2 * W1, "b1": dz1.sum(axis=0),
                  "W2": h.T @ dscores + l2 * W2, "b2": dscores.sum(axis=0)}


def two_layer_loss_and_grads__penalised_biases(x, y, params, l2=0.0):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[0]
    h = np.maximum(x @ W1 + b1, 0)
    scores = h @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    penalty = sum(np.sum(p ** 2) for p in (W1, b1, W2, b2))
    loss = -log_p[np.arange(n), y].mean() + l2 * penalty
    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dz1 = (dscores @ W2.T) * (h > 0)
    return loss, {"W1": x.T @ dz1 + 2 * l2 * W1, "b1": dz1.sum(axis=0) + 2 * l2 * b1,
                  "W2": h.T @ dscores + 2 * l2 * W2, "b2": dscores.sum(axis=0) + 2 * l2 * b2}


def two_layer_loss_and_grads__loss_without_penalty(x, y, params, l2=0.0):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[0]
    h = np.maximum(x @ W1 + b1, 0)
    scores = h @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), y].mean()
    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dz1 = (dscores @ W2.T) * (h > 0)
    return loss, {"W1": x.T @ dz1 + 2 * l2 * W1, "b1": dz1.sum(axis=0),
                  "W2": h.T @ dscores + 2 * l2 * W2, "b2": dscores.sum(axis=0)}


TWO_LAYER_LOSS_AND_GRADS = Exercise(
    id="ch4.two_layer_loss_and_grads", name="two_layer_loss_and_grads",
    reference=two_layer_loss_and_grads, make_cases=_loss_and_grads_cases,
    call=_call_loss_and_grads, output_names=("loss", "grads"), rtol=1e-6, atol=1e-9, points=3,
    mistakes=[
        Mistake("skipped the ReLU's backward",
                "Between the two dense backwards the gradient passes back through the ReLU: "
                "dz1 = ops.relu_backward(dh, relu_cache), which zeroes it where z1 <= 0.",
                two_layer_loss_and_grads__skipped_relu_backward),
        Mistake("no L2 term in the gradients",
                "The penalty l2 * sum(W**2) is part of the loss, so its gradient 2 * l2 * W "
                "must be added to dW1 and dW2.",
                two_layer_loss_and_grads__no_l2_gradient),
        Mistake("L2 gradient without the factor 2",
                "Keras's L2 penalty is l2 * sum(W**2) (no 1/2), so its gradient is 2 * l2 * W.",
                two_layer_loss_and_grads__l2_gradient_without_2),
        Mistake("penalised the biases",
                "The L2 penalty applies to the kernels W1 and W2 only, not to the biases.",
                two_layer_loss_and_grads__penalised_biases),
        Mistake("loss without the penalty",
                "The gradients include the L2 term but the loss does not: add "
                "l2 * (sum(W1**2) + sum(W2**2)) to the cross-entropy.",
                two_layer_loss_and_grads__loss_without_penalty),
    ],
    summary="forward with caches, then backward in reverse, with an L2 penalty")


# ---------------------------------------------------------------------------------------
# ch4.train_step
# ---------------------------------------------------------------------------------------


def train_step(x, y, params, learning_rate):
    """One step of gradient descent on the two-layer classifier.

    Computes the loss and gradients at ``params`` (with ``two_layer_loss_and_grads``, no L2)
    and returns ``(loss, new_params)`` where ``new_params[k] = params[k] - learning_rate *
    grads[k]``. ``loss`` is the loss *before* the update; ``params`` is left unchanged.
    """
    loss, grads = two_layer_loss_and_grads(x, y, params)
    return loss, {k: params[k] - learning_rate * grads[k] for k in params}


def _train_step_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 2):
        n, d, h, k = (int(v) for v in rng.integers(2, 30 if hidden else 8, size=4))
        args = _network_args(rng, n, d, h, k, scale=2)
        args["learning_rate"] = float(rng.choice([0.01, 0.1, 0.5]))
        cases.append(Case("random networks", args))
    args = _network_args(rng, 1, 3, 4, 3)
    args["learning_rate"] = 0.1
    cases.append(Case("batch of 1", args))
    args = _network_args(rng, 4, 3, 5, 3)
    args["learning_rate"] = 0.0
    cases.append(Case("learning rate 0 (nothing moves)", args))
    args = _network_args(rng, 6, 2, 8, 3)
    args["learning_rate"] = 5.0
    cases.append(Case("a large learning rate", args))
    if hidden:
        args = _network_args(rng, 200, 2, 64, 3, scale=2)
        args["learning_rate"] = 0.5
        cases.append(Case("random networks", args))
    return cases


def _call_train_step(obj, args):
    return obj(args["x"], args["y"], args["params"], args["learning_rate"])


def train_step__gradient_ascent(x, y, params, learning_rate):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[0]
    h = np.maximum(x @ W1 + b1, 0)
    scores = h @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), y].mean()
    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dz1 = (dscores @ W2.T) * (h > 0)
    grads = {"W1": x.T @ dz1, "b1": dz1.sum(axis=0), "W2": h.T @ dscores,
             "b2": dscores.sum(axis=0)}
    return loss, {k: params[k] + learning_rate * grads[k] for k in params}


def train_step__biases_frozen(x, y, params, learning_rate):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[0]
    h = np.maximum(x @ W1 + b1, 0)
    scores = h @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), y].mean()
    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dz1 = (dscores @ W2.T) * (h > 0)
    return loss, {"W1": W1 - learning_rate * (x.T @ dz1), "b1": b1.copy(),
                  "W2": W2 - learning_rate * (h.T @ dscores), "b2": b2.copy()}


def train_step__loss_after_update(x, y, params, learning_rate):
    def loss_and_grads(p):
        n = x.shape[0]
        h = np.maximum(x @ p["W1"] + p["b1"], 0)
        scores = h @ p["W2"] + p["b2"]
        z = scores - scores.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        dscores = np.exp(log_p)
        dscores[np.arange(n), y] -= 1
        dscores /= n
        dz1 = (dscores @ p["W2"].T) * (h > 0)
        return -log_p[np.arange(n), y].mean(), {"W1": x.T @ dz1, "b1": dz1.sum(axis=0),
                                                 "W2": h.T @ dscores, "b2": dscores.sum(axis=0)}
    _, grads = loss_and_grads(params)
    new_params = {k: params[k] - learning_rate * grads[k] for k in params}
    loss_after, _ = loss_and_grads(new_params)
    return loss_after, new_params


def train_step__averaged_twice(x, y, params, learning_rate):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[0]
    h = np.maximum(x @ W1 + b1, 0)
    scores = h @ W2 + b2
    z = scores - scores.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), y].mean()
    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dz1 = (dscores @ W2.T) * (h > 0)
    grads = {"W1": x.T @ dz1, "b1": dz1.sum(axis=0), "W2": h.T @ dscores,
             "b2": dscores.sum(axis=0)}
    return loss, {k: params[k] - learning_rate * grads[k] / n for k in params}


TRAIN_STEP = Exercise(
    id="ch4.train_step", name="train_step", reference=train_step,
    make_cases=_train_step_cases, call=_call_train_step, output_names=("loss", "new_params"),
    rtol=1e-6, atol=1e-9, points=2,
    mistakes=[
        Mistake("gradient ascent",
                "You added the gradient. It points uphill; step against it: "
                "params[k] - learning_rate * grads[k].",
                train_step__gradient_ascent),
        Mistake("biases not updated",
                "Every parameter learns, the biases too: update all four entries of params.",
                train_step__biases_frozen),
        Mistake("loss after the update",
                "Return the loss computed with the gradients, at the parameters you started "
                "from (it comes for free from the same forward pass).",
                train_step__loss_after_update),
        Mistake("averaged over the batch twice",
                "The gradients from the loss already carry the 1/N of the mean: do not divide "
                "by the batch size again.",
                train_step__averaged_twice),
    ],
    summary="loss, gradients, then params - learning_rate * grads")


EXERCISES = [DENSE_BACKWARD, RELU_BACKWARD, SIGMOID_BACKWARD, SOFTMAX_CROSS_ENTROPY_BACKWARD,
             NUMERICAL_GRADIENT_ARRAY, RELATIVE_ERROR, TWO_LAYER_LOSS_AND_GRADS, TRAIN_STEP]
