"""ch8.conv2d_naive_forward: convolution (Keras's cross-correlation) by loops over the
output positions."""

import numpy as np

from course import ops
from course.checks.calls import first_of_pair
from course.checks.chapters.ch8_convolution.shared import conv_cases
from course.checks.spec import Exercise, Mistake


def _call(obj, args):
    return first_of_pair(obj(args["x"], args["W"], args["b"], strides=args["strides"],
                             padding=args["padding"]), "conv2d_naive_forward")


def conv2d_naive_forward__flipped_the_kernel(x, W, b=None, strides=(1, 1), padding="valid"):
    (sh, sw), (kh, kw, _, f), (n, h, w, _) = strides, W.shape, x.shape
    if padding == "same":
        ho, wo = -(-h // sh), -(-w // sw)
        th, tw = max((ho - 1) * sh + kh - h, 0), max((wo - 1) * sw + kw - w, 0)
        x = np.pad(x, ((0, 0), (th // 2, th - th // 2), (tw // 2, tw - tw // 2), (0, 0)))
    else:
        ho, wo = (h - kh) // sh + 1, (w - kw) // sw + 1
    flipped = W[::-1, ::-1]
    out = np.zeros((n, ho, wo, f), dtype=x.dtype)
    for oh in range(ho):
        for ow in range(wo):
            window = x[:, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :]
            out[:, oh, ow] = np.tensordot(window, flipped, axes=3)
    if b is not None:
        out += b
    return out, None


def conv2d_naive_forward__forgot_the_bias(x, W, b=None, strides=(1, 1), padding="valid"):
    (sh, sw), (kh, kw, _, f), (n, h, w, _) = strides, W.shape, x.shape
    if padding == "same":
        ho, wo = -(-h // sh), -(-w // sw)
        th, tw = max((ho - 1) * sh + kh - h, 0), max((wo - 1) * sw + kw - w, 0)
        x = np.pad(x, ((0, 0), (th // 2, th - th // 2), (tw // 2, tw - tw // 2), (0, 0)))
    else:
        ho, wo = (h - kh) // sh + 1, (w - kw) // sw + 1
    out = np.zeros((n, ho, wo, f), dtype=x.dtype)
    for oh in range(ho):
        for ow in range(wo):
            window = x[:, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :]
            out[:, oh, ow] = np.tensordot(window, W, axes=3)
    return out, None


def conv2d_naive_forward__extra_padding_cell_before(x, W, b=None, strides=(1, 1),
                                                    padding="valid"):
    (sh, sw), (kh, kw, _, f), (n, h, w, _) = strides, W.shape, x.shape
    if padding == "same":
        ho, wo = -(-h // sh), -(-w // sw)
        th, tw = max((ho - 1) * sh + kh - h, 0), max((wo - 1) * sw + kw - w, 0)
        x = np.pad(x, ((0, 0), (th - th // 2, th // 2), (tw - tw // 2, tw // 2), (0, 0)))
    else:
        ho, wo = (h - kh) // sh + 1, (w - kw) // sw + 1
    out = np.zeros((n, ho, wo, f), dtype=x.dtype)
    for oh in range(ho):
        for ow in range(wo):
            window = x[:, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :]
            out[:, oh, ow] = np.tensordot(window, W, axes=3)
    if b is not None:
        out += b
    return out, None


def conv2d_naive_forward__windows_ignore_the_stride(x, W, b=None, strides=(1, 1),
                                                    padding="valid"):
    (sh, sw), (kh, kw, _, f), (n, h, w, _) = strides, W.shape, x.shape
    if padding == "same":
        ho, wo = -(-h // sh), -(-w // sw)
        th, tw = max((ho - 1) * sh + kh - h, 0), max((wo - 1) * sw + kw - w, 0)
        x = np.pad(x, ((0, 0), (th // 2, th - th // 2), (tw // 2, tw - tw // 2), (0, 0)))
    else:
        ho, wo = (h - kh) // sh + 1, (w - kw) // sw + 1
    out = np.zeros((n, ho, wo, f), dtype=x.dtype)
    for oh in range(ho):
        for ow in range(wo):
            window = x[:, oh:oh + kh, ow:ow + kw, :]
            out[:, oh, ow] = np.tensordot(window, W, axes=3)
    if b is not None:
        out += b
    return out, None


CONV2D_NAIVE_FORWARD = Exercise(
    id="ch8.conv2d_naive_forward", name="conv2d_naive_forward",
    reference=ops.conv2d_naive_forward, make_cases=conv_cases, call=_call,
    output_names=("out",), rtol=1e-5, atol=1e-6, points=3,
    mistakes=[
        Mistake("flipped the kernel",
                "You computed the convolution of signal processing, with the kernel turned "
                "upside down and left to right. Keras's Conv2D (like every deep-learning "
                "library) computes a cross-correlation: window and kernel are multiplied entry "
                "by entry, W[i, j] with window[i, j], unflipped.",
                conv2d_naive_forward__flipped_the_kernel),
        Mistake("forgot the bias",
                "Each filter has a bias, added to every output position: out[..., f] += b[f] "
                "(when b is not None).",
                conv2d_naive_forward__forgot_the_bias),
        Mistake("extra padding cell before",
                "With padding 'same' and an odd total padding, the extra row and column go "
                "at the bottom and right (TensorFlow's rule): pad total // 2 before and "
                "total - total // 2 after.",
                conv2d_naive_forward__extra_padding_cell_before),
        Mistake("windows ignore the stride",
                "Output position (oh, ow) looks at the window whose top-left corner is "
                "(oh * sh, ow * sw) of the padded input: the windows move by the stride, not "
                "by one cell.",
                conv2d_naive_forward__windows_ignore_the_stride),
    ],
    summary="2-D convolution (cross-correlation) by loops, channels last")
