"""Every optimizer, and Keras 3's common optimizer arguments, step by step against Keras;
names in compile, configs that survive saving, and clear errors."""

import json

import numpy as np
import pytest

from course import keras
from course.keras import optimizers
from course.keras.variable import Variable
from keras_reference import load

REF = load("losses_optimizers")
CASES = json.loads(str(REF["cases"]))


@pytest.mark.parametrize("i", range(len(CASES)), ids=[f"{c[0]}{c[1]}" for c in CASES])
def test_five_steps_match_keras(i):
    cls, kwargs = CASES[i]
    opt = getattr(optimizers, cls)(**kwargs)
    w, b = Variable(REF["w0"].copy(), "w"), Variable(REF["b0"].copy(), "b")
    for step in range(len(REF["gw"])):
        opt.apply([REF["gw"][step], REF["gb"][step]], [w, b])
        np.testing.assert_allclose(w.value, REF[f"{i}/w"][step], rtol=1e-5, atol=1e-6,
                                   err_msg=f"{cls} step {step + 1}")
        np.testing.assert_allclose(b.value, REF[f"{i}/b"][step], rtol=1e-5, atol=1e-6,
                                   err_msg=f"{cls} step {step + 1}")
        assert w.value.dtype == np.float32
    assert opt.iterations == len(REF["gw"])
    again = getattr(optimizers, cls).from_config(opt.get_config())
    assert again.get_config() == opt.get_config()


@pytest.mark.parametrize("name, cls", [("nadam", optimizers.Nadam), ("Adamax", optimizers.Adamax),
                                       ("adamw", optimizers.AdamW),
                                       ("adadelta", optimizers.Adadelta),
                                       ("lion", optimizers.Lion)])
def test_names_and_defaults_are_keras(name, cls):
    opt = optimizers.get(name)
    assert type(opt) is cls
    config = opt.get_config()
    assert config["learning_rate"] == 0.001
    assert config["clipnorm"] is None and config["use_ema"] is False
    assert optimizers.AdamW().weight_decay == 0.004
    assert optimizers.Adadelta().rho == 0.95
    assert optimizers.Lion().beta_2 == 0.99


def test_bad_arguments_get_clear_errors():
    with pytest.raises(ValueError, match="Only one of `clipnorm`, `clipvalue`.*clipnorm=1"):
        optimizers.Adam(clipnorm=1.0, clipvalue=0.5)
    with pytest.raises(ValueError, match="weight_decay=None"):
        optimizers.AdamW(weight_decay=None)
    with pytest.raises(ValueError, match="beta_1"):
        optimizers.Lion(beta_1=0.0)
    with pytest.raises(ValueError, match="gradient_accumulation_steps"):
        optimizers.SGD(gradient_accumulation_steps=1)
    with pytest.raises(ValueError, match="ema_momentum"):
        optimizers.Adam(use_ema=True, ema_momentum=1.5)
    with pytest.raises(TypeError, match="unexpected.*beta_3"):
        optimizers.Nadam(beta_3=0.1)
    with pytest.raises(ValueError, match="Unknown optimizer.*nadam"):
        optimizers.get("nadamm")


def test_weight_decay_skips_excluded_variables():
    opt = optimizers.SGD(0.1, weight_decay=0.5)
    w, b = Variable(np.ones(2, np.float32), "w"), Variable(np.ones(2, np.float32), "bias")
    opt.exclude_from_weight_decay(var_names=["bias"])
    opt.apply([np.zeros(2), np.zeros(2)], [w, b])
    np.testing.assert_allclose(w.value, 0.95)
    np.testing.assert_allclose(b.value, 1.0)


@pytest.mark.parametrize("optimizer", ["nadam", "adamax", "adamw", "adadelta", "lion"])
def test_every_optimizer_trains_a_model_and_survives_saving(tmp_path, optimizer):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((64, 4)).astype(np.float32)
    y = (x[:, :1] - x[:, 1:2] > 0).astype(np.float32)
    model = keras.Sequential([keras.layers.Dense(8, activation="relu", input_shape=(4,)),
                              keras.layers.Dense(1)])
    model.compile(optimizer=optimizer, loss="huber", metrics=["mae"])
    history = model.fit(x, y, epochs=3, batch_size=16, verbose=0)
    assert np.isfinite(history.history["loss"]).all()
    path = tmp_path / "model.keras"
    model.save(path)
    loaded = keras.models.load_model(path)
    assert type(loaded.optimizer) is type(model.optimizer)
    assert loaded.optimizer.get_config() == model.optimizer.get_config()
    assert type(loaded.loss).__name__ == "Huber"


def test_use_ema_writes_the_averages_into_the_weights_at_the_end_of_fit():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((32, 3)).astype(np.float32)
    y = x.sum(1, keepdims=True)
    model = keras.Sequential([keras.layers.Dense(1, input_shape=(3,))])
    opt = optimizers.Adam(0.1, use_ema=True, ema_momentum=0.5)
    model.compile(optimizer=opt, loss="mse")
    model.fit(x, y, epochs=2, batch_size=8, verbose=0)
    averages = [opt._averages[v] for v in model.trainable_weights]
    for weight, average in zip(model.get_weights(), averages):
        np.testing.assert_array_equal(weight, average)
    assert type(optimizers.get({"class_name": "Lion", "config": {"beta_2": 0.9}})) is \
        optimizers.Lion
