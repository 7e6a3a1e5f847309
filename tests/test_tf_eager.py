"""``import course.tf as tf``: TensorFlow 2's eager basics, and TensorFlow 1 scripts."""

import numpy as np
import pytest

import course.tf as tf
from test_tf1_script import TF1_COMPAT_SCRIPT, TF1_SCRIPT, dataset



@pytest.fixture(autouse=True)
def eager_again_after_each_test(monkeypatch):
    """A TF1 script's ``disable_eager_execution`` lasts for its process: undo it per test."""
    from course.tf import dispatch
    monkeypatch.setitem(dispatch._STATE, "graph", False)


def test_eager_basics_give_tensors_with_numpy():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    assert x.dtype == np.float32 and x.shape == (2, 2)
    assert tf.constant([1, 2]).dtype == np.int32
    assert tf.reduce_sum(x).numpy() == 10.0
    np.testing.assert_allclose(tf.reduce_mean(x, axis=0).numpy(), [2.0, 3.0])
    assert tf.reduce_max(x).numpy() == 4.0 and tf.math.square(x).numpy()[1, 1] == 16.0
    np.testing.assert_allclose(tf.nn.softmax(x).numpy().sum(axis=1), [1.0, 1.0], rtol=1e-6)
    assert tf.argmax(x, axis=1).numpy().tolist() == [1, 1]
    assert tf.cast(x, tf.int32).dtype == np.int32 and x[:, tf.newaxis].shape == (2, 1, 2)
    assert tf.matmul(x, x).numpy()[0, 0] == 7.0 and tf.ones((2, 3)).shape == (2, 3)
    np.testing.assert_array_equal(tf.random.normal((3,), seed=4).numpy(),
                                  tf.random.normal((3,), seed=4).numpy())
    assert tf.random.uniform((2,), seed=1).numpy().max() < 1.0


def test_variable_assign_and_tf_function():
    v = tf.Variable(1.0)
    v.assign(2.0)
    v.assign_add(3.0)
    v.assign_sub(1.0)
    assert v.numpy() == 4.0 and v.trainable and v.shape == ()

    @tf.function
    def double(a):
        return a * 2

    @tf.function(reduce_retracing=True)
    def triple(a):
        return a * 3
    assert double(tf.constant(2.0)).numpy() == 4.0 and triple(2.0) == 6.0


def test_optimizer_applies_gradients_both_ways():
    w = tf.Variable([1.0, -1.0])
    opt = tf.keras.optimizers.SGD(learning_rate=0.5)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(w * w)
    grads = tape.gradient(loss, [w])
    opt.apply_gradients(zip(grads, [w]))
    np.testing.assert_allclose(w.numpy(), [0.0, 0.0])
    opt.apply([np.array([1.0, 1.0], np.float32)], [w])
    np.testing.assert_allclose(w.numpy(), [-0.5, -0.5])


def test_session_runs_an_eager_tensor_and_graph_ops_take_nodes():
    x = tf.compat.v1.placeholder("float", [None, 2])
    y = tf.reduce_sum(tf.matmul(x, tf.constant([[1.0], [2.0]])))
    with tf.Session() as sess:
        assert sess.run(y, {x: np.ones((3, 2))}) == 9.0
        assert sess.run(tf.constant(5.0)) == 5.0


def _run(source, import_line):
    namespace = dict(dataset(), seed=1)
    exec(compile(source.replace(import_line, "import course.tf as tf"), "s.py", "exec"),
         namespace)
    return namespace


def test_tf1_seed_scripts_run_on_course_tf():
    first = _run(TF1_SCRIPT, "import tensorflow as tf")
    assert first["test_accuracy"] > 0.95
    compat = _run(TF1_COMPAT_SCRIPT, "import tensorflow.compat.v1 as tf")
    assert compat["losses"][-1] < 0.1 and compat["test_accuracy"] > 0.95
