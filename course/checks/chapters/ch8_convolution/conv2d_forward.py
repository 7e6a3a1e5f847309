"""ch8.conv2d_forward: convolution as im2col and one matrix product."""

import numpy as np

from course import ops
from course.checks.calls import first_of_pair
from course.checks.chapters.ch8_convolution.shared import conv_cases
from course.checks.spec import Exercise, Mistake


def _call(obj, args):
    return first_of_pair(obj(args["x"], args["W"], args["b"], strides=args["strides"],
                             padding=args["padding"]), "conv2d_forward")


def conv2d_forward__kernel_reshaped_filters_first(x, W, b=None, strides=(1, 1), padding="valid"):
    (sh, sw), (kh, kw, c, f), (n, h, w, _) = strides, W.shape, x.shape
    if padding == "same":
        ho, wo = -(-h // sh), -(-w // sw)
        th, tw = max((ho - 1) * sh + kh - h, 0), max((wo - 1) * sw + kw - w, 0)
        x = np.pad(x, ((0, 0), (th // 2, th - th // 2), (tw // 2, tw - tw // 2), (0, 0)))
    else:
        ho, wo = (h - kh) // sh + 1, (w - kw) // sw + 1
    cols = np.array([x[i, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :].reshape(-1)
                     for i in range(n) for oh in range(ho) for ow in range(wo)])
    out = cols @ W.reshape(f, kh * kw * c).T
    if b is not None:
        out = out + b
    return out.reshape(n, ho, wo, f), None


def conv2d_forward__forgot_the_bias(x, W, b=None, strides=(1, 1), padding="valid"):
    (sh, sw), (kh, kw, c, f), (n, h, w, _) = strides, W.shape, x.shape
    if padding == "same":
        ho, wo = -(-h // sh), -(-w // sw)
        th, tw = max((ho - 1) * sh + kh - h, 0), max((wo - 1) * sw + kw - w, 0)
        x = np.pad(x, ((0, 0), (th // 2, th - th // 2), (tw // 2, tw - tw // 2), (0, 0)))
    else:
        ho, wo = (h - kh) // sh + 1, (w - kw) // sw + 1
    cols = np.array([x[i, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :].reshape(-1)
                     for i in range(n) for oh in range(ho) for ow in range(wo)])
    out = cols @ W.reshape(kh * kw * c, f)
    return out.reshape(n, ho, wo, f), None


def conv2d_forward__output_reshaped_channels_first(x, W, b=None, strides=(1, 1),
                                                   padding="valid"):
    (sh, sw), (kh, kw, c, f), (n, h, w, _) = strides, W.shape, x.shape
    if padding == "same":
        ho, wo = -(-h // sh), -(-w // sw)
        th, tw = max((ho - 1) * sh + kh - h, 0), max((wo - 1) * sw + kw - w, 0)
        x = np.pad(x, ((0, 0), (th // 2, th - th // 2), (tw // 2, tw - tw // 2), (0, 0)))
    else:
        ho, wo = (h - kh) // sh + 1, (w - kw) // sw + 1
    cols = np.array([x[i, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :].reshape(-1)
                     for i in range(n) for oh in range(ho) for ow in range(wo)])
    out = cols @ W.reshape(kh * kw * c, f)
    if b is not None:
        out = out + b
    return out.reshape(n, f, ho, wo).transpose(0, 2, 3, 1), None


CONV2D_FORWARD = Exercise(
    id="ch8.conv2d_forward", name="conv2d_forward", reference=ops.conv2d_forward,
    make_cases=conv_cases, call=_call, output_names=("out",), rtol=1e-5, atol=1e-6, points=2,
    mistakes=[
        Mistake("kernel reshaped filters first",
                "W has shape (kh, kw, C_in, C_out): C_out is its last axis, so "
                "W.reshape(kh * kw * C_in, C_out) keeps each filter in one column, in the "
                "(i, j, c) order of the rows of cols. Reshaping to (C_out, -1) first cuts the "
                "memory in the wrong places, and transposing does not undo that.",
                conv2d_forward__kernel_reshaped_filters_first),
        Mistake("forgot the bias",
                "Add the bias to every row of the product (one number per filter, broadcast "
                "over the N * H_out * W_out rows), when b is not None.",
                conv2d_forward__forgot_the_bias),
        Mistake("output reshaped channels first",
                "The product has one row per output position (n, oh, ow) and one column per "
                "filter, which is exactly channels-last: reshape it to (N, H_out, W_out, C_out) "
                "directly, with no transpose.",
                conv2d_forward__output_reshaped_channels_first),
    ],
    summary="convolution as im2col and one matrix product")
