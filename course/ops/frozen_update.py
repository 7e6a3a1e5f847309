"""One SGD (momentum) step on a model part of whose weights are frozen.

Fine-tuning a network on top of a pretrained base freezes the base (``layer.trainable =
False``): the optimizer must not change its weights, and must not build up momentum for
them either. Keras does this by giving the optimizer only ``model.trainable_variables``;
here the parameters come with one flag each::

    for every parameter i with trainable[i]:
        velocity_i <- momentum * velocity_i - learning_rate * grad_i
        param_i    <- param_i + velocity_i          (in place)

and the frozen ones, with their velocities, stay exactly as they are. A velocity built up
while a layer was frozen would move it by that whole amount in the first step after it is
unfrozen.
"""

import numpy as np

from course.ops.optimizers import sgd_update


def frozen_update(params: list, grads: list, velocities: list, trainable: list,
                  learning_rate: float = 0.01, momentum: float = 0.9) -> None:
    """Update the trainable ``params`` (and their ``velocities``) in place; leave the rest.

    Args:
        params, grads, velocities: lists of arrays, one shape per position (C-contiguous
            ``params`` and ``velocities``, which are changed in place).
        trainable: one bool per parameter.
        learning_rate, momentum: SGD's. With momentum 0 the velocities are not used (plain
            SGD, as in ``sgd_update``, and Keras's ``SGD`` then keeps none).
    """
    sizes = {len(params), len(grads), len(velocities), len(trainable)}
    if len(sizes) != 1:
        raise ValueError(f"frozen_update: params, grads, velocities and trainable must have one "
                         f"entry per parameter, got lengths {len(params)}, {len(grads)}, "
                         f"{len(velocities)}, {len(trainable)}")
    for p, g, v, t in zip(params, grads, velocities, trainable):
        if t:
            sgd_update(p, np.asarray(g, dtype=p.dtype), v, learning_rate=learning_rate,
                       momentum=momentum)
