"""TensorFlow 1 MLP scripts run on course.autodiff.tf with only the import line changed.

The scripts below are written against the real TensorFlow 1 API (they would run under
``tensorflow==1.15``). Each test replaces the import and executes the script on a small
synthetic, seeded, separable 10-class dataset.
"""

import numpy as np
import pytest

TF1_SCRIPT = '''
import numpy as np
import tensorflow as tf

learning_rate = 0.01
training_epochs = 8
batch_size = 100
n_input, n_hidden_1, n_hidden_2, n_classes = 20, 64, 32, 10

tf.reset_default_graph()
tf.set_random_seed(seed)

X = tf.placeholder("float", [None, n_input])
Y = tf.placeholder("float", [None, n_classes])

weights = {
    "h1": tf.Variable(tf.random_normal([n_input, n_hidden_1], stddev=0.1)),
    "h2": tf.Variable(tf.truncated_normal([n_hidden_1, n_hidden_2], stddev=0.1)),
    "out": tf.Variable(tf.random_uniform([n_hidden_2, n_classes], -0.1, 0.1)),
}
biases = {
    "b1": tf.Variable(tf.zeros([n_hidden_1])),
    "b2": tf.Variable(tf.constant(0.1, shape=[n_hidden_2])),
    "out": tf.Variable(tf.ones([n_classes]) * 0.0),
}


def multilayer_perceptron(x):
    layer_1 = tf.nn.relu(tf.add(tf.matmul(x, weights["h1"]), biases["b1"]))
    layer_2 = tf.nn.sigmoid(tf.matmul(layer_1, weights["h2"]) + biases["b2"])
    return tf.matmul(layer_2, weights["out"]) + biases["out"]


logits = multilayer_perceptron(X)
loss_op = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=Y))
optimizer = tf.train.AdamOptimizer(learning_rate=learning_rate)
train_op = optimizer.minimize(loss_op)

pred = tf.nn.softmax(logits)
correct_pred = tf.equal(tf.argmax(pred, 1), tf.argmax(Y, 1))
accuracy = tf.reduce_mean(tf.cast(correct_pred, tf.float32))

init = tf.global_variables_initializer()

losses = []
shuffle = np.random.RandomState(seed)
with tf.Session() as sess:
    sess.run(init)
    for epoch in range(training_epochs):
        order = shuffle.permutation(len(x_train))
        for i in range(len(x_train) // batch_size):
            batch = order[i * batch_size:(i + 1) * batch_size]
            _, c = sess.run([train_op, loss_op],
                            feed_dict={X: x_train[batch], Y: y_train_one_hot[batch]})
            losses.append(c)
    test_accuracy = sess.run(accuracy, feed_dict={X: x_test, Y: y_test_one_hot})
    train_accuracy = accuracy.eval({X: x_train, Y: y_train_one_hot})
'''

TF1_COMPAT_SCRIPT = '''
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
tf.disable_eager_execution()

tf.reset_default_graph()
tf.random.set_seed(seed)

x = tf.placeholder(tf.float64, shape=(None, 20), name="x")
labels = tf.placeholder(tf.int64, shape=(None,), name="labels")
w1 = tf.Variable(tf.random.normal([20, 48], stddev=0.2, dtype=tf.float64), name="w1")
b1 = tf.Variable(tf.zeros([48], dtype=tf.float64), name="b1")
w2 = tf.Variable(tf.random.truncated_normal([48, 10], stddev=0.2, dtype=tf.float64), name="w2")
b2 = tf.Variable(tf.zeros([10], dtype=tf.float64), name="b2")

hidden = tf.nn.tanh(tf.matmul(x, w1) + b1)
logits = tf.matmul(hidden, w2) + b2
cross_entropy = tf.reduce_mean(
    tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
l2 = 1e-4 * (tf.reduce_sum(tf.square(w1)) + tf.reduce_sum(tf.multiply(w2, w2)))
loss = cross_entropy + l2
global_step = tf.Variable(0, trainable=False, name="global_step")
train_step = tf.train.MomentumOptimizer(0.1, momentum=0.9).minimize(loss, global_step=global_step)

predicted = tf.argmax(logits, axis=1)
accuracy = tf.reduce_mean(tf.cast(tf.equal(predicted, labels), tf.float64))

losses = []
shuffle = np.random.RandomState(seed)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(4):
        order = shuffle.permutation(len(x_train))
        for start in range(0, len(x_train), 50):
            batch = order[start:start + 50]
            _, value = sess.run((train_step, loss), {x: x_train[batch], labels: y_train[batch]})
            losses.append(value)
    steps = sess.run(global_step)
    test_accuracy = sess.run(accuracy, {x: x_test, labels: y_test})
'''


def dataset(seed=0, n_train=1000, n_test=500, classes=10, dim=20):
    """Gaussian blobs around 10 well-separated centres: separable, seeded."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(0.0, 1.0, (classes, dim))
    centres *= 4.0 / np.linalg.norm(centres, axis=1, keepdims=True)

    def sample(n):
        y = rng.integers(0, classes, n)
        x = (centres[y] + rng.normal(0.0, 0.5, (n, dim))).astype(np.float32)
        return x, y

    (x_train, y_train), (x_test, y_test) = sample(n_train), sample(n_test)
    one_hot = np.eye(classes, dtype=np.float32)
    return dict(x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test,
                y_train_one_hot=one_hot[y_train], y_test_one_hot=one_hot[y_test])


def run_script(source, import_line, seed=1):
    """Replace only ``import_line`` and run ``source``; return its global variables."""
    assert source.count(import_line) == 1
    ported = source.replace(import_line, "import course.autodiff.tf as tf")
    namespace = dict(dataset(), seed=seed)
    exec(compile(ported, "tf1_script.py", "exec"), namespace)
    return namespace


@pytest.fixture(scope="module")
def tf1_run():
    return run_script(TF1_SCRIPT, "import tensorflow as tf")


def test_tf1_mlp_script_trains_to_high_accuracy(tf1_run):
    losses = tf1_run["losses"]
    assert len(losses) == 80 and all(np.isfinite(losses))
    assert np.mean(losses[-5:]) < 0.1 < 2.0 < losses[0]
    assert tf1_run["test_accuracy"] > 0.95 and tf1_run["train_accuracy"] > 0.95
    assert isinstance(tf1_run["test_accuracy"], np.float32)


def test_same_seed_same_loss_curve(tf1_run):
    again = run_script(TF1_SCRIPT, "import tensorflow as tf")
    np.testing.assert_array_equal(again["losses"], tf1_run["losses"])
    other = run_script(TF1_SCRIPT, "import tensorflow as tf", seed=2)
    assert not np.array_equal(other["losses"], tf1_run["losses"])


def test_tf1_compat_v1_script_trains_with_sparse_labels_and_momentum():
    first = run_script(TF1_COMPAT_SCRIPT, "import tensorflow.compat.v1 as tf")
    assert first["steps"] == 80
    assert first["losses"][-1] < 0.1 and first["test_accuracy"] > 0.95
    assert isinstance(first["losses"][0], np.float64)
    second = run_script(TF1_COMPAT_SCRIPT, "import tensorflow.compat.v1 as tf")
    np.testing.assert_array_equal(first["losses"], second["losses"])


def test_compat_v1_is_the_same_module():
    import course.autodiff.tf as tf
    assert tf.compat.v1 is tf
    assert tf.compat.v1.train.AdamOptimizer is tf.train.AdamOptimizer
