"""Chapter 6, gradient descent and optimizers: exercise specs.

The optimizer updates are graded against ``course.ops.optimizers``, which work IN PLACE on
the parameter and its state: their ``call`` runs the student's function on (copies of) the
arrays and returns the arrays as they are afterwards, so an update that builds new arrays
instead of changing the given ones is caught (and named). Those specs name the arguments
updated in place in ``mutable``; a change to any other input (the gradient) is caught.

The references that ``course.ops`` does not hold (a minibatch descent loop, an exponential
moving average, a learning-rate schedule, global-norm clipping) are defined here.
"""

import math

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.ops import optimizers as O


# ======================================================================================
# 1. minibatch_sgd (reference here)


def minibatch_sgd(X, y, w0, learning_rate, batch_size, epochs):
    """Minibatch gradient descent on the mean squared error of a linear model ``X @ w``.

    Every epoch walks through the data in order, in batches of ``batch_size`` rows (the
    last one may be smaller); each batch ``(X_b, y_b)`` of ``B`` rows takes one step
    ``w <- w - learning_rate * (2 / B) X_b^T (X_b w - y_b)``.

    Shapes: ``X`` ``(N, D)``, ``y`` ``(N,)``, ``w0`` ``(D,)``. Returns the trajectory
    ``(steps + 1, D)``: ``w0`` then ``w`` after every step. ``w0`` is left unchanged.
    """
    w = np.array(w0, dtype=np.result_type(w0, X), copy=True)
    path = [w.copy()]
    n = X.shape[0]
    for _ in range(epochs):
        for start in range(0, n, batch_size):
            xb, yb = X[start:start + batch_size], y[start:start + batch_size]
            grad = 2 * xb.T @ (xb @ w - yb) / len(yb)
            w = w - learning_rate * grad
            path.append(w.copy())
    return np.array(path)


def _regression(rng, n, d):
    X = rng.standard_normal((n, d))
    y = X @ rng.standard_normal(d) + 0.1 * rng.standard_normal(n)
    return X, y


def _minibatch_cases(rng, hidden):
    cases = []

    def add(group, n, d, batch_size, epochs, lr=None):
        X, y = _regression(rng, n, d)
        lr = float(rng.uniform(0.01, 0.05)) if lr is None else lr
        cases.append(Case(group, {"X": X, "y": y, "w0": rng.standard_normal(d),
                                  "learning_rate": lr, "batch_size": batch_size,
                                  "epochs": epochs}))

    for _ in range(3 if hidden else 1):
        n = int(rng.integers(4, 30 if hidden else 12))
        add("full batch", n, int(rng.integers(1, 4)), n, int(rng.integers(1, 4)))
    for _ in range(4 if hidden else 2):
        b = int(rng.integers(2, 5))
        n = b * int(rng.integers(2, 6)) + int(rng.integers(1, b))  # a smaller last batch
        add("minibatches, smaller last batch", n, int(rng.integers(1, 4)), b, 2)
    add("minibatches dividing N", 8, 2, 2, 2)
    add("stochastic (batch of 1)", int(rng.integers(3, 7)), 2, 1, 2)
    add("batch larger than the data", 5, 3, 8, 2)
    add("zero learning rate", 7, 2, 3, 1, lr=0.0)
    add("one sample, one feature", 1, 1, 1, 3)
    if hidden:
        add("more data", 300, 5, 32, 3, lr=0.01)
    return cases


def minibatch_sgd_sum_not_mean(X, y, w0, learning_rate, batch_size, epochs):
    w = w0.copy()
    path = [w.copy()]
    for _ in range(epochs):
        for start in range(0, X.shape[0], batch_size):
            xb, yb = X[start:start + batch_size], y[start:start + batch_size]
            w = w - learning_rate * 2 * xb.T @ (xb @ w - yb)
            path.append(w.copy())
    return np.array(path)


def minibatch_sgd_divides_by_n(X, y, w0, learning_rate, batch_size, epochs):
    w = w0.copy()
    path = [w.copy()]
    for _ in range(epochs):
        for start in range(0, X.shape[0], batch_size):
            xb, yb = X[start:start + batch_size], y[start:start + batch_size]
            w = w - learning_rate * 2 * xb.T @ (xb @ w - yb) / X.shape[0]
            path.append(w.copy())
    return np.array(path)


def minibatch_sgd_divides_by_batch_size(X, y, w0, learning_rate, batch_size, epochs):
    w = w0.copy()
    path = [w.copy()]
    for _ in range(epochs):
        for start in range(0, X.shape[0], batch_size):
            xb, yb = X[start:start + batch_size], y[start:start + batch_size]
            w = w - learning_rate * 2 * xb.T @ (xb @ w - yb) / batch_size
            path.append(w.copy())
    return np.array(path)


def minibatch_sgd_drops_last_batch(X, y, w0, learning_rate, batch_size, epochs):
    w = w0.copy()
    path = [w.copy()]
    for _ in range(epochs):
        for i in range(X.shape[0] // batch_size):
            xb = X[i * batch_size:(i + 1) * batch_size]
            yb = y[i * batch_size:(i + 1) * batch_size]
            w = w - learning_rate * 2 * xb.T @ (xb @ w - yb) / len(yb)
            path.append(w.copy())
    return np.array(path)


def minibatch_sgd_missing_two(X, y, w0, learning_rate, batch_size, epochs):
    w = w0.copy()
    path = [w.copy()]
    for _ in range(epochs):
        for start in range(0, X.shape[0], batch_size):
            xb, yb = X[start:start + batch_size], y[start:start + batch_size]
            w = w - learning_rate * xb.T @ (xb @ w - yb) / len(yb)
            path.append(w.copy())
    return np.array(path)


MINIBATCH_SGD = Exercise(
    id="ch6.minibatch_sgd", name="minibatch_sgd", reference=minibatch_sgd,
    make_cases=_minibatch_cases, rtol=1e-6, atol=1e-9, points=3,
    summary="full-batch, minibatch and stochastic gradient descent on least squares",
    mistakes=[
        Mistake("summed over the batch", "The loss is the MEAN over the batch, so the gradient "
                "is divided by the batch's size B: (2 / B) X_b^T (X_b w - y_b).",
                minibatch_sgd_sum_not_mean),
        Mistake("divided by N", "Each step averages over its own batch: divide by the number "
                "of rows in the batch, not by the size of the whole data set.",
                minibatch_sgd_divides_by_n),
        Mistake("divided by batch_size in the last batch", "The last batch may hold fewer than "
                "batch_size rows: divide by len(y_b), the rows it really has.",
                minibatch_sgd_divides_by_batch_size),
        Mistake("dropped the last batch", "Keep the smaller last batch (range(0, N, batch_size) "
                "with slices [start:start + batch_size]): every sample counts in every epoch.",
                minibatch_sgd_drops_last_batch),
        Mistake("missing factor 2", "d/dw of (x.w - y)**2 is 2 (x.w - y) x.",
                minibatch_sgd_missing_two),
    ])


# ======================================================================================
# 2. exponential_moving_average (reference here)


def exponential_moving_average(values, beta, bias_correction=True):
    """Running average ``s_t = beta s_{t-1} + (1 - beta) x_t`` from ``s_0 = 0``.

    With ``bias_correction``, returns ``s_t / (1 - beta**t)`` (``t`` counts from 1).
    Shapes: ``values`` ``(T, ...)``; the result has the same shape (one average per step).
    """
    values = np.asarray(values)
    s = np.zeros(values.shape[1:], dtype=np.result_type(values, float))
    out = np.empty(values.shape, dtype=s.dtype)
    for t in range(1, len(values) + 1):
        s = beta * s + (1 - beta) * values[t - 1]
        out[t - 1] = s / (1 - beta ** t) if bias_correction else s
    return out


def _ema_cases(rng, hidden):
    cases = []
    for _ in range(4 if hidden else 2):
        t = int(rng.integers(3, 40 if hidden else 12))
        cases.append(Case("random sequences", {"values": rng.standard_normal(t) + 2,
                                               "beta": float(rng.uniform(0.5, 0.95)),
                                               "bias_correction": True}))
    cases.append(Case("without bias correction", {"values": rng.standard_normal(8) + 2,
                                                  "beta": 0.9, "bias_correction": False}))
    cases.append(Case("vectors (T, D)", {"values": rng.standard_normal((6, 3)) + 1,
                                         "beta": 0.8, "bias_correction": True}))
    cases.append(Case("a constant sequence", {"values": np.full(5, 3.0), "beta": 0.9,
                                              "bias_correction": True}))
    cases.append(Case("beta = 0 (no averaging)", {"values": rng.standard_normal(4) + 1,
                                                  "beta": 0.0, "bias_correction": True}))
    cases.append(Case("one value", {"values": np.array([2.0]), "beta": 0.99,
                                    "bias_correction": True}))
    if hidden:
        cases.append(Case("long sequence", {"values": rng.standard_normal((500, 4)),
                                            "beta": 0.999, "bias_correction": True}))
    return cases


def ema_beta_swapped(values, beta, bias_correction=True):
    s = np.zeros(values.shape[1:])
    out = []
    for t in range(1, len(values) + 1):
        s = (1 - beta) * s + beta * values[t - 1]
        out.append(s / (1 - beta ** t) if bias_correction else s)
    return np.array(out)


def ema_no_bias_correction(values, beta, bias_correction=True):
    s = np.zeros(values.shape[1:])
    out = []
    for x in values:
        s = beta * s + (1 - beta) * x
        out.append(s)
    return np.array(out)


def ema_t_from_zero(values, beta, bias_correction=True):
    s = np.zeros(values.shape[1:])
    out = []
    for t in range(len(values)):
        s = beta * s + (1 - beta) * values[t]
        with np.errstate(divide="ignore", invalid="ignore"):
            out.append(s / (1 - np.float64(beta) ** t) if bias_correction else s)
    return np.array(out)


def ema_starts_at_first_value(values, beta, bias_correction=True):
    s = values[0] * 1.0
    out = []
    for t in range(1, len(values) + 1):
        s = beta * s + (1 - beta) * values[t - 1]
        out.append(s / (1 - beta ** t) if bias_correction else s)
    return np.array(out)


EMA = Exercise(
    id="ch6.exponential_moving_average", name="exponential_moving_average",
    reference=exponential_moving_average, make_cases=_ema_cases, rtol=1e-6, atol=1e-9,
    points=2, summary="exponential moving average with bias correction",
    mistakes=[
        Mistake("beta and 1 - beta swapped", "beta weighs the OLD average: "
                "s = beta * s + (1 - beta) * x.", ema_beta_swapped),
        Mistake("no bias correction", "With bias_correction=True divide s_t by "
                "(1 - beta**t): s starts at 0, so the first averages are too small.",
                ema_no_bias_correction),
        Mistake("t counted from 0", "After the first value t = 1 (1 - beta**0 = 0 would divide "
                "by zero): use t = 1, 2, ..., T.", ema_t_from_zero),
        Mistake("started at the first value", "Start the average at s_0 = 0 (that is what the "
                "bias correction corrects for), not at the first value.",
                ema_starts_at_first_value),
    ])


# ======================================================================================
# In-place optimizer updates: shared case helpers


def _update_call(*names):
    """A ``call`` for an in-place update: run it, return the named arrays afterwards."""
    def call(obj, args):
        obj(**args)
        return tuple(args.get(n) for n in names)
    call.__name__ = f"call_returning_{'_'.join(names)}"
    return call


def _shape_of(rng, hidden):
    shapes = [(int(rng.integers(1, 8)),), (int(rng.integers(2, 5)), int(rng.integers(2, 5)))]
    if hidden:
        shapes.append((int(rng.integers(20, 60)), int(rng.integers(10, 40))))
    return shapes[int(rng.integers(len(shapes)))]


# ======================================================================================
# 3. sgd_update (course.ops), with momentum and Nesterov


def _sgd_cases(rng, hidden):
    cases = []
    reps = 3 if hidden else 1
    for _ in range(reps):
        s = _shape_of(rng, hidden)
        cases.append(Case("plain SGD", {"param": rng.standard_normal(s),
                                        "grad": rng.standard_normal(s), "velocity": None,
                                        "learning_rate": float(rng.uniform(0.01, 0.5)),
                                        "momentum": 0.0, "nesterov": False}))
    for nesterov, group in ((False, "momentum"), (True, "Nesterov momentum")):
        for _ in range(reps):
            s = _shape_of(rng, hidden)
            cases.append(Case(group, {"param": rng.standard_normal(s),
                                      "grad": rng.standard_normal(s),
                                      "velocity": 0.1 * rng.standard_normal(s),
                                      "learning_rate": float(rng.uniform(0.01, 0.5)),
                                      "momentum": float(rng.uniform(0.5, 0.99)),
                                      "nesterov": nesterov}))
    s = (3, 2)
    cases.append(Case("momentum, first step (velocity 0)", {
        "param": rng.standard_normal(s), "grad": rng.standard_normal(s),
        "velocity": np.zeros(s), "learning_rate": 0.1, "momentum": 0.9, "nesterov": False}))
    s = (5,)
    cases.append(Case("Keras defaults (learning_rate 0.01)", {
        "param": rng.standard_normal(s), "grad": rng.standard_normal(s)}))
    f32 = np.float32
    cases.append(Case("float32", {"param": rng.standard_normal(s).astype(f32),
                                  "grad": rng.standard_normal(s).astype(f32),
                                  "velocity": (0.1 * rng.standard_normal(s)).astype(f32),
                                  "learning_rate": 0.05, "momentum": 0.9, "nesterov": True}))
    cases.append(Case("zero gradient, moving velocity", {
        "param": rng.standard_normal(s), "grad": np.zeros(s),
        "velocity": 0.1 * rng.standard_normal(s), "learning_rate": 0.1, "momentum": 0.9,
        "nesterov": False}))
    return cases


def sgd_rebinds_instead_of_in_place(param, grad, velocity=None, learning_rate=0.01,
                                    momentum=0.0, nesterov=False):
    if momentum == 0.0:
        param = param - learning_rate * grad
        return param
    velocity = momentum * velocity - learning_rate * grad
    if nesterov:
        param = param + momentum * velocity - learning_rate * grad
    else:
        param = param + velocity
    return param


def sgd_velocity_sign_flipped(param, grad, velocity=None, learning_rate=0.01, momentum=0.0,
                              nesterov=False):
    if momentum == 0.0:
        param -= learning_rate * grad
        return
    velocity[...] = momentum * velocity + learning_rate * grad
    if nesterov:
        param -= momentum * velocity + learning_rate * grad
    else:
        param -= velocity


def sgd_ignores_nesterov(param, grad, velocity=None, learning_rate=0.01, momentum=0.0,
                         nesterov=False):
    if momentum == 0.0:
        param -= learning_rate * grad
        return
    velocity[...] = momentum * velocity - learning_rate * grad
    param += velocity


def sgd_steps_with_old_velocity(param, grad, velocity=None, learning_rate=0.01, momentum=0.0,
                                nesterov=False):
    if momentum == 0.0:
        param -= learning_rate * grad
        return
    if nesterov:
        velocity[...] = momentum * velocity - learning_rate * grad
        param += momentum * velocity - learning_rate * grad
        return
    param += velocity
    velocity[...] = momentum * velocity - learning_rate * grad


SGD_UPDATE = Exercise(
    id="ch6.sgd_update", name="sgd_update", reference=O.sgd_update, make_cases=_sgd_cases,
    call=_update_call("param", "velocity"), output_names=("param", "velocity"),
    mutable=("param", "velocity"),
    rtol=1e-5, atol=1e-6, points=3,
    summary="SGD with momentum and Nesterov momentum, in place, as Keras does it",
    mistakes=[
        Mistake("new arrays instead of in place", "`param = param - ...` makes a new array and "
                "leaves the caller's param unchanged. Update in place: `param -= ...`, "
                "`velocity[...] = ...`.", sgd_rebinds_instead_of_in_place),
        Mistake("velocity with the opposite sign", "Keras keeps velocity = momentum * velocity "
                "- learning_rate * grad (it points downhill) and adds it: param += velocity.",
                sgd_velocity_sign_flipped),
        Mistake("nesterov ignored", "With nesterov=True the step looks ahead: "
                "param += momentum * velocity - learning_rate * grad, with the NEW velocity.",
                sgd_ignores_nesterov),
        Mistake("stepped with the old velocity", "Update the velocity first, then move the "
                "parameter with the new one.", sgd_steps_with_old_velocity),
    ])


# ======================================================================================
# 4. adagrad_update (course.ops)


def _adagrad_cases(rng, hidden):
    cases = []
    for _ in range(3 if hidden else 2):
        s = _shape_of(rng, hidden)
        cases.append(Case("random", {"param": rng.standard_normal(s),
                                     "grad": rng.standard_normal(s),
                                     "accumulator": rng.uniform(0.1, 2.0, s),
                                     "learning_rate": float(rng.uniform(0.001, 0.1)),
                                     "epsilon": 1e-7}))
    s = (4,)
    cases.append(Case("first step (accumulator 0.1, Keras's start)", {
        "param": rng.standard_normal(s), "grad": rng.standard_normal(s),
        "accumulator": np.full(s, 0.1), "learning_rate": 0.01}))
    cases.append(Case("tiny gradients, accumulator from 0", {
        "param": rng.standard_normal(s), "grad": 1e-4 * rng.standard_normal(s),
        "accumulator": np.zeros(s), "learning_rate": 0.01, "epsilon": 1e-7}))
    f32 = np.float32
    cases.append(Case("float32", {"param": rng.standard_normal(s).astype(f32),
                                  "grad": rng.standard_normal(s).astype(f32),
                                  "accumulator": rng.uniform(0.1, 2, s).astype(f32),
                                  "learning_rate": 0.05}))
    cases.append(Case("Keras defaults", {"param": rng.standard_normal(s),
                                         "grad": rng.standard_normal(s),
                                         "accumulator": rng.uniform(0.1, 2, s)}))
    return cases


def adagrad_assigns_instead_of_accumulating(param, grad, accumulator, learning_rate=0.001,
                                            epsilon=1e-7):
    accumulator[...] = grad ** 2
    param -= learning_rate * grad / np.sqrt(accumulator + epsilon)


def adagrad_epsilon_outside_sqrt(param, grad, accumulator, learning_rate=0.001, epsilon=1e-7):
    accumulator += grad ** 2
    param -= learning_rate * grad / (np.sqrt(accumulator) + epsilon)


def adagrad_steps_with_old_accumulator(param, grad, accumulator, learning_rate=0.001,
                                       epsilon=1e-7):
    param -= learning_rate * grad / np.sqrt(accumulator + epsilon)
    accumulator += grad ** 2


ADAGRAD_UPDATE = Exercise(
    id="ch6.adagrad_update", name="adagrad_update", reference=O.adagrad_update,
    make_cases=_adagrad_cases, call=_update_call("param", "accumulator"),
    output_names=("param", "accumulator"), rtol=1e-5, atol=1e-6, points=1,
    mutable=("param", "accumulator"),
    summary="Adagrad: steps divided by the root of all past squared gradients",
    mistakes=[
        Mistake("= instead of +=", "The accumulator keeps the SUM of all squared gradients: "
                "accumulator += grad**2.", adagrad_assigns_instead_of_accumulating),
        Mistake("epsilon outside the root", "Keras adds epsilon under the square root: "
                "sqrt(accumulator + epsilon).", adagrad_epsilon_outside_sqrt),
        Mistake("stepped with the old accumulator", "Add this step's grad**2 to the "
                "accumulator first, then divide by its root.", adagrad_steps_with_old_accumulator),
    ])


# ======================================================================================
# 5. rmsprop_update (course.ops)


def _rmsprop_cases(rng, hidden):
    cases = []
    for _ in range(3 if hidden else 2):
        s = _shape_of(rng, hidden)
        cases.append(Case("random", {"param": rng.standard_normal(s),
                                     "grad": rng.standard_normal(s),
                                     "velocity": rng.uniform(0.0, 2.0, s),
                                     "learning_rate": float(rng.uniform(0.001, 0.1)),
                                     "rho": float(rng.uniform(0.8, 0.99)), "epsilon": 1e-7}))
    s = (4,)
    cases.append(Case("first step (velocity 0)", {
        "param": rng.standard_normal(s), "grad": rng.standard_normal(s),
        "velocity": np.zeros(s), "learning_rate": 0.01, "rho": 0.9, "epsilon": 1e-7}))
    cases.append(Case("tiny gradients", {
        "param": rng.standard_normal(s), "grad": 1e-4 * rng.standard_normal(s),
        "velocity": np.zeros(s), "learning_rate": 0.01, "rho": 0.9, "epsilon": 1e-7}))
    f32 = np.float32
    cases.append(Case("float32", {"param": rng.standard_normal(s).astype(f32),
                                  "grad": rng.standard_normal(s).astype(f32),
                                  "velocity": rng.uniform(0, 2, s).astype(f32),
                                  "learning_rate": 0.01, "rho": 0.9}))
    cases.append(Case("Keras defaults", {"param": rng.standard_normal(s),
                                         "grad": rng.standard_normal(s),
                                         "velocity": rng.uniform(0, 2, s)}))
    cases.append(Case("zero gradient", {"param": rng.standard_normal(s), "grad": np.zeros(s),
                                        "velocity": rng.uniform(0, 2, s),
                                        "learning_rate": 0.01}))
    return cases


def rmsprop_epsilon_outside_sqrt(param, grad, velocity, learning_rate=0.001, rho=0.9,
                                 epsilon=1e-7):
    velocity[...] = rho * velocity + (1 - rho) * grad ** 2
    param -= learning_rate * grad / (np.sqrt(velocity) + epsilon)


def rmsprop_rho_swapped(param, grad, velocity, learning_rate=0.001, rho=0.9, epsilon=1e-7):
    velocity[...] = (1 - rho) * velocity + rho * grad ** 2
    param -= learning_rate * grad / np.sqrt(velocity + epsilon)


def rmsprop_steps_with_old_velocity(param, grad, velocity, learning_rate=0.001, rho=0.9,
                                    epsilon=1e-7):
    param -= learning_rate * grad / np.sqrt(velocity + epsilon)
    velocity[...] = rho * velocity + (1 - rho) * grad ** 2


def rmsprop_forgot_sqrt(param, grad, velocity, learning_rate=0.001, rho=0.9, epsilon=1e-7):
    velocity[...] = rho * velocity + (1 - rho) * grad ** 2
    param -= learning_rate * grad / (velocity + epsilon)


RMSPROP_UPDATE = Exercise(
    id="ch6.rmsprop_update", name="rmsprop_update", reference=O.rmsprop_update,
    make_cases=_rmsprop_cases, call=_update_call("param", "velocity"),
    output_names=("param", "velocity"), rtol=1e-5, atol=1e-6, points=2,
    mutable=("param", "velocity"),
    summary="RMSprop: divide by a running root-mean-square of the gradient",
    mistakes=[
        Mistake("epsilon outside the root", "Keras 3 adds epsilon under the square root: "
                "grad / sqrt(velocity + epsilon). It matters when the gradients are tiny.",
                rmsprop_epsilon_outside_sqrt),
        Mistake("rho and 1 - rho swapped", "rho weighs the OLD velocity: "
                "velocity = rho * velocity + (1 - rho) * grad**2.", rmsprop_rho_swapped),
        Mistake("stepped with the old velocity", "Update the velocity with this step's "
                "gradient first, then divide by its root.", rmsprop_steps_with_old_velocity),
        Mistake("forgot the square root", "Divide by the ROOT mean square: "
                "sqrt(velocity + epsilon), not velocity.", rmsprop_forgot_sqrt),
    ])


# ======================================================================================
# 6. adam_update (course.ops)


def _adam_cases(rng, hidden):
    cases = []
    for _ in range(3 if hidden else 1):
        s = _shape_of(rng, hidden)
        cases.append(Case("first step", {"param": rng.standard_normal(s),
                                         "grad": rng.standard_normal(s),
                                         "m": np.zeros(s), "v": np.zeros(s), "iteration": 1,
                                         "learning_rate": float(rng.uniform(0.001, 0.1)),
                                         "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7}))
    for _ in range(4 if hidden else 2):
        s = _shape_of(rng, hidden)
        g_scale = rng.uniform(0.5, 2.0)
        cases.append(Case("later steps", {"param": rng.standard_normal(s),
                                          "grad": g_scale * rng.standard_normal(s),
                                          "m": 0.3 * rng.standard_normal(s),
                                          "v": rng.uniform(0.1, 2.0, s) * g_scale ** 2,
                                          "iteration": int(rng.integers(2, 50)),
                                          "learning_rate": float(rng.uniform(0.001, 0.1)),
                                          "beta_1": float(rng.uniform(0.8, 0.95)),
                                          "beta_2": float(rng.uniform(0.99, 0.9999)),
                                          "epsilon": 1e-7}))
    s = (5,)
    cases.append(Case("tiny gradients", {"param": rng.standard_normal(s),
                                         "grad": 1e-6 * rng.standard_normal(s),
                                         "m": np.zeros(s), "v": np.zeros(s), "iteration": 1,
                                         "learning_rate": 0.1, "beta_1": 0.9, "beta_2": 0.999,
                                         "epsilon": 1e-7}))
    cases.append(Case("Keras defaults", {"param": rng.standard_normal(s),
                                         "grad": rng.standard_normal(s),
                                         "m": 0.3 * rng.standard_normal(s),
                                         "v": rng.uniform(0.1, 2.0, s), "iteration": 3}))
    f32 = np.float32
    cases.append(Case("float32", {"param": rng.standard_normal(s).astype(f32),
                                  "grad": rng.standard_normal(s).astype(f32),
                                  "m": (0.3 * rng.standard_normal(s)).astype(f32),
                                  "v": rng.uniform(0.1, 2.0, s).astype(f32), "iteration": 7,
                                  "learning_rate": 0.01}))
    cases.append(Case("zero gradient", {"param": rng.standard_normal(s), "grad": np.zeros(s),
                                        "m": 0.3 * rng.standard_normal(s),
                                        "v": rng.uniform(0.1, 2.0, s), "iteration": 10,
                                        "learning_rate": 0.01}))
    if hidden:
        s = (64, 32)
        cases.append(Case("a large step count", {
            "param": rng.standard_normal(s), "grad": rng.standard_normal(s),
            "m": 0.3 * rng.standard_normal(s), "v": rng.uniform(0.1, 2.0, s),
            "iteration": 100000, "learning_rate": 0.001}))
    return cases


def adam_no_bias_correction(param, grad, m, v, iteration, learning_rate=0.001, beta_1=0.9,
                            beta_2=0.999, epsilon=1e-7):
    m[...] = beta_1 * m + (1 - beta_1) * grad
    v[...] = beta_2 * v + (1 - beta_2) * grad ** 2
    param -= learning_rate * m / (np.sqrt(v) + epsilon)


def adam_epsilon_inside_sqrt(param, grad, m, v, iteration, learning_rate=0.001, beta_1=0.9,
                             beta_2=0.999, epsilon=1e-7):
    m[...] = beta_1 * m + (1 - beta_1) * grad
    v[...] = beta_2 * v + (1 - beta_2) * grad ** 2
    alpha = learning_rate * np.sqrt(1 - beta_2 ** iteration) / (1 - beta_1 ** iteration)
    param -= alpha * m / np.sqrt(v + epsilon)


def adam_betas_swapped(param, grad, m, v, iteration, learning_rate=0.001, beta_1=0.9,
                       beta_2=0.999, epsilon=1e-7):
    m[...] = beta_2 * m + (1 - beta_2) * grad
    v[...] = beta_1 * v + (1 - beta_1) * grad ** 2
    alpha = learning_rate * np.sqrt(1 - beta_1 ** iteration) / (1 - beta_2 ** iteration)
    param -= alpha * m / (np.sqrt(v) + epsilon)


def adam_iteration_plus_one(param, grad, m, v, iteration, learning_rate=0.001, beta_1=0.9,
                            beta_2=0.999, epsilon=1e-7):
    t = iteration + 1
    m[...] = beta_1 * m + (1 - beta_1) * grad
    v[...] = beta_2 * v + (1 - beta_2) * grad ** 2
    alpha = learning_rate * np.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
    param -= alpha * m / (np.sqrt(v) + epsilon)


def adam_paper_epsilon(param, grad, m, v, iteration, learning_rate=0.001, beta_1=0.9,
                       beta_2=0.999, epsilon=1e-7):
    m[...] = beta_1 * m + (1 - beta_1) * grad
    v[...] = beta_2 * v + (1 - beta_2) * grad ** 2
    m_hat = m / (1 - beta_1 ** iteration)
    v_hat = v / (1 - beta_2 ** iteration)
    param -= learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)


ADAM_UPDATE = Exercise(
    id="ch6.adam_update", name="adam_update", reference=O.adam_update,
    make_cases=_adam_cases, call=_update_call("param", "m", "v"),
    output_names=("param", "m", "v"), rtol=1e-5, atol=1e-6, points=3,
    mutable=("param", "m", "v"),
    summary="Adam with Keras's formulas: bias correction folded into the step size",
    mistakes=[
        Mistake("no bias correction", "m and v start at 0, so early on they are too small: "
                "scale the step by sqrt(1 - beta_2**t) / (1 - beta_1**t).",
                adam_no_bias_correction),
        Mistake("epsilon inside the root", "Adam adds epsilon OUTSIDE the square root: "
                "m / (sqrt(v) + epsilon).", adam_epsilon_inside_sqrt),
        Mistake("beta_1 and beta_2 swapped", "beta_1 (0.9) averages the gradient m, beta_2 "
                "(0.999) averages its square v.", adam_betas_swapped),
        Mistake("iteration counted from 0", "iteration is already 1 on the first update: use "
                "t = iteration in beta**t, not iteration + 1.", adam_iteration_plus_one),
        Mistake("epsilon added to the corrected v", "This is the paper's form, "
                "m_hat / (sqrt(v_hat) + eps). Keras folds the correction into the step, "
                "alpha = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t), and divides m by "
                "sqrt(v) + eps: the two differ when sqrt(v) is as small as eps.",
                adam_paper_epsilon),
    ])


# ======================================================================================
# 7. exponential_decay (reference here; keras.optimizers.schedules.ExponentialDecay)


def exponential_decay(step, initial_learning_rate, decay_steps, decay_rate, staircase=False):
    """``initial_learning_rate * decay_rate ** (step / decay_steps)``; with ``staircase``
    the exponent is floored, so the rate drops in steps every ``decay_steps`` updates."""
    p = step / decay_steps
    if staircase:
        p = math.floor(p)
    return initial_learning_rate * decay_rate ** p


def _call_schedule(obj, args):
    kwargs = {k: v for k, v in args.items() if k != "steps"}
    return np.array([obj(step=s, **kwargs) for s in args["steps"]], dtype=np.float64)


def _decay_cases(rng, hidden):
    cases = []
    for staircase in (False, True):
        for _ in range(3 if hidden else 1):
            decay_steps = int(rng.integers(3, 50))
            steps = sorted(set(int(s) for s in rng.integers(0, 6 * decay_steps, 12)))
            steps += [decay_steps, 2 * decay_steps - 1, decay_steps // 2 + 1]
            cases.append(Case("staircase" if staircase else "smooth decay", {
                "steps": steps, "initial_learning_rate": float(rng.uniform(0.001, 0.5)),
                "decay_steps": decay_steps, "decay_rate": float(rng.uniform(0.5, 0.99)),
                "staircase": staircase}))
    cases.append(Case("staircase left at its default (False)", {
        "steps": [0, 1, 5, 10, 15], "initial_learning_rate": 0.1, "decay_steps": 10,
        "decay_rate": 0.5}))
    cases.append(Case("step 0", {"steps": [0], "initial_learning_rate": 0.01,
                                 "decay_steps": 100, "decay_rate": 0.96, "staircase": True}))
    cases.append(Case("decay_rate 1 (constant)", {"steps": [0, 7, 1000],
                                                  "initial_learning_rate": 0.01,
                                                  "decay_steps": 100, "decay_rate": 1.0}))
    if hidden:
        cases.append(Case("long training", {"steps": list(range(0, 100000, 997)),
                                            "initial_learning_rate": 0.1,
                                            "decay_steps": 10000, "decay_rate": 0.9,
                                            "staircase": True}))
    return cases


def exponential_decay_ignores_staircase(step, initial_learning_rate, decay_steps, decay_rate,
                                        staircase=False):
    return initial_learning_rate * decay_rate ** (step / decay_steps)


def exponential_decay_always_staircase(step, initial_learning_rate, decay_steps, decay_rate,
                                       staircase=False):
    return initial_learning_rate * decay_rate ** (step // decay_steps)


def exponential_decay_per_step(step, initial_learning_rate, decay_steps, decay_rate,
                               staircase=False):
    p = step // decay_steps if staircase else step
    return initial_learning_rate * decay_rate ** p


def exponential_decay_rounds(step, initial_learning_rate, decay_steps, decay_rate,
                             staircase=False):
    p = round(step / decay_steps) if staircase else step / decay_steps
    return initial_learning_rate * decay_rate ** p


EXPONENTIAL_DECAY = Exercise(
    id="ch6.exponential_decay", name="exponential_decay", reference=exponential_decay,
    make_cases=_decay_cases, call=_call_schedule, rtol=1e-6, atol=1e-12, points=1,
    summary="Keras's ExponentialDecay learning-rate schedule, smooth or staircase",
    mistakes=[
        Mistake("staircase ignored", "With staircase=True, floor the exponent: "
                "decay_rate ** floor(step / decay_steps).", exponential_decay_ignores_staircase),
        Mistake("always a staircase", "Floor the exponent only when staircase=True; the "
                "default decays smoothly.", exponential_decay_always_staircase),
        Mistake("decayed every step", "The rate is multiplied by decay_rate once every "
                "decay_steps steps: the exponent is step / decay_steps, not step.",
                exponential_decay_per_step),
        Mistake("rounded instead of floored", "A staircase drops at the END of each "
                "decay_steps period: floor(step / decay_steps), not round(...).",
                exponential_decay_rounds),
    ])


# ======================================================================================
# 8. clip_by_global_norm (reference here; Keras's global_clipnorm)


def clip_by_global_norm(grads, clip_norm):
    """Scale a list of gradients together so that their joint L2 norm is at most
    ``clip_norm``: ``g * clip_norm / max(global_norm, clip_norm)``, with
    ``global_norm = sqrt(sum of every squared element of every gradient)``.
    Returns a new list; the gradients passed in are left unchanged."""
    global_norm = math.sqrt(sum(float((g * g).sum()) for g in grads))
    scale = clip_norm / max(global_norm, clip_norm)
    return [g * g.dtype.type(scale) for g in grads]


def _clip_cases(rng, hidden):
    cases = []

    def grads_list(k, scale=1.0, dtype=np.float64):
        return [(scale * rng.standard_normal(_shape_of(rng, hidden))).astype(dtype)
                for _ in range(k)]

    for _ in range(3 if hidden else 2):
        cases.append(Case("clipping active", {"grads": grads_list(int(rng.integers(2, 5))),
                                              "clip_norm": float(rng.uniform(0.5, 1.5))}))
    cases.append(Case("norm already below clip_norm", {"grads": grads_list(3, 0.1),
                                                       "clip_norm": 100.0}))
    cases.append(Case("one gradient", {"grads": grads_list(1, 3.0), "clip_norm": 1.0}))
    cases.append(Case("all zeros", {"grads": [np.zeros((2, 3)), np.zeros(4)], "clip_norm": 1.0}))
    cases.append(Case("float32", {"grads": grads_list(2, 2.0, np.float32), "clip_norm": 0.5}))
    if hidden:
        cases.append(Case("a large model", {"grads": [rng.standard_normal((300, 100)),
                                                      rng.standard_normal(100),
                                                      rng.standard_normal((100, 10))],
                                            "clip_norm": 5.0}))
    return cases


def clip_each_tensor(grads, clip_norm):
    out = []
    for g in grads:
        norm = np.sqrt((g * g).sum())
        out.append(g * clip_norm / max(norm, clip_norm))
    return out


def clip_always_rescales(grads, clip_norm):
    norm = np.sqrt(sum((g * g).sum() for g in grads))
    with np.errstate(divide="ignore", invalid="ignore"):
        return [g * clip_norm / norm for g in grads]


def clip_squared_norm(grads, clip_norm):
    norm = sum((g * g).sum() for g in grads)
    return [g * clip_norm / max(norm, clip_norm) for g in grads]


CLIP_BY_GLOBAL_NORM = Exercise(
    id="ch6.clip_by_global_norm", name="clip_by_global_norm", reference=clip_by_global_norm,
    make_cases=_clip_cases, rtol=1e-5, atol=1e-7, points=2,
    summary="gradient clipping by the global norm of all gradients together",
    mistakes=[
        Mistake("clipped each gradient on its own", "Global clipping uses ONE norm over all "
                "the gradients together, sqrt(sum over all of g**2), and one scale for all.",
                clip_each_tensor),
        Mistake("rescaled even below clip_norm", "Only shrink: when the norm is already below "
                "clip_norm the gradients stay as they are (divide by max(norm, clip_norm)).",
                clip_always_rescales),
        Mistake("no square root", "The L2 norm is the square ROOT of the sum of squares.",
                clip_squared_norm),
    ])


EXERCISES = [MINIBATCH_SGD, EMA, SGD_UPDATE, ADAGRAD_UPDATE, RMSPROP_UPDATE, ADAM_UPDATE,
             EXPONENTIAL_DECAY, CLIP_BY_GLOBAL_NORM]
