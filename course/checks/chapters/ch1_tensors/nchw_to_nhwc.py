"""ch1.nchw_to_nhwc: channels-first images -> channels-last, by a transpose."""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.ops.layout import nchw_to_nhwc


def nchw_to_nhwc__reshape_instead_of_transpose(x):
    n, c, h, w = x.shape
    return x.reshape(n, h, w, c)


def nchw_to_nhwc__swapped_channels_with_columns(x):
    return x.swapaxes(1, 3)


def nchw_to_nhwc__inverse_permutation(x):
    return x.transpose(0, 3, 1, 2)


def _nchw_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        n, c = int(rng.integers(1, 5)), int(rng.integers(2, 5))
        h, w = int(rng.integers(2, 7)), int(rng.integers(2, 7))
        while h == w:
            w = int(rng.integers(2, 7))
        cases.append(Case("random shapes", {"x": rng.standard_normal((n, c, h, w))}))
    cases.append(Case("square images", {"x": rng.standard_normal((2, 3, 4, 4))}))
    cases.append(Case("as many channels as rows and columns",
                      {"x": rng.standard_normal((2, 3, 3, 3))}))
    cases.append(Case("batch of 1", {"x": rng.standard_normal((1, 2, 3, 5))}))
    cases.append(Case("integers", {"x": rng.integers(0, 256, (2, 3, 2, 5)).astype(np.uint8)}))
    cases.append(Case("non-contiguous input",
                      {"x": np.asfortranarray(rng.standard_normal((3, 2, 5, 4)))}))
    if hidden:
        cases.append(Case("large", {"x": rng.standard_normal((16, 3, 28, 32)).astype(np.float32)}))
    return cases


NCHW_TO_NHWC = Exercise(
    id="ch1.nchw_to_nhwc", name="nchw_to_nhwc", reference=nchw_to_nhwc,
    make_cases=_nchw_cases, points=1, exact_dtype=True,
    summary="channels-first images -> channels-last, by a transpose",
    mistakes=[
        Mistake("reshape instead of transpose",
                "A reshape keeps the elements in memory order and only re-cuts them: the "
                "shape is right, the pixels are scrambled. Moving an axis needs "
                "transpose (or np.moveaxis).", nchw_to_nhwc__reshape_instead_of_transpose),
        Mistake("swapped channels with columns",
                "swapaxes(1, 3) gives (N, W, H, C): rows and columns end up exchanged. "
                "The new order of the axes is (0, 2, 3, 1).",
                nchw_to_nhwc__swapped_channels_with_columns),
        Mistake("inverse permutation",
                "transpose(0, 3, 1, 2) turns NHWC into NCHW, the other way round. "
                "transpose(axes) says, for each new axis, which old axis it is: "
                "new axis 1 (H) is old axis 2.", nchw_to_nhwc__inverse_permutation),
    ])
