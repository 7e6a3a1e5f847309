"""ch2.mse_loss_graph: the node of a mean squared error, built with tf operations, run by a
Session."""

import numpy as np

from course.autodiff.mse_graph import mse_loss_graph
from course.checks.cases import dims
from course.checks.spec import Case, Exercise, Mistake


def _call_mse_loss_graph(obj, args):
    import course.autodiff.tf as tf
    from course.autodiff.graph import Node
    graph = tf.Graph()
    with graph.as_default():
        x = tf.placeholder(tf.float64, (None, args["W"].shape[0]), name="x")
        y = tf.placeholder(tf.float64, (None, args["W"].shape[1]), name="y")
        W = tf.Variable(args["W"], name="W")
        b = tf.Variable(args["b"], name="b")
        loss = obj(x, y, W, b)
        if not isinstance(loss, Node):
            raise TypeError(f"mse_loss_graph should return a graph node built with tf "
                            f"operations, got {type(loss).__name__}")
        grads = tf.gradients(loss, [W, b])
        with tf.Session(graph=graph) as sess:
            sess.run(tf.global_variables_initializer())
            fetched = sess.run([loss] + [g for g in grads if g is not None],
                               {x: args["x"], y: args["y"]})
    values = iter(fetched[1:])
    dW, db = (np.zeros_like(v) if g is None else next(values)
              for g, v in zip(grads, (args["W"], args["b"])))
    return fetched[0], dW, db


def mse_loss_graph__reduce_sum_instead_of_reduce_mean(x, y, W, b):
    import course.autodiff.tf as tf
    return tf.reduce_sum(tf.square(tf.matmul(x, W) + b - y))


def mse_loss_graph__a_factor_1_2(x, y, W, b):
    import course.autodiff.tf as tf
    return 0.5 * tf.reduce_mean(tf.square(tf.matmul(x, W) + b - y))


def mse_loss_graph__one_loss_per_example(x, y, W, b):
    import course.autodiff.tf as tf
    return tf.reduce_mean(tf.square(tf.matmul(x, W) + b - y), axis=1)


def mse_loss_graph__bias_left_out(x, y, W, b):
    import course.autodiff.tf as tf
    return tf.reduce_mean(tf.square(tf.matmul(x, W) - y))


def _mse_graph_case(rng, n, d, m, scale=1.0):
    return {"x": rng.standard_normal((n, d)) * scale, "y": rng.standard_normal((n, m)),
            "W": rng.standard_normal((d, m)) * 0.5, "b": rng.standard_normal(m) * 0.5}


def _mse_graph_cases(rng, hidden):
    cases = [Case("random shapes", _mse_graph_case(rng, *dims(rng, 2, 9, 3)))
             for _ in range(5 if hidden else 2)]
    cases.append(Case("batch of 1", _mse_graph_case(rng, 1, 3, 2)))
    cases.append(Case("one output", _mse_graph_case(rng, 6, 4, 1)))
    zero = _mse_graph_case(rng, 5, 3, 2)
    zero["W"], zero["b"] = np.zeros_like(zero["W"]), np.zeros_like(zero["b"])
    cases.append(Case("zero weights", zero))
    cases.append(Case("large inputs", _mse_graph_case(rng, 4, 3, 2, scale=1e3)))
    if hidden:
        cases.append(Case("large", _mse_graph_case(rng, 1000, 50, 10)))
    return cases


MSE_LOSS_GRAPH = Exercise(
    id="ch2.mse_loss_graph", name="mse_loss_graph", reference=mse_loss_graph,
    make_cases=_mse_graph_cases, call=_call_mse_loss_graph,
    output_names=("loss", "dloss/dW", "dloss/db"), points=2, rtol=1e-7, atol=1e-9,
    summary="the node of a mean squared error, built with tf operations, run by a Session",
    mistakes=[
        Mistake("reduce_sum instead of reduce_mean",
                "The mean squared error averages over every element: tf.reduce_mean, not "
                "tf.reduce_sum.", mse_loss_graph__reduce_sum_instead_of_reduce_mean),
        Mistake("a factor 1/2",
                "TensorFlow's and Keras's mean squared error has no 1/2 in front (some "
                "textbooks add it to tidy the derivative).", mse_loss_graph__a_factor_1_2),
        Mistake("one loss per example",
                "reduce_mean(..., axis=1) leaves one loss per example; the loss to minimize "
                "is one number: reduce over every axis (no axis argument).",
                mse_loss_graph__one_loss_per_example),
        Mistake("bias left out",
                "The model is x @ W + b: you left b out, so the loss does not depend on it.",
                mse_loss_graph__bias_left_out),
    ])
