"""Synthetic digits: MNIST's shapes and dtypes, seeded, balanced, fast, and learnable."""


import numpy as np
import pytest

from course.data.synthetic import synthetic_digits


def test_shapes_and_dtypes_are_mnists():
    x, y = synthetic_digits(50, seed=3)
    assert x.shape == (50, 28, 28) and x.dtype == np.uint8
    assert y.shape == (50,) and y.dtype == np.uint8
    assert set(np.unique(y)) <= set(range(10))
    assert x.max() > 200, "strokes should reach near-full brightness"


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    x1, y1 = synthetic_digits(200, seed=7)
    x2, y2 = synthetic_digits(200, seed=7)
    np.testing.assert_array_equal(x1, x2)
    np.testing.assert_array_equal(y1, y2)
    x3, y3 = synthetic_digits(200, seed=8)
    assert not np.array_equal(x1, x3) and not np.array_equal(y1, y3)


@pytest.mark.parametrize("n", [0, 1, 9, 10, 37, 1000])
def test_classes_are_balanced(n):
    x, y = synthetic_digits(n, seed=0)
    assert len(x) == len(y) == n
    counts = np.bincount(y, minlength=10)
    assert counts.max() - counts.min() <= 1 and counts.sum() == n


def test_labels_come_in_a_random_order():
    _, y = synthetic_digits(100, seed=0)
    assert not np.array_equal(y, np.arange(100) % 10)


def test_without_noise_the_background_is_black_and_the_digit_is_centred():
    x, _ = synthetic_digits(300, seed=1, noise=0)
    assert (x[:, :2, :] == 0).mean() > 0.97 and (x[:, :, :2] == 0).mean() > 0.97
    rows = np.arange(28)
    mass = x.sum(axis=(1, 2)).astype(float)
    cy = (x.sum(axis=2) @ rows) / mass
    cx = (x.sum(axis=1) @ rows) / mass
    assert abs(cy.mean() - 13.5) < 1.5 and abs(cx.mean() - 13.5) < 1.5
    ink = (x > 128).mean(axis=(1, 2))
    assert 0.04 < ink.mean() < 0.3, "about as much ink as an MNIST digit (~13% of pixels)"


def test_noise_adds_grain_and_rejects_negative_values():
    clean, _ = synthetic_digits(100, seed=2, noise=0)
    noisy, _ = synthetic_digits(100, seed=2, noise=0.2)
    assert (noisy[:, :3, :] > 0).mean() > (clean[:, :3, :] > 0).mean() + 0.2
    with pytest.raises(ValueError):
        synthetic_digits(10, noise=-1)
    with pytest.raises(ValueError):
        synthetic_digits(-1)


def test_images_of_one_digit_vary():
    x, y = synthetic_digits(400, seed=4)
    sevens = x[y == 7].astype(float)
    assert len(sevens) == 40
    assert np.abs(sevens - sevens.mean(axis=0)).mean() > 10


def test_ten_thousand_images_are_made_whole_and_the_same_for_a_seed():
    x, y = synthetic_digits(10_000, seed=0)
    assert x.shape == (10_000, 28, 28) and y.shape == (10_000,)
    assert set(np.unique(y)) == set(range(10))
    again, _ = synthetic_digits(10_000, seed=0)
    assert np.array_equal(x, again)


def test_an_mlp_learns_them_but_they_are_not_trivial():
    from course import keras

    x, y = synthetic_digits(6000, seed=0)
    xt, yt = synthetic_digits(2000, seed=1)
    x, xt = x.reshape(-1, 784) / 255.0, xt.reshape(-1, 784) / 255.0

    def accuracy(hidden, epochs):
        keras.utils.set_random_seed(0)
        layers = [keras.Input(shape=(784,))]
        layers += [keras.layers.Dense(hidden, activation="relu")] if hidden else []
        model = keras.Sequential(layers + [keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
        model.fit(x, y, batch_size=64, epochs=epochs, verbose=0)
        return model.evaluate(xt, yt, verbose=0)[1]

    mlp = accuracy(128, 6)
    assert mlp > 0.85
    assert accuracy(None, 1) < 0.9, "one epoch of a linear model should not solve it"
