"""tf.GradientTape's behaviour: watch, persistent, nested sources, stop_recording, the
cases where TensorFlow gives None, and its RuntimeError on a second gradient call."""

import numpy as np
import pytest

import course.tf as tf
from course.keras.ops.tape import NON_PERSISTENT_USED


def test_variable_gradient_and_non_scalar_target_is_summed():
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y = v * v
    np.testing.assert_allclose(tape.gradient(y, v), [2.0, 4.0])


def test_second_gradient_on_a_non_persistent_tape_raises_tf_message():
    v = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = v * v
    assert float(tape.gradient(y, v)) == 6.0
    with pytest.raises(RuntimeError, match="non-persistent GradientTape can only be used"):
        tape.gradient(y, v)
    assert "one set of gradients (or jacobians)" in NON_PERSISTENT_USED


def test_persistent_tape_nested_sources_and_list_targets():
    x = tf.Variable([1.0, 2.0])
    with tf.GradientTape(persistent=True) as tape:
        y = x * 2.0
        z = tf.reduce_sum(y * y)
    grads = tape.gradient([y, y], [x, {"a": x}])
    np.testing.assert_allclose(grads[0], [4.0, 4.0])
    np.testing.assert_allclose(grads[1]["a"], [4.0, 4.0])
    np.testing.assert_allclose(tape.gradient(z, x), [8.0, 16.0])


def test_unwatched_constant_and_disconnected_variable_give_none():
    c = tf.constant(3.0)
    other = tf.Variable(1.0)
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = c * c * x
    assert tape.gradient(y, [c, other]) == [None, None]
    with tf.GradientTape() as tape:
        tape.watch(c)
        y = c * c
    assert float(tape.gradient(y, c)) == 6.0
    with tf.GradientTape() as tape:
        y = x * 2
    assert float(tape.gradient(y, other, unconnected_gradients="zero")) == 0.0


def test_watch_accessed_variables_false_and_stop_recording():
    x = tf.Variable(2.0)
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        y = x * x
    assert tape.gradient(y, x) is None
    with tf.GradientTape() as tape:
        y = x * x
        with tape.stop_recording():
            z = y * 10
    assert tape.gradient(z, x) is None
    with tf.GradientTape(persistent=True) as tape:
        y = x * x
    assert float(tape.gradient(y, x)) == 4.0 and tape.watched_variables() == (x,)


def test_watch_rejects_a_plain_array():
    with tf.GradientTape() as tape:
        with pytest.raises(ValueError, match="not a Tensor or Variable"):
            tape.watch(np.ones(2))


def test_a_raw_numpy_function_is_not_recorded():
    x = tf.Variable([0.5, 1.0])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(np.arctan(x.value_tensor()))
    assert tape.gradient(y, x) is None  # np.arctan has no tape rule: no gradient, as in TF


def test_apply_gradients_skips_none_and_refuses_all_none():
    import course.keras as keras
    used, unused = tf.Variable([1.0]), tf.Variable([5.0])
    opt = keras.optimizers.SGD(0.5)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(used * used)
    grads = tape.gradient(loss, [used, unused])
    with pytest.warns(UserWarning, match="Gradients do not exist"):
        opt.apply_gradients(zip(grads, [used, unused]))
    assert used.numpy()[0] == 0.0 and unused.numpy()[0] == 5.0
    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        opt.apply([None], [unused])
