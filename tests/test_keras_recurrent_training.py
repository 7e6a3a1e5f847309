"""An Embedding + LSTM model learns a seeded toy sequence task with fit()."""

import numpy as np

from course import keras
from course.keras import layers


def _sequences(n, seed):
    """Token ids 2..9 padded with zeros at the end; label: does token 2 come before 3?"""
    rng = np.random.default_rng(seed)
    ids = rng.integers(2, 10, size=(n, 12))
    lengths = rng.integers(4, 13, size=n)
    ids[np.arange(12)[None, :] >= lengths[:, None]] = 0
    labels = np.zeros(n, np.float32)
    for i, row in enumerate(ids):
        row = list(row[:lengths[i]])
        first2 = row.index(2) if 2 in row else None
        first3 = row.index(3) if 3 in row else None
        labels[i] = first2 is not None and (first3 is None or first2 < first3)
    return ids, labels


def test_embedding_lstm_learns_an_order_task():
    keras.utils.set_random_seed(0)
    x, y = _sequences(1200, seed=1)
    x_test, y_test = _sequences(300, seed=2)
    model = keras.Sequential([keras.Input((12,)), layers.Embedding(10, 8, mask_zero=True),
                              layers.LSTM(16), layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy",
                  metrics=["accuracy"])
    before = model.evaluate(x_test, y_test, verbose=0)
    history = model.fit(x, y, epochs=12, batch_size=32, verbose=0)
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    assert history.history["loss"][-1] < 0.5 * history.history["loss"][0]
    assert loss < before[0] and accuracy > 0.95, (before, loss, accuracy)
