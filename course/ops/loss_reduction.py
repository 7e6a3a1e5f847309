"""Reducing per-sample losses to the loss, as Keras 3's ``Loss(reduction=...)`` does.

A loss function gives one value per sample (``values``, any shape, often ``(N,)``); the
values are multiplied by ``sample_weight`` and by an optional ``mask`` and reduced:

- ``"sum_over_batch_size"`` (Keras's default) and ``"mean"``: ``sum(w * values) / values.size``;
- ``"sum"``: ``sum(w * values)``;
- ``"mean_with_sample_weight"``: ``sum(w * values) / sum(w)``;
- ``"none"`` or ``None``: ``w * values``, unreduced.

A mask (``False`` where a value does not count, such as an ignored class) weighs each
counted value by ``values.size / count`` under the two mean reductions, so the loss is
the mean over the counted values only.
"""

import numpy as np

REDUCTIONS = ("sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none", None)
"""The ``reduction`` values Keras 3 accepts."""


def check_reduction(reduction: str | None) -> str | None:
    """``reduction`` if Keras knows it, else a ValueError that names the choices."""
    if reduction not in REDUCTIONS:
        raise ValueError(f"Invalid value for argument `reduction`. Expected one of "
                         f"{', '.join(map(repr, REDUCTIONS))}. Received: "
                         f"reduction={reduction!r}")
    return reduction


def squeeze_or_expand_to_same_rank(x1: np.ndarray, x2: np.ndarray,
                                   expand_rank_1: bool = True) -> tuple:
    """Keras's rank alignment: where ranks differ by one and the larger ends in a 1, that
    axis is squeezed (or the rank-1 array is expanded, with ``expand_rank_1``)."""
    if x1.ndim == x2.ndim + 1 and x1.shape[-1] == 1:
        if x2.ndim == 1 and expand_rank_1:
            x2 = x2[..., None]
        else:
            x1 = x1[..., 0]
    elif x2.ndim == x1.ndim + 1 and x2.shape[-1] == 1:
        if x1.ndim == 1 and expand_rank_1:
            x1 = x1[..., None]
        else:
            x2 = x2[..., 0]
    return x1, x2


def _weights(values, sample_weight, mask, reduction):
    """The merged weights (``None`` when there are none), broadcastable to ``values``."""
    weight = None
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        if reduction in ("mean", "sum_over_batch_size"):
            valid = mask.sum()
            scale = mask.size / valid if valid else 0.0
            weight = np.where(mask, scale, 0).astype(values.dtype)
        else:
            weight = mask.astype(values.dtype)
    if sample_weight is not None:
        sample_weight = np.asarray(sample_weight, dtype=values.dtype)
        if weight is not None:
            weight, sample_weight = squeeze_or_expand_to_same_rank(weight, sample_weight)
            sample_weight = sample_weight * weight
        weight = sample_weight
    return weight


def loss_reduction_forward(values: np.ndarray, sample_weight: np.ndarray | None = None,
                           mask: np.ndarray | None = None,
                           reduction: str | None = "sum_over_batch_size") -> tuple:
    """Weigh and reduce per-sample losses; ``(loss, cache)``.

    Shapes: ``values`` any, e.g. ``(N,)``; ``sample_weight`` and ``mask`` the shape of
    ``values`` (or one axis of size 1 more or less, aligned as Keras does). ``loss`` is a
    scalar, or ``values``'s shape with ``"none"``.
    """
    check_reduction(reduction)
    values = np.asarray(values)
    weight = _weights(values, sample_weight, mask, reduction)
    shape = values.shape
    if weight is not None:
        values, weight = squeeze_or_expand_to_same_rank(values, weight)
        try:
            fits = np.broadcast_shapes(values.shape, weight.shape) == values.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"sample_weight of shape {weight.shape} does not fit the "
                             f"per-sample losses of shape {shape}")
        values = values * weight
    if reduction in (None, "none") or values.shape in ((), (0,)):
        return values, (shape, values, weight, None)
    loss = values.sum()
    divisor = None
    if reduction in ("sum_over_batch_size", "mean", "mean_with_sample_weight"):
        divisor = float(values.size)
        if reduction == "mean_with_sample_weight" and weight is not None:
            divisor = float(np.broadcast_to(weight, values.shape).sum())
        loss = loss / divisor if divisor else loss * 0
    return values.dtype.type(loss), (shape, values, weight, divisor)


def loss_reduction_backward(dloss: np.ndarray, cache: tuple) -> np.ndarray:
    """``dvalues``, the shape and dtype of the per-sample losses given to the forward."""
    shape, values, weight, divisor = cache
    d = np.broadcast_to(np.asarray(dloss, dtype=values.dtype), values.shape)
    if divisor is not None:
        d = d * values.dtype.type(1 / divisor) if divisor else d * 0
    if weight is not None:
        d = d * weight
    return np.array(d, dtype=values.dtype).reshape(shape)
