"""``SimpleRNN`` and its cell: ``h_t = activation(x_t @ kernel + h_{t-1} @ recurrent_kernel
+ bias)``, on :mod:`course.ops.simple_rnn`."""

from course.keras.layers.rnn import CellLayer
from course.keras.layers.rnn_cell import RecurrentCell
from course.ops.simple_rnn import simple_rnn_backward, simple_rnn_forward


class SimpleRNNCell(RecurrentCell):
    """``SimpleRNNCell(units, activation="tanh", use_bias=True,
    kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
    bias_initializer="zeros", dropout=0.0, recurrent_dropout=0.0, seed=None)``.

    Weights: kernel ``(D, H)``, recurrent_kernel ``(H, H)``, bias ``(H,)``.
    """

    forward_op = staticmethod(simple_rnn_forward)
    backward_op = staticmethod(simple_rnn_backward)


class SimpleRNN(CellLayer):
    """``SimpleRNN(units, ...)``: the cell's arguments, and ``return_sequences``,
    ``return_state``, ``go_backwards`` as in :class:`~course.keras.layers.rnn.RNN`."""

    cell_class = SimpleRNNCell
