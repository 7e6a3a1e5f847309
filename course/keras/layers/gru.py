"""``GRU`` and its cell, on :mod:`course.ops.gru` (Keras 3's weight layout, gates
``z, r, h``; ``reset_after=True`` by default, with a ``(2, 3H)`` bias)."""

from course.keras.layers.rnn import CellLayer
from course.keras.layers.rnn_cell import GatedCell
from course.ops.gru import gru_backward, gru_forward


class GRUCell(GatedCell):
    """``GRUCell(units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
    kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
    bias_initializer="zeros", dropout=0.0, recurrent_dropout=0.0, reset_after=True,
    seed=None)``.

    Weights: kernel ``(D, 3H)``, recurrent_kernel ``(H, 3H)``, bias ``(2, 3H)`` (inputs'
    and recurrent biases) with ``reset_after=True``, else ``(3H,)``.
    """

    gates = 3
    forward_op = staticmethod(gru_forward)
    backward_op = staticmethod(gru_backward)

    def __init__(self, units, reset_after=True, **kwargs):
        super().__init__(units, **kwargs)
        self.reset_after = bool(reset_after)

    def bias_shape(self):
        return (2, 3 * self.units) if self.reset_after else (3 * self.units,)

    def op_kwargs(self):
        return {**super().op_kwargs(), "reset_after": self.reset_after}

    def get_config(self):
        return {**super().get_config(), "reset_after": self.reset_after}


class GRU(CellLayer):
    """``GRU(units, ...)``: the cell's arguments, and ``return_sequences``,
    ``return_state``, ``go_backwards`` as in :class:`~course.keras.layers.rnn.RNN`."""

    cell_class = GRUCell
