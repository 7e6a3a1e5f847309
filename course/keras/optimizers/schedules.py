"""Learning-rate schedules: callables ``schedule(step) -> learning rate``."""

from course.ops.schedules import exponential_decay


class LearningRateSchedule:
    """Base class; ``step`` counts optimizer updates from 0."""

    def __call__(self, step):
        raise NotImplementedError


class ExponentialDecay(LearningRateSchedule):
    """``lr0 * decay_rate ** (step / decay_steps)`` (floored with ``staircase=True``)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False):
        self.initial_learning_rate = float(initial_learning_rate)
        self.decay_steps, self.decay_rate, self.staircase = decay_steps, decay_rate, staircase

    def __call__(self, step):
        return exponential_decay(step, self.initial_learning_rate, self.decay_steps,
                                 self.decay_rate, self.staircase)

    def get_config(self):
        return dict(vars(self))


class PiecewiseConstantDecay(LearningRateSchedule):
    """``values[i]`` while ``boundaries[i-1] < step <= boundaries[i]``."""

    def __init__(self, boundaries, values):
        if len(values) != len(boundaries) + 1:
            raise ValueError("PiecewiseConstantDecay needs one more value than boundaries")
        self.boundaries, self.values = list(boundaries), list(values)

    def __call__(self, step):
        for boundary, value in zip(self.boundaries, self.values):
            if step <= boundary:
                return value
        return self.values[-1]

    def get_config(self):
        return dict(vars(self))
