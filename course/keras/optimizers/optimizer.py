"""The optimizer base, with Keras 3's common arguments.

A subclass names its state arrays in ``slots`` and does one update in ``update_step``
with a ``course.ops.optimizers`` function. ``apply(grads, variables)`` updates in place,
in Keras's order: scale by ``1 / loss_scale_factor``, accumulate over
``gradient_accumulation_steps``, clip (``clipnorm``, ``clipvalue`` or
``global_clipnorm``: one of them), decay the weights (``weight_decay``), update, then
track the moving average of the weights (``use_ema``).
"""

import re
import warnings

import numpy as np

from course.keras.optimizers import schedules
from course.keras.optimizers.missing_gradients import drop_missing
from course.ops.clipping import clip_by_global_norm, clip_by_norm
from course.ops.optimizers import moving_average_update, weight_decay_update


def _check_arguments(clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum,
                     ema_overwrite_frequency, gradient_accumulation_steps):
    if sum(a is not None for a in (clipnorm, clipvalue, global_clipnorm)) > 1:
        raise ValueError(f"Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be "
                         f"set. Received: clipnorm={clipnorm}, clipvalue={clipvalue}, "
                         f"global_clipnorm={global_clipnorm}")
    if gradient_accumulation_steps and not gradient_accumulation_steps >= 2:
        raise ValueError(f"`gradient_accumulation_steps` must be an integer >= 2. Received: "
                         f"gradient_accumulation_steps={gradient_accumulation_steps}")
    if use_ema and not 0 <= ema_momentum <= 1:
        raise ValueError(f"`ema_momentum` must be in the range [0, 1]. Received: "
                         f"ema_momentum={ema_momentum}")
    if use_ema and ema_overwrite_frequency is not None and (
            not isinstance(ema_overwrite_frequency, int) or ema_overwrite_frequency < 1):
        raise ValueError(f"`ema_overwrite_frequency` must be an integer >= 1 or None. "
                         f"Received: ema_overwrite_frequency={ema_overwrite_frequency}")


class Optimizer:
    """Base optimizer.

    Args:
        learning_rate: a float, or a schedule ``f(iterations) -> float``.
        weight_decay: decoupled weight decay, ``param -= param * weight_decay * lr``.
        clipnorm: clip each gradient to this L2 norm; clipvalue: clip each element;
        global_clipnorm: clip all gradients together to this norm.
        use_ema, ema_momentum, ema_overwrite_frequency: keep a moving average of the
            weights (written into them every ``ema_overwrite_frequency`` steps, and at the
            end of ``fit``).
        loss_scale_factor: the gradients are divided by it.
        gradient_accumulation_steps: update every that many calls with the mean gradient.
        lr: the legacy name of ``learning_rate`` (accepted with a warning).
    """

    slots = ()

    def __init__(self, learning_rate=0.001, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, lr=None, **kwargs):
        if kwargs:
            raise TypeError(f"{type(self).__name__} got unexpected arguments: {sorted(kwargs)}")
        if lr is not None:
            warnings.warn("The `lr` argument is deprecated, use `learning_rate` instead.",
                          DeprecationWarning, stacklevel=3)
            learning_rate = lr
        _check_arguments(clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum,
                         ema_overwrite_frequency, gradient_accumulation_steps)
        if isinstance(learning_rate, dict):
            learning_rate = schedules.deserialize(learning_rate)
        self.learning_rate = learning_rate
        self.weight_decay = weight_decay
        self.clipnorm, self.clipvalue, self.global_clipnorm = clipnorm, clipvalue, global_clipnorm
        self.use_ema, self.ema_momentum = bool(use_ema), ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self.name = name or type(self).__name__.lower()
        self.iterations = 0
        self._state = {}  # Variable -> its state arrays (keyed by the object, not its id)
        self._accumulated = {}  # Variable -> its accumulated gradient
        self._averages = {}  # Variable -> the moving average of its value
        self._no_decay_ids, self._no_decay_names = set(), []

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

    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Leave these variables (or those whose name contains one of ``var_names``) undecayed."""
        self._no_decay_ids |= {id(v) for v in var_list or ()}
        self._no_decay_names += list(var_names or ())

    def _decays(self, variable):
        return self.weight_decay is not None and id(variable) not in self._no_decay_ids and \
            not any(re.search(n, variable.path) for n in self._no_decay_names)

    def _clip(self, grads):
        if self.clipnorm and self.clipnorm > 0:
            return [clip_by_norm(g, self.clipnorm) for g in grads]
        if self.global_clipnorm and self.global_clipnorm > 0:
            return clip_by_global_norm(grads, self.global_clipnorm)
        if self.clipvalue and self.clipvalue > 0:
            return [np.clip(g, -self.clipvalue, self.clipvalue) for g in grads]
        return grads

    def _accumulate(self, grads, variables, step):
        """The mean gradient on every ``gradient_accumulation_steps``-th step, else None."""
        sums = [self._accumulated.setdefault(v, np.zeros_like(v.value)) for v in variables]
        if step % self.gradient_accumulation_steps:
            for total, g in zip(sums, grads):
                total += g
            return None
        steps = self.gradient_accumulation_steps
        grads = [(g + total) / g.dtype.type(steps) for g, total in zip(grads, sums)]
        for total in sums:
            total[...] = 0
        return grads

    def apply(self, grads, variables):
        """Update ``variables`` (``course.keras.Variable``) in place with ``grads``.

        During the update, ``iterations`` is the step ``t``, 1 on the first step. A variable
        whose gradient is None (no loss depends on it) is skipped with Keras's warning.
        """
        grads, variables = drop_missing(grads, variables)
        step = self.iterations + 1
        grads = [np.ascontiguousarray(g, dtype=v.value.dtype) for g, v in zip(grads, variables)]
        if self.loss_scale_factor is not None:
            grads = [g / g.dtype.type(self.loss_scale_factor) for g in grads]
        if self.gradient_accumulation_steps:
            grads = self._accumulate(grads, variables, step)
        if grads is None:
            self.iterations = step
            return
        grads = self._clip(grads)
        lr = self.current_learning_rate()
        for v in variables:
            if self._decays(v):
                weight_decay_update(v.value, lr, self.weight_decay)
        self.iterations = step
        self.begin_step(lr)
        for g, v in zip(grads, variables):
            state = self._state.get(v)
            if state is None:
                state = self._state[v] = [self.initial_slot(v.value) for _ in self.slots]
            self.update_step(v.value, g, state, lr)
        if self.use_ema:
            self._track_average(variables, step)

    def _track_average(self, variables, step):
        momentum = self.ema_momentum if step > 1 else 0.0
        for v in variables:
            average = self._averages.setdefault(v, v.value.copy())
            moving_average_update(average, v.value, momentum)
        if self.ema_overwrite_frequency and step % self.ema_overwrite_frequency == 0:
            self.finalize_variable_values(variables)

    def finalize_variable_values(self, var_list):
        """With ``use_ema``, write the moving averages into the variables."""
        if self.use_ema:
            for v in var_list:
                if v in self._averages:
                    v.value[...] = self._averages[v]

    def apply_gradients(self, grads_and_vars):
        """Keras's form: ``[(grad, variable), ...]``."""
        grads_and_vars = list(grads_and_vars)
        self.apply([g for g, _ in grads_and_vars], [v for _, v in grads_and_vars])

    def begin_step(self, learning_rate):
        """Work shared by all the variables of one step (Nadam's momentum product)."""

    def initial_slot(self, param):
        return np.zeros_like(param)

    def update_step(self, param, grad, state, learning_rate):
        raise NotImplementedError

    def get_config(self):
        lr = self.learning_rate
        return {"name": self.name,
                "learning_rate": (schedules.serialize(lr) if hasattr(lr, "get_config")
                                  else float(lr)),
                "weight_decay": self.weight_decay, "clipnorm": self.clipnorm,
                "global_clipnorm": self.global_clipnorm, "clipvalue": self.clipvalue,
                "use_ema": self.use_ema, "ema_momentum": self.ema_momentum,
                "ema_overwrite_frequency": self.ema_overwrite_frequency,
                "loss_scale_factor": self.loss_scale_factor,
                "gradient_accumulation_steps": self.gradient_accumulation_steps}

    @classmethod
    def from_config(cls, config):
        return cls(**config)
