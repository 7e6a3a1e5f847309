"""ch8.window_geometry: one spatial axis's output size and padding, TensorFlow's rule."""

from course.checks.spec import Case, Exercise, Mistake
from course.ops.windows import window_geometry


def _cases(rng, hidden):
    def case(group, size, k, stride, dilation, padding):
        return Case(group, {"size": size, "k": k, "stride": stride, "dilation": dilation,
                            "padding": padding})
    cases = [case("padding 'valid', stride 1", 28, 3, 1, 1, "valid"),
             case("padding 'valid', stride 1", 7, 7, 1, 1, "valid"),
             case("padding 'same', stride 1 (odd kernel)", 28, 5, 1, 1, "same"),
             case("padding 'same', an odd total (the extra cell goes after)", 10, 4, 1, 1, "same"),
             case("padding 'same', an odd total (the extra cell goes after)", 7, 2, 1, 1, "same"),
             case("strided, the size not a multiple of the stride", 28, 3, 2, 1, "valid"),
             case("strided, the size not a multiple of the stride", 7, 3, 2, 1, "same"),
             case("strided, the size not a multiple of the stride", 11, 2, 3, 1, "same"),
             case("dilated kernels", 12, 3, 1, 2, "valid"),
             case("dilated kernels", 12, 3, 1, 3, "same"),
             case("a kernel smaller than the stride (no padding needed)", 6, 1, 3, 1, "same")]
    for _ in range(8 if hidden else 2):
        k, stride, dilation = (int(v) for v in rng.integers(1, 4, size=3))
        size = int(rng.integers((k - 1) * dilation + 1, 40))
        padding = "same" if rng.random() < 0.5 else "valid"
        cases.append(case("random sizes", size, k, stride, dilation, padding))
    return cases


def window_geometry__extra_padding_cell_before(size, k, stride, dilation, padding):
    k_eff = (k - 1) * dilation + 1
    if padding == "valid":
        return (size - k_eff) // stride + 1, 0, 0
    out = -(-size // stride)
    total = max((out - 1) * stride + k_eff - size, 0)
    return out, total - total // 2, total // 2


def window_geometry__valid_without_the_plus_1(size, k, stride, dilation, padding):
    k_eff = (k - 1) * dilation + 1
    if padding == "valid":
        return (size - k_eff) // stride, 0, 0
    out = -(-size // stride)
    total = max((out - 1) * stride + k_eff - size, 0)
    return out, total // 2, total - total // 2


def window_geometry__ignored_the_dilation(size, k, stride, dilation, padding):
    if padding == "valid":
        return (size - k) // stride + 1, 0, 0
    out = -(-size // stride)
    total = max((out - 1) * stride + k - size, 0)
    return out, total // 2, total - total // 2


def window_geometry__same_rounded_down(size, k, stride, dilation, padding):
    k_eff = (k - 1) * dilation + 1
    if padding == "valid":
        return (size - k_eff) // stride + 1, 0, 0
    out = size // stride
    total = max((out - 1) * stride + k_eff - size, 0)
    return out, total // 2, total - total // 2


def window_geometry__negative_padding(size, k, stride, dilation, padding):
    k_eff = (k - 1) * dilation + 1
    if padding == "valid":
        return (size - k_eff) // stride + 1, 0, 0
    out = -(-size // stride)
    total = (out - 1) * stride + k_eff - size
    return out, total // 2, total - total // 2


WINDOW_GEOMETRY = Exercise(
    id="ch8.window_geometry", name="window_geometry", reference=window_geometry,
    make_cases=_cases, call=lambda obj, args: tuple(obj(**args)),
    output_names=("out_size", "pad_before", "pad_after"), rtol=0, atol=0, points=2,
    mistakes=[
        Mistake("extra padding cell before",
                "When the total padding is odd, TensorFlow and Keras put the extra cell after "
                "the image (bottom, right): pad_before = total // 2, pad_after = total - total // 2.",
                window_geometry__extra_padding_cell_before),
        Mistake("valid without the plus 1",
                "The first window starts at 0 and the last at a multiple of the stride no "
                "further than size - k_eff, so there are (size - k_eff) // stride + 1 windows: "
                "you forgot the first one.",
                window_geometry__valid_without_the_plus_1),
        Mistake("ignored the dilation",
                "A kernel of k taps with dilation d spans k_eff = (k - 1) * d + 1 cells: use "
                "k_eff, not k, in the output size and the padding.",
                window_geometry__ignored_the_dilation),
        Mistake("same rounded down",
                "With padding 'same' the output has ceil(size / stride) cells (a window starts "
                "at every stride-th cell, the last one included): -(-size // stride), not "
                "size // stride.",
                window_geometry__same_rounded_down),
        Mistake("negative padding",
                "When the kernel is smaller than the stride the windows need no padding, and "
                "(out - 1) * stride + k_eff - size comes out negative: the total padding is its "
                "max with 0.",
                window_geometry__negative_padding),
    ],
    summary="the output size and the padding before and after, along one axis")
