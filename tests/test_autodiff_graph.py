"""The define-and-run graph: building, running subgraphs, feeds, errors, gradients, optimizers."""

import numpy as np
import pytest

import course.autodiff.tf as tf
from course.autodiff import primitives as P
from course.autodiff.errors import FailedPreconditionError, InvalidArgumentError
from course.autodiff.graph import Operation
from gradcheck import numerical_gradient


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def counting(primitive):
    """``primitive`` with a counter of its forward calls."""
    calls = []

    def forward(*args, **kwargs):
        calls.append(1)
        return primitive.forward(*args, **kwargs)

    return P.Primitive(primitive.name, forward, primitive.backward), calls


# -- building and running ---------------------------------------------------------------------

def test_building_computes_nothing():
    square, calls = counting(P.POWER)
    x = tf.placeholder(tf.float32, [None, 3])
    y = Operation(square, (x,), {"exponent": 2})
    z = tf.reduce_sum(y * 2.0)
    assert calls == [] and z.shape is None and z.dtype == np.float32
    with tf.Session() as sess:
        assert sess.run(z, {x: np.ones((2, 3))}) == 12.0
    assert calls == [1]


def test_run_evaluates_only_the_subgraph_a_fetch_needs_and_each_node_once():
    square, calls = counting(P.POWER)
    a = tf.placeholder(tf.float32, [], name="a")
    unfed = tf.placeholder(tf.float32, [], name="unfed")
    a2 = Operation(square, (a,), {"exponent": 2})
    b = a2 + unfed          # needs the unfed placeholder, but is not fetched
    c = a2 * 3.0
    with tf.Session() as sess:
        out = sess.run({"c": c, "pair": [a2, (c, a2)]}, feed_dict={a: 2.0})
    assert out == {"c": 12.0, "pair": [4.0, (12.0, 4.0)]}
    assert isinstance(out["pair"][1], tuple) and calls == [1]
    assert b.inputs == (a2, unfed)


def test_unfed_placeholder_is_a_clear_error():
    x = tf.placeholder(tf.float32, [None, 784], name="images")
    y = tf.reduce_mean(x)
    with tf.Session() as sess:
        with pytest.raises(InvalidArgumentError, match=r"must feed a value for "
                           r"placeholder 'images' .*float32.*\(\?, 784\)"):
            sess.run(y)
    assert tf.errors.InvalidArgumentError is InvalidArgumentError


@pytest.mark.parametrize("shape", [(2, 5), (2,), (2, 4, 1)])
def test_wrong_feed_shape_is_a_clear_error(shape):
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    with tf.Session() as sess:
        with pytest.raises(ValueError,
                           match=rf"Cannot feed value of shape \({shape[0]},.*'x'.*\(\?, 4\)"):
            sess.run(x * 2.0, feed_dict={x: np.zeros(shape)})


def test_none_dimensions_accept_any_length_and_feeds_take_the_dtype():
    x = tf.placeholder(tf.float32, [None, 2])
    anything = tf.placeholder(tf.int32)
    with tf.Session() as sess:
        for n in (1, 7):
            out = sess.run(x, {x: np.ones((n, 2))})
            assert out.shape == (n, 2) and out.dtype == np.float32
        assert sess.run(anything, {anything: [[1, 2, 3]]}).dtype == np.int32


def test_shape_errors_at_run_time_name_the_node():
    x = tf.placeholder(tf.float32, [None, None])
    w = tf.constant(np.ones((784, 10), np.float32))
    logits = tf.matmul(x, w, name="logits")
    with tf.Session() as sess:
        with pytest.raises(InvalidArgumentError, match=r"'logits'.*\(2, 785\) and \(784, 10\)"):
            sess.run(logits, {x: np.ones((2, 785))})


def test_feeding_an_intermediate_node_cuts_the_graph_there():
    x = tf.placeholder(tf.float32, [], name="x")
    h = x * 2.0
    y = h + 1.0
    with tf.Session() as sess:
        assert sess.run(y, {h: 10.0}) == 11.0          # x is not needed
        assert sess.run(y, {x: 1.0}) == 3.0


def test_uninitialized_variable_is_a_clear_error():
    w = tf.Variable(tf.zeros([2]), name="w")
    with tf.Session() as sess:
        with pytest.raises(FailedPreconditionError, match="uninitialized value w"):
            sess.run(w)
        sess.run(w.initializer)
        np.testing.assert_array_equal(sess.run(w), [0, 0])


def test_fetch_and_feed_type_errors():
    x = tf.placeholder(tf.float32)
    with tf.Session() as sess:
        with pytest.raises(TypeError, match="Fetch argument 3"):
            sess.run([x, 3], {x: 1.0})
        with pytest.raises(TypeError, match="graph node"):
            sess.run(x, {"x": 1.0})
    with pytest.raises(RuntimeError, match="closed"):
        sess.run(x, {x: 1.0})


def test_nodes_of_another_graph_are_rejected():
    g = tf.Graph()
    with g.as_default():
        other = tf.constant(1.0)
    assert other.graph is g and tf.get_default_graph() is not g
    with pytest.raises(ValueError, match="another graph"):
        tf.constant(2.0) + other
    with tf.Session() as sess, pytest.raises(ValueError, match="not an element"):
        sess.run(other)


def test_eval_uses_the_default_session():
    c = tf.constant([1.0, 2.0]) * 2.0
    with pytest.raises(ValueError, match="no default session"):
        c.eval()
    with tf.Session():
        np.testing.assert_array_equal(c.eval(), [2, 4])
    sess = tf.Session()
    with sess.as_default():
        np.testing.assert_array_equal(c.eval(), [2, 4])
    np.testing.assert_array_equal(c.eval(session=sess), [2, 4])


def test_interactive_session_and_variable_collections():
    w = tf.Variable([1.0], name="w")
    step = tf.Variable(0, trainable=False, name="step")
    assert tf.global_variables() == [w, step] and tf.trainable_variables() == [w]
    sess = tf.InteractiveSession()
    try:
        tf.variables_initializer([w]).run()
        np.testing.assert_array_equal(w.eval(), [1.0])
        with pytest.raises(FailedPreconditionError, match="step"):
            step.eval()
        tf.initialize_all_variables().run()
        assert step.eval() == 0
    finally:
        sess.close()
    assert tf.get_default_session() is None


def test_fetched_variables_are_copies():
    w = tf.Variable([1.0, 2.0])
    step = tf.train.GradientDescentOptimizer(1.0).minimize(tf.reduce_sum(w))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        before = sess.run(w)
        sess.run(step)
        np.testing.assert_array_equal(before, [1, 2])
        np.testing.assert_array_equal(sess.run(w), [0, 1])


def test_sessions_hold_independent_state():
    w = tf.Variable(0.0)
    step = tf.train.GradientDescentOptimizer(1.0).minimize(w * 1.0)
    init = tf.global_variables_initializer()
    a, b = tf.Session(), tf.Session()
    a.run(init)
    b.run(init)
    a.run(step)
    assert (a.run(w), b.run(w)) == (-1.0, 0.0)


def test_constants_and_python_numbers():
    assert tf.constant(1.5).dtype == np.float32 and tf.constant(3).dtype == np.int32
    assert tf.constant(np.ones(2)).dtype == np.float64
    np.testing.assert_array_equal(tf.constant(0.1, shape=[3]).value, np.float32([0.1] * 3))
    i = tf.constant([1, 2])
    with pytest.raises(TypeError, match="float"):
        i * 0.5
    x = tf.placeholder(tf.float64, [2])
    with tf.Session() as sess:
        out = sess.run(np.float64(2) * x - 1, {x: [1.0, 2.0]})
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, [1, 3])


# -- random numbers ------------------------------------------------------------------------------

def build_random():
    return [tf.random_normal([3]), tf.truncated_normal([200], stddev=2.0),
            tf.random_uniform([3], -1, 1), tf.random_uniform([3], 0, 10, dtype=tf.int32)]


def draw_twice(nodes):
    with tf.Session() as sess:
        return [sess.run(nodes), sess.run(nodes)]


def test_graph_seed_makes_random_nodes_reproducible_and_fresh_at_each_run():
    tf.set_random_seed(7)
    first = draw_twice(build_random())
    tf.reset_default_graph()
    tf.random.set_seed(7)
    second = draw_twice(build_random())
    for a, b in zip(first, second):
        for x, y in zip(a, b):
            np.testing.assert_array_equal(x, y)            # same program, same numbers
    assert not np.array_equal(first[0][0], first[1][0])    # each run draws anew
    normal, truncated, uniform, integers = first[0]
    assert normal.dtype == np.float32 and np.abs(truncated).max() <= 4.0
    assert uniform.min() >= -1 and uniform.max() < 1 and integers.dtype == np.int32


def test_op_seed_alone_is_reproducible():
    a = draw_twice(tf.random_normal([4], seed=3))
    b = draw_twice(tf.random_normal([4], seed=3))
    np.testing.assert_array_equal(a, b)


# -- gradients -----------------------------------------------------------------------------------

rng = np.random.default_rng(0)

GRAPHS = {
    "softmax_cross_entropy_with_logits": lambda z, labels, onehot:
        tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=onehot, logits=z)),
    "softmax_cross_entropy_with_logits_v2 weighted": lambda z, labels, onehot:
        tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits_v2(labels=onehot, logits=z)
                      * tf.constant([1.0, 2.0, 0.5, 3.0], tf.float64)),
    "sparse_softmax_cross_entropy_with_logits": lambda z, labels, onehot:
        tf.reduce_sum(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=z)
                      * tf.constant([1.0, -2.0, 0.5, 3.0], tf.float64)),
    "softmax": lambda z, labels, onehot: tf.reduce_sum(tf.nn.softmax(z) * onehot * 3.0),
    "log_softmax axis 0": lambda z, labels, onehot:
        tf.reduce_sum(tf.nn.log_softmax(z, axis=0) * onehot),
    "relu sigmoid tanh": lambda z, labels, onehot: tf.reduce_mean(
        tf.nn.relu(z) * tf.nn.sigmoid(z) + tf.tanh(z) * onehot),
    "reduce_max axis 1": lambda z, labels, onehot: tf.reduce_sum(tf.reduce_max(z, axis=1) ** 2),
    "reduce_mean axis keepdims": lambda z, labels, onehot: tf.reduce_sum(
        tf.reduce_mean(z, 0, keepdims=True) * z),
    "matmul transpose_b, square, sqrt, exp, log": lambda z, labels, onehot: tf.reduce_sum(
        tf.sqrt(tf.exp(tf.matmul(z, onehot, transpose_b=True) / 4.0) + 1.0))
        + tf.reduce_sum(tf.log(tf.square(z) + 1.0)),
    "reshape transpose getitem subtract divide": lambda z, labels, onehot: tf.reduce_sum(
        tf.divide(tf.transpose(tf.reshape(z, [3, 4]))[1:, :], 2.0 - tf.negative(onehot[:3, :3])
                  * tf.multiply(z[0, 0], 0.1))),
}


@pytest.mark.parametrize("name", GRAPHS)
def test_gradients_match_central_differences(name):
    z = tf.placeholder(tf.float64, [4, 3])
    labels = np.array([0, 2, 1, 2])
    onehot = tf.constant(np.eye(3)[[1, 0, 2, 2]])
    y = GRAPHS[name](z, labels, onehot)
    (dz,) = tf.gradients(y, [z])
    z_value = rng.normal(size=(4, 3))
    with tf.Session() as sess:
        expected = numerical_gradient(lambda v: sess.run(y, {z: v}), z_value)
        np.testing.assert_allclose(sess.run(dz, {z: z_value}), expected, rtol=1e-6, atol=1e-8)


def test_gradients_of_unconnected_and_non_differentiable_paths_are_none():
    x = tf.placeholder(tf.float32, [3])
    w = tf.Variable([1.0, 2.0, 3.0])
    through_argmax = tf.cast(tf.argmax(x * w, 0), tf.float32)
    assert tf.gradients(through_argmax, [w]) == [None]
    assert tf.gradients(tf.reduce_sum(x), [w]) == [None]
    with pytest.raises(ValueError, match="No gradients provided"):
        tf.train.AdamOptimizer().minimize(through_argmax)


def test_a_node_used_twice_gets_both_gradients():
    x = tf.placeholder(tf.float32, [])
    y = x * x + x
    (dx,) = tf.gradients(y, x)
    with tf.Session() as sess:
        assert sess.run(dx, {x: 3.0}) == 7.0


def test_graph_and_tensor_engines_agree_on_an_mlp():
    from course.autodiff import Tensor
    xs, W1, W2 = rng.normal(size=(6, 5)), rng.normal(size=(5, 4)), rng.normal(size=(4, 3))
    labels = np.array([0, 1, 2, 2, 1, 0])
    x, w1, w2 = tf.constant(xs), tf.Variable(W1), tf.Variable(W2)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=labels, logits=tf.matmul(tf.nn.relu(tf.matmul(x, w1)), w2)))
    grads = tf.gradients(loss, [w1, w2])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        graph_loss, (g1, g2) = sess.run([loss, grads])
    t1, t2 = Tensor(W1), Tensor(W2)
    tensor_loss = ((Tensor(xs) @ t1).relu() @ t2).softmax_cross_entropy(labels)
    tensor_loss.backward()
    assert graph_loss == pytest.approx(float(tensor_loss.data), rel=1e-12)
    np.testing.assert_allclose(g1, t1.grad, rtol=1e-10)
    np.testing.assert_allclose(g2, t2.grad, rtol=1e-10)


def test_per_example_cross_entropy_is_exact_for_huge_logits():
    logits = tf.constant(np.array([[1e4, 0.0, -1e4], [0.0, 0.0, 0.0]], np.float32))
    loss = tf.nn.softmax_cross_entropy_with_logits(
        labels=np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]), logits=logits)
    sparse = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[2, 0], logits=logits)
    with tf.Session() as sess:
        dense_out, sparse_out = sess.run([loss, sparse])
    np.testing.assert_allclose(dense_out, [2e4, np.log(3)], rtol=1e-6)
    np.testing.assert_allclose(sparse_out, dense_out)


# -- optimizers: TensorFlow 1's update rules -------------------------------------------------------

G = np.array([0.5, -2.0, 0.0, 3.0])   # the constant gradient of loss = sum(G * w)


def run_optimizer(optimizer, steps=3, lr_feed=None):
    w = tf.Variable(np.array([1.0, 2.0, -1.0, 0.5]))
    step = optimizer.minimize(tf.reduce_sum(tf.constant(G) * w))
    trajectory = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            sess.run(step, lr_feed)
            trajectory.append(sess.run(w))
    return trajectory


def test_gradient_descent():
    expected = np.array([1.0, 2.0, -1.0, 0.5]) - 0.1 * G * np.arange(1, 4)[:, None]
    np.testing.assert_allclose(run_optimizer(tf.train.GradientDescentOptimizer(0.1)), expected)


def test_adam_is_tf1s_rule_with_epsilon_1e8_outside_the_root():
    lr, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    w, m, v, expected = np.array([1.0, 2.0, -1.0, 0.5]), 0.0, 0.0, []
    for t in range(1, 4):
        lr_t = lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        m = b1 * m + (1 - b1) * G
        v = b2 * v + (1 - b2) * G * G
        w = w - lr_t * m / (np.sqrt(v) + eps)
        expected.append(w)
    optimizer = tf.train.AdamOptimizer(lr)
    assert (optimizer.beta1, optimizer.beta2, optimizer.epsilon) == (b1, b2, eps)
    assert tf.train.AdamOptimizer().learning_rate == 0.001
    np.testing.assert_allclose(run_optimizer(optimizer), expected, rtol=1e-12)


@pytest.mark.parametrize("nesterov", [False, True])
def test_momentum_is_tf1s_rule(nesterov):
    lr, mu = 0.1, 0.9
    w, accum, expected = np.array([1.0, 2.0, -1.0, 0.5]), 0.0, []
    for _ in range(3):
        accum = mu * accum + G
        w = w - lr * (G + mu * accum if nesterov else accum)
        expected.append(w)
    optimizer = tf.train.MomentumOptimizer(lr, mu, use_nesterov=nesterov)
    np.testing.assert_allclose(run_optimizer(optimizer), expected, rtol=1e-12)


@pytest.mark.parametrize("centered", [False, True])
def test_rmsprop_is_tf1s_rule_with_mean_square_starting_at_one(centered):
    lr, rho, mu, eps = 0.1, 0.9, 0.5, 1e-10
    w, ms, mg, mom, expected = np.array([1.0, 2.0, -1.0, 0.5]), 1.0, 0.0, 0.0, []
    for _ in range(3):
        ms = rho * ms + (1 - rho) * G * G
        mg = rho * mg + (1 - rho) * G if centered else 0.0
        mom = mu * mom + lr * G / np.sqrt(ms - mg * mg + eps)
        w = w - mom
        expected.append(w)
    optimizer = tf.train.RMSPropOptimizer(lr, momentum=mu, centered=centered)
    np.testing.assert_allclose(run_optimizer(optimizer), expected, rtol=1e-12)


def test_learning_rate_can_be_fed():
    lr = tf.placeholder(tf.float32, [])
    trajectory = run_optimizer(tf.train.GradientDescentOptimizer(lr), steps=1,
                               lr_feed={lr: 0.5})
    np.testing.assert_allclose(trajectory[0], np.array([1.0, 2.0, -1.0, 0.5]) - 0.5 * G)


def test_global_step_var_list_and_reinitialization():
    w = tf.Variable(1.0, name="w")
    frozen = tf.Variable(1.0, name="frozen")
    global_step = tf.Variable(0, trainable=False)
    loss = w * frozen
    step = tf.train.AdamOptimizer(0.1).minimize(loss, global_step=global_step, var_list=[w])
    init = tf.global_variables_initializer()
    with tf.Session() as sess:
        sess.run(init)
        first = [sess.run(step) or sess.run(w) for _ in range(3)]
        assert sess.run([global_step, frozen]) == [3, 1.0]
        sess.run(init)                     # restarts the variables and Adam's moments
        again = [sess.run(step) or sess.run(w) for _ in range(3)]
    assert first == again
    assert global_step.dtype == np.int32


def test_train_op_returns_the_loss_before_the_update():
    w = tf.Variable(3.0)
    loss = w * w
    step = tf.train.GradientDescentOptimizer(0.25).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run([step, loss]) == [None, 9.0]
        assert sess.run(w) == 1.5
