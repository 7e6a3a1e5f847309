"""The binary focal cross-entropy: gamma 0 is the (class-weighted) cross-entropy, the
focal factor shrinks easy samples' losses, and the backward matches central differences
wherever the forward is smooth."""

import numpy as np
import pytest

from course.ops.gradient_check import numerical_gradient_array
from course.ops.probabilistic_losses import (binary_crossentropy_per_sample_forward,
                                             binary_focal_crossentropy_per_sample_backward,
                                             binary_focal_crossentropy_per_sample_forward)


def inputs(seed, shape=(6, 3), logits=False):
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, 2, shape).astype(np.float64)
    y_pred = 3 * rng.standard_normal(shape) if logits else rng.uniform(0.05, 0.95, shape)
    return y_true, y_pred


def test_gamma_0_without_balancing_is_the_binary_crossentropy():
    y_true, y_pred = inputs(0)
    focal, _ = binary_focal_crossentropy_per_sample_forward(y_true, y_pred, gamma=0.0)
    bce, _ = binary_crossentropy_per_sample_forward(y_true, y_pred)
    np.testing.assert_allclose(focal, bce, rtol=1e-12)


def test_the_focal_factor_shrinks_easy_samples_most():
    y_true = np.array([[1.0], [1.0]])
    y_pred = np.array([[0.95], [0.3]])                # an easy positive and a hard one
    focal, _ = binary_focal_crossentropy_per_sample_forward(y_true, y_pred)
    bce, _ = binary_crossentropy_per_sample_forward(y_true, y_pred)
    ratio = focal / bce
    np.testing.assert_allclose(ratio, [0.05 ** 2, 0.7 ** 2], rtol=1e-12)


@pytest.mark.parametrize("options", [
    {}, {"gamma": 0.0, "apply_class_balancing": True}, {"gamma": 1.0, "alpha": 0.8,
                                                        "apply_class_balancing": True},
    {"from_logits": True, "gamma": 3.0}, {"from_logits": True, "apply_class_balancing": True}])
def test_backward_matches_central_differences(options):
    y_true, y_pred = inputs(1, logits=options.get("from_logits", False))
    values, cache = binary_focal_crossentropy_per_sample_forward(y_true, y_pred, **options)
    dvalues = np.random.default_rng(2).standard_normal(values.shape)
    grad = binary_focal_crossentropy_per_sample_backward(dvalues, cache)
    numerical = numerical_gradient_array(
        lambda p: binary_focal_crossentropy_per_sample_forward(y_true, p, **options)[0],
        y_pred.copy(), dvalues)
    np.testing.assert_allclose(grad, numerical, rtol=1e-6, atol=1e-9)


def test_float32_stays_float32():
    y_true, y_pred = inputs(3)
    values, cache = binary_focal_crossentropy_per_sample_forward(
        y_true.astype(np.float32), y_pred.astype(np.float32), apply_class_balancing=True)
    grad = binary_focal_crossentropy_per_sample_backward(np.ones(6, np.float32), cache)
    assert values.dtype == np.float32 and grad.dtype == np.float32
