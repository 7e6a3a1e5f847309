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
