"""ch8.conv2d_naive_backward: the gradients of convolution, the forward loops run backwards."""

import numpy as np

from course import ops
from course.checks.calls import backward_reading_cache, none_or_described
from course.checks.chapters.ch8_convolution.shared import conv_cases
from course.checks.spec import Exercise, Mistake


def _cases(rng, hidden):
    return conv_cases(rng, hidden, with_dout=True)


def _call(obj, args):
    _, cache = ops.conv2d_naive_forward(args["x"], args["W"], args["b"], strides=args["strides"],
                                        padding=args["padding"])
    result = backward_reading_cache(obj, "conv2d_naive_backward", args["dout"], cache)
    if not (isinstance(result, (tuple, list)) and len(result) == 3):
        return result  # the comparison says what is wrong with it
    dx, dW, db = result
    if args["b"] is None:
        db = none_or_described(db)
    return dx, dW, db


def conv2d_naive_backward__did_not_crop_the_padding(dout, cache):
    xp, W, geom, pads, has_bias = cache
    kh, kw, sh, sw, dh, dw, _, _, ho, wo = geom
    dxp, dW = np.zeros_like(xp), np.zeros_like(W)
    for i in range(xp.shape[0]):
        for oh in range(ho):
            for ow in range(wo):
                window = xp[i, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :]
                dW += window[..., None] * dout[i, oh, ow]
                dxp[i, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :] += W @ dout[i, oh, ow]
    db = dout.sum(axis=(0, 1, 2)) if has_bias else None
    return dxp, dW, db


def conv2d_naive_backward__overwrote_overlapping_windows(dout, cache):
    xp, W, geom, pads, has_bias = cache
    kh, kw, sh, sw, dh, dw, _, _, ho, wo = geom
    pt, pb, pl, pr = pads
    dxp, dW = np.zeros_like(xp), np.zeros_like(W)
    for i in range(xp.shape[0]):
        for oh in range(ho):
            for ow in range(wo):
                window = xp[i, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :]
                dW += window[..., None] * dout[i, oh, ow]
                dxp[i, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :] = W @ dout[i, oh, ow]
    db = dout.sum(axis=(0, 1, 2)) if has_bias else None
    return dxp[:, pt:xp.shape[1] - pb, pl:xp.shape[2] - pr, :], dW, db


def conv2d_naive_backward__averaged_db(dout, cache):
    xp, W, geom, pads, has_bias = cache
    kh, kw, sh, sw, dh, dw, _, _, ho, wo = geom
    pt, pb, pl, pr = pads
    dxp, dW = np.zeros_like(xp), np.zeros_like(W)
    for i in range(xp.shape[0]):
        for oh in range(ho):
            for ow in range(wo):
                window = xp[i, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :]
                dW += window[..., None] * dout[i, oh, ow]
                dxp[i, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :] += W @ dout[i, oh, ow]
    db = dout.mean(axis=(0, 1, 2)) if has_bias else None
    return dxp[:, pt:xp.shape[1] - pb, pl:xp.shape[2] - pr, :], dW, db


def conv2d_naive_backward__transposed_kernel_for_dx(dout, cache):
    xp, W, geom, pads, has_bias = cache
    kh, kw, sh, sw, dh, dw, _, _, ho, wo = geom
    pt, pb, pl, pr = pads
    dxp, dW = np.zeros_like(xp), np.zeros_like(W)
    for i in range(xp.shape[0]):
        for oh in range(ho):
            for ow in range(wo):
                window = xp[i, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :]
                dW += window[..., None] * dout[i, oh, ow]
                dxp[i, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :] += \
                    (W[::-1, ::-1] @ dout[i, oh, ow])
    db = dout.sum(axis=(0, 1, 2)) if has_bias else None
    return dxp[:, pt:xp.shape[1] - pb, pl:xp.shape[2] - pr, :], dW, db


CONV2D_NAIVE_BACKWARD = Exercise(
    id="ch8.conv2d_naive_backward", name="conv2d_naive_backward",
    reference=ops.conv2d_naive_backward, make_cases=_cases, call=_call,
    output_names=("dx", "dW", "db"), rtol=1e-5, atol=1e-6, points=3,
    mistakes=[
        Mistake("did not crop the padding",
                "dx must have x's shape. You returned the gradient of the PADDED input: cut "
                "the padding off again, pt rows at the top, pb at the bottom, pl and pr "
                "columns at the sides.",
                conv2d_naive_backward__did_not_crop_the_padding),
        Mistake("overwrote overlapping windows",
                "Where windows overlap, an input cell feeds several outputs and its gradient "
                "is the SUM of their contributions: accumulate into the window of dx (+=), "
                "do not assign.",
                conv2d_naive_backward__overwrote_overlapping_windows),
        Mistake("averaged db",
                "The bias is added at every output position of every sample, so its gradient "
                "is the sum of dout over the axes (0, 1, 2), not the mean.",
                conv2d_naive_backward__averaged_db),
        Mistake("transposed kernel for dx",
                "The forward pass multiplies window[i, j] by W[i, j]: the gradient goes back "
                "through the same, unflipped entries, window_dx[i, j] = W[i, j] @ g. The "
                "flipped kernel appears only when you write dx as a convolution of dout.",
                conv2d_naive_backward__transposed_kernel_for_dx),
    ],
    summary="the gradients dx, dW and db of a convolution, by loops")
