"""Learning-rate schedules as functions of the step; ``course.keras.optimizers.schedules``
wraps them in Keras's schedule objects."""

import math


def exponential_decay(step: int, initial_learning_rate: float, decay_steps: int, decay_rate: float,
                      staircase: bool = False) -> float:
    """``initial_learning_rate * decay_rate ** (step / decay_steps)``; with ``staircase``
    the exponent is floored, so the rate drops in steps every ``decay_steps`` updates
    (Keras's ``ExponentialDecay``)."""
    p = step / decay_steps
    if staircase:
        p = math.floor(p)
    return initial_learning_rate * decay_rate ** p


def inverse_time_decay(step: int, initial_learning_rate: float, decay_steps: int,
                       decay_rate: float, staircase: bool = False) -> float:
    """``initial_learning_rate / (1 + decay_rate * step / decay_steps)`` (the ratio floored
    with ``staircase``), Keras's ``InverseTimeDecay``."""
    p = step / decay_steps
    if staircase:
        p = math.floor(p)
    return initial_learning_rate / (1 + decay_rate * p)


def piecewise_constant_decay(step: int, boundaries: list, values: list) -> float:
    """``values[0]`` while ``step <= boundaries[0]``, ``values[i]`` while
    ``boundaries[i-1] < step <= boundaries[i]``, ``values[-1]`` after the last boundary."""
    for boundary, value in zip(boundaries, values):
        if step <= boundary:
            return value
    return values[-1]


def polynomial_decay(step: int, initial_learning_rate: float, decay_steps: int,
                     end_learning_rate: float = 0.0001, power: float = 1.0,
                     cycle: bool = False) -> float:
    """From ``initial_learning_rate`` to ``end_learning_rate`` along ``(1 - step/decay_steps)
    ** power``; then constant, or, with ``cycle``, again over the next multiple of
    ``decay_steps`` (Keras's ``PolynomialDecay``)."""
    if cycle:
        decay_steps = decay_steps * (math.ceil(step / decay_steps) if step else 1)
    else:
        step = min(step, decay_steps)
    p = step / decay_steps
    return (initial_learning_rate - end_learning_rate) * (1 - p) ** power + end_learning_rate


def _cosine(fraction, alpha):
    return (1 - alpha) * 0.5 * (1 + math.cos(math.pi * fraction)) + alpha


def cosine_decay(step: int, initial_learning_rate: float, decay_steps: int, alpha: float = 0.0,
                 warmup_target: float | None = None, warmup_steps: int = 0) -> float:
    """Half a cosine from the rate down to ``alpha`` times it over ``decay_steps``, then
    constant. With ``warmup_target``, first a linear ramp from ``initial_learning_rate`` to
    ``warmup_target`` over ``warmup_steps``, then the cosine from ``warmup_target``."""
    if warmup_target is None:
        return initial_learning_rate * _cosine(min(step, decay_steps) / decay_steps, alpha)
    step = min(step, decay_steps + warmup_steps)
    if step < warmup_steps:
        return (warmup_target - initial_learning_rate) * step / warmup_steps + \
            initial_learning_rate
    return warmup_target * _cosine((step - warmup_steps) / decay_steps, alpha)


def cosine_decay_restarts(step: int, initial_learning_rate: float, first_decay_steps: int,
                          t_mul: float = 2.0, m_mul: float = 1.0, alpha: float = 0.0) -> float:
    """Cosine decay with warm restarts (SGDR): period ``i`` lasts ``first_decay_steps *
    t_mul**i`` steps and starts from ``initial_learning_rate * m_mul**i``."""
    fraction = step / first_decay_steps
    if t_mul == 1.0:
        restart = math.floor(fraction)
        fraction -= restart
    else:
        restart = math.floor(math.log(1 - fraction * (1 - t_mul)) / math.log(t_mul))
        fraction = (fraction - (1 - t_mul ** restart) / (1 - t_mul)) / t_mul ** restart
    cosine = 0.5 * m_mul ** restart * (1 + math.cos(math.pi * fraction))
    return initial_learning_rate * ((1 - alpha) * cosine + alpha)
