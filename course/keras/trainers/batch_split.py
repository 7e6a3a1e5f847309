"""A training step's forward and backward, on two cores when the model allows it.

A model whose layers all treat every sample alone (``batch_splittable``: Conv2D, Dense,
pooling, Flatten, Dropout, Embedding, LSTM/GRU/SimpleRNN without dropout...) gets the
same gradients from two halves of a batch as from the whole: the loss of the batch is
computed whole, from the two halves' outputs put back together, and each half's backward
sums its samples' share of the gradients. So each core runs the forward and the backward
of one half of the batch (:func:`course.ops.batch_parts.over_batch_parts`, BLAS on one
thread in each): two hand-overs per step, where BLAS's own two threads hand over at every
matrix product and leave the numba kernels between them (im2col, pooling, ReLU) on one
core. The Keras MNIST convnet's step at batch 64 on two cores: 10.6 ms whole, 8.1 ms in
halves; the LSTM text classifier's epoch (Embedding, LSTM(64), Dense), where the LSTM
alone already ran its step loop in halves: 4.0 s -> 2.9 s, the large products of each
half now on its own core too.

Inference (``predict``, ``evaluate``) runs the two halves of a batch the same way.

Dropout draws the mask of the whole batch before the halves run, and each half takes its
rows of it: the same masks as the whole batch's forward, in the same order. Models with a
layer that mixes samples (BatchNormalization), draws other random numbers (GaussianNoise,
recurrent dropout) or runs a user's ``call`` stay whole, as do several inputs or outputs.
"""

import math

import numpy as np

from course.keras.layers.tape_layer import is_fused
from course.keras.trainers.outputs import concatenate_outputs
from course.ops import batch_parts


MIN_PART_FLOPS = 50e6
"""The least forward work (floating-point operations) a part of the batch must get: below
that the two hand-overs and the Python of a second forward and backward cost more than the
second core gives (the MNIST MLP 784-128-10 at batch 128: 13 MFLOP per half, slower in
halves; the convnet at batch 64: 180 MFLOP per half)."""


def splittable(layer) -> bool:
    """Whether ``layer`` (or every layer of a model) runs a batch in parts as it runs it
    whole: a built-in layer marked ``batch_splittable``, or a built-in model of them."""
    if not is_fused(layer):
        return False
    inner = getattr(layer, "layers", None)
    if inner is not None:
        return bool(inner) and all(splittable(sub) for sub in inner)
    return layer.batch_splittable


def forward_flops(layer) -> float:
    """About how many floating-point operations ``layer`` (a model: all its layers) spends
    on one sample's forward pass: ``2 * outputs * fan_in`` for a layer with a kernel (Dense,
    Conv2D...), ``2 * steps * (kernel + recurrent kernel)`` for a recurrent layer (one step
    when the length is not fixed), nothing for the others."""
    inner = getattr(layer, "layers", None)
    if inner is not None:
        return sum(forward_flops(sub) for sub in inner)
    cell = getattr(layer, "cell", None)
    if cell is not None and getattr(cell, "recurrent_kernel", None) is not None:
        steps = (layer.input_shape or (None, None))[1] or 1
        return 2.0 * steps * (cell.kernel.value.size + cell.recurrent_kernel.value.size)
    kernel = getattr(layer, "kernel", None)
    if kernel is None or layer.output_shape is None:
        return 0.0
    outputs = math.prod(d for d in layer.output_shape[1:] if d is not None)
    return 2.0 * outputs * math.prod(kernel.value.shape[:-1])


def _halves(model, x):
    """The two halves' row ranges of the array ``x`` when the cores, the model and the
    amount of work allow, else None (the batch runs whole)."""
    if not isinstance(x, np.ndarray) or x.ndim == 0:
        return None
    parts = batch_parts.batch_parts(len(x))
    if len(parts) == 1 or not (splittable(model)
                               and forward_flops(model) * len(x) / 2 >= MIN_PART_FLOPS):
        return None
    return parts


def infer(model, x, forward):
    """``forward(x)``, the model's inference on the array ``x``, run on two halves of ``x``
    at once (one per core, outputs concatenated) when the model, the cores and the amount
    of work allow."""
    parts = _halves(model, x)
    if parts is None:
        return forward(x)
    return concatenate_outputs(batch_parts.over_batch_parts(
        lambda lo, hi: forward(x[lo:hi]), len(x), parts))


def forward_backward(model, compiled, x, y, w) -> tuple:
    """``(loss, y_pred, grads)`` for one batch: the forward pass in training mode, the
    compiled loss on the whole batch, and the gradients of every weight (aligned with
    ``model.weights``; None for a weight without one)."""
    parts = _halves(model, x) if isinstance(y, np.ndarray) else None
    if parts is None:
        out, cache = model.forward(x, training=True, logits=compiled.logits)
        loss, y_pred, dout = compiled(y, out, w)
        _, grads = model.backward(dout, cache, need_dx=False)
        return loss, y_pred, grads
    n = len(x)
    random_layers = [layer for layer in _leaves(model) if hasattr(layer, "draw_batch_mask")]
    try:
        for layer in random_layers:  # in the order the whole batch's forward draws them
            layer.draw_batch_mask(n)
        halves = batch_parts.over_batch_parts(
            lambda lo, hi: model.forward(x[lo:hi], training=True, logits=compiled.logits),
            n, parts)
    finally:
        for layer in random_layers:
            layer.draw_batch_mask(None)
    out = np.concatenate([out for out, _ in halves])
    loss, y_pred, dout = compiled(y, out, w)
    caches = {part: cache for part, (_, cache) in zip(parts, halves)}
    grads = batch_parts.over_batch_parts(
        lambda lo, hi: model.backward(dout[lo:hi], caches[lo, hi], need_dx=False)[1], n,
        parts)
    return loss, y_pred, [g if g is None else g + h for g, h in zip(*grads)]


def _leaves(layer):
    """The layers of a model in order, those of models inside it in their place."""
    inner = getattr(layer, "layers", None)
    if inner is None:
        return [layer]
    return [leaf for sub in inner for leaf in _leaves(sub)]
