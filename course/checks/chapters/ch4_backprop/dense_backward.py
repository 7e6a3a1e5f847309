"""ch4.dense_backward: dx = dout W^T, dW = x^T dout, db = sum of dout over the batch."""

import numpy as np

from course import ops
from course.checks.calls import backward_reading_cache, none_or_described
from course.checks.cases import as_layout, randn
from course.checks.spec import Case, Exercise, Mistake


def _dense_args(rng, n, d, m, bias=True, scale=1.0):
    return {"x": randn(rng, n, d, scale=scale), "W": randn(rng, d, m),
            "b": randn(rng, m) if bias else None, "dout": randn(rng, n, m)}


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
    x = as_layout(args["x"], args.get("layout"))
    _, cache = ops.dense_forward(x, args["W"], args["b"])
    if "need_dx" in args:
        result = backward_reading_cache(obj, "dense_backward", args["dout"], cache,
                                        need_dx=args["need_dx"])
    else:
        result = backward_reading_cache(obj, "dense_backward", args["dout"], cache)
    if not (isinstance(result, (tuple, list)) and len(result) == 3):
        return result  # the comparison says what is wrong with it
    dx, dW, db = result
    if not args.get("need_dx", True):
        dx = none_or_described(dx)
    if args["b"] is None:
        db = none_or_described(db)
    return dx, dW, db


def dense_backward__w_instead_of_w_t_in_dx(dout, cache, need_dx=True):
    x, W, has_bias = cache
    dW = x.T @ dout
    db = dout.sum(axis=0) if has_bias else None
    dx = dout @ W if need_dx else None
    return dx, dW, db


def dense_backward__dw_transposed(dout, cache, need_dx=True):
    x, W, has_bias = cache
    dW = dout.T @ x
    db = dout.sum(axis=0) if has_bias else None
    dx = dout @ W.T if need_dx else None
    return dx, dW, db


def dense_backward__db_not_summed_over_the_batch(dout, cache, need_dx=True):
    x, W, has_bias = cache
    dW = x.T @ dout
    db = dout.copy() if has_bias else None
    dx = dout @ W.T if need_dx else None
    return dx, dW, db


def dense_backward__db_summed_over_the_wrong_axis(dout, cache, need_dx=True):
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


def dense_backward__zeros_for_a_missing_bias(dout, cache, need_dx=True):
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
                dense_backward__w_instead_of_w_t_in_dx),
        Mistake("dW transposed",
                "dW must have W's shape (D, M): dW = x.T @ dout, not dout.T @ x.",
                dense_backward__dw_transposed),
        Mistake("db not summed over the batch",
                "b was broadcast to every row (sample), so its gradient sums dout over that "
                "axis: db = dout.sum(axis=0), shape (M,).",
                dense_backward__db_not_summed_over_the_batch),
        Mistake("db summed over the wrong axis",
                "db has one entry per output unit: sum dout over the samples (axis 0), not "
                "over the units (axis 1).",
                dense_backward__db_summed_over_the_wrong_axis),
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
                dense_backward__zeros_for_a_missing_bias),
    ],
    summary="dx = dout W^T, dW = x^T dout, db = sum of dout over the batch")
