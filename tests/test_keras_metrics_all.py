"""Keras 3's metrics against Keras after several update_state calls (with and without
sample weights), their log names, names in compile, and clear errors."""

import json

import numpy as np
import pytest

from course import keras
from course.keras import metrics
from keras_reference import load

REF = load("losses_metrics")
CASES = json.loads(str(REF["cases"]))


@pytest.mark.parametrize("i", range(len(CASES)), ids=[f"{c[0]}{c[1] or ''}" for c in CASES])
def test_every_metric_matches_keras_after_several_batches(i):
    cls, kwargs = CASES[i][:2]
    batches = sorted({k.split("/")[1] for k in REF if k.startswith(f"{i}/")
                      and k.endswith("/y_true")})
    for weighted in (0, 1):
        metric = getattr(metrics, cls)(**kwargs)
        for b in batches:
            metric.update_state(REF[f"{i}/{b}/y_true"], REF[f"{i}/{b}/y_pred"],
                                REF[f"{i}/{b}/weight"] if weighted else None)
        np.testing.assert_allclose(metric.result(), REF[f"{i}/{weighted}/result"],
                                   rtol=1e-5, atol=1e-6, err_msg=f"{cls} weighted={weighted}")
        metric.reset_state()
        metric.update_state(REF[f"{i}/0/y_true"], REF[f"{i}/0/y_pred"])
        single = metric.result()
        metric.reset_state()  # calling a metric updates its state, as Keras 3's __call__
        assert np.allclose(metric(REF[f"{i}/0/y_true"], REF[f"{i}/0/y_pred"]), single)
    assert metric.name == str(REF[f"{i}/name"])
    assert type(metric).from_config(metric.get_config()).get_config() == metric.get_config()


def test_mean_sum_and_the_wrapper():
    mean, total = metrics.Mean(), metrics.Sum()
    for values, w in [([1.0, 2.0], [1.0, 3.0]), ([4.0], None)]:
        mean.update_state(values, sample_weight=w)
        total.update_state(values, sample_weight=w)
    assert mean.result() == pytest.approx((1 + 6 + 4) / 5)
    assert total.result() == pytest.approx(11.0)
    wrapper = metrics.MeanMetricWrapper(keras.losses.huber, name="hub", delta=0.5)
    wrapper.update_state(np.zeros((2, 1)), np.array([[0.2], [2.0]]))
    assert wrapper.name == "hub"
    assert wrapper.result() == pytest.approx((0.5 * 0.04 + 0.5 * (2.0 - 0.25)) / 2)


def test_names_in_compile_and_in_the_logs():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((40, 3)).astype(np.float32)
    y = (x[:, :1] > 0).astype(np.float32)
    model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid", input_shape=(3,))])
    model.compile(optimizer="adam", loss="binary_crossentropy",
                  metrics=["mae", "mse", metrics.RootMeanSquaredError(),
                           metrics.F1Score(threshold=0.5), metrics.TruePositives(),
                           metrics.PrecisionAtRecall(0.5), "binary_crossentropy"])
    history = model.fit(x, y, epochs=1, batch_size=8, verbose=0)
    assert set(history.history) == {"loss", "mae", "mse", "root_mean_squared_error", "f1_score",
                                    "true_positives", "precision_at_recall",
                                    "binary_crossentropy"}


def test_bad_arguments_get_clear_errors():
    with pytest.raises(ValueError, match="average.*Received: average=mean"):
        metrics.F1Score(average="mean")
    with pytest.raises(ValueError, match="recall` must be in the range"):
        metrics.PrecisionAtRecall(1.5)
    with pytest.raises(ValueError, match=r"2D inputs.*\(4,\).*\(4,\)"):
        metrics.F1Score()(np.zeros(4), np.zeros(4))
    with pytest.raises(ValueError, match=r"\(4, 2\).*\(4, 3\)"):
        metrics.TruePositives()(np.zeros((4, 2)), np.zeros((4, 3)))
    with pytest.raises(ValueError, match="Unknown metric.*root_mean_squared_error"):
        metrics.get("rmse2")
