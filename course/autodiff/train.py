"""Optimizers in the style of TensorFlow 1: ``train_op = Optimizer(lr).minimize(loss)``.

``minimize`` builds a :class:`TrainStep` node. Each run of it is one training step: the
gradients of ``loss`` with respect to the variables, by reverse mode over the run's
forward pass (:meth:`~course.autodiff.session.Run.gradients`), then an in-place update of
each variable's array in the session. ``sess.run([train_op, loss], feed)`` returns the
loss computed *before* the update, from the same forward pass.

The update rules are TensorFlow 1's (``tf.compat.v1.train``), with its defaults:

- ``GradientDescentOptimizer``: ``var -= lr * g``, by ``course.ops.sgd_update``.
- ``AdamOptimizer`` (lr 0.001, beta1 0.9, beta2 0.999, epsilon **1e-8**):
  ``lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)``, ``m = beta1 m + (1 - beta1) g``,
  ``v = beta2 v + (1 - beta2) g^2``, ``var -= lr_t * m / (sqrt(v) + epsilon)``: epsilon
  outside the root, bias correction folded into ``lr_t``. That is the rule of
  ``course.ops.adam_update`` (Keras's), which does the work; only the default epsilon
  differs (Keras: 1e-7).
- ``MomentumOptimizer``: ``accum = momentum * accum + g``, ``var -= lr * accum``
  (Nesterov: ``var -= lr * (g + momentum * accum)``). Keras's SGD keeps
  ``velocity = momentum * velocity - lr * g`` instead: the same steps while ``lr`` is
  constant, not when it changes, so TensorFlow 1's rule is written out here.
- ``RMSPropOptimizer`` (decay 0.9, momentum 0, epsilon 1e-10, centered False):
  ``ms = decay ms + (1 - decay) g^2`` with ``ms`` starting at **ones** (Keras: zeros);
  ``mom = momentum mom + lr g / sqrt(ms + epsilon)``; ``var -= mom``; centered: ``ms``
  minus the square of a running mean of ``g`` under the root. Written out here.

The learning rate may be a number or a scalar node (a placeholder, say), read at each run.
The optimizer state (moments, step count) lives in the session, per variable; running a
variable's initializer again restarts it.
"""

import numpy as np

from course.autodiff.gradients import differentiable_path
from course.autodiff.graph import Node
from course.ops import adam_update, sgd_update


class Optimizer:
    """What every optimizer shares: ``minimize``; subclasses define ``update``."""

    def __init__(self, learning_rate, name):
        self.learning_rate = learning_rate
        self.name = name

    def minimize(self, loss, global_step=None, var_list=None, name=None):
        """A node whose every run takes one step down the gradient of ``loss``.

        Args:
            loss: a scalar node.
            global_step: an integer Variable, incremented by each step, or None.
            var_list: the Variables to update (default: every trainable variable of the
                graph that ``loss`` depends on).

        Raises:
            ValueError: ``loss`` depends on none of the variables through operations that
                have gradients.
        """
        if var_list is None:
            var_list = [v for v in loss.graph.variables if v.trainable]
        connected = set(differentiable_path([loss], var_list))
        var_list = [v for v in var_list if v in connected]
        if not var_list:
            raise ValueError(f"No gradients provided for any variable: {loss.name} does not "
                             f"depend on any trainable Variable through differentiable operations")
        return TrainStep(self, loss, var_list, global_step, name or self.name)

    def update(self, var, grad, slots, lr):
        """Update the array ``var`` in place, given ``grad`` and the state dict ``slots``."""
        raise NotImplementedError


class TrainStep(Node):
    """The node ``minimize`` returns; running it is one step of ``optimizer``."""

    def __init__(self, optimizer, loss, var_list, global_step, name):
        lr = optimizer.learning_rate
        super().__init__(name, (loss,) + ((lr,) if isinstance(lr, Node) else ()))
        self.optimizer, self.loss = optimizer, loss
        self.var_list, self.global_step = tuple(var_list), global_step

    def evaluate(self, values, run):
        lr = float(values[1] if len(values) > 1 else self.optimizer.learning_rate)
        grads = run.gradients((self.loss,), self.var_list)  # every gradient before any update
        for var, grad in zip(self.var_list, grads):
            if grad is not None:  # None: the run fed a node between var and loss
                array = run.session.read(var)
                grad = np.ascontiguousarray(grad, dtype=array.dtype)
                self.optimizer.update(array, grad, run.session.slots(var, self), lr)
        if self.global_step is not None:
            run.session.read(self.global_step)[...] += 1


class GradientDescentOptimizer(Optimizer):
    """``var -= learning_rate * grad``."""

    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(learning_rate, name)

    def update(self, var, grad, slots, lr):
        sgd_update(var, grad, learning_rate=lr)


class MomentumOptimizer(Optimizer):
    """TensorFlow 1's momentum: ``accum = momentum accum + g; var -= lr accum``."""

    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum",
                 use_nesterov=False):
        super().__init__(learning_rate, name)
        self.momentum, self.use_nesterov = momentum, use_nesterov

    def update(self, var, grad, slots, lr):
        accum = slots.setdefault("accumulation", np.zeros_like(var))
        accum *= self.momentum
        accum += grad
        var -= lr * (grad + self.momentum * accum) if self.use_nesterov else lr * accum


class AdamOptimizer(Optimizer):
    """TensorFlow 1's Adam (epsilon 1e-8, outside the root), by ``course.ops.adam_update``."""

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8,
                 use_locking=False, name="Adam"):
        super().__init__(learning_rate, name)
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon

    def update(self, var, grad, slots, lr):
        if not slots:
            slots.update(m=np.zeros_like(var), v=np.zeros_like(var), t=0)
        slots["t"] += 1
        adam_update(var, grad, slots["m"], slots["v"], slots["t"], learning_rate=lr,
                    beta_1=self.beta1, beta_2=self.beta2, epsilon=self.epsilon)


class RMSPropOptimizer(Optimizer):
    """TensorFlow 1's RMSProp: mean square from ones, epsilon under the root, plain momentum."""

    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10,
                 use_locking=False, centered=False, name="RMSProp"):
        super().__init__(learning_rate, name)
        self.decay, self.momentum = decay, momentum
        self.epsilon, self.centered = epsilon, centered

    def update(self, var, grad, slots, lr):
        if not slots:
            slots.update(ms=np.ones_like(var), mg=np.zeros_like(var), mom=np.zeros_like(var))
        ms, mg, mom = slots["ms"], slots["mg"], slots["mom"]
        rho = self.decay
        ms *= rho
        ms += (1 - rho) * grad * grad
        if self.centered:
            mg *= rho
            mg += (1 - rho) * grad
        mom *= self.momentum
        mom += lr * grad / np.sqrt(ms - mg * mg + self.epsilon)
        var -= mom
