import numpy as np
import pytest

from course.ops import adagrad_update, adam_update, rmsprop_update, sgd_update


def test_adam_first_two_steps_by_hand():
    p = np.array([1.0, -2.0], np.float32)
    g = np.array([0.5, -0.1], np.float32)
    m, v = np.zeros(2, np.float32), np.zeros(2, np.float32)
    adam_update(p, g, m, v, 1, learning_rate=0.1)
    # step 1: m = 0.1 g, v = 0.001 g^2, alpha = 0.1 * sqrt(0.001) / 0.1
    alpha = 0.1 * np.sqrt(1 - 0.999) / (1 - 0.9)
    expected = np.array([1.0, -2.0]) - alpha * (0.1 * g) / (np.sqrt(0.001 * g * g) + 1e-7)
    np.testing.assert_allclose(p, expected, rtol=1e-6)
    np.testing.assert_allclose(m, 0.1 * g, rtol=1e-6)
    np.testing.assert_allclose(v, 0.001 * g * g, rtol=1e-6)
    # step 2, same gradient
    p2 = p.astype(np.float64).copy()
    m2, v2 = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
    alpha2 = 0.1 * np.sqrt(1 - 0.999 ** 2) / (1 - 0.9 ** 2)
    adam_update(p, g, m, v, 2, learning_rate=0.1)
    np.testing.assert_allclose(p, p2 - alpha2 * m2 / (np.sqrt(v2) + 1e-7), rtol=1e-6)


def test_rmsprop_step_by_hand():
    p = np.array([1.0, 2.0])
    g = np.array([0.3, -4.0])
    v = np.array([0.5, 0.0])
    rmsprop_update(p, g, v, learning_rate=0.01, rho=0.9, epsilon=1e-7)
    v_expected = 0.9 * np.array([0.5, 0.0]) + 0.1 * g * g
    np.testing.assert_allclose(v, v_expected)
    np.testing.assert_allclose(p, [1.0, 2.0] - 0.01 * g / np.sqrt(v_expected + 1e-7))


def test_sgd_plain_momentum_and_nesterov():
    p, g = np.array([1.0]), np.array([2.0])
    sgd_update(p, g, learning_rate=0.1)
    assert p[0] == pytest.approx(0.8)
    p, vel = np.array([1.0]), np.array([0.5])
    sgd_update(p, g, vel, learning_rate=0.1, momentum=0.9)
    assert vel[0] == pytest.approx(0.9 * 0.5 - 0.2) and p[0] == pytest.approx(1.0 + vel[0])
    p, vel = np.array([1.0]), np.array([0.5])
    sgd_update(p, g, vel, learning_rate=0.1, momentum=0.9, nesterov=True)
    assert p[0] == pytest.approx(1.0 + 0.9 * (0.9 * 0.5 - 0.2) - 0.2)


def test_adagrad_step_by_hand():
    p, g, acc = np.array([1.0]), np.array([2.0]), np.array([0.1])
    adagrad_update(p, g, acc, learning_rate=0.5)
    assert acc[0] == pytest.approx(4.1)
    assert p[0] == pytest.approx(1.0 - 0.5 * 2.0 / np.sqrt(4.1 + 1e-7))


def test_updates_work_on_matrices_in_place():
    p = np.ones((3, 4), np.float32)
    view = p
    adam_update(p, np.ones_like(p), np.zeros_like(p), np.zeros_like(p), 1)
    assert view is p and np.all(p < 1)


def test_non_contiguous_arrays_are_refused_not_silently_ignored():
    p = np.ones((4, 4), np.float32)[:, ::2]
    with pytest.raises(ValueError, match="contiguous"):
        sgd_update(p, np.ones_like(p))


def test_adam_and_rmsprop_state_is_flushed_instead_of_going_subnormal():
    tiny = np.finfo(np.float32).tiny
    p = np.ones(4, np.float32)
    m = np.full(4, 2 * tiny, np.float32)
    v = np.full(4, 2 * tiny, np.float32)
    zero = np.zeros(4, np.float32)
    adam_update(p, zero, m, v, 1000)  # 0.9 * 2 tiny is still normal; 0.999 * 2 tiny too
    adam_update(p, zero, m, v, 1001)
    for _ in range(20):
        adam_update(p, zero, m, v, 1002)
    assert np.all(m == 0)  # 0.9**22 * 2 tiny would be subnormal: flushed to exactly 0
    for _ in range(700):
        adam_update(p, zero, m, v, 1002)
    assert np.all(v == 0)  # likewise 0.999**700 * 2 tiny
    r = np.full(4, 2 * tiny, np.float32)
    for _ in range(10):
        rmsprop_update(p, zero, r)
    assert np.all(r == 0)


def test_adam_refuses_iteration_zero():
    p = np.ones(2)
    with pytest.raises(ValueError, match="iteration"):
        adam_update(p, p, np.zeros(2), np.zeros(2), 0)
