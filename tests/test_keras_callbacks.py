import csv
import io
import sys

import numpy as np
import pytest

from course import keras
from course.keras import callbacks, layers
from keras_data import blobs


def model_and_data(n=128):
    x, y = blobs(n=n)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([layers.Dense(8, activation="relu", input_shape=(20,)),
                              layers.Dense(3, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model, x, y


def test_early_stopping_restores_the_best_weights():
    model, x, y = model_and_data()
    seen = {}

    class Spy(callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            seen[epoch] = (logs["val_loss"], self.model.get_weights())

    # val data = noise labels, so val_loss soon stops improving
    rng = np.random.default_rng(1)
    stop = callbacks.EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=True)
    hist = model.fit(x, y, epochs=30, verbose=0, callbacks=[Spy(), stop],
                     validation_data=(x[:40], rng.integers(0, 3, 40)))
    assert len(hist.epoch) < 30
    best = min(seen, key=lambda e: seen[e][0])
    for a, b in zip(model.get_weights(), seen[best][1]):
        np.testing.assert_array_equal(a, b)


def test_model_checkpoint_best_only(tmp_path):
    model, x, y = model_and_data()
    path = tmp_path / "best.keras"
    model.fit(x, y, epochs=3, validation_split=0.25, verbose=0,
              callbacks=[callbacks.ModelCheckpoint(path, save_best_only=True)])
    assert path.exists()
    keras.models.load_model(path).predict(x, verbose=0)
    fmt = tmp_path / "w-{epoch:02d}-{val_loss:.2f}.weights.npz"
    model.fit(x, y, epochs=2, validation_split=0.25, verbose=0,
              callbacks=[callbacks.ModelCheckpoint(str(fmt), save_weights_only=True)])
    assert len(list(tmp_path.glob("w-0*.weights.npz"))) == 2


def test_learning_rate_scheduler_and_reduce_on_plateau():
    model, x, y = model_and_data()
    hist = model.fit(x, y, epochs=3, verbose=0, callbacks=[
        callbacks.LearningRateScheduler(lambda epoch, lr: 0.1 / (epoch + 1))])
    assert hist.history["learning_rate"] == pytest.approx([0.1, 0.05, 0.1 / 3])
    model, x, y = model_and_data()
    plateau = callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1, min_delta=10)
    model.fit(x, y, epochs=4, verbose=0, callbacks=[plateau])
    assert model.optimizer.learning_rate == pytest.approx(0.01 * 0.5 ** 3)


def test_terminate_on_nan_csv_logger_and_lambda(tmp_path):
    model, x, y = model_and_data()
    ends = []
    log = tmp_path / "log.csv"
    model.fit(x, y, epochs=2, verbose=0, callbacks=[
        callbacks.CSVLogger(log), callbacks.TerminateOnNaN(),
        callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: ends.append(epoch))])
    assert ends == [0, 1]
    rows = list(csv.DictReader(open(log)))
    assert [r["epoch"] for r in rows] == ["0", "1"] and "loss" in rows[0] and "accuracy" in rows[0]


def test_progress_bar_looks_like_keras(monkeypatch):
    model, x, y = model_and_data(n=64)
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    model.fit(x, y, epochs=2, batch_size=32, verbose=1)
    text = out.getvalue()
    assert "Epoch 1/2" in text and "Epoch 2/2" in text
    assert "2/2 ━━━━━━━━━━━━━━━━━━━━" in text
    assert " - accuracy: " in text and " - loss: " in text and "/step" in text
    out.truncate(0)
    model.fit(x, y, epochs=1, batch_size=32, verbose=2, validation_split=0.5)
    line = [l for l in out.getvalue().splitlines() if l.startswith("1/1")][0]
    assert " - accuracy: " in line and line.endswith(line.split(" - ")[-1]) and "val_loss" in line
