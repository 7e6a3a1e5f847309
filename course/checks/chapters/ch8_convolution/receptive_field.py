"""ch8.receptive_field: the input patch one output cell of a stack of windows sees."""

from course.checks.spec import Case, Exercise, Mistake
from course.ops.windows import receptive_field


def _cases(rng, hidden):
    cases = [Case("one layer", {"kernel_sizes": [5], "strides": [1]}),
             Case("two 3x3 convolutions", {"kernel_sizes": [3, 3], "strides": [1, 1]}),
             Case("convolution then 2x2 pooling, twice (a LeNet-style stack)",
                  {"kernel_sizes": [3, 2, 3, 2], "strides": [1, 2, 1, 2]}),
             Case("a strided first layer", {"kernel_sizes": [7, 3, 3], "strides": [2, 1, 1]}),
             Case("a 1x1 kernel adds nothing", {"kernel_sizes": [3, 1, 3], "strides": [2, 1, 1]})]
    for _ in range(6 if hidden else 2):
        depth = int(rng.integers(2, 7))
        cases.append(Case("random stacks", {
            "kernel_sizes": [int(v) for v in rng.integers(1, 6, size=depth)],
            "strides": [int(v) for v in rng.integers(1, 4, size=depth)]}))
    return cases


def receptive_field__multiplied_by_the_layer_s_own_stride(kernel_sizes, strides):
    r, jump = 1, 1
    for k, s in zip(kernel_sizes, strides):
        jump *= s
        r += (k - 1) * jump
    return r


def receptive_field__ignored_the_strides(kernel_sizes, strides):
    r = 1
    for k in kernel_sizes:
        r += k - 1
    return r


def receptive_field__multiplied_the_kernel_sizes(kernel_sizes, strides):
    r = 1
    for k in kernel_sizes:
        r *= k
    return r


RECEPTIVE_FIELD = Exercise(
    id="ch8.receptive_field", name="receptive_field", reference=receptive_field,
    make_cases=_cases, output_names=("r",), rtol=0, atol=0, points=1,
    mistakes=[
        Mistake("multiplied by the layer's own stride",
                "A layer's window is measured in steps of the layer BELOW it: its k - 1 extra "
                "cells are jump_(l-1) input cells apart, the product of the strides before it. "
                "Its own stride only widens the steps of the layers above, so update the jump "
                "after adding the layer.",
                receptive_field__multiplied_by_the_layer_s_own_stride),
        Mistake("ignored the strides",
                "Adding k - 1 per layer is right only when every stride is 1. After a stride-2 "
                "layer, one step of the next layer is 2 input cells: multiply each layer's k - 1 "
                "by the product of the strides below it.",
                receptive_field__ignored_the_strides),
        Mistake("multiplied the kernel sizes",
                "Stacked windows overlap: two 3x3 convolutions see 5x5, not 9x9. The field grows "
                "by (k - 1) steps per layer: it is a sum, not a product.",
                receptive_field__multiplied_the_kernel_sizes),
    ],
    summary="the receptive field of a stack of convolutions and poolings")
