"""keras.utils.normalize, split_dataset and plot_model: numbers and splits from Keras 3
(tests/keras_reference/make_tfdata_trainer.py, make_tfdata_utils.py), drawings checked as
files."""

import numpy as np
import pytest

from course import keras
from course.tf import data
from keras_reference import load

TRAINER, UTILS = load("tfdata_trainer"), load("tfdata_utils")


@pytest.mark.parametrize("axis", [-1, 1, 2])
@pytest.mark.parametrize("order", [1, 2, 3])
def test_normalize_matches_keras(axis, order):
    out = keras.utils.normalize(TRAINER["norm_in"], axis, order)
    np.testing.assert_allclose(out, TRAINER[f"normalize_{axis}_{order}"], rtol=1e-5, atol=1e-6)
    assert out.shape == TRAINER["norm_in"].shape


def test_normalize_defaults_and_zero_vectors():
    out = keras.utils.normalize(TRAINER["norm_in"].astype(np.float32))
    np.testing.assert_allclose(out, TRAINER["normalize_f32"], rtol=1e-5, atol=1e-6)
    assert not out[0, 0].any()


x = np.arange(40, dtype=np.float32).reshape(20, 2)
labels = np.arange(20, dtype=np.int64)
CASES = {
    "array_07": (lambda: x, dict(left_size=0.7)),
    "array_right5": (lambda: x, dict(right_size=5)),
    "array_shuffle": (lambda: x, dict(left_size=0.6, shuffle=True, seed=42)),
    "tuple_both": (lambda: (x, labels), dict(left_size=0.25, right_size=0.5)),
    "tuple_shuffle": (lambda: (x, labels), dict(left_size=7, shuffle=True, seed=3)),
    "dataset_batched": (lambda: data.Dataset.from_tensor_slices((x, labels)).batch(4),
                        dict(left_size=0.5, shuffle=True, seed=1)),
}


def first_column(ds):
    values = []
    for element in ds:
        first = element[0] if isinstance(element, tuple) else element
        values.append(np.asarray(first).reshape(-1, 2)[:, 0])
    return np.concatenate(values), len(values)


@pytest.mark.parametrize("name", sorted(CASES))
def test_split_dataset_puts_the_same_samples_on_each_side_as_keras(name):
    make, kwargs = CASES[name]
    left, right = keras.utils.split_dataset(make(), **kwargs)
    assert isinstance(left, data.Dataset) and isinstance(right, data.Dataset)
    for side, ds in (("left", left), ("right", right)):
        values, count = first_column(ds)
        np.testing.assert_array_equal(values, UTILS[f"{name}_{side}"])
        assert count == int(UTILS[f"{name}_{side}_elements"])


def test_split_dataset_keeps_tuples_and_labels_together():
    left, _ = keras.utils.split_dataset((x, labels), left_size=5, shuffle=True, seed=0)
    for features, label in left:
        assert features[0] == 2 * label


@pytest.mark.parametrize("args, error, message", [
    (dict(), ValueError, "At least one of the `left_size` or `right_size`"),
    (dict(left_size="half"), TypeError, "Invalid `left_size` Type"),
    (dict(left_size=1.5), ValueError, "`left_size` should be"),
    (dict(right_size=20), ValueError, "`right_size` should be"),
    (dict(left_size=0.6, right_size=0.6), ValueError, "greater than 1"),
    (dict(left_size=15, right_size=10), ValueError, "should be smaller than the 20"),
    (dict(left_size=0.01), ValueError, "left side dataset split will be empty"),
])
def test_split_dataset_refuses_bad_sizes_as_keras(args, error, message):
    with pytest.raises(error, match=message):
        keras.utils.split_dataset(x, **args)


@pytest.mark.parametrize("dataset, error, message", [
    ("abc", TypeError, "must be either a `tf.data.Dataset`"),
    ((x, [1, 2]), ValueError, "Expected a tuple of `numpy.ndarray`"),
    ([x, labels[:3]], ValueError, "different lengths"),
    ((), ValueError, "empty tuple"),
])
def test_split_dataset_refuses_bad_datasets(dataset, error, message):
    with pytest.raises(error, match=message):
        keras.utils.split_dataset(dataset, left_size=0.5)


def functional():
    inputs = keras.Input((4,))
    a, b = keras.layers.Dense(3)(inputs), keras.layers.Dense(3)(inputs)
    merged = keras.layers.Add()([a, b])
    return keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(merged))


@pytest.mark.parametrize("make", [
    lambda: keras.Sequential([keras.Input((4,)), keras.layers.Dense(6, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")]),
    functional,
])
def test_plot_model_writes_the_file_and_returns_an_image(tmp_path, make):
    from IPython.display import Image
    from matplotlib.image import imread

    path = tmp_path / "model.png"
    image = keras.utils.plot_model(make(), to_file=str(path), show_shapes=True,
                                   show_dtype=True, show_layer_activations=True,
                                   show_trainable=True, dpi=50)
    assert isinstance(image, Image) and path.stat().st_size > 0
    pixels = imread(path)
    assert pixels.ndim == 3 and (pixels[..., :3] < 0.5).any()  # something is drawn


def test_plot_model_graph_of_a_functional_model():
    from course.keras.utils.model_visualization import model_graph

    graph = model_graph(functional())
    names = [type(layer).__name__ for layer, _, _, _ in graph]
    assert names == ["InputLayer", "Dense", "Dense", "Add", "Dense"]
    assert [inbound for _, _, _, inbound in graph] == [[], [0], [0], [1, 2], [3]]
    assert graph[3][1] == [(None, 3), (None, 3)] and graph[4][2] == (None, 1)


def test_plot_model_pdf_and_left_to_right(tmp_path):
    path = tmp_path / "model.pdf"
    assert keras.utils.plot_model(functional(), to_file=str(path), rankdir="LR") is None
    assert path.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("model, kwargs, message", [
    (lambda: keras.Sequential([keras.layers.Dense(3)]), {}, "built model"),
    (functional, dict(rankdir="BT"), "rankdir must be"),
])
def test_plot_model_bad_input(tmp_path, model, kwargs, message):
    with pytest.raises(ValueError, match=message):
        keras.utils.plot_model(model(), to_file=str(tmp_path / "m.png"), **kwargs)
