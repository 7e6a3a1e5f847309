import numpy as np
import pytest

from course.ops import losses as L
from course.ops import softmax_cross_entropy_backward, softmax_cross_entropy_forward
from gradcheck import assert_close, numerical_gradient


def _probs(rng, n, k):
    p = rng.random((n, k)) + 0.05
    return p / p.sum(-1, keepdims=True)


def _one_hot(labels, k):
    return np.eye(k)[labels]


def check_gradient(forward, backward, y_true, y_pred, sample_weight=None, rtol=1e-5):
    loss, cache = forward(y_true, y_pred, sample_weight)
    grad = backward(1.0, cache)
    assert np.ndim(loss) == 0
    num = numerical_gradient(lambda v: forward(y_true, v, sample_weight)[0], y_pred)
    assert_close(grad, num, rtol=rtol, atol=1e-7)


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("seed", range(3))
def test_every_loss_gradient_matches_central_differences(seed, weighted):
    rng = np.random.default_rng(seed)
    n, k = rng.integers(1, 5), rng.integers(2, 5)
    w = rng.random(n) + 0.5 if weighted else None
    labels = rng.integers(0, k, n)
    y_real = rng.standard_normal((n, k))
    y_bin = (rng.random((n, k)) > 0.5).astype(float)
    logits = rng.standard_normal((n, k)) * 2
    check_gradient(L.mean_squared_error_forward, L.mean_squared_error_backward,
                   y_real, rng.standard_normal((n, k)), w)
    check_gradient(L.mean_absolute_error_forward, L.mean_absolute_error_backward,
                   y_real, y_real + rng.choice([-1, 1], (n, k)) * (0.1 + rng.random((n, k))), w)
    check_gradient(L.binary_crossentropy_forward, L.binary_crossentropy_backward,
                   y_bin, rng.uniform(0.05, 0.95, (n, k)), w)
    check_gradient(L.binary_crossentropy_from_logits_forward,
                   L.binary_crossentropy_from_logits_backward, y_bin, logits, w)
    check_gradient(L.categorical_crossentropy_forward, L.categorical_crossentropy_backward,
                   _one_hot(labels, k), _probs(rng, n, k), w)
    check_gradient(L.categorical_crossentropy_from_logits_forward,
                   L.categorical_crossentropy_from_logits_backward, _one_hot(labels, k), logits, w)
    check_gradient(L.sparse_categorical_crossentropy_forward,
                   L.sparse_categorical_crossentropy_backward, labels, _probs(rng, n, k), w)
    check_gradient(L.sparse_categorical_crossentropy_from_logits_forward,
                   L.sparse_categorical_crossentropy_from_logits_backward, labels, logits, w)
    check_gradient(softmax_cross_entropy_forward, softmax_cross_entropy_backward,
                   labels, logits, w)
    check_gradient(softmax_cross_entropy_forward, softmax_cross_entropy_backward,
                   _one_hot(labels, k), logits, w)


def test_closed_forms():
    y, p = np.array([[1.0, 0.0]]), np.array([[0.8, 0.2]])
    assert L.mean_squared_error_forward(y, p)[0] == pytest.approx((0.04 + 0.04) / 2)
    assert L.mean_absolute_error_forward(y, p)[0] == pytest.approx(0.2)
    assert L.categorical_crossentropy_forward(y, p)[0] == pytest.approx(-np.log(0.8))
    assert L.sparse_categorical_crossentropy_forward(np.array([0]), p)[0] == \
        pytest.approx(-np.log(0.8))
    assert L.binary_crossentropy_forward(np.array([[1.0]]), np.array([[0.8]]))[0] == \
        pytest.approx(-np.log(0.8))
    x = np.array([[2.0, -1.0]])
    expected = -np.log(np.exp(2) / (np.exp(2) + np.exp(-1)))
    assert L.categorical_crossentropy_from_logits_forward(y, x)[0] == pytest.approx(expected)
    assert softmax_cross_entropy_forward(np.array([0]), x)[0] == pytest.approx(expected)
    assert L.binary_crossentropy_from_logits_forward(np.array([[1.0]]), np.array([[0.3]]))[0] \
        == pytest.approx(np.log1p(np.exp(-0.3)))


def test_sample_weight_is_sum_over_batch_size():
    y, p = np.array([[0.0], [0.0]]), np.array([[1.0], [2.0]])
    loss, _ = L.mean_squared_error_forward(y, p, np.array([1.0, 0.0]))
    assert loss == pytest.approx(1.0 / 2)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_extreme_logits_stay_finite_and_exact(dtype):
    logits = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0]], dtype)
    labels = np.array([0, 0])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        for forward, backward, y in [
            (softmax_cross_entropy_forward, softmax_cross_entropy_backward, labels),
            (L.sparse_categorical_crossentropy_from_logits_forward,
             L.sparse_categorical_crossentropy_from_logits_backward, labels),
            (L.categorical_crossentropy_from_logits_forward,
             L.categorical_crossentropy_from_logits_backward, _one_hot(labels, 3).astype(dtype)),
        ]:
            loss, cache = forward(y, logits)
            assert loss == pytest.approx(2e4 / 2, rel=1e-6)
            assert np.isfinite(backward(1.0, cache)).all()
        loss, cache = L.binary_crossentropy_from_logits_forward(
            np.array([[1.0], [0.0]], dtype), np.array([[-1e4], [1e4]], dtype))
        assert loss == pytest.approx(1e4, rel=1e-6)
        assert np.isfinite(L.binary_crossentropy_from_logits_backward(1.0, cache)).all()


def test_probabilities_of_zero_and_one_never_take_log_of_zero():
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        loss, cache = L.categorical_crossentropy_forward(np.array([[1.0, 0.0]]),
                                                         np.array([[0.0, 1.0]]))
        assert loss == pytest.approx(-np.log(L.EPSILON), rel=1e-3)
        assert np.isfinite(L.categorical_crossentropy_backward(1.0, cache)).all()
        loss, cache = L.binary_crossentropy_forward(np.array([[1.0], [0.0]]),
                                                    np.array([[0.0], [1.0]]))
        assert np.isfinite(loss) and np.isfinite(L.binary_crossentropy_backward(1.0, cache)).all()


def test_softmax_cross_entropy_equals_the_unfused_pair():
    rng = np.random.default_rng(0)
    logits = rng.standard_normal((6, 4)).astype(np.float32)
    labels = rng.integers(0, 4, 6)
    fused, cache = softmax_cross_entropy_forward(labels, logits)
    plain, pcache = L.sparse_categorical_crossentropy_from_logits_forward(labels, logits)
    assert fused.dtype == np.float32
    assert fused == pytest.approx(plain, rel=1e-6)
    assert_close(softmax_cross_entropy_backward(1.0, cache),
                 L.sparse_categorical_crossentropy_from_logits_backward(1.0, pcache), rtol=1e-5)


def test_bad_labels_are_clear_errors():
    logits = np.zeros((2, 3), np.float32)
    with pytest.raises(ValueError, match=r"labels must lie in \[0, 3\)"):
        softmax_cross_entropy_forward(np.array([0, 3]), logits)
    with pytest.raises(ValueError, match="shape"):
        softmax_cross_entropy_forward(np.array([0, 1, 2]), logits)
    with pytest.raises(ValueError, match="whole numbers"):
        L.sparse_categorical_crossentropy_forward(np.array([0.5, 1]), np.full((2, 3), 1 / 3))
