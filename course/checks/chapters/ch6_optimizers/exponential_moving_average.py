"""ch6.exponential_moving_average: exponential moving average with bias correction."""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.ops.moving_average import exponential_moving_average


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


def exponential_moving_average__beta_and_1_beta_swapped(values, beta, bias_correction=True):
    s = np.zeros(values.shape[1:])
    out = []
    for t in range(1, len(values) + 1):
        s = (1 - beta) * s + beta * values[t - 1]
        out.append(s / (1 - beta ** t) if bias_correction else s)
    return np.array(out)


def exponential_moving_average__no_bias_correction(values, beta, bias_correction=True):
    s = np.zeros(values.shape[1:])
    out = []
    for x in values:
        s = beta * s + (1 - beta) * x
        out.append(s)
    return np.array(out)


def exponential_moving_average__t_counted_from_0(values, beta, bias_correction=True):
    s = np.zeros(values.shape[1:])
    out = []
    for t in range(len(values)):
        s = beta * s + (1 - beta) * values[t]
        with np.errstate(divide="ignore", invalid="ignore"):
            out.append(s / (1 - np.float64(beta) ** t) if bias_correction else s)
    return np.array(out)


def exponential_moving_average__started_at_the_first_value(values, beta, bias_correction=True):
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
                "s = beta * s + (1 - beta) * x.",
                exponential_moving_average__beta_and_1_beta_swapped),
        Mistake("no bias correction", "With bias_correction=True divide s_t by "
                "(1 - beta**t): s starts at 0, so the first averages are too small.",
                exponential_moving_average__no_bias_correction),
        Mistake("t counted from 0", "After the first value t = 1 (1 - beta**0 = 0 would divide "
                "by zero): use t = 1, 2, ..., T.", exponential_moving_average__t_counted_from_0),
        Mistake("started at the first value", "Start the average at s_0 = 0 (that is what the "
                "bias correction corrects for), not at the first value.",
                exponential_moving_average__started_at_the_first_value),
    ])
