"""ch2.numerical_gradient: the gradient of f: array -> number by central differences."""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.ops.gradient_check import numerical_gradient


def _test_function(W, c, scale):
    """A smooth ``f(x) = scale * (c . tanh(W x) + |W x|^2 / 4)`` of an array x of any shape."""
    def f(x):
        z = W @ np.ravel(x)
        return float(scale * (c @ np.tanh(z) + 0.25 * (z @ z)))
    return f


def _call_numerical_gradient(obj, args):
    f = _test_function(args["W"], args["c"], args["scale"])
    if "h" in args:
        return obj(f, args["x"], args["h"])
    return obj(f, args["x"])


def numerical_gradient__forward_difference(f, x, h=1e-5):
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    f_x = f(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        grad[i] = (f(x) - f_x) / h
        x[i] = old
    return grad


def numerical_gradient__divided_by_h(f, x, h=1e-5):
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / h
    return grad


def numerical_gradient__x_not_restored(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        x[i] += h
        f_plus = f(x)
        x[i] -= 2 * h
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def numerical_gradient__every_element_perturbed_at_once(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient__perturbed_in_x_s_own_dtype(f, x, h=1e-5):
    x = x.copy()
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def _numgrad_case(rng, shape, scale=1.0, x=None, **extra):
    n = int(np.prod(shape))
    k = int(rng.integers(2, 5))
    args = {"W": rng.standard_normal((k, n)) / np.sqrt(n) * 1.5, "c": rng.standard_normal(k),
            "scale": scale, "x": rng.standard_normal(shape) if x is None else x}
    args.update(extra)
    return args


def _numgrad_cases(rng, hidden):
    cases = [Case("a vector", _numgrad_case(rng, (int(rng.integers(3, 8)),)))
             for _ in range(4 if hidden else 2)]
    cases.append(Case("a matrix", _numgrad_case(rng, (2, 3))))
    cases.append(Case("a given step h", _numgrad_case(rng, (4,), h=1e-3)))
    cases.append(Case("a large step h (the estimate depends on it)",
                      _numgrad_case(rng, (3,), h=0.3)))
    cases.append(Case("large function values", _numgrad_case(rng, (3,), scale=1e4)))
    cases.append(Case("one element", _numgrad_case(rng, (1,))))
    cases.append(Case("x = 0", _numgrad_case(rng, (3,), x=np.zeros(3))))
    cases.append(Case("integer x", _numgrad_case(rng, (4,), x=rng.integers(0, 3, 4))))
    cases.append(Case("float32 x", _numgrad_case(
        rng, (5,), x=(1 + rng.random(5)).astype(np.float32))))
    if hidden:
        cases.append(Case("three axes", _numgrad_case(rng, (2, 3, 4))))
        cases.append(Case("larger", _numgrad_case(rng, (40,))))
    return cases


NUMERICAL_GRADIENT = Exercise(
    id="ch2.numerical_gradient", name="numerical_gradient", reference=numerical_gradient,
    make_cases=_numgrad_cases, call=_call_numerical_gradient, points=2, rtol=1e-6, atol=1e-7,
    summary="the gradient of f: array -> number by central differences",
    mistakes=[
        Mistake("forward difference",
                "You used (f(x + h) - f(x)) / h, whose error shrinks like h; the central "
                "difference (f(x + h) - f(x - h)) / (2h) is accurate to h^2.",
                numerical_gradient__forward_difference),
        Mistake("divided by h",
                "f(x + h) and f(x - h) are 2h apart: divide their difference by 2 * h.",
                numerical_gradient__divided_by_h),
        Mistake("perturbed in x's own dtype",
                "You perturbed x in its own dtype: an integer array rounds x + h back to x, "
                "and float32 keeps only 7 digits, so x + 1e-5 is off by about 1%. Work on a "
                "float64 copy: np.array(x, dtype=np.float64).",
                numerical_gradient__perturbed_in_x_s_own_dtype),
        Mistake("every element perturbed at once",
                "f(x + h) moves every element of x at the same time: that is one directional "
                "derivative, not the gradient. Perturb one element at a time.",
                numerical_gradient__every_element_perturbed_at_once),
        Mistake("x not restored",
                "After perturbing x[i] you did not put it back, so every later element was "
                "differentiated at a shifted point (and the caller's x was changed). Restore "
                "x[i] to its old value, or perturb a copy.", numerical_gradient__x_not_restored),
    ])
