import numpy as np
import pytest

from course import keras
from course.keras import layers
from keras_data import blobs


def mnist_mlp():
    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    return keras.Sequential([layers.Dense(128, activation="relu", input_shape=(784,)),
                             layers.Dense(10, activation="softmax")])


def test_summary_counts_parameters_like_keras():
    lines = []
    mnist_mlp().summary(print_fn=lines.append)
    text = "\n".join(lines)
    assert 'Model: "sequential"' in text
    assert "Layer (type)" in text and "Output Shape" in text and "Param #" in text
    assert "dense (Dense)" in text and "(None, 128)" in text and "100,480" in text
    assert "dense_1 (Dense)" in text and "(None, 10)" in text and "1,290" in text
    assert "Total params: 101,770 (397.54 KB)" in text
    assert "Trainable params: 101,770" in text and "Non-trainable params: 0" in text


def test_summary_of_an_unbuilt_model_says_how_to_build_it():
    model = keras.Sequential([layers.Dense(3)])
    with pytest.raises(ValueError, match="not yet been built"):
        model.summary()
    model.build((None, 5))
    assert model.count_params() == 18


def test_legacy_input_dim_and_positional_units():
    model = keras.Sequential()
    model.add(layers.Dense(64, input_dim=100, activation="relu"))
    model.add(layers.Dense(units=10, activation="softmax"))
    assert model.output_shape == (None, 10) and model.count_params() == 100 * 64 + 64 + 650


def test_save_and_load_model_give_identical_predictions(tmp_path):
    x, y = blobs(n=64)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([layers.Dense(8, activation="relu", input_shape=(20,),
                                           kernel_regularizer=keras.regularizers.l2(1e-3)),
                              layers.Dense(3, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x, y, epochs=2, verbose=0)
    path = tmp_path / "model.keras"
    model.save(path)
    loaded = keras.models.load_model(path)
    np.testing.assert_array_equal(model.predict(x, verbose=0), loaded.predict(x, verbose=0))
    assert loaded.layers[0].kernel_regularizer.l2 == pytest.approx(1e-3)
    # the optimizer state came along: one more step is the same step
    model.train_on_batch(x, y)
    loaded.train_on_batch(x, y)
    np.testing.assert_allclose(model.get_weights()[0], loaded.get_weights()[0], rtol=1e-6)


def test_save_weights_and_load_weights(tmp_path):
    a, b = mnist_mlp(), mnist_mlp()
    b.set_weights([w + 1 for w in b.get_weights()])
    a.save_weights(tmp_path / "w.weights.npz")
    b.load_weights(tmp_path / "w.weights.npz")
    for wa, wb in zip(a.get_weights(), b.get_weights()):
        np.testing.assert_array_equal(wa, wb)
    small = keras.Sequential([layers.Dense(4, input_shape=(784,))])
    with pytest.raises(ValueError, match="holds 4 weight arrays but the model has 2"):
        small.load_weights(tmp_path / "w.weights.npz")


def test_corrupt_or_foreign_model_files_are_clear_errors(tmp_path):
    bad = tmp_path / "bad.keras"
    bad.write_bytes(b"not a zip at all")
    with pytest.raises(ValueError, match="not a model saved by course.keras"):
        keras.models.load_model(bad)
    with pytest.raises(FileNotFoundError):
        keras.models.load_model(tmp_path / "missing.keras")


def test_wrong_input_shape_names_the_layer_and_both_shapes():
    model = mnist_mlp()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    with pytest.raises(ValueError, match=r'layer "dense".*\(None, 784\).*\(None, 100\)'):
        model.fit(np.zeros((4, 100)), np.zeros(4), verbose=0)
    with pytest.raises(ValueError, match="expected axis -1 of input shape to have value 784"):
        model.layers[0](np.zeros((2, 100)))


def test_bad_data_gets_clear_errors():
    model = mnist_mlp()
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    x = np.zeros((4, 784))
    with pytest.raises(ValueError, match="sparse_categorical_crossentropy|to_categorical"):
        model.fit(x, np.zeros(4), verbose=0)
    with pytest.raises(ValueError, match="cardinality"):
        model.fit(x, np.zeros((5, 10)), verbose=0)
    x[1, 3] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        model.fit(x, np.zeros((4, 10)), verbose=0)
    with pytest.raises(TypeError, match="numeric"):
        model.predict(np.array([["a"] * 784]), verbose=0)
    with pytest.raises(RuntimeError, match="compile"):
        mnist_mlp().fit(np.zeros((4, 784)), np.zeros(4), verbose=0)
    sparse = mnist_mlp()
    sparse.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    with pytest.raises(ValueError, match=r"labels must lie in \[0, 10\)"):
        sparse.fit(np.zeros((2, 784)), np.array([0, 10]), verbose=0)
    with pytest.raises(ValueError, match="integer class labels of shape"):
        sparse.fit(np.zeros((2, 784)), np.zeros((2, 10)), verbose=0)


def test_unknown_names_list_what_exists():
    with pytest.raises(ValueError, match="Unknown activation.*relu"):
        layers.Dense(3, activation="relux")
    with pytest.raises(ValueError, match="Unknown optimizer"):
        mnist_mlp().compile(optimizer="adamw2", loss="mse")
    with pytest.raises(ValueError, match="Unknown loss"):
        mnist_mlp().compile(optimizer="adam", loss="hinge2")
    with pytest.raises(ValueError, match="units"):
        layers.Dense(0)
    with pytest.raises(TypeError, match="Unrecognized keyword"):
        layers.Dense(3, unitz=4)


def test_get_and_set_weights_and_get_layer():
    model = mnist_mlp()
    weights = model.get_weights()
    assert [w.shape for w in weights] == [(784, 128), (128,), (128, 10), (10,)]
    model.set_weights([np.zeros_like(w) for w in weights])
    assert not model.get_weights()[0].any()
    assert model.get_layer("dense_1") is model.layers[1]
    with pytest.raises(ValueError, match="Expect|expects 4 weight arrays"):
        model.set_weights(weights[:2])


def test_one_optimizer_object_can_serve_two_models_in_turn():
    x, y = blobs(n=32)
    opt = keras.optimizers.Adam()
    for width in (5, 7):
        keras.utils.set_random_seed(0)
        model = keras.Sequential([layers.Dense(width, input_shape=(20,)),
                                  layers.Dense(3, activation="softmax")])
        model.compile(optimizer=opt, loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=1, verbose=0)


def test_to_categorical():
    out = keras.utils.to_categorical([0, 2, 1])
    np.testing.assert_array_equal(out, np.eye(3)[[0, 2, 1]])
    assert out.dtype == np.float32
    assert keras.utils.to_categorical(np.array([[1], [0]]), 4).shape == (2, 4)
    with pytest.raises(ValueError, match="out of range"):
        keras.utils.to_categorical([5], num_classes=3)
    with pytest.raises(ValueError, match=">= 0"):
        keras.utils.to_categorical([-1])


def test_tutorial_code_runs_with_only_the_import_prefix_replaced():
    source = '''
from course.keras.models import Sequential
from course.keras.layers import Dense, Activation
from course.keras.utils import to_categorical
from course.keras import optimizers
import numpy as np

rng = np.random.default_rng(0)
x_train = rng.random((300, 784)).astype("float32")
y_train = (x_train[:, :10].argmax(1))
x_test, y_test = x_train[:50], y_train[:50]
y_train_cat = to_categorical(y_train, 10)

model = Sequential()
model.add(Dense(64, input_dim=784))
model.add(Activation("relu"))
model.add(Dense(units=10, activation="softmax"))
model.compile(loss="categorical_crossentropy", optimizer=optimizers.Adam(learning_rate=0.01),
              metrics=["accuracy"])
history = model.fit(x_train, y_train_cat, epochs=3, batch_size=32,
                    validation_data=(x_test, to_categorical(y_test, 10)), verbose=0)
score = model.evaluate(x_test, to_categorical(y_test, 10), verbose=0)
print("Test loss:", score[0])
print("Test accuracy:", score[1])
pred = np.argmax(model.predict(x_test), axis=1)
'''
    scope = {}
    exec(compile(source, "tutorial", "exec"), scope)
    assert scope["pred"].shape == (50,)
    assert set(scope["history"].history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
