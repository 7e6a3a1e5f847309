"""The mean squared error of a linear model as a node of a dataflow graph, built with the
TensorFlow 1 facade (``course.autodiff.tf``) and computed only when a Session runs it."""

from course.autodiff import tf


def mse_loss_graph(x, y, W, b):
    """The node of ``mean((x @ W + b - y) ** 2)``, the mean squared error of the linear model
    against ``y``; the arguments are graph nodes (placeholders, variables) or arrays, ``x``
    ``(N, D)``, ``W`` ``(D, M)``, ``b`` ``(M,)``, ``y`` ``(N, M)``. Nothing is computed
    until a Session runs the returned node."""
    return tf.reduce_mean(tf.square(tf.matmul(x, W) + b - y))
