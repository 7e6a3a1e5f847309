"""ch8.max_pool2d_forward: the largest value of each window, per channel."""

import numpy as np

from course import ops
from course.checks.calls import first_of_pair
from course.checks.chapters.ch8_convolution.shared import pool_cases
from course.checks.spec import Exercise, Mistake


def _call(obj, args):
    return first_of_pair(obj(args["x"], args["pool_size"], strides=args["strides"],
                             padding=args["padding"]), "max_pool2d_forward")


def max_pool2d_forward__strides_of_1_by_default(x, pool_size=(2, 2), strides=None,
                                                padding="valid"):
    (ph, pw), (n, h, w, c) = pool_size, x.shape
    sh, sw = (1, 1) if strides is None else strides
    if padding == "same":
        ho, wo = -(-h // sh), -(-w // sw)
        th, tw = max((ho - 1) * sh + ph - h, 0), max((wo - 1) * sw + pw - w, 0)
        x = np.pad(x, ((0, 0), (th // 2, th - th // 2), (tw // 2, tw - tw // 2), (0, 0)),
                   constant_values=-np.inf)
    else:
        ho, wo = (h - ph) // sh + 1, (w - pw) // sw + 1
    out = np.empty((n, ho, wo, c), dtype=x.dtype)
    for oh in range(ho):
        for ow in range(wo):
            out[:, oh, ow] = x[:, oh * sh:oh * sh + ph, ow * sw:ow * sw + pw].max(axis=(1, 2))
    return out, None


def max_pool2d_forward__averaged_instead_of_max(x, pool_size=(2, 2), strides=None,
                                                padding="valid"):
    (ph, pw), (n, h, w, c) = pool_size, x.shape
    sh, sw = pool_size if strides is None else strides
    if padding == "same":
        ho, wo = -(-h // sh), -(-w // sw)
        th, tw = max((ho - 1) * sh + ph - h, 0), max((wo - 1) * sw + pw - w, 0)
        x = np.pad(x, ((0, 0), (th // 2, th - th // 2), (tw // 2, tw - tw // 2), (0, 0)),
                   constant_values=np.nan)
    else:
        ho, wo = (h - ph) // sh + 1, (w - pw) // sw + 1
    out = np.empty((n, ho, wo, c), dtype=x.dtype)
    for oh in range(ho):
        for ow in range(wo):
            out[:, oh, ow] = np.nanmean(x[:, oh * sh:oh * sh + ph, ow * sw:ow * sw + pw],
                                        axis=(1, 2))
    return out, None


def max_pool2d_forward__padded_with_zeros(x, pool_size=(2, 2), strides=None, padding="valid"):
    (ph, pw), (n, h, w, c) = pool_size, x.shape
    sh, sw = pool_size if strides is None else strides
    if padding == "same":
        ho, wo = -(-h // sh), -(-w // sw)
        th, tw = max((ho - 1) * sh + ph - h, 0), max((wo - 1) * sw + pw - w, 0)
        x = np.pad(x, ((0, 0), (th // 2, th - th // 2), (tw // 2, tw - tw // 2), (0, 0)))
    else:
        ho, wo = (h - ph) // sh + 1, (w - pw) // sw + 1
    out = np.empty((n, ho, wo, c), dtype=x.dtype)
    for oh in range(ho):
        for ow in range(wo):
            out[:, oh, ow] = x[:, oh * sh:oh * sh + ph, ow * sw:ow * sw + pw].max(axis=(1, 2))
    return out, None


def max_pool2d_forward__max_over_the_channels_too(x, pool_size=(2, 2), strides=None,
                                                  padding="valid"):
    (ph, pw), (n, h, w, c) = pool_size, x.shape
    sh, sw = pool_size if strides is None else strides
    if padding == "same":
        ho, wo = -(-h // sh), -(-w // sw)
        th, tw = max((ho - 1) * sh + ph - h, 0), max((wo - 1) * sw + pw - w, 0)
        x = np.pad(x, ((0, 0), (th // 2, th - th // 2), (tw // 2, tw - tw // 2), (0, 0)),
                   constant_values=-np.inf)
    else:
        ho, wo = (h - ph) // sh + 1, (w - pw) // sw + 1
    out = np.empty((n, ho, wo, c), dtype=x.dtype)
    for oh in range(ho):
        for ow in range(wo):
            window = x[:, oh * sh:oh * sh + ph, ow * sw:ow * sw + pw]
            out[:, oh, ow] = window.max(axis=(1, 2, 3))[:, None]
    return out, None


MAX_POOL2D_FORWARD = Exercise(
    id="ch8.max_pool2d_forward", name="max_pool2d_forward", reference=ops.max_pool2d_forward,
    make_cases=pool_cases, call=_call, output_names=("out",), rtol=0, atol=0, points=2,
    mistakes=[
        Mistake("strides of 1 by default",
                "In Keras, strides=None means strides = pool_size: the windows tile the image "
                "and halve its height and width for 2x2 pooling. Windows that move by one cell "
                "are what you get only when you ask for strides=1.",
                max_pool2d_forward__strides_of_1_by_default),
        Mistake("averaged instead of max",
                "Max pooling keeps the LARGEST value of each window (window.max over the two "
                "spatial axes); the mean is average pooling.",
                max_pool2d_forward__averaged_instead_of_max),
        Mistake("padded with zeros",
                "A padded cell must never win the max. Zeros win over negative values: pad "
                "with -inf (np.pad(..., constant_values=-np.inf)), or take the max over the "
                "part of the window inside the image.",
                max_pool2d_forward__padded_with_zeros),
        Mistake("max over the channels too",
                "Pooling works on each channel separately: take the max over the window's two "
                "spatial axes (1, 2), keeping one value per channel, not over the channels as "
                "well.",
                max_pool2d_forward__max_over_the_channels_too),
    ],
    summary="max pooling, per channel, Keras's strides and padding")
