"""ch12.extract_features: pooled features of a frozen Conv2D + BatchNormalization + ReLU
block, at inference, batch by batch."""

import numpy as np

from course.checks.cases import randn
from course.checks.chapters.ch12_transfer_speed.shared import bn_weights
from course.checks.spec import Case, Exercise, Mistake
from course.ops.frozen_features import extract_features


def _cases(rng, hidden):
    def case(group, n, h, c_in, c, batch_size, k=3, dtype=np.float64):
        return Case(group, {"x": rng.random((n, h, h, c_in)).astype(dtype),
                            "W": randn(rng, k, k, c_in, c, scale=0.5, dtype=dtype),
                            "b": randn(rng, c, scale=0.1, dtype=dtype),
                            **bn_weights(rng, c, dtype), "epsilon": 1e-3,
                            "batch_size": batch_size})
    cases = [case("7 images in batches of 3 (the last one short)", 7, 6, 2, 4, 3),
             case("one batch holds everything", 5, 5, 1, 3, 8),
             case("batches of 1", 4, 6, 3, 2, 1),
             case("batches of 2, 2x2 kernel", 6, 5, 2, 5, 2, k=2),
             case("float32", 9, 7, 2, 3, 4, dtype=np.float32)]
    for _ in range(3 if hidden else 0):
        cases.append(case("random", int(rng.integers(2, 20)), int(rng.integers(4, 10)),
                          int(rng.integers(1, 4)), int(rng.integers(1, 8)),
                          int(rng.integers(1, 6))))
    return cases


def extract_features__batch_statistics(x, W, b, gamma, beta, moving_mean, moving_var,
                                       epsilon=1e-3, batch_size=32):
    out = []
    for start in range(0, len(x), batch_size):
        windows = np.lib.stride_tricks.sliding_window_view(x[start:start + batch_size],
                                                           W.shape[:2], axis=(1, 2))
        z = np.einsum("nhwcij,ijcf->nhwf", windows, W) + b
        mean, var = z.mean(axis=(0, 1, 2)), z.var(axis=(0, 1, 2))
        out.append(np.maximum(gamma * (z - mean) / np.sqrt(var + epsilon) + beta, 0))
    return np.concatenate([o.mean(axis=(1, 2)) for o in out])


def extract_features__relu_after_pooling(x, W, b, gamma, beta, moving_mean, moving_var,
                                         epsilon=1e-3, batch_size=32):
    windows = np.lib.stride_tricks.sliding_window_view(x, W.shape[:2], axis=(1, 2))
    z = np.einsum("nhwcij,ijcf->nhwf", windows, W) + b
    z = gamma * (z - moving_mean) / np.sqrt(moving_var + epsilon) + beta
    return np.maximum(z.mean(axis=(1, 2)), 0)


def extract_features__last_short_batch_dropped(x, W, b, gamma, beta, moving_mean, moving_var,
                                               epsilon=1e-3, batch_size=32):
    x = x[:len(x) // batch_size * batch_size]
    z = np.einsum("nhwcij,ijcf->nhwf",
                  np.lib.stride_tricks.sliding_window_view(x, W.shape[:2], axis=(1, 2)), W) + b
    z = gamma * (z - moving_mean) / np.sqrt(moving_var + epsilon) + beta
    return np.maximum(z, 0).mean(axis=(1, 2))


def extract_features__divided_by_the_variance(x, W, b, gamma, beta, moving_mean, moving_var,
                                              epsilon=1e-3, batch_size=32):
    windows = np.lib.stride_tricks.sliding_window_view(x, W.shape[:2], axis=(1, 2))
    z = np.einsum("nhwcij,ijcf->nhwf", windows, W) + b
    return np.maximum(gamma * (z - moving_mean) / (moving_var + epsilon) + beta, 0).mean(
        axis=(1, 2))


EXTRACT_FEATURES = Exercise(
    id="ch12.extract_features", name="extract_features", reference=extract_features,
    make_cases=_cases, rtol=1e-5, atol=1e-6, points=3,
    mistakes=[
        Mistake("batch statistics",
                "A frozen base runs in inference mode: normalize with the MOVING mean and "
                "variance it learnt, not with each batch's own. With the batch's statistics an "
                "image's features depend on the other images of its batch and on the batch "
                "size.",
                extract_features__batch_statistics),
        Mistake("relu after pooling",
                "The order is conv -> batch norm -> ReLU -> average over positions. Averaging "
                "first lets negative and positive responses cancel before the ReLU sees them: "
                "mean(relu(z)) is not relu(mean(z)).",
                extract_features__relu_after_pooling),
        Mistake("last short batch dropped",
                "range(len(x) // batch_size) skips the last, shorter batch when batch_size does "
                "not divide N: step through the starts, range(0, len(x), batch_size), and take "
                "x[start:start + batch_size] (a slice past the end just stops there).",
                extract_features__last_short_batch_dropped),
        Mistake("divided by the variance",
                "Batch normalization divides by the standard deviation, "
                "sqrt(moving_var + epsilon), not by the variance itself.",
                extract_features__divided_by_the_variance),
    ],
    summary="features of a frozen conv + batch norm + ReLU block, pooled, batch by batch")
