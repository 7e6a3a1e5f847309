"""``ops.adamw_update``: Keras 3's AdamW step (decoupled weight decay, then Adam), against
Keras's own numbers and by hand."""

import json

import numpy as np
import pytest

from course.ops import adam_update, adamw_update
from keras_reference import load

REF = load("losses_optimizers")
ADAMW = [(i, kwargs) for i, (cls, kwargs) in enumerate(json.loads(str(REF["cases"])))
         if cls == "AdamW" and not kwargs.get("amsgrad")]


def test_keras_adamw_cases_are_recorded():
    assert [kwargs for _, kwargs in ADAMW] == [{}, {"learning_rate": 0.01, "weight_decay": 0.1}]


@pytest.mark.parametrize("index,kwargs", ADAMW, ids=lambda v: str(v))
def test_five_steps_match_keras(index, kwargs):
    for name in ("w", "b"):
        param = REF[f"{name}0"].copy()
        m, v = np.zeros_like(param), np.zeros_like(param)
        for step in range(5):
            adamw_update(param, REF[f"g{name}"][step], m, v, step + 1, **kwargs)
            np.testing.assert_allclose(param, REF[f"{index}/{name}"][step], rtol=1e-6, atol=1e-7)
        assert param.dtype == np.float32


def test_decay_first_then_adam_with_the_gradient_as_it_is():
    rng = np.random.default_rng(0)
    param, grad = rng.standard_normal(6), rng.standard_normal(6)
    m, v = 0.1 * rng.standard_normal(6), rng.uniform(0.1, 1.0, 6)
    lr, wd = 0.05, 0.3
    expected, m_expected, v_expected = param * (1 - lr * wd), m.copy(), v.copy()
    adam_update(expected, grad, m_expected, v_expected, 4, learning_rate=lr)
    adamw_update(param, grad, m, v, 4, learning_rate=lr, weight_decay=wd)
    np.testing.assert_allclose(param, expected, rtol=1e-12)
    # the decay never reaches the moments: they are Adam's, from the gradient alone
    np.testing.assert_allclose(m, m_expected, rtol=1e-12)
    np.testing.assert_allclose(v, v_expected, rtol=1e-12)


def test_zero_decay_is_adam_and_iteration_0_is_refused_before_any_change():
    param = np.array([1.0, -2.0])
    same = param.copy()
    adamw_update(param, np.ones(2), np.zeros(2), np.zeros(2), 1, weight_decay=0.0)
    adam_update(same, np.ones(2), np.zeros(2), np.zeros(2), 1)
    np.testing.assert_array_equal(param, same)
    with pytest.raises(ValueError, match="adamw_update needs iteration >= 1, got 0"):
        adamw_update(param, np.ones(2), np.zeros(2), np.zeros(2), 0)
    np.testing.assert_array_equal(param, same)     # a refused step changes nothing
