"""Keras 3's losses: classes (``Huber(delta=1.0, reduction=..., name=...)``) and functions.

A function (``huber(y_true, y_pred)``) returns one loss per sample, shape
``y_pred.shape[:-1]``; a class instance weighs those by ``sample_weight`` and reduces
them (``reduction="sum_over_batch_size"``: the batch mean). Every function is a
``course.ops`` per-sample pair (``fn.ops_pair``), so every loss has its gradient.
``get`` resolves the names ``compile(loss=...)`` accepts.
"""

from course.keras.loss import Loss, LossFunctionWrapper
from course.ops import hinge_losses as H
from course.ops import probabilistic_losses as P
from course.ops import regression_losses as R


def _uses(pair, sparse=False):
    """Attach the ``course.ops`` pair ``(forward, backward)`` to a loss function."""
    def attach(fn):
        fn.ops_pair, fn.sparse = pair, sparse
        return fn
    return attach


def _values(fn, y_true, y_pred, **options):
    """One loss per sample: ``fn``'s pair on aligned inputs, unreduced."""
    return LossFunctionWrapper(fn, reduction="none", **options)(y_true, y_pred)


@_uses((R.mean_squared_error_per_sample_forward, R.mean_squared_error_per_sample_backward))
def mean_squared_error(y_true, y_pred):
    """``mean(square(y_true - y_pred), axis=-1)``."""
    return _values(mean_squared_error, y_true, y_pred)


@_uses((R.mean_absolute_error_per_sample_forward, R.mean_absolute_error_per_sample_backward))
def mean_absolute_error(y_true, y_pred):
    """``mean(abs(y_true - y_pred), axis=-1)``."""
    return _values(mean_absolute_error, y_true, y_pred)


@_uses((R.mean_absolute_percentage_error_per_sample_forward,
        R.mean_absolute_percentage_error_per_sample_backward))
def mean_absolute_percentage_error(y_true, y_pred):
    """``100 * mean(abs((y_true - y_pred) / max(abs(y_true), epsilon)), axis=-1)``."""
    return _values(mean_absolute_percentage_error, y_true, y_pred)


@_uses((R.mean_squared_logarithmic_error_per_sample_forward,
        R.mean_squared_logarithmic_error_per_sample_backward))
def mean_squared_logarithmic_error(y_true, y_pred):
    """``mean(square(log(y_pred + 1) - log(y_true + 1)), axis=-1)`` (both floored at epsilon)."""
    return _values(mean_squared_logarithmic_error, y_true, y_pred)


@_uses((R.cosine_similarity_per_sample_forward, R.cosine_similarity_per_sample_backward))
def cosine_similarity(y_true, y_pred, axis=-1):
    """``-sum(l2_normalize(y_true) * l2_normalize(y_pred), axis)``."""
    return _values(cosine_similarity, y_true, y_pred, axis=axis)


@_uses((R.huber_per_sample_forward, R.huber_per_sample_backward))
def huber(y_true, y_pred, delta=1.0):
    """Squared error ``e**2 / 2`` for ``|e| <= delta``, linear beyond, mean over the last axis."""
    return _values(huber, y_true, y_pred, delta=delta)


@_uses((R.log_cosh_per_sample_forward, R.log_cosh_per_sample_backward))
def log_cosh(y_true, y_pred):
    """``mean(log(cosh(y_pred - y_true)), axis=-1)``."""
    return _values(log_cosh, y_true, y_pred)


@_uses((H.hinge_per_sample_forward, H.hinge_per_sample_backward))
def hinge(y_true, y_pred):
    """``mean(maximum(1 - y_true * y_pred, 0), axis=-1)`` (0/1 labels become -1/1)."""
    return _values(hinge, y_true, y_pred)


@_uses((H.squared_hinge_per_sample_forward, H.squared_hinge_per_sample_backward))
def squared_hinge(y_true, y_pred):
    """``mean(square(maximum(1 - y_true * y_pred, 0)), axis=-1)``."""
    return _values(squared_hinge, y_true, y_pred)


@_uses((H.categorical_hinge_per_sample_forward, H.categorical_hinge_per_sample_backward))
def categorical_hinge(y_true, y_pred):
    """``maximum(neg - pos + 1, 0)``, ``pos = sum(y_true * y_pred)``,
    ``neg = max((1 - y_true) * y_pred)``."""
    return _values(categorical_hinge, y_true, y_pred)


@_uses((P.kl_divergence_per_sample_forward, P.kl_divergence_per_sample_backward))
def kl_divergence(y_true, y_pred):
    """``sum(y_true * log(y_true / y_pred), axis=-1)``, both clipped to ``[epsilon, 1]``."""
    return _values(kl_divergence, y_true, y_pred)


@_uses((P.poisson_per_sample_forward, P.poisson_per_sample_backward))
def poisson(y_true, y_pred):
    """``mean(y_pred - y_true * log(y_pred + epsilon), axis=-1)``."""
    return _values(poisson, y_true, y_pred)


@_uses((P.binary_crossentropy_per_sample_forward, P.binary_crossentropy_per_sample_backward))
def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Binary cross-entropy, mean over ``axis``."""
    return _values(binary_crossentropy, y_true, y_pred, from_logits=from_logits,
                   label_smoothing=label_smoothing, axis=axis)


@_uses((P.binary_focal_crossentropy_per_sample_forward,
        P.binary_focal_crossentropy_per_sample_backward))
def binary_focal_crossentropy(y_true, y_pred, apply_class_balancing=False, alpha=0.25,
                              gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1):
    """Binary cross-entropy scaled by ``(1 - p_t)**gamma`` (and ``alpha`` if balancing)."""
    return _values(binary_focal_crossentropy, y_true, y_pred,
                   apply_class_balancing=apply_class_balancing, alpha=alpha, gamma=gamma,
                   from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


@_uses((P.categorical_crossentropy_per_sample_forward,
        P.categorical_crossentropy_per_sample_backward))
def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Categorical cross-entropy with one-hot (or soft) ``y_true``."""
    return _values(categorical_crossentropy, y_true, y_pred, from_logits=from_logits,
                   label_smoothing=label_smoothing, axis=axis)


@_uses((P.categorical_focal_crossentropy_per_sample_forward,
        P.categorical_focal_crossentropy_per_sample_backward))
def categorical_focal_crossentropy(y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False,
                                   label_smoothing=0.0, axis=-1):
    """Categorical cross-entropy scaled by ``alpha (1 - p)**gamma``."""
    return _values(categorical_focal_crossentropy, y_true, y_pred, alpha=alpha, gamma=gamma,
                   from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


@_uses((P.sparse_categorical_crossentropy_per_sample_forward,
        P.sparse_categorical_crossentropy_per_sample_backward), sparse=True)
def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None,
                                    axis=-1):
    """Categorical cross-entropy with integer labels ``(N,)`` (0 where ``ignore_class``)."""
    return _values(sparse_categorical_crossentropy, y_true, y_pred, from_logits=from_logits,
                   ignore_class=ignore_class, axis=axis)


mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kl_divergence
logcosh = log_cosh
bce = BCE = binary_crossentropy


def _wrapper(fn, class_name, default_name, doc, **defaults):
    """A ``LossFunctionWrapper`` class with Keras's signature: ``defaults``, then
    ``reduction``, ``name`` and ``dtype``."""
    def __init__(self, *args, reduction="sum_over_batch_size", name=default_name, dtype=None,
                 **options):
        names = list(defaults)
        if len(args) > len(names):
            raise TypeError(f"{class_name} takes at most {len(names)} positional arguments")
        unknown = set(options) - set(names)
        if unknown:
            raise TypeError(f"{class_name} got unexpected arguments {sorted(unknown)}; it "
                            f"takes {names + ['reduction', 'name', 'dtype']}")
        kwargs = {**defaults, **dict(zip(names, args)), **options}
        LossFunctionWrapper.__init__(self, fn, reduction=reduction, name=name, dtype=dtype,
                                     **kwargs)
        for key, value in kwargs.items():
            setattr(self, key, value)

    return type(class_name, (LossFunctionWrapper,), {"__init__": __init__, "__doc__": doc})


MeanSquaredError = _wrapper(mean_squared_error, "MeanSquaredError", "mean_squared_error",
                            "``MeanSquaredError(reduction, name)``: mean of squared errors.")
MeanAbsoluteError = _wrapper(mean_absolute_error, "MeanAbsoluteError", "mean_absolute_error",
                             "``MeanAbsoluteError()``: mean of absolute errors.")
MeanAbsolutePercentageError = _wrapper(
    mean_absolute_percentage_error, "MeanAbsolutePercentageError",
    "mean_absolute_percentage_error", "``MeanAbsolutePercentageError()``.")
MeanSquaredLogarithmicError = _wrapper(
    mean_squared_logarithmic_error, "MeanSquaredLogarithmicError",
    "mean_squared_logarithmic_error", "``MeanSquaredLogarithmicError()``.")
CosineSimilarity = _wrapper(cosine_similarity, "CosineSimilarity", "cosine_similarity",
                            "``CosineSimilarity(axis=-1)``.", axis=-1)
Huber = _wrapper(huber, "Huber", "huber_loss", "``Huber(delta=1.0)``.", delta=1.0)
LogCosh = _wrapper(log_cosh, "LogCosh", "log_cosh", "``LogCosh()``.")
Hinge = _wrapper(hinge, "Hinge", "hinge", "``Hinge()``.")
SquaredHinge = _wrapper(squared_hinge, "SquaredHinge", "squared_hinge", "``SquaredHinge()``.")
CategoricalHinge = _wrapper(categorical_hinge, "CategoricalHinge", "categorical_hinge",
                            "``CategoricalHinge()``.")
KLDivergence = _wrapper(kl_divergence, "KLDivergence", "kl_divergence", "``KLDivergence()``.")
Poisson = _wrapper(poisson, "Poisson", "poisson", "``Poisson()``.")
BinaryCrossentropy = _wrapper(
    binary_crossentropy, "BinaryCrossentropy", "binary_crossentropy",
    "``BinaryCrossentropy(from_logits=False, label_smoothing=0.0, axis=-1)``.",
    from_logits=False, label_smoothing=0.0, axis=-1)
BinaryFocalCrossentropy = _wrapper(
    binary_focal_crossentropy, "BinaryFocalCrossentropy", "binary_focal_crossentropy",
    "``BinaryFocalCrossentropy(apply_class_balancing=False, alpha=0.25, gamma=2.0, "
    "from_logits=False, label_smoothing=0.0, axis=-1)``.",
    apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False,
    label_smoothing=0.0, axis=-1)
CategoricalCrossentropy = _wrapper(
    categorical_crossentropy, "CategoricalCrossentropy", "categorical_crossentropy",
    "``CategoricalCrossentropy(from_logits=False, label_smoothing=0.0, axis=-1)``.",
    from_logits=False, label_smoothing=0.0, axis=-1)
CategoricalFocalCrossentropy = _wrapper(
    categorical_focal_crossentropy, "CategoricalFocalCrossentropy",
    "categorical_focal_crossentropy",
    "``CategoricalFocalCrossentropy(alpha=0.25, gamma=2.0, from_logits=False, "
    "label_smoothing=0.0, axis=-1)``.",
    alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1)
SparseCategoricalCrossentropy = _wrapper(
    sparse_categorical_crossentropy, "SparseCategoricalCrossentropy",
    "sparse_categorical_crossentropy",
    "``SparseCategoricalCrossentropy(from_logits=False, ignore_class=None)``.",
    from_logits=False, ignore_class=None)

LOSS_CLASSES = (MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
                MeanSquaredLogarithmicError, CosineSimilarity, Huber, LogCosh, Hinge,
                SquaredHinge, CategoricalHinge, KLDivergence, Poisson, BinaryCrossentropy,
                BinaryFocalCrossentropy, CategoricalCrossentropy, CategoricalFocalCrossentropy,
                SparseCategoricalCrossentropy)
_FUNCTIONS = {cls: cls().fn for cls in LOSS_CLASSES}
_BY_NAME = {**{cls.__name__: cls for cls in LOSS_CLASSES},
            **{fn.__name__: cls for cls, fn in _FUNCTIONS.items()},
            "mse": MeanSquaredError, "MSE": MeanSquaredError, "mae": MeanAbsoluteError,
            "MAE": MeanAbsoluteError, "mape": MeanAbsolutePercentageError,
            "MAPE": MeanAbsolutePercentageError, "msle": MeanSquaredLogarithmicError,
            "MSLE": MeanSquaredLogarithmicError, "kld": KLDivergence, "KLD": KLDivergence,
            "kullback_leibler_divergence": KLDivergence, "logcosh": LogCosh,
            "huber_loss": Huber, "bce": BinaryCrossentropy, "BCE": BinaryCrossentropy}


def get(identifier):
    """A loss object for a name (``"mse"``, ``"huber"``, ``"Huber"``), a function above,
    a ``{"class_name": ..., "config": {...}}`` dict, or a Loss (returned as it is)."""
    if isinstance(identifier, Loss):
        return identifier
    if isinstance(identifier, dict) and identifier.get("class_name") in _BY_NAME:
        return _BY_NAME[identifier["class_name"]].from_config(identifier.get("config") or {})
    name = identifier if isinstance(identifier, str) else getattr(identifier, "__name__", None)
    if name in _BY_NAME and (isinstance(identifier, str) or identifier in _FUNCTIONS.values()):
        return _BY_NAME[name]()
    if callable(identifier) and not isinstance(identifier, type):
        return LossFunctionWrapper(identifier)
    raise ValueError(f"Unknown loss: {identifier!r}. Known losses: "
                     f"{', '.join(sorted(_BY_NAME, key=str.lower))}")
