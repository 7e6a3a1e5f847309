"""ch2.fit_line: gradient descent on a line with Value: forward, zero the grads, backward,
update."""

import numpy as np

from course.autodiff import Value
from course.autodiff.fit_line import fit_line
from course.checks.spec import Case, Exercise, Mistake


def _plain_number(v):
    return v.data if isinstance(v, Value) else v


def _call_fit_line(obj, args):
    w, b, losses = obj(**args)
    return (_plain_number(w), _plain_number(b),
            np.array([_plain_number(v) for v in losses], dtype=np.float64))


def fit_line__gradients_not_reset(x, y, learning_rate, steps):
    w, b = Value(0.0), Value(0.0)
    losses = []
    for _ in range(steps):
        loss = sum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y)) * (1.0 / len(x))
        loss.backward()
        w.data -= learning_rate * w.grad
        b.data -= learning_rate * b.grad
        losses.append(loss.data)
    return w.data, b.data, losses


def fit_line__gradient_ascent(x, y, learning_rate, steps):
    w, b = Value(0.0), Value(0.0)
    losses = []
    for _ in range(steps):
        loss = sum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y)) * (1.0 / len(x))
        w.grad = b.grad = 0.0
        loss.backward()
        w.data += learning_rate * w.grad
        b.data += learning_rate * b.grad
        losses.append(loss.data)
    return w.data, b.data, losses


def fit_line__sum_instead_of_mean(x, y, learning_rate, steps):
    w, b = Value(0.0), Value(0.0)
    losses = []
    for _ in range(steps):
        loss = sum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y))
        w.grad = b.grad = 0.0
        loss.backward()
        w.data -= learning_rate * w.grad
        b.data -= learning_rate * b.grad
        losses.append(loss.data)
    return w.data, b.data, losses


def fit_line__b_never_updated(x, y, learning_rate, steps):
    w, b = Value(0.0), Value(0.0)
    losses = []
    for _ in range(steps):
        loss = sum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y)) * (1.0 / len(x))
        w.grad = b.grad = 0.0
        loss.backward()
        w.data -= learning_rate * w.grad
        losses.append(loss.data)
    return w.data, b.data, losses


def _line_data(rng, n, x_scale=1.0, noise=0.1):
    x = rng.standard_normal(n) * x_scale
    y = rng.uniform(-2, 2) * x + rng.uniform(-1, 1) + noise * rng.standard_normal(n)
    return [float(v) for v in x], [float(v) for v in y]


def _fit_line_cases(rng, hidden):
    cases = []
    for _ in range(4 if hidden else 2):
        x, y = _line_data(rng, int(rng.integers(5, 40 if hidden else 15)))
        cases.append(Case("noisy lines", {"x": x, "y": y, "learning_rate": 0.1,
                                          "steps": int(rng.integers(10, 60 if hidden else 25))}))
    x, y = _line_data(rng, 1)
    cases.append(Case("one point", {"x": x, "y": y, "learning_rate": 0.2, "steps": 5}))
    x, y = _line_data(rng, 8, x_scale=100.0)
    cases.append(Case("large x, small learning rate",
                      {"x": x, "y": y, "learning_rate": 2e-5, "steps": 10}))
    cases.append(Case("zero steps", {"x": [1.0, 2.0], "y": [0.5, 1.0], "learning_rate": 0.1,
                                     "steps": 0}))
    return cases


FIT_LINE = Exercise(
    id="ch2.fit_line", name="fit_line", reference=fit_line, make_cases=_fit_line_cases,
    call=_call_fit_line, output_names=("w", "b", "losses"), points=2, rtol=1e-7, atol=1e-9,
    summary="gradient descent on a line with Value: forward, zero the grads, backward, update",
    mistakes=[
        Mistake("gradients not reset",
                "backward() adds into .grad, so without w.grad = b.grad = 0 before each "
                "backward() the gradients of all earlier steps pile up.",
                fit_line__gradients_not_reset),
        Mistake("gradient ascent",
                "You stepped along the gradient (+=): descent goes against it, "
                "w.data -= learning_rate * w.grad.", fit_line__gradient_ascent),
        Mistake("sum instead of mean",
                "The loss is the mean over the points: multiply the sum by 1 / len(x).",
                fit_line__sum_instead_of_mean),
        Mistake("b never updated",
                "Both parameters take a step: b.data -= learning_rate * b.grad as well.",
                fit_line__b_never_updated),
    ])
