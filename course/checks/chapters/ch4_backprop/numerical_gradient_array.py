"""ch4.numerical_gradient_array: central differences of sum(f(x) * dout), one entry of x at a
time."""

import numpy as np

from course import ops
from course.checks.cases import as_layout, randn
from course.checks.spec import Case, Exercise, Mistake
from course.ops.gradient_check import numerical_gradient_array


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
                          randn(rng, n, d), randn(rng, n, m), 1e-5,
                          {"W": randn(rng, d, m), "b": randn(rng, m)}))
        cases.append(case("a dense layer (gradient for x, then for W)", "dense, gradient for W",
                          randn(rng, d, m), randn(rng, n, m), 1e-5,
                          {"inputs": randn(rng, n, d), "b": randn(rng, m)}))
    for name, h in (("sigmoid", 1e-3), ("tanh", 1e-4), ("softmax", 1e-3)):
        for _ in range(2 if hidden else 1):
            shape = tuple(int(v) for v in rng.integers(2, 6, size=2))
            cases.append(case(f"nonlinear layers ({name})", name, randn(rng, *shape, scale=2),
                              randn(rng, *shape), h))
    cases.append(case("f returns its input itself (linear)", "linear", randn(rng, 3, 4),
                      randn(rng, 3, 4), 1e-4))
    cases.append(case("f returns a view (reshape)", "reshape", randn(rng, 2, 6),
                      randn(rng, 3, 4), 1e-4, {"shape": (3, 4)}))
    cases.append(case("f reuses its output buffer", "tanh into a reused buffer",
                      randn(rng, 3, 4), randn(rng, 3, 4), 1e-3, {"shape": (3, 4)}))
    cases.append(case("a scalar function (dout = 1)", "softmax cross-entropy",
                      randn(rng, 4, 3, scale=2), np.array(1.0), 1e-3,
                      {"labels": rng.integers(0, 3, size=4)}))
    cases.append(case("one element", "sigmoid", np.array([0.7]), np.array([1.5]), 1e-3))
    cases.append(case("non-contiguous x (a transposed view)", "tanh", randn(rng, 5, 3),
                      randn(rng, 3, 5), 1e-3, layout="transposed"))
    cases.append(case("a large step h (the estimate depends on it)", "tanh", randn(rng, 3, 4),
                      randn(rng, 3, 4), 0.3))
    if hidden:
        cases.append(case("a dense layer (gradient for x, then for W)", "dense, gradient for W",
                          randn(rng, 12, 8), randn(rng, 20, 8), 1e-5,
                          {"inputs": randn(rng, 20, 12), "b": randn(rng, 8)}))
    return cases


def _call_numgrad_array(obj, args):
    f = _array_function(args["function"], args["data"])
    x = as_layout(args["x"], args.get("layout"))
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


def numerical_gradient_array__did_not_copy_f_x(f, x, dout, h=1e-5):
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


def numerical_gradient_array__divided_by_h_instead_of_2h(f, x, dout, h=1e-5):
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


def numerical_gradient_array__did_not_restore_x(f, x, dout, h=1e-5):
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        out_plus = np.array(f(x), dtype=np.float64)
        x[i] = old - h
        out_minus = np.array(f(x), dtype=np.float64)
        grad[i] = np.sum((out_plus - out_minus) * dout) / (2 * h)
    return grad


def numerical_gradient_array__perturbed_a_copy_of_x(f, x, dout, h=1e-5):
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
                numerical_gradient_array__did_not_copy_f_x),
        Mistake("divided by h instead of 2h",
                "The two points x + h and x - h are 2h apart: divide by 2 * h.",
                numerical_gradient_array__divided_by_h_instead_of_2h),
        Mistake("did not restore x",
                "After the two evaluations put the entry back (x[i] = old): otherwise every "
                "later entry is differentiated at a shifted point, and x is left changed.",
                numerical_gradient_array__did_not_restore_x),
        Mistake("perturbed a copy of x",
                "x.reshape(-1) (like x.ravel() or x.flatten()) is a copy when x is not "
                "contiguous, a transposed view for instance, so your nudges never reached x "
                "and f did not change. Index x itself: for i in np.ndindex(x.shape): x[i] = ...",
                numerical_gradient_array__perturbed_a_copy_of_x),
    ],
    summary="central differences of sum(f(x) * dout), one entry of x at a time")
