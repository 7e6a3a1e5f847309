"""``LSTM`` and its cell, on :mod:`course.ops.lstm` (Keras 3's weight layout, gates
``i, f, c, o``)."""

import numpy as np

from course.keras.layers.rnn import CellLayer
from course.keras.layers.rnn_cell import GatedCell
from course.ops.lstm import lstm_backward, lstm_forward


class LSTMCell(GatedCell):
    """``LSTMCell(units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
    kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
    bias_initializer="zeros", unit_forget_bias=True, dropout=0.0, recurrent_dropout=0.0,
    seed=None)``.

    Weights: kernel ``(D, 4H)``, recurrent_kernel ``(H, 4H)``, bias ``(4H,)``; states
    ``[h, c]``. ``unit_forget_bias`` starts the forget gate's bias at 1 (the rest from
    ``bias_initializer``), as Keras does.
    """

    gates = 4
    state_count = 2
    forward_op = staticmethod(lstm_forward)
    backward_op = staticmethod(lstm_backward)

    def __init__(self, units, unit_forget_bias=True, **kwargs):
        super().__init__(units, **kwargs)
        self.unit_forget_bias = bool(unit_forget_bias)

    def bias_initial_value(self, shape, dtype=None):
        if not self.unit_forget_bias:
            return super().bias_initial_value(shape, dtype)
        h = self.units
        parts = [self.bias_initializer((h,), dtype=self.dtype), np.ones(h, self.dtype),
                 self.bias_initializer((2 * h,), dtype=self.dtype)]
        return np.concatenate(parts)

    def get_config(self):
        return {**super().get_config(), "unit_forget_bias": self.unit_forget_bias}


class LSTM(CellLayer):
    """``LSTM(units, ...)``: the cell's arguments, and ``return_sequences``,
    ``return_state``, ``go_backwards`` as in :class:`~course.keras.layers.rnn.RNN`;
    with ``return_state=True`` it returns ``[output, h, c]``."""

    cell_class = LSTMCell
