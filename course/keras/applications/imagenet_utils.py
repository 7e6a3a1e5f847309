"""What every ImageNet application shares (Keras's ``applications/imagenet_utils.py``):
``preprocess_input`` in the three modes, ``decode_predictions``, the input-shape rules,
and the padding MobileNet needs before a stride-2 convolution."""

import json
import warnings

import numpy as np

from course.keras import backend
from course.keras.applications.weights_cache import get_file

CLASS_INDEX_FILE = "imagenet_class_index.json"
_class_index = None

_MEANS = {"caffe": (103.939, 116.779, 123.68), "torch": (0.485, 0.456, 0.406)}
_TORCH_STD = (0.229, 0.224, 0.225)


def preprocess_input(x, data_format=None, mode="caffe"):
    """Images ``(..., H, W, 3)`` with values in [0, 255] -> what the network was trained on.

    - ``"caffe"`` (VGG, ResNet50): RGB -> BGR, then minus the ImageNet mean of each channel;
    - ``"tf"`` (MobileNet, ResNet50V2): ``x / 127.5 - 1``, in [-1, 1];
    - ``"torch"``: ``x / 255``, then minus the mean and over the std of each channel.

    As in Keras, a float numpy array is modified in place (and returned); any other is
    converted to float32 first.
    """
    if mode not in {"caffe", "tf", "torch"}:
        raise ValueError(f"Expected mode to be one of `caffe`, `tf` or `torch`. Received: mode={mode}")
    if data_format not in (None, "channels_last"):
        raise ValueError(f"course.keras supports data_format='channels_last' only. Received: "
                         f"data_format={data_format}")
    if not (isinstance(x, np.ndarray) and issubclass(x.dtype.type, np.floating)):
        x = np.asarray(x).astype(backend.floatx())
    if x.shape[-1] != 3:
        raise ValueError(f"preprocess_input expects images with 3 colour channels last, got an "
                         f"array of shape {x.shape}")
    if mode == "tf":
        x /= 127.5
        x -= 1.0
        return x
    if mode == "caffe":
        x = x[..., ::-1]
    else:
        x /= 255.0
    x -= np.asarray(_MEANS[mode], dtype=x.dtype)
    if mode == "torch":
        x /= np.asarray(_TORCH_STD, dtype=x.dtype)
    return x


def decode_predictions(preds, top=5):
    """``preds (N, 1000)`` -> per sample, the ``top`` ``(class_id, name, score)``, best first.

    Reads ``imagenet_class_index.json`` from the Keras cache (downloaded when online).
    """
    global _class_index
    preds = np.asarray(preds)
    if preds.ndim != 2 or preds.shape[1] != 1000:
        raise ValueError("`decode_predictions` expects a batch of predictions (i.e. a 2D array "
                         f"of shape (samples, 1000)). Received array with shape: {preds.shape}")
    if _class_index is None:
        with open(get_file(CLASS_INDEX_FILE)) as file:
            _class_index = json.load(file)
    results = []
    for pred in preds:
        best = pred.argsort()[-top:][::-1]
        results.append(sorted((tuple(_class_index[str(i)]) + (pred[i],) for i in best),
                              key=lambda r: r[2], reverse=True))
    return results


def obtain_input_shape(input_shape, default_size, min_size, require_flatten, weights=None):
    """The image shape ``(H, W, C)`` a model is built for, checked as Keras checks it."""
    if weights != "imagenet" and input_shape and len(input_shape) == 3:
        if input_shape[-1] not in {1, 3}:
            warnings.warn("This model usually expects 1 or 3 input channels. However, it was "
                          f"passed an input_shape with {input_shape[-1]} input channels.",
                          stacklevel=3)
        default_shape = (default_size, default_size, input_shape[-1])
    else:
        default_shape = (default_size, default_size, 3)
    if weights == "imagenet" and require_flatten:
        if input_shape is not None and tuple(input_shape) != default_shape:
            raise ValueError("When setting `include_top=True` and loading `imagenet` weights, "
                             f"`input_shape` should be {default_shape}.  Received: "
                             f"input_shape={input_shape}")
        return default_shape
    if input_shape:
        input_shape = tuple(input_shape)
        if len(input_shape) != 3:
            raise ValueError("`input_shape` must be a tuple of three integers.")
        if input_shape[-1] != 3 and weights == "imagenet":
            raise ValueError(f"The input must have 3 channels; Received `input_shape={input_shape}`")
        if any(d is not None and d < min_size for d in input_shape[:2]):
            raise ValueError(f"Input size must be at least {min_size}x{min_size}; Received: "
                             f"input_shape={input_shape}")
    else:
        input_shape = default_shape if require_flatten else (None, None, 3)
    if require_flatten and None in input_shape:
        raise ValueError("If `include_top` is True, you should specify a static `input_shape`. "
                         f"Received: input_shape={input_shape}")
    return input_shape


def correct_pad(shape, kernel_size):
    """``((top, bottom), (left, right))`` zero padding before a stride-2 ``kernel_size`` conv
    on images of ``shape`` ``(N, H, W, C)``, as Keras pads (one less before on even sizes)."""
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    h, w = shape[1:3]
    adjust = (1, 1) if h is None else (1 - h % 2, 1 - w % 2)
    return (kh // 2 - adjust[0], kh // 2), (kw // 2 - adjust[1], kw // 2)


def validate_activation(classifier_activation, weights):
    """Pretrained weights go with a ``softmax`` or ``None`` (logits) classifier only."""
    if weights is not None and classifier_activation not in (None, "softmax", "linear"):
        raise ValueError("Only `None` and `softmax` activations are allowed for the "
                         "`classifier_activation` argument when using pretrained weights, with "
                         f"`include_top=True`; Received: classifier_activation={classifier_activation}")
