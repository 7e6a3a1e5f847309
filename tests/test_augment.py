import numpy as np
import pytest

from course import keras
from course.data.augment import affine_warp, random_affine
from course.keras.preprocessing.image import ImageDataGenerator


def test_identity_transform_keeps_the_image_and_a_shift_moves_it():
    img = np.random.default_rng(0).random((2, 7, 9, 3)).astype(np.float32)
    eye = np.tile(np.array([[1.0, 0, 0], [0, 1.0, 0]]), (2, 1, 1))
    np.testing.assert_allclose(affine_warp(img, eye), img, rtol=1e-6)
    shift = eye.copy()
    shift[:, 1, 2] = 2  # each output pixel samples 2 columns to its right
    out = affine_warp(img, shift, fill_mode="constant", cval=-1)
    np.testing.assert_allclose(out[:, :, :-2], img[:, :, 2:], rtol=1e-6)
    assert (out[:, :, -2:] == -1).all()
    flip = eye.copy()
    flip[:, 1, 1] = -1
    np.testing.assert_allclose(affine_warp(img, flip), img[:, :, ::-1], rtol=1e-6)


def test_augmented_batches_keep_their_labels():
    # each image is filled with its own label, so the label survives any transform
    labels = np.arange(40) % 10
    x = np.broadcast_to(labels[:, None, None, None], (40, 8, 8, 1)).astype(np.float32)
    gen = ImageDataGenerator(rotation_range=30, width_shift_range=0.2, height_shift_range=0.2,
                             zoom_range=0.2, horizontal_flip=True)
    it = gen.flow(x, labels, batch_size=16, seed=0)
    seen = []
    for i in range(len(it)):
        xb, yb = it[i]
        np.testing.assert_allclose(xb[:, 4, 4, 0], yb, atol=1e-5)
        seen.extend(yb.tolist())
    assert sorted(seen) == sorted(labels.tolist())


def test_flow_is_seeded_and_rescales():
    x = np.random.default_rng(0).integers(0, 255, (10, 8, 8, 1)).astype(np.uint8)
    gen = ImageDataGenerator(rotation_range=20, rescale=1 / 255.0)
    a = gen.flow(x, np.zeros(10), batch_size=5, seed=7)[0][0]
    b = gen.flow(x, np.zeros(10), batch_size=5, seed=7)[0][0]
    np.testing.assert_array_equal(a, b)
    assert a.max() <= 1.0 and a.dtype == np.float32
    with pytest.raises(ValueError, match=r"\(N, H, W, C\)"):
        gen.flow(np.zeros((4, 8, 8)))
    with pytest.raises(ValueError, match="fill_mode"):
        ImageDataGenerator(fill_mode="smear")


def test_fit_accepts_an_image_generator():
    rng = np.random.default_rng(0)
    x = rng.random((64, 8, 8, 1)).astype(np.float32)
    y = rng.integers(0, 2, 64)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(8, 8, 1)), keras.layers.Flatten(),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    gen = ImageDataGenerator(width_shift_range=0.1, horizontal_flip=True)
    hist = model.fit(gen.flow(x, y, batch_size=16, seed=0), epochs=2, verbose=0)
    assert len(hist.history["loss"]) == 2
    assert random_affine(3, (8, 8), rng, rotation_range=10).shape == (3, 2, 3)
