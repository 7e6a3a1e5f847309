"""ch8.max_pool2d_backward: each window's gradient goes to the cell that won its max."""

import numpy as np

from course import ops
from course.checks.calls import backward_reading_cache
from course.checks.chapters.ch8_convolution.shared import pool_cases
from course.checks.spec import Exercise, Mistake


def _cases(rng, hidden):
    return pool_cases(rng, hidden, with_dout=True)


def _call(obj, args):
    _, cache = ops.max_pool2d_forward(args["x"], args["pool_size"], strides=args["strides"],
                                      padding=args["padding"])
    return backward_reading_cache(obj, "max_pool2d_backward", args["dout"], cache)


def max_pool2d_backward__sent_the_gradient_to_the_whole_window(dout, cache):
    x_shape, dtype, arg, (ph, pw, sh, sw, pt, pl, ho, wo) = cache
    n, h, w, c = x_shape
    dxp = np.zeros((n, h + ph + sh, w + pw + sw, c), dtype=dtype)
    for oh in range(ho):
        for ow in range(wo):
            dxp[:, oh * sh:oh * sh + ph, ow * sw:ow * sw + pw] += dout[:, oh, ow, None, None, :]
    return dxp[:, pt:pt + h, pl:pl + w]


def max_pool2d_backward__overwrote_shared_winners(dout, cache):
    x_shape, dtype, arg, (ph, pw, sh, sw, pt, pl, ho, wo) = cache
    dx = np.zeros(x_shape, dtype=dtype)
    n, _, _, c = x_shape
    for i in range(n):
        for oh in range(ho):
            for ow in range(wo):
                for k in range(c):
                    a = int(arg[i, oh, ow, k])
                    dx[i, oh * sh + a // pw - pt, ow * sw + a % pw - pl, k] = dout[i, oh, ow, k]
    return dx


def max_pool2d_backward__decoded_the_winner_with_ph(dout, cache):
    x_shape, dtype, arg, (ph, pw, sh, sw, pt, pl, ho, wo) = cache
    n, h, w, c = x_shape
    dxp = np.zeros((n, h + 2 * ph, w + 2 * pw, c), dtype=dtype)
    for i in range(n):
        for oh in range(ho):
            for ow in range(wo):
                for k in range(c):
                    a = int(arg[i, oh, ow, k])
                    dxp[i, oh * sh + a // ph, ow * sw + a % ph, k] += dout[i, oh, ow, k]
    return dxp[:, pt:pt + h, pl:pl + w]


MAX_POOL2D_BACKWARD = Exercise(
    id="ch8.max_pool2d_backward", name="max_pool2d_backward", reference=ops.max_pool2d_backward,
    make_cases=_cases, call=_call, output_names=("dx",), rtol=1e-12, atol=1e-12, points=2,
    mistakes=[
        Mistake("sent the gradient to the whole window",
                "Only the cell that won the max affected the output; the others could change a "
                "little without changing it, so their gradient is 0. Send dout[n, oh, ow, c] to "
                "the winner alone, the cell the cache's arg names.",
                max_pool2d_backward__sent_the_gradient_to_the_whole_window),
        Mistake("overwrote shared winners",
                "When windows overlap, one cell can win the max of several windows, and its "
                "gradient is the sum of theirs: add into dx (+=), do not assign.",
                max_pool2d_backward__overwrote_shared_winners),
        Mistake("decoded the winner with ph",
                "arg stores the winner's place in its window row by row, as i * pw + j for a "
                "window of ph rows and pw columns: its row is arg // pw and its column arg % pw.",
                max_pool2d_backward__decoded_the_winner_with_ph),
    ],
    summary="max-pool backward: the gradient goes to each window's winner")
