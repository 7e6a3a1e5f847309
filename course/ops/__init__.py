"""Every operation of the course once, as a pair of pure functions.

``x_forward(inputs...) -> (out, cache)`` and ``x_backward(dout, cache) -> grads``, with
shapes in each docstring. Layers in ``course.keras`` call these, and exercises are graded
against them. Arrays keep their dtype (float32 by default in the layers; float64 works for
gradient checks); images are channels-last ``(N, H, W, C)``.
"""

from course.ops.activations import *  # noqa: F401,F403
from course.ops.dense import dense_backward, dense_forward  # noqa: F401
from course.ops.losses import *  # noqa: F401,F403
from course.ops.optimizers import (adagrad_update, adam_update, rmsprop_update,  # noqa: F401
                                   sgd_update)
from course.ops.regularizers import *  # noqa: F401,F403
from course.ops.softmax_cross_entropy import (softmax_cross_entropy_backward,  # noqa: F401
                                              softmax_cross_entropy_forward)
