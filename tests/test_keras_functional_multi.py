"""Functional models with several inputs and outputs, against Keras 3's numbers
(``keras_reference/make_functional_multi.py``), and their errors."""

import numpy as np
import pytest

from course import keras
from course.keras import layers
from keras_reference import load

REF = load("functional_multi")


def two_input_two_output():
    """The model of make_functional_multi.py, with Keras's weights."""
    a = keras.Input(shape=(4,), name="in_a")
    b = keras.Input(shape=(3,), name="in_b")
    h = layers.concatenate([a, b], name="cat")
    h = layers.Dense(5, activation="tanh", name="hid")(h)
    g = layers.Dense(5, activation="relu", name="side")(b)
    h = layers.add([h, g], name="join")
    out_a = layers.Dense(3, activation="softmax", name="out_a")(h)
    out_b = layers.Dense(2, name="out_b")(layers.multiply([h, g], name="gate"))
    model = keras.Model(inputs=[a, b], outputs=[out_a, out_b])
    set_weights(model, "w0")
    return model


def set_weights(model, prefix):
    by_path = {w.path: w for w in model.weights}
    for i, path in enumerate(REF["weight_names"]):
        by_path[str(path)].assign(REF[f"{prefix}_{i}"])


def assert_weights(model, prefix):
    by_path = {w.path: w for w in model.weights}
    for i, path in enumerate(REF["weight_names"]):
        np.testing.assert_allclose(by_path[str(path)].value, REF[f"{prefix}_{i}"], rtol=1e-5,
                                   atol=1e-6, err_msg=str(path))


XS = [REF["x_a"], REF["x_b"]]
YS = [REF["y_a"], REF["y_b"]]


def test_predictions_match_keras_as_a_list_and_from_dict_data():
    model = two_input_two_output()
    pred_a, pred_b = model.predict(XS, verbose=0)
    np.testing.assert_allclose(pred_a, REF["pred_a"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(pred_b, REF["pred_b"], rtol=1e-5, atol=1e-6)
    by_name = model.predict({"in_b": XS[1], "in_a": XS[0]}, verbose=0)
    np.testing.assert_allclose(by_name[1], REF["pred_b"], rtol=1e-5, atol=1e-6)
    assert model.output_names == ["out_a", "out_b"]
    assert model.input_shape == [(None, 4), (None, 3)]
    assert model.output_shape == [(None, 3), (None, 2)]


def compiled(**kwargs):
    model = two_input_two_output()
    model.compile(optimizer=keras.optimizers.SGD(0.1), **kwargs)
    return model


LIST_ARGS = dict(loss=["sparse_categorical_crossentropy", "mse"], loss_weights=[1.0, 0.5],
                 metrics=[["accuracy"], []])
DICT_ARGS = dict(loss={"out_a": "sparse_categorical_crossentropy", "out_b": "mse"},
                 loss_weights={"out_a": 1.0, "out_b": 0.5}, metrics={"out_a": ["accuracy"]})


@pytest.mark.parametrize("args", [LIST_ARGS, DICT_ARGS], ids=["lists", "dicts"])
def test_per_output_losses_total_and_log_names_match_keras(args):
    model = compiled(**args)
    logs = model.evaluate(XS, YS, verbose=0, return_dict=True)
    assert list(logs) == ["loss", "out_a_accuracy", "out_a_loss", "out_b_loss"]
    for key, value in logs.items():
        assert value == pytest.approx(float(REF[f"eval_{key}"]), rel=1e-5), key
    assert logs["loss"] == pytest.approx(logs["out_a_loss"] + 0.5 * logs["out_b_loss"], rel=1e-6)
    np.testing.assert_allclose(model.evaluate(XS, YS, verbose=0), REF["eval_list"], rtol=1e-5)
    assert model.metrics_names == ["loss", "out_a_loss", "out_b_loss", "out_a_accuracy"]


def test_one_sgd_step_gives_keras_weights():
    model = compiled(**LIST_ARGS)
    model.train_on_batch(XS, YS)
    assert_weights(model, "w1")


def test_fit_on_dicts_gives_keras_history_keys_values_and_weights():
    model = compiled(**DICT_ARGS)
    history = model.fit({"in_a": XS[0], "in_b": XS[1]}, {"out_a": YS[0], "out_b": YS[1]},
                        batch_size=4, epochs=1, shuffle=False, verbose=0,
                        validation_data=(XS, YS))
    assert list(history.history) == [str(k) for k in REF["history_keys"]]
    for key, values in history.history.items():
        assert values[-1] == pytest.approx(float(REF[f"fit_{key}"]), rel=1e-5, abs=1e-6), key
    assert_weights(model, "w2")


def test_one_loss_for_every_output_and_an_output_without_loss():
    model = compiled(loss="mse")
    y_a = np.eye(3, dtype=np.float32)[YS[0]]
    logs = model.evaluate(XS, [y_a, YS[1]], verbose=0, return_dict=True)
    assert logs["loss"] == pytest.approx(logs["out_a_loss"] + logs["out_b_loss"], rel=1e-6)
    model = compiled(loss={"out_b": "mse"})
    logs = model.evaluate(XS, {"out_b": YS[1]}, verbose=0, return_dict=True)
    assert list(logs) == ["loss", "out_b_loss"]
    assert logs["loss"] == pytest.approx(float(REF["eval_out_b_loss"]), rel=1e-5)
    before = model.get_layer("out_a").get_weights()
    model.fit(XS, {"out_b": YS[1]}, epochs=2, verbose=0)
    np.testing.assert_array_equal(model.get_layer("out_a").get_weights()[0], before[0])


def test_dict_inputs_and_dict_outputs():
    keras.utils.set_random_seed(1)
    x = keras.Input(shape=(3,), name="x")
    t = keras.Input(shape=(2,), name="t")
    h = layers.Dense(4, activation="relu", name="h")(layers.concatenate([x, t]))
    model = keras.Model(inputs={"x": x, "t": t},
                        outputs={"score": layers.Dense(1, name="score")(h),
                                 "label": layers.Dense(2, activation="softmax", name="label")(h)})
    assert model.input_names == ["t", "x"] and model.output_keys == ["label", "score"]
    assert model.output_names == ["label", "score"]  # here the layers are named as the keys
    rng = np.random.default_rng(0)
    data = {"x": rng.standard_normal((16, 3)), "t": rng.standard_normal((16, 2))}
    targets = {"score": rng.standard_normal((16, 1)), "label": rng.integers(0, 2, 16)}
    model.compile(optimizer="adam", loss={"score": "mse", "label": "sparse_categorical_crossentropy"})
    history = model.fit(data, targets, epochs=3, verbose=0)
    assert list(history.history) == ["label_loss", "loss", "score_loss"]
    out = model.predict(data, verbose=0)
    assert sorted(out) == ["label", "score"] and out["score"].shape == (16, 1)
    manual = model.get_layer("score").call(model.get_layer("h").call(
        np.concatenate([data["x"], data["t"]], axis=1).astype(np.float32)))
    np.testing.assert_allclose(out["score"], manual, rtol=1e-6)


def test_single_input_given_in_a_dict_or_a_list():
    keras.utils.set_random_seed(0)
    inp = keras.Input(shape=(3,), name="features")
    model = keras.Model(inputs={"features": inp}, outputs=layers.Dense(2, name="d")(inp))
    x = np.ones((4, 3), np.float32)
    expected = model.get_layer("d").call(x)
    np.testing.assert_allclose(model.predict({"features": x}, verbose=0), expected, rtol=1e-6)
    with pytest.raises(ValueError, match='Missing data for input "features"'):
        model.predict({"feature": x}, verbose=0)


def test_gradients_of_a_two_output_model_by_central_differences():
    from gradcheck import assert_close, numerical_grad
    model = two_input_two_output()
    xa, xb = XS[0].astype(np.float64), XS[1].astype(np.float64)
    (oa, ob), cache = model.forward([xa, xb])
    rng = np.random.default_rng(3)
    da, db = rng.standard_normal(oa.shape), rng.standard_normal(ob.shape)
    (dxa, dxb), grads = model.backward([da, db], cache)

    def loss():
        ya, yb = model.forward([xa, xb])[0]
        return float((ya * da).sum() + (yb * db).sum())
    assert_close(dxa, numerical_grad(loss, xa), rtol=1e-5, atol=1e-7)
    assert_close(dxb, numerical_grad(loss, xb), rtol=1e-5, atol=1e-7)
    kernel = model.get_layer("side").weights[0]
    kernel.value = kernel.value.astype(np.float64)
    index = [i for i, w in enumerate(model.weights) if w is kernel][0]
    assert_close(model.backward([da, db], model.forward([xa, xb])[1])[1][index],
                 numerical_grad(loss, kernel.value), rtol=1e-5, atol=1e-7)


def test_wrong_number_of_inputs_and_missing_keys_are_named():
    model = compiled(**LIST_ARGS)
    with pytest.raises(ValueError, match=r"expects 2 named input\(s\) with keys \['in_a', "
                                         r"'in_b'\], but it received 1 input tensors"):
        model.predict([XS[0]], verbose=0)
    with pytest.raises(ValueError, match=r'Missing data for input "in_b". You passed a data '
                                         r"dictionary with keys \['in_a'\]"):
        model.fit({"in_a": XS[0]}, YS, verbose=0)
    with pytest.raises(ValueError, match='Missing data for output "out_b"'):
        model.fit(XS, {"out_a": YS[0]}, verbose=0)
    with pytest.raises(ValueError, match="received 1 target arrays"):
        model.evaluate(XS, [YS[0]], verbose=0)
    with pytest.raises(ValueError, match=r"keys \['out_c'\] that are not output names"):
        model.compile(optimizer="sgd", loss={"out_c": "mse"})
    with pytest.raises(ValueError, match=r"Invalid `metrics`.*output names of the functional "
                                         r"model \['out_a', 'out_b'\]"):
        model.compile(optimizer="sgd", loss="mse", metrics=["accuracy"])
    with pytest.raises(ValueError, match="a list of 3 entries, but the model has 2 outputs"):
        model.compile(optimizer="sgd", loss=["mse"] * 3)
    with pytest.raises(ValueError, match=r"No such layer: nope. Existing layers are: \['in_a'"):
        model.get_layer("nope")
    with pytest.raises(ValueError, match="Data cardinality is ambiguous"):
        model.predict([XS[0], XS[1][:5]], verbose=0)


def test_dict_outputs_log_by_key_while_output_names_are_the_layers():
    inp = keras.Input(shape=(4,), name="in")
    h = layers.Dense(5, name="hid")(inp)
    model = keras.Model(inp, {"score": layers.Dense(3, activation="softmax", name="out_a")(h),
                              "label": layers.Dense(3, activation="softmax", name="out_b")(h)})
    assert model.output_names == ["out_b", "out_a"]  # sorted by key, as Keras 3
    model.compile(optimizer="sgd", loss={"score": "sparse_categorical_crossentropy",
                                         "label": "sparse_categorical_crossentropy"},
                  metrics=["accuracy", "accuracy"])
    y = np.arange(8) % 3
    history = model.fit(np.ones((8, 4)), {"score": y, "label": y}, verbose=0)
    assert list(history.history) == ["label_accuracy", "label_loss", "loss", "score_accuracy",
                                     "score_loss"]
