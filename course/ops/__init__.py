"""Every operation of the course once, as a pair of pure functions.

``x_forward(inputs...) -> (out, cache)`` and ``x_backward(dout, cache) -> grads``, with
shapes in each docstring. Layers in ``course.keras`` call these, and exercises are graded
against them. Arrays keep their dtype (float32 by default in the layers; float64 works for
gradient checks); images are channels-last ``(N, H, W, C)``. Optimizer updates work in
place on a parameter and its state.

Beside the pairs, plain functions that exercises are graded against live here too, each in
the module of its math: ``indexing``, ``layout``, ``reductions``, ``distances``,
``bilinear`` (tensors), ``gradient_check`` (central differences, relative error),
``activation_stats``, ``two_layer_net``, ``schedules``, ``clipping``, ``moving_average``,
``least_squares``, ``sequential`` (a stack of Dense layers as functions),
``classification_metrics`` (confusion matrix, precision/recall/F1, ROC, AUC, the best-F1
threshold) and ``resampling`` (balanced class weights, over- and undersampling).
"""

from course import threads  # noqa: F401  (first: applies the threading and memory policy)
from course.ops.activations import (ACTIVATIONS, elu_backward, elu_forward, leaky_relu_backward,
                                    leaky_relu_forward, linear_backward, linear_forward,
                                    log_softmax_backward, log_softmax_forward, relu_backward,
                                    relu_forward, sigmoid_backward, sigmoid_forward,
                                    softmax_backward, softmax_forward, tanh_backward,
                                    tanh_forward)
from course.ops import initializers  # noqa: F401  (ops.initializers.glorot_uniform ...)
from course.ops.batchnorm import batchnorm_backward, batchnorm_forward
from course.ops.conv import (conv2d_backward, conv2d_forward, conv2d_naive_backward,
                             conv2d_naive_forward)
from course.ops.conv_pool import conv2d_relu_pool_backward, conv2d_relu_pool_forward
from course.ops.dense import dense_backward, dense_forward
from course.ops.dropout import dropout_backward, dropout_forward
from course.ops.losses import (binary_crossentropy_backward, binary_crossentropy_forward,
                               binary_crossentropy_from_logits_backward,
                               binary_crossentropy_from_logits_forward,
                               categorical_crossentropy_backward,
                               categorical_crossentropy_forward,
                               categorical_crossentropy_from_logits_backward,
                               categorical_crossentropy_from_logits_forward,
                               mean_absolute_error_backward, mean_absolute_error_forward,
                               mean_squared_error_backward, mean_squared_error_forward,
                               sparse_categorical_crossentropy_backward,
                               sparse_categorical_crossentropy_forward,
                               sparse_categorical_crossentropy_from_logits_backward,
                               sparse_categorical_crossentropy_from_logits_forward)
from course.ops.merge import add_backward, add_forward, concatenate_backward, concatenate_forward
from course.ops.optimizers import (adadelta_update, adagrad_update, adam_update, adamax_update,
                                   amsgrad_update, rmsprop_momentum_update,
                                   lion_update, nadam_update, rmsprop_update, sgd_update)
from course.ops.optimizers import adamw_update
from course.ops.padding import zero_padding2d_backward, zero_padding2d_forward
from course.ops.pooling import (average_pool2d_backward, average_pool2d_forward,
                                global_average_pool2d_backward, global_average_pool2d_forward,
                                global_max_pool2d_backward, global_max_pool2d_forward,
                                max_pool2d_backward, max_pool2d_forward)
from course.ops.regularizers import l1_l2_backward, l1_l2_forward
from course.ops.reshape import flatten_backward, flatten_forward, reshape_backward, reshape_forward
from course.ops.softmax_cross_entropy import (softmax_cross_entropy_backward,
                                              softmax_cross_entropy_forward)

__all__ = ["ACTIVATIONS"] + [name for name in dir() if name.endswith(("_forward", "_backward", "_update"))]
