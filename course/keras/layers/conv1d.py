"""``Conv1D``: 1-D convolution over channels-last sequences, on ``course.ops.conv1d``."""

from course.keras.layers.base_conv import BaseConv
from course.ops.conv1d import conv1d_backward, conv1d_forward


class Conv1D(BaseConv):
    """``Conv1D(filters, kernel_size, strides=1, padding="valid", dilation_rate=1, ...)``.

    Shapes: input ``(N, L, C_in)``, kernel ``(kernel_size, C_in, filters)``, output
    ``(N, L_out, filters)``; ``padding`` is "valid", "same" or "causal" (zeros before the
    sequence only, so that step ``t`` of the output never sees a later input step).
    """

    rank = 1
    paddings = ("valid", "same", "causal")

    def linear_forward(self, x, kernel, bias):
        return conv1d_forward(x, kernel, bias, self.strides, self.padding, self.dilation_rate)

    def linear_backward(self, dz, cache, need_dx):
        return conv1d_backward(dz, cache, need_dx=need_dx)
