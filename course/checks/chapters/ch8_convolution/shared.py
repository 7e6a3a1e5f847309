"""What several exercises of ch8_convolution use: convolution and pooling cases."""

import numpy as np

from course.checks.cases import randn
from course.checks.spec import Case


def conv_cases(rng, hidden, with_dout=False):
    """Small images and kernels: valid and same padding, strides 1 and 2, odd padding
    totals (the extra cell goes after), overlapping windows, no bias, float32."""
    def case(group, n, h, w, c, kh, kw, f, strides, padding, bias=True, dtype=np.float64):
        args = {"x": randn(rng, n, h, w, c, dtype=dtype),
                "W": randn(rng, kh, kw, c, f, dtype=dtype),
                "b": randn(rng, f, dtype=dtype) if bias else None,
                "strides": strides, "padding": padding}
        if with_dout:
            sh, sw = strides
            ho = -(-h // sh) if padding == "same" else (h - kh) // sh + 1
            wo = -(-w // sw) if padding == "same" else (w - kw) // sw + 1
            args["dout"] = randn(rng, n, ho, wo, f, dtype=dtype)
        return Case(group, args)
    cases = []
    for _ in range(4 if hidden else 1):
        n, c, f = (int(v) for v in rng.integers(1, 4, size=3))
        h, w = (int(v) for v in rng.integers(4, 8, size=2))
        cases.append(case("random sizes, padding 'valid', stride 1", n + 1, h, w, c, 3, 3, f + 1,
                          (1, 1), "valid"))
    cases.append(case("padding 'same' (3x3 kernel)", 2, 5, 6, 2, 3, 3, 3, (1, 1), "same"))
    cases.append(case("padding 'same', an even kernel (one more cell after)", 2, 5, 5, 2, 2, 4, 2,
                      (1, 1), "same"))
    cases.append(case("stride 2", 2, 7, 6, 2, 3, 3, 2, (2, 2), "valid"))
    cases.append(case("stride 2, padding 'same'", 1, 6, 7, 3, 3, 2, 2, (2, 1), "same"))
    cases.append(case("a non-square kernel", 1, 6, 5, 1, 3, 2, 3, (1, 1), "valid"))
    cases.append(case("no bias", 2, 5, 5, 2, 3, 3, 2, (1, 1), "valid", bias=False))
    cases.append(case("float32", 2, 5, 5, 2, 3, 3, 2, (1, 1), "same", dtype=np.float32))
    if hidden:
        cases.append(case("a larger image", 4, 14, 14, 3, 5, 5, 4, (1, 1), "same"))
    return cases


def pool_cases(rng, hidden, with_dout=False):
    """Images with negative values, tiled and overlapping windows, non-square windows,
    'same' padding whose padded cells must never win."""
    def case(group, n, h, w, c, pool_size, strides, padding, x=None):
        x = randn(rng, n, h, w, c) if x is None else x
        args = {"x": x, "pool_size": pool_size, "strides": strides, "padding": padding}
        if with_dout:
            sh, sw = pool_size if strides is None else strides
            ph, pw = pool_size
            ho = -(-h // sh) if padding == "same" else (h - ph) // sh + 1
            wo = -(-w // sw) if padding == "same" else (w - pw) // sw + 1
            args["dout"] = randn(rng, n, ho, wo, c)
        return Case(group, args)
    cases = []
    for _ in range(4 if hidden else 1):
        n, c = (int(v) for v in rng.integers(1, 4, size=2))
        h, w = (2 * int(v) for v in rng.integers(2, 5, size=2))
        cases.append(case("2x2 windows tiling the image (the default strides)", n + 1, h, w, c + 1,
                          (2, 2), None, "valid"))
    cases.append(case("an odd size (the last row and column are dropped)", 2, 5, 7, 2, (2, 2), None,
                      "valid"))
    cases.append(case("overlapping windows (3x3, stride 2)", 2, 7, 7, 2, (3, 3), (2, 2), "valid"))
    cases.append(case("non-square windows (2x3)", 1, 6, 6, 3, (2, 3), None, "valid"))
    cases.append(case("padding 'same' on negative values (padding never wins)", 2, 5, 5, 2, (2, 2),
                      None, "same", x=-np.abs(randn(rng, 2, 5, 5, 2)) - 0.1))
    cases.append(case("stride 1 (every window overlaps the next)", 1, 4, 5, 2, (2, 2), (1, 1),
                      "valid"))
    if hidden:
        cases.append(case("a larger image", 8, 28, 28, 4, (2, 2), None, "valid"))
    return cases
