"""How a layer runs: its fused ``course.ops`` pair, or its ``call`` written in ``keras.ops``.

Built-in layers have a fused ``forward -> (out, cache)`` / ``backward(dout, cache)``: under
a recording tape (``tf.GradientTape``) the whole layer is one operation on the tape, whose
backward is the layer's own. A layer written by subclassing (``build`` with
``add_weight``, ``call`` in ``keras.ops``) has no backward of its own: its ``forward``
runs ``call`` under a private tape that watches the inputs and the weights, and its
``backward`` asks that tape for the gradients (:func:`tape_forward`, :func:`tape_backward`).
So a model that mixes both trains with ``fit``, each layer differentiated its own way.
"""

import inspect

import numpy as np

from course.data.pipeline.eager_array import EagerArray
from course.keras.ops.core import convert_to_tensor
from course.keras.ops.tape import GradientTape, record, recording, value_of


def is_fused(layer):
    """Whether ``layer`` has its own forward/backward pair (a built-in layer or model)."""
    return not getattr(type(layer).forward, "runs_call_on_tape", False)


def sublayers(layer):
    """The layers held in ``layer``'s public attributes (or lists/dicts of them), in order."""
    found = []
    for name, value in vars(layer).items():
        if name.startswith("_"):
            continue
        items = (value.values() if isinstance(value, dict)
                 else value if isinstance(value, (list, tuple)) else [value])
        found += [v for v in items if _is_layer(v) and v is not layer
                  and all(v is not f for f in found)]
    return found


def _is_layer(x):
    return hasattr(type(x), "build_for") and hasattr(type(x), "weights")


def _accepts(function, name):
    params = inspect.signature(function).parameters
    return name in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def training_value(layer, training):
    """The ``training`` value ``layer``'s forward gets: a bool, or None (not given) for a
    model, which then applies the values its layers were called with (Keras 3's rule)."""
    return None if training is None and layer.keeps_unset_training else bool(training)


def run_call(layer, x, training=None, mask=None, **kwargs):
    """``layer.call(x, ...)`` with ``training``/``mask`` given only when ``call`` takes them."""
    if _accepts(layer.call, "training"):
        kwargs["training"] = training
    if mask is not None and _accepts(layer.call, "mask"):
        kwargs["mask"] = mask
    return layer.call(x, **kwargs)


def output_shape_by_calling(layer, input_shape):
    """The output shape of a built subclassed layer: its ``call`` on one sample of zeros."""
    many = isinstance(input_shape, list)
    zeros = ([np.zeros((1,) + tuple(d or 1 for d in s[1:]), layer.dtype) for s in input_shape]
             if many else np.zeros((1,) + tuple(d or 1 for d in input_shape[1:]), layer.dtype))
    out = run_call(layer, zeros, False)
    layer.clear_losses()
    return (input_shape[0][0] if many else input_shape[0],) + np.shape(value_of(out))[1:]


def layer_call(layer, x, training=None, mask=None, **kwargs):
    """What ``layer(x)`` computes once the layer is built."""
    if not is_fused(layer):
        layer.clear_losses()
        return run_call(layer, x, training, mask, **kwargs)
    training = training_value(layer, training)
    if not recording():  # arrays that answer .numpy(), as Keras's eager tensors
        out = layer.call(value_of(x) if not isinstance(x, list) else
                         [value_of(v) for v in x], training)
        return [eager_view(o) for o in out] if isinstance(out, list) else eager_view(out)
    inputs = list(x) if isinstance(x, (list, tuple)) else [x]
    n, weights = len(inputs), layer.weights

    def forward(*values):
        return layer.forward(list(values[:n]) if isinstance(x, (list, tuple)) else values[0],
                             training)

    def backward(dout, cache):
        dx, grads = layer.backward(dout, cache)
        return (list(dx) if isinstance(x, (list, tuple)) else [dx]) + list(grads)

    return record(layer.name, forward, backward, tuple(inputs) + tuple(weights))


def eager_view(out):
    """A layer's plain array output viewed as an :class:`EagerArray` (``.numpy()``)."""
    return out.view(EagerArray) if type(out) is np.ndarray else out


def tape_forward(layer, x, training):
    """``(out, cache)`` of a layer without a fused pair: ``call`` on a private tape."""
    many = isinstance(x, (list, tuple))
    with GradientTape(watch_accessed_variables=False).exclusive() as tape:
        xs = [convert_to_tensor(v) for v in x] if many else [convert_to_tensor(x)]
        tape.watch(xs)
        tape.watch(layer.weights)
        out = run_call(layer, xs if many else xs[0], training)
        losses = layer.losses
    return np.asarray(value_of(out)), (tape, xs, out, losses, many)


def tape_backward(layer, dout, cache, need_dx=True):
    """``(dx, grads)`` of :func:`tape_forward`, ``grads`` aligned with ``layer.weights``.

    The layer's ``add_loss`` terms are differentiated with it (their gradient added).
    """
    tape, xs, out, losses, many = cache
    weights = layer.weights
    dxs, grads = tape.gradient([out] + list(losses), [xs, weights],
                               output_gradients=[dout] + [1.0] * len(losses))
    missing = [w.name for w, g in zip(weights, grads) if g is None and w.trainable]
    if missing:
        raise ValueError(
            f'Layer "{layer.name}": no gradient reached its trainable weights {missing}. Its '
            f"call() computes them with something the tape does not record (a numpy "
            f"function such as np.sin on a Tensor, or .numpy()): write it with keras.ops")
    grads = [np.zeros_like(w.value) if g is None else np.asarray(g) for w, g in
             zip(weights, grads)]
    dxs = [np.zeros(np.shape(v), np.asarray(v).dtype) if d is None else np.asarray(d)
           for v, d in zip(xs, dxs)]
    return (dxs if many else dxs[0]) if need_dx else None, grads
