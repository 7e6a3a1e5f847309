"""Every Keras 3 loss: numbers and gradients against Keras (every reduction, with and without
sample weights), the ops pairs against central differences, names, configs and errors."""

import json
import sys

import numpy as np
import pytest

from course.keras import losses
from course.ops import hinge_losses as H
from course.ops import loss_reduction
from course.ops import probabilistic_losses as P
from course.ops import regression_losses as R
from gradcheck import assert_close, numerical_gradient
from keras_reference import load
from keras_reference.loss_inputs import loss_input

REF = load("losses_all")
CASES = json.loads(str(REF["cases"]))
REDUCTIONS = ["sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none"]


@pytest.mark.parametrize("i", range(len(CASES)), ids=[f"{c[0]}{c[1] or ''}" for c in CASES])
def test_every_loss_matches_keras_in_every_reduction(i):
    cls, kwargs = CASES[i][:2]
    y_true, y_pred, weight = REF[f"{i}/y_true"], REF[f"{i}/y_pred"], REF[f"{i}/weight"]
    for reduction in REDUCTIONS:
        loss_obj = getattr(losses, cls)(reduction=reduction, **kwargs)
        for weighted in (0, 1):
            key = f"{i}/{reduction}/{weighted}"
            loss, cache = loss_obj.forward(y_true, y_pred, weight if weighted else None)
            assert loss.dtype == np.float32
            np.testing.assert_allclose(loss, REF[f"{key}/loss"], rtol=1e-5, atol=1e-5,
                                       err_msg=key)
            grad = loss_obj.backward(cache, np.ones_like(loss))
            np.testing.assert_allclose(grad, REF[f"{key}/grad"], rtol=1e-4, atol=1e-5,
                                       err_msg=key)
            assert loss_obj(y_true, y_pred, weight if weighted else None) == \
                pytest.approx(loss, rel=1e-6)
    function = getattr(losses, getattr(losses, cls)().fn.__name__)
    np.testing.assert_allclose(function(y_true, y_pred, **kwargs), REF[f"{i}/none/0/loss"],
                               rtol=1e-5, atol=1e-5)


PAIRS = [
    (R.mean_squared_error_per_sample_forward, {}, "real", "real"),
    (R.mean_absolute_error_per_sample_forward, {}, "real", "real"),
    (R.mean_absolute_percentage_error_per_sample_forward, {}, "real", "real"),
    (R.mean_squared_logarithmic_error_per_sample_forward, {}, "positive", "positive"),
    (R.huber_per_sample_forward, {"delta": 0.7}, "real", "real"),
    (R.log_cosh_per_sample_forward, {}, "real", "real"),
    (R.cosine_similarity_per_sample_forward, {}, "real", "real"),
    (H.hinge_per_sample_forward, {}, "binary", "real"),
    (H.squared_hinge_per_sample_forward, {}, "binary", "real"),
    (H.categorical_hinge_per_sample_forward, {}, "one_hot", "real"),
    (P.kl_divergence_per_sample_forward, {}, "probs", "probs"),
    (P.poisson_per_sample_forward, {}, "positive", "positive"),
    (P.binary_crossentropy_per_sample_forward, {"label_smoothing": 0.1}, "binary", "unit"),
    (P.binary_crossentropy_per_sample_forward, {"from_logits": True}, "binary", "real"),
    (P.binary_focal_crossentropy_per_sample_forward,
     {"apply_class_balancing": True, "gamma": 1.5}, "binary", "unit"),
    (P.binary_focal_crossentropy_per_sample_forward,
     {"from_logits": True, "label_smoothing": 0.1}, "binary", "real"),
    (P.categorical_crossentropy_per_sample_forward, {"label_smoothing": 0.2}, "one_hot", "probs"),
    (P.categorical_crossentropy_per_sample_forward, {"from_logits": True}, "one_hot", "real"),
    (P.categorical_focal_crossentropy_per_sample_forward, {"gamma": 3.0}, "one_hot", "probs"),
    (P.categorical_focal_crossentropy_per_sample_forward,
     {"from_logits": True, "label_smoothing": 0.1}, "one_hot", "real"),
    (P.sparse_categorical_crossentropy_per_sample_forward, {}, "labels", "probs"),
    (P.sparse_categorical_crossentropy_per_sample_forward,
     {"from_logits": True, "ignore_class": 2}, "labels", "real"),
]


@pytest.mark.parametrize("forward, options, true_kind, pred_kind", PAIRS,
                         ids=[f"{p[0].__name__}{p[1] or ''}" for p in PAIRS])
@pytest.mark.parametrize("shape", [(5, 4), (2, 3, 3)])
def test_every_per_sample_pair_matches_central_differences(forward, options, true_kind,
                                                           pred_kind, shape):
    rng = np.random.default_rng(len(shape))
    backward = getattr(sys.modules[forward.__module__],
                       forward.__name__.replace("_forward", "_backward"))
    y_true = loss_input(true_kind, rng, shape)
    y_pred = loss_input(pred_kind, rng, shape)
    values, cache = forward(y_true, y_pred, **options)
    assert values.shape == shape[:-1] and values.dtype == np.float64
    dvalues = rng.standard_normal(values.shape)
    grad = backward(dvalues, cache)
    num = numerical_gradient(lambda v: forward(y_true, v, **options)[0], y_pred, dvalues)
    assert_close(grad, num, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("reduction", REDUCTIONS + [None])
@pytest.mark.parametrize("masked", [False, True])
def test_the_reduction_gradient_matches_central_differences(reduction, masked):
    rng = np.random.default_rng(3)
    values = rng.standard_normal((4, 3))
    weight = rng.uniform(0.5, 2, (4, 3))
    mask = rng.random((4, 3)) > 0.3 if masked else None
    loss, cache = loss_reduction.loss_reduction_forward(values, weight, mask, reduction)
    dloss = rng.standard_normal(np.shape(loss))
    grad = loss_reduction.loss_reduction_backward(dloss, cache)
    num = numerical_gradient(lambda v: loss_reduction.loss_reduction_forward(
        v, weight, mask, reduction)[0], values, dloss)
    assert_close(grad, num)


def test_losses_are_computed_for_the_whole_batch_at_once(monkeypatch):
    calls = []
    forward = R.huber_per_sample_forward
    monkeypatch.setattr(losses.huber, "ops_pair", (
        lambda *a, **k: calls.append(1) or forward(*a, **k), R.huber_per_sample_backward))
    assert losses.huber(np.zeros((100, 3)), np.ones((100, 3))).shape == (100,)
    assert calls == [1]


def test_bad_arguments_get_clear_errors():
    with pytest.raises(ValueError, match="reduction.*sum_over_batch_size.*'sum'.*avg"):
        losses.Huber(reduction="avg")
    with pytest.raises(ValueError, match=r"\(4, 3\).*\(4, 2\)"):
        losses.MeanSquaredError()(np.zeros((4, 3)), np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"integer class labels of shape \(4,\).*\(5,\)"):
        losses.SparseCategoricalCrossentropy()(np.zeros(5), np.full((4, 3), 1 / 3))
    with pytest.raises(ValueError, match=r"labels must lie in \[0, 3\)"):
        losses.sparse_categorical_crossentropy(np.array([0, 3]), np.full((2, 3), 1 / 3))
    with pytest.raises(ValueError, match=r"sample_weight of shape \(3,\).*\(4,\)"):
        losses.MeanSquaredError()(np.zeros((4, 2)), np.ones((4, 2)), sample_weight=np.ones(3))
    with pytest.raises(TypeError, match="unexpected.*delt"):
        losses.Huber(delt=2.0)
    with pytest.raises(ValueError, match="Unknown loss.*huber"):
        losses.get("hubber")


def test_names_configs_and_get():
    assert losses.Huber().name == "huber_loss"
    assert losses.Huber(0.5).get_config() == {"name": "huber_loss", "delta": 0.5,
                                               "reduction": "sum_over_batch_size"}
    for name, cls in [("huber", losses.Huber), ("Huber", losses.Huber), ("mape",
                      losses.MeanAbsolutePercentageError), ("kld", losses.KLDivergence),
                      ("logcosh", losses.LogCosh), ("log_cosh", losses.LogCosh),
                      ("binary_focal_crossentropy", losses.BinaryFocalCrossentropy),
                      (losses.squared_hinge, losses.SquaredHinge)]:
        assert type(losses.get(name)) is cls, name
    for cls in losses.LOSS_CLASSES:
        obj = cls(reduction="sum", name="mine")
        again = losses.get({"class_name": cls.__name__, "config": obj.get_config()})
        assert type(again) is cls and again.get_config() == obj.get_config()
    focal = losses.CategoricalFocalCrossentropy(alpha=0.3, from_logits=True)
    assert (focal.alpha, focal.gamma, focal.from_logits) == (0.3, 2.0, True)


@pytest.mark.parametrize("loss, target", [
    ("huber", "real"), ("log_cosh", "real"), ("mape", "real"), ("msle", "positive"),
    ("cosine_similarity", "real"), ("hinge", "binary"), ("squared_hinge", "binary"),
    ("categorical_hinge", "one_hot"), ("kld", "probs"), ("poisson", "positive"),
    ("binary_focal_crossentropy", "binary"), ("categorical_focal_crossentropy", "one_hot"),
    (losses.Huber(delta=0.3, name="my_huber"), "real"),
    (losses.SparseCategoricalCrossentropy(ignore_class=0), "labels"),
    (losses.CategoricalCrossentropy(label_smoothing=0.1), "one_hot"),
])
def test_every_loss_trains_a_model_by_name_and_survives_saving(tmp_path, loss, target):
    from course import keras
    rng = np.random.default_rng(0)
    x = rng.standard_normal((48, 4)).astype(np.float32)
    y = loss_input(target, rng, (48, 3))
    probabilities = target in ("probs", "one_hot", "labels", "binary")
    activation = {"binary": "sigmoid", "positive": "sigmoid", "real": None}.get(target, "softmax")
    model = keras.Sequential([keras.layers.Dense(3, activation=activation, input_shape=(4,))])
    model.compile(optimizer="nadam", loss=loss, metrics=["mae"] if not probabilities else [])
    before = model.evaluate(x, y, verbose=0)
    model.fit(x, y, epochs=3, batch_size=16, verbose=0)
    after = model.evaluate(x, y, verbose=0)
    before, after = (np.ravel(v)[0] for v in (before, after))
    assert np.isfinite(after) and after < before
    model.save(tmp_path / "m.keras")
    loaded = keras.models.load_model(tmp_path / "m.keras")
    assert type(loaded.loss) is type(model.loss)
    assert loaded.loss.get_config() == model.loss.get_config()


def test_a_loss_without_reduction_trains_on_the_sum_and_logs_the_mean():
    from course import keras
    x = np.ones((4, 1), np.float32)
    y = np.array([[1.0], [2.0], [3.0], [4.0]], np.float32)
    model = keras.Sequential([keras.layers.Dense(1, use_bias=False, kernel_initializer="zeros",
                                                 input_shape=(1,))])
    model.compile(optimizer=keras.optimizers.SGD(0.01),
                  loss=losses.MeanSquaredError(reduction="none"))
    logs = model.train_on_batch(x, y, return_dict=True)
    assert logs["loss"] == pytest.approx((1 + 4 + 9 + 16) / 4)
    np.testing.assert_allclose(model.get_weights()[0], [[0.01 * 2 * (1 + 2 + 3 + 4)]], rtol=1e-6)


def test_a_subclass_with_call_computes_its_loss_and_its_gradient_on_a_tape():
    class Scaled(losses.Loss):
        def call(self, y_true, y_pred):
            return 2 * ((y_true - y_pred) ** 2).mean(-1)

    loss = Scaled(reduction="sum")
    assert loss.name == "scaled"
    assert loss(np.zeros((2, 2)), np.ones((2, 2))) == pytest.approx(4.0)
    y_pred = np.array([[1.0, 3.0], [0.5, -1.0]])
    value, cache = loss.forward(np.zeros((2, 2)), y_pred)
    # reduction="sum": the sum over the batch of 2 * mean(p**2, -1) (D = 2): d/dp = 2 * 2p / D
    assert float(value) == pytest.approx(np.sum(2 * (y_pred ** 2).mean(-1)))
    np.testing.assert_allclose(loss.backward(cache), 2 * y_pred, rtol=1e-6)
    mean_loss = Scaled()  # the default, "sum_over_batch_size": the batch mean (N = 2)
    value, cache = mean_loss.forward(np.zeros((2, 2)), y_pred)
    assert float(value) == pytest.approx(np.mean(2 * (y_pred ** 2).mean(-1)))
    np.testing.assert_allclose(mean_loss.backward(cache), y_pred, rtol=1e-6)
