"""Models written by subclassing keras.Model, and keras.io's "training loop from scratch"
with tf.GradientTape reproducing fit step for step."""

import numpy as np

import course.tf as tf
from course import keras


class MLP(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(16, activation="relu")
        self.out = keras.layers.Dense(3)

    def call(self, x):
        return self.out(self.hidden(x))


def data(n=96, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 5)).astype("float32")
    return x, (x[:, :3].argmax(axis=1)).astype("int64")


def test_subclassed_model_fits_evaluates_predicts_and_saves(tmp_path, capsys):
    x, y = data()
    model = MLP()
    model.compile(optimizer="adam",
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    history = model.fit(x, y, epochs=4, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    loss, accuracy = model.evaluate(x, y, verbose=0)
    assert np.isfinite(loss) and 0 <= accuracy <= 1
    assert model.predict(x, verbose=0).shape == (96, 3)
    model.summary()
    assert "dense" in capsys.readouterr().out
    model.save_weights(tmp_path / "w.weights.h5")
    other = MLP()
    other.build((None, 5))
    other.load_weights(tmp_path / "w.weights.h5")
    np.testing.assert_allclose(other.predict(x, verbose=0), model.predict(x, verbose=0))


def test_gradient_tape_loop_reproduces_fit():
    x, y = data()
    fitted, looped = MLP(), MLP()
    fitted.build((None, 5))
    looped.build((None, 5))
    looped.set_weights(fitted.get_weights())
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    fitted.compile(optimizer=keras.optimizers.SGD(0.1), loss=loss_fn)
    fitted.fit(x, y, batch_size=32, epochs=2, shuffle=False, verbose=0)
    optimizer = keras.optimizers.SGD(0.1)
    batches = [(x[i:i + 32], y[i:i + 32]) for i in range(0, 96, 32)] * 2
    for step, (xb, yb) in enumerate(batches):
        with tf.GradientTape() as tape:
            logits = looped(xb, training=True)
            loss = loss_fn(yb, logits)
        grads = tape.gradient(loss, looped.trainable_weights)
        optimizer.apply_gradients(zip(grads, looped.trainable_weights))
    for a, b in zip(fitted.get_weights(), looped.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


class CustomStepModel(MLP):
    """keras.io's "Customizing what happens in fit()" (TensorFlow backend)."""

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(y=y, y_pred=y_pred)
        trainable_vars = self.trainable_variables
        gradients = tape.gradient(loss, trainable_vars)
        self.optimizer.apply(gradients, trainable_vars)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


class TruePositives(keras.metrics.Metric):
    def __init__(self, name="true_positives", **kwargs):
        super().__init__(name=name, **kwargs)
        self.count = self.add_weight(shape=(), initializer="zeros", name="count")

    def update_state(self, y_true, y_pred, sample_weight=None):
        hits = np.asarray(y_pred).argmax(axis=1) == np.asarray(y_true).reshape(-1)
        self.count.assign_add(float(hits.sum()))

    def result(self):
        return self.count.numpy()


class ScaledCrossentropy(keras.losses.Loss):
    def call(self, y_true, y_pred):
        onehot = keras.ops.one_hot(y_true, 3)
        return -2.0 * keras.ops.sum(onehot * keras.ops.log_softmax(y_pred), axis=-1)


def test_custom_train_step_with_compute_loss_and_metrics():
    x, y = data()
    model = CustomStepModel()
    model.compile(optimizer="adam",
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=[TruePositives()])
    history = model.fit(x, y, epochs=5, batch_size=32, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert 0 < history.history["true_positives"][-1] <= 96
    assert [m.name for m in model.metrics] == ["loss", "true_positives"]


def test_custom_loss_subclass_and_function_train_as_the_builtin_loss_times_two():
    x, y = data()

    def scaled(y_true, y_pred):
        return ScaledCrossentropy().call(y_true, y_pred)
    models = [MLP() for _ in range(3)]
    models[0].build((None, 5))
    for m in models[1:]:
        m.build((None, 5))
        m.set_weights(models[0].get_weights())
    builtin = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    for m, loss, lr in ((models[0], builtin, 0.2), (models[1], ScaledCrossentropy(), 0.1),
                        (models[2], scaled, 0.1)):
        m.compile(optimizer=keras.optimizers.SGD(lr), loss=loss)
        m.fit(x, y, epochs=2, batch_size=32, shuffle=False, verbose=0)
    for other in models[1:]:
        for a, b in zip(models[0].get_weights(), other.get_weights()):
            np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)


class CustomTestStepModel(MLP):
    def test_step(self, data):
        x, y = data
        y_pred = self(x, training=False)
        loss = self.compute_loss(y=y, y_pred=y_pred)
        for metric in self.metrics:
            metric.update_state(loss) if metric.name == "loss" else metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


def test_custom_test_step_gives_evaluate_the_same_loss():
    x, y = data()
    custom, plain = CustomTestStepModel(), MLP()
    custom.build((None, 5))
    plain.build((None, 5))
    plain.set_weights(custom.get_weights())
    for m in (custom, plain):
        m.compile(optimizer="sgd",
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    np.testing.assert_allclose(custom.evaluate(x, y, batch_size=96, verbose=0),
                               plain.evaluate(x, y, batch_size=96, verbose=0), rtol=1e-6)
