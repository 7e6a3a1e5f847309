"""Functional models' structure (inputs, outputs, layers, feature extractors, nesting) and
configuration: Keras 3's config layout, from_config, to_json/model_from_json, .keras files,
and summary()'s "Connected to" column."""

import json

import numpy as np
import pytest

from course import keras
from course.keras import layers


def shared_two_input_model():
    """Two inputs through one shared Dense, merged, two outputs."""
    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    a, b = keras.Input(shape=(4,), name="in_a"), keras.Input(shape=(4,), name="in_b")
    shared = layers.Dense(3, activation="relu", name="shared")
    h = layers.concatenate([shared(a), shared(b)], name="cat")
    out_a = layers.Dense(2, activation="softmax", name="out_a")(h)
    out_b = layers.Dense(1, name="out_b")(layers.add([shared(a), shared(b)], name="sum"))
    return keras.Model(inputs=[a, b], outputs=[out_a, out_b], name="twin")


DATA = [np.random.default_rng(0).standard_normal((6, 4)).astype(np.float32) for _ in range(2)]


def assert_same_predictions(model, other):
    for got, want in zip(other.predict(DATA, verbose=0), model.predict(DATA, verbose=0)):
        np.testing.assert_allclose(got, want, rtol=1e-6)


def test_config_has_keras_3_layout_with_inbound_nodes_and_node_indices():
    config = shared_two_input_model().get_config()
    assert set(config) == {"name", "trainable", "layers", "input_layers", "output_layers"}
    assert config["input_layers"] == [["in_a", 0, 0], ["in_b", 0, 0]]
    assert config["output_layers"] == [["out_a", 0, 0], ["out_b", 0, 0]]
    by_name = {entry["name"]: entry for entry in config["layers"]}
    assert by_name["in_a"]["inbound_nodes"] == [] and by_name["in_a"]["class_name"] == "InputLayer"
    history = [[t["config"]["keras_history"] for t in node["args"]]
               for node in by_name["shared"]["inbound_nodes"]]
    assert history == [[["in_a", 0, 0]], [["in_b", 0, 0]], [["in_a", 0, 0]], [["in_b", 0, 0]]]
    cat_args = by_name["cat"]["inbound_nodes"][0]["args"][0]
    assert [t["config"]["keras_history"] for t in cat_args] == [["shared", 0, 0],
                                                                ["shared", 1, 0]]
    assert cat_args[0]["class_name"] == "__keras_tensor__"
    json.dumps(config)


def test_from_config_and_json_round_trip_rebuild_the_same_graph():
    model = shared_two_input_model()
    config = model.get_config()
    for rebuilt in (keras.Model.from_config(config),
                    keras.models.model_from_json(model.to_json())):
        assert [l.name for l in rebuilt.layers] == [l.name for l in model.layers]
        assert len(rebuilt.weights) == len(model.weights) == 6
        rebuilt.set_weights(model.get_weights())
        assert_same_predictions(model, rebuilt)
        assert rebuilt.get_config() == config
    assert json.loads(model.to_json())["class_name"] == "Functional"


def test_model_from_json_with_a_custom_layer_in_custom_objects():
    class Scale(layers.Layer):
        def __init__(self, factor=2.0, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def forward(self, x, training=False):
            return x * self.factor, None

        def backward(self, dout, cache, need_dx=True):
            return dout * self.factor, []

        def get_config(self):
            return {**super().get_config(), "factor": self.factor}

    inp = keras.Input(shape=(3,))
    model = keras.Model(inp, Scale(3.0, name="scale")(inp))
    text = model.to_json().replace('"Scale"', '"MyScale"')
    with pytest.raises(ValueError, match="Unknown layer class 'MyScale'"):
        keras.models.model_from_json(text)
    rebuilt = keras.models.model_from_json(text, custom_objects={"MyScale": Scale})
    np.testing.assert_allclose(rebuilt.predict(np.ones((2, 3)), verbose=0), 3.0)
    with pytest.raises(ValueError, match="not valid JSON"):
        keras.models.model_from_json("{not json")


def test_save_and_load_a_compiled_multi_input_multi_output_model(tmp_path):
    model = shared_two_input_model()
    model.compile(optimizer="adam", loss=["sparse_categorical_crossentropy", "mse"],
                  loss_weights=[1.0, 0.25], metrics=[["accuracy"], []])
    y = [np.array([0, 1, 0, 1, 1, 0]), np.ones((6, 1), np.float32)]
    model.fit(DATA, y, epochs=2, verbose=0)
    model.save(tmp_path / "twin.keras")
    loaded = keras.models.load_model(tmp_path / "twin.keras")
    assert_same_predictions(model, loaded)
    assert loaded.evaluate(DATA, y, verbose=0, return_dict=True) == \
        model.evaluate(DATA, y, verbose=0, return_dict=True)
    model.fit(DATA, y, epochs=1, verbose=0, shuffle=False)
    loaded.fit(DATA, y, epochs=1, verbose=0, shuffle=False)
    assert_same_predictions(model, loaded)  # the optimizer state came back too


def test_inputs_outputs_layers_and_get_layer():
    model = shared_two_input_model()
    assert [t.name for t in model.inputs] == ["in_a", "in_b"]
    assert [t.name for t in model.outputs] == ["out_a", "out_b"]
    assert model.input is not None and len(model.output) == 2
    shared = model.get_layer("shared")
    assert model.get_layer(index=2) is shared
    assert shared.input is model.inputs[0] and shared.output.shape == (None, 3)
    assert model.get_layer("cat").input[1].node_index == 1
    with pytest.raises(ValueError, match="No such layer: nope"):
        model.get_layer("nope")
    with pytest.raises(AttributeError, match="has never been called"):
        layers.Dense(2, name="lonely").output


def test_feature_extractors_from_a_functional_and_a_sequential_model():
    model = shared_two_input_model()
    extractor = keras.Model(inputs=model.inputs, outputs=model.get_layer("cat").output)
    features = extractor.predict(DATA, verbose=0)
    W, b = model.get_layer("shared").get_weights()
    np.testing.assert_allclose(features[:, :3], np.maximum(DATA[0] @ W + b, 0), rtol=1e-6)
    every = keras.Model(inputs=model.inputs, outputs=[l.output for l in model.layers])
    assert len(every.predict(DATA, verbose=0)) == len(model.layers)

    seq = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(5, activation="relu",
                                                                  name="d1"),
                            layers.Dense(2, name="d2")])
    assert seq.input.shape == (None, 4) and seq.output.shape == (None, 2)
    outs = keras.Model(inputs=seq.inputs, outputs=[l.output for l in seq.layers]).predict(
        DATA[0], verbose=0)
    np.testing.assert_allclose(outs[1], seq.predict(DATA[0], verbose=0), rtol=1e-6)
    np.testing.assert_allclose(keras.Model(seq.input, seq.get_layer("d1").output)
                               .predict(DATA[0], verbose=0), outs[0], rtol=1e-6)
    lazy = keras.Sequential([layers.Dense(3), layers.Dense(1)])
    with pytest.raises(AttributeError, match="has no defined input yet"):
        lazy.input
    lazy.predict(DATA[0], verbose=0)
    assert lazy.input.shape == (None, 4)
    with_shape = keras.Sequential([layers.Dense(3, input_shape=(4,))])
    assert with_shape.output.shape == (None, 3)


def test_sequential_pop_returns_the_layer_and_rebuilds():
    seq = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(5, name="p1"),
                            layers.Dense(2, name="p2")])
    removed = seq.pop()
    assert removed.name == "p2" and [l.name for l in seq.layers] == ["p1"]
    assert seq.output_shape == (None, 5) and seq.output.shape == (None, 5)
    assert seq.predict(DATA[0], verbose=0).shape == (6, 5)
    seq.add(layers.Dense(1, name="p3"))
    assert seq.output.shape == (None, 1)
    seq.pop()
    seq.pop()
    with pytest.raises(TypeError, match="There are no layers in the model"):
        seq.pop()


def test_nested_models_share_weights_and_train():
    keras.utils.set_random_seed(0)
    encoder = keras.Sequential([layers.Dense(6, activation="tanh", input_shape=(4,))],
                               name="encoder")
    i = keras.Input(shape=(4,))
    inner = keras.Model(i, layers.Dense(3, name="inner_head")(encoder(i)), name="inner")
    a, b = keras.Input(shape=(4,)), keras.Input(shape=(4,))
    outer = keras.Model([a, b], layers.Dense(1, activation="sigmoid")(
        layers.concatenate([inner(a), inner(b)])))
    assert inner(keras.Input(shape=(4,))).shape == (None, 3)
    with pytest.raises(ValueError, match=r'Model "twin" has 2 outputs \['):
        shared_two_input_model()([keras.Input(shape=(4,)), keras.Input(shape=(4,))])
    assert len(outer.weights) == 2 + 2 + 2
    before = encoder.get_weights()[0].copy()
    y = (DATA[0][:, 0] > DATA[1][:, 0]).astype(int)
    outer.compile(optimizer="adam", loss="binary_crossentropy")
    outer.fit(DATA, y, epochs=2, verbose=0)
    assert not np.allclose(encoder.get_weights()[0], before)
    inner.trainable = False
    frozen = encoder.get_weights()[0].copy()
    outer.compile(optimizer="adam", loss="binary_crossentropy")
    outer.fit(DATA, y, epochs=2, verbose=0)
    np.testing.assert_array_equal(encoder.get_weights()[0], frozen)


def test_summary_connected_to_column_as_keras():
    lines = []
    shared_two_input_model().summary(print_fn=lines.append)
    text = "\n".join(lines)
    header = next(line for line in lines if "Layer (type)" in line)
    assert [h.strip() for h in header.strip("┃").split("┃")] == [
        "Layer (type)", "Output Shape", "Param #", "Connected to"]
    rows = {line.split("│")[1].strip(): line.split("│")[4].strip() for line in lines
            if line.startswith("│")}
    assert rows["in_a (InputLayer)"] == "-"
    assert rows["shared (Dense)"] == "in_a[0][0], in_b[0][0], in_a[0][0], in_b[0][0]"
    assert rows["cat (Concatenate)"] == "shared[0][0], shared[1][0]"
    assert rows["sum (Add)"] == "shared[2][0], shared[3][0]"
    assert "Total params: 33" in text  # shared 4*3+3, out_a 6*2+2, out_b 3+1
    chain = []
    inp = keras.Input(shape=(3,))
    keras.Model(inp, layers.Dense(2)(layers.Dense(4)(inp))).summary(print_fn=chain.append)
    assert "Connected to" not in "\n".join(chain)
