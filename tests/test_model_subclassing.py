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
