"""The optimizer base: learning rate (a number or a schedule), step count, gradient clipping.

A subclass names its state arrays in ``slots`` and does one update in ``update_step``
with a ``course.ops.optimizers`` function. ``apply(grads, variables)`` updates in place.
"""

import warnings

import numpy as np

from course.keras.optimizers.missing_gradients import drop_missing
from course.ops.clipping import clip_by_global_norm


class Optimizer:
    """Base optimizer.

    Args:
        learning_rate: a float, or a schedule ``f(iterations) -> float``.
        clipnorm: clip each gradient to this L2 norm; clipvalue: clip each element;
        global_clipnorm: clip all gradients together to this norm.
        lr: the legacy name of ``learning_rate`` (accepted with a warning).
    """

    slots = ()

    def __init__(self, learning_rate=0.001, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, name=None, lr=None, **kwargs):
        if kwargs:
            raise TypeError(f"{type(self).__name__} got unexpected arguments: {sorted(kwargs)}")
        if lr is not None:
            warnings.warn("The `lr` argument is deprecated, use `learning_rate` instead.",
                          DeprecationWarning, stacklevel=3)
            learning_rate = lr
        self.learning_rate = learning_rate
        self.clipnorm, self.clipvalue, self.global_clipnorm = clipnorm, clipvalue, global_clipnorm
        self.name = name or type(self).__name__.lower()
        self.iterations = 0
        self._state = {}  # Variable -> its state arrays (keyed by the object, not its id)

    @property
    def lr(self):
        return self.learning_rate

    @lr.setter
    def lr(self, value):
        self.learning_rate = value

    def current_learning_rate(self):
        """The learning rate of the next step (evaluates a schedule at ``iterations``)."""
        lr = self.learning_rate
        return float(lr(self.iterations) if callable(lr) else lr)

    def _clip(self, grads):
        if self.clipvalue is not None:
            grads = [np.clip(g, -self.clipvalue, self.clipvalue) for g in grads]
        if self.clipnorm is not None:
            grads = [g * min(1.0, self.clipnorm / (np.linalg.norm(g) + 1e-12)) for g in grads]
        if self.global_clipnorm is not None:
            grads = clip_by_global_norm(grads, self.global_clipnorm)
        return grads

    def apply(self, grads, variables):
        """Update ``variables`` (``course.keras.Variable``) in place with ``grads``."""
        grads, variables = drop_missing(grads, variables)
        grads = [np.ascontiguousarray(g, dtype=v.value.dtype) for g, v in zip(grads, variables)]
        grads = self._clip(grads)
        lr = self.current_learning_rate()
        self.iterations += 1
        for g, v in zip(grads, variables):
            state = self._state.get(v)
            if state is None:
                state = self._state[v] = [self.initial_slot(v.value) for _ in self.slots]
            self.update_step(v.value, g, state, lr)

    def apply_gradients(self, grads_and_vars):
        """Keras's form: ``[(grad, variable), ...]``."""
        grads_and_vars = list(grads_and_vars)
        self.apply([g for g, _ in grads_and_vars], [v for _, v in grads_and_vars])

    def initial_slot(self, param):
        return np.zeros_like(param)

    def update_step(self, param, grad, state, learning_rate):
        raise NotImplementedError

    def get_config(self):
        lr = self.learning_rate
        return {"name": self.name,
                "learning_rate": lr.get_config() if hasattr(lr, "get_config") else float(lr)}
