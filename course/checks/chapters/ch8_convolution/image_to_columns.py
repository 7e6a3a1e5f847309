"""ch8.image_to_columns: im2col, every window of the image flattened into one row."""

import numpy as np

from course.checks.cases import randn
from course.checks.spec import Case, Exercise, Mistake
from course.ops.conv import image_to_columns


def _cases(rng, hidden):
    def case(group, n, h, w, c, kernel_size, strides, padding, dtype=np.float64):
        return Case(group, {"x": randn(rng, n, h, w, c, dtype=dtype), "kernel_size": kernel_size,
                            "strides": strides, "padding": padding})
    cases = []
    for _ in range(4 if hidden else 1):
        n, c = (int(v) for v in rng.integers(2, 4, size=2))
        h, w = (int(v) for v in rng.integers(4, 8, size=2))
        cases.append(case("random sizes, 3x3 windows", n, h, w, c, (3, 3), (1, 1), "valid"))
    cases.append(case("a non-square kernel", 2, 5, 6, 2, (2, 3), (1, 1), "valid"))
    cases.append(case("stride 2", 2, 7, 7, 3, (3, 3), (2, 2), "valid"))
    cases.append(case("padding 'same'", 2, 5, 5, 2, (3, 3), (1, 1), "same"))
    cases.append(case("one channel", 3, 4, 4, 1, (2, 2), (1, 1), "valid"))
    cases.append(case("float32", 2, 4, 5, 2, (3, 3), (1, 1), "same", dtype=np.float32))
    if hidden:
        cases.append(case("a larger image", 4, 14, 14, 3, (5, 5), (1, 1), "same"))
    return cases


def image_to_columns__channels_first_in_a_row(x, kernel_size, strides=(1, 1), padding="valid"):
    (kh, kw), (sh, sw), (n, h, w, c) = kernel_size, strides, x.shape
    if padding == "same":
        ho, wo = -(-h // sh), -(-w // sw)
        th, tw = max((ho - 1) * sh + kh - h, 0), max((wo - 1) * sw + kw - w, 0)
        x = np.pad(x, ((0, 0), (th // 2, th - th // 2), (tw // 2, tw - tw // 2), (0, 0)))
    else:
        ho, wo = (h - kh) // sh + 1, (w - kw) // sw + 1
    rows = []
    for i in range(n):
        for oh in range(ho):
            for ow in range(wo):
                window = x[i, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :]
                rows.append(window.transpose(2, 0, 1).reshape(-1))
    return np.array(rows)


def image_to_columns__positions_before_samples(x, kernel_size, strides=(1, 1), padding="valid"):
    (kh, kw), (sh, sw), (n, h, w, c) = kernel_size, strides, x.shape
    if padding == "same":
        ho, wo = -(-h // sh), -(-w // sw)
        th, tw = max((ho - 1) * sh + kh - h, 0), max((wo - 1) * sw + kw - w, 0)
        x = np.pad(x, ((0, 0), (th // 2, th - th // 2), (tw // 2, tw - tw // 2), (0, 0)))
    else:
        ho, wo = (h - kh) // sh + 1, (w - kw) // sw + 1
    rows = []
    for oh in range(ho):
        for ow in range(wo):
            for i in range(n):
                rows.append(x[i, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :].reshape(-1))
    return np.array(rows)


def image_to_columns__forgot_the_padding(x, kernel_size, strides=(1, 1), padding="valid"):
    (kh, kw), (sh, sw), (n, h, w, c) = kernel_size, strides, x.shape
    ho, wo = (h - kh) // sh + 1, (w - kw) // sw + 1
    rows = []
    for i in range(n):
        for oh in range(ho):
            for ow in range(wo):
                rows.append(x[i, oh * sh:oh * sh + kh, ow * sw:ow * sw + kw, :].reshape(-1))
    return np.array(rows)


IMAGE_TO_COLUMNS = Exercise(
    id="ch8.image_to_columns", name="image_to_columns", reference=image_to_columns,
    make_cases=_cases, output_names=("cols",), rtol=0, atol=0, points=2,
    mistakes=[
        Mistake("channels first in a row",
                "A row must list the window in the kernel's own order, (i, j, c) with the "
                "channel fastest, so that it lines up with W.reshape(kh * kw * C, C_out). "
                "Flatten the (kh, kw, C) window as it is, without moving the channels first.",
                image_to_columns__channels_first_in_a_row),
        Mistake("positions before samples",
                "Rows go sample by sample: all positions (oh, ow) of sample 0, then of sample 1. "
                "Then the product reshapes straight to (N, H_out, W_out, C_out).",
                image_to_columns__positions_before_samples),
        Mistake("forgot the padding",
                "With padding 'same', pad the image with zeros first (total // 2 before, the "
                "rest after), so that there is one window per output position: "
                "H_out = ceil(H / sh).",
                image_to_columns__forgot_the_padding),
    ],
    summary="im2col: one row per output position, the window flattened as (i, j, c)")
