"""``RNN(cell)``: a recurrent cell run over the time axis, Keras's base recurrent layer.

``SimpleRNN``, ``LSTM`` and ``GRU`` are this layer around their cell. The layer returns
the last output ``(N, H)``, or every output ``(N, T, H)`` with ``return_sequences=True``,
followed by the final states with ``return_state=True`` (a list, as in Keras). It accepts
a mask (from ``Embedding(mask_zero=True)`` or ``Masking``) and an ``initial_state``, and
passes the mask on when it returns sequences.
"""

import numpy as np

from course.keras.layers.layer import Layer
from course.keras.layers.rnn_cell import RecurrentCell


class RNN(Layer):
    """``RNN(cell, return_sequences=False, return_state=False, go_backwards=False,
    zero_output_for_mask=False)``.

    Shapes: input ``(N, T, D)``; output ``(N, H)`` or ``(N, T, H)``; states ``(N, H)`` each.
    """

    uses_mask = True

    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, zero_output_for_mask=False, **kwargs):
        if not isinstance(cell, RecurrentCell):
            raise TypeError(f"RNN: `cell` must be a SimpleRNNCell, LSTMCell or GRUCell, "
                            f"got {cell!r}")
        if stateful:
            raise ValueError("RNN: stateful=True is not supported by course.keras")
        super().__init__(**kwargs)
        self.cell = cell
        self.return_sequences = bool(return_sequences)
        self.return_state = bool(return_state)
        self.go_backwards = bool(go_backwards)
        self.unroll = bool(unroll)  # the loop is always a loop; accepted for compatibility
        self.zero_output_for_mask = bool(zero_output_for_mask)
        self.supports_masking = True

    @property
    def units(self):
        return self.cell.units

    @property
    def batch_splittable(self):
        """Each sequence runs alone, so a batch may run in parts, unless dropout draws masks
        (:mod:`course.keras.trainers.batch_split`)."""
        return self.cell.dropout == 0.0 and self.cell.recurrent_dropout == 0.0

    def build(self, input_shape):
        if len(input_shape) != 3:
            raise ValueError(f'Input 0 of layer "{self.name}" is incompatible with the layer: '
                             f"expected ndim=3 (batch, timesteps, features), found "
                             f"ndim={len(input_shape)}. Full shape received: {input_shape}")
        self.cell.build_for((input_shape[0], input_shape[2]))
        self._weights = self.cell._weights

    def compute_output_shape(self, input_shape):
        n, t = input_shape[0], input_shape[1]
        out = (n, t, self.units) if self.return_sequences else (n, self.units)
        if self.return_state:
            return [out] + [(n, self.units)] * self.cell.state_count
        return out

    def compute_mask(self, inputs, mask=None):
        out_mask = mask if self.return_sequences else None
        if self.return_state:
            return [out_mask] + [None] * self.cell.state_count
        return out_mask

    def forward(self, x, training=False, mask=None, initial_state=None):
        """``x`` ``(N, T, D)`` -> output (and states), cache."""
        (outputs, *states), op_cache = self.cell.sequence_forward(
            x, initial_state, mask, training, self.go_backwards, self.zero_output_for_mask)
        out = outputs if self.return_sequences else outputs[:, -1]
        cache = (op_cache, initial_state is not None)
        return ([out] + states if self.return_state else out), cache

    def backward(self, dout, cache, need_dx=True):
        """``dout``: the output's gradient, or (``return_state``) a list of it and each
        state's (None for no gradient). Returns ``dx`` (with ``initial_state``, the list
        ``[dx, *dinitial_states]``) and the weight gradients."""
        op_cache, had_initial_state = cache
        douts = list(dout) if self.return_state else [dout] + [None] * self.cell.state_count
        dx, dstates, grads = self.cell.sequence_backward(tuple(douts), op_cache)
        return ([dx] + dstates if had_initial_state else dx), grads

    def __call__(self, inputs, training=False, mask=None, initial_state=None):
        if mask is None and initial_state is None:
            return super().__call__(inputs, training)
        x = np.asarray(inputs, self.dtype)
        self.build_for(x.shape)
        return self.forward(x, training, mask=mask, initial_state=initial_state)[0]

    def get_config(self):
        config = super().get_config()
        config.update(return_sequences=self.return_sequences, return_state=self.return_state,
                      go_backwards=self.go_backwards,
                      zero_output_for_mask=self.zero_output_for_mask)
        return config


_LAYER_ARGS = ("return_sequences", "return_state", "go_backwards", "stateful", "unroll",
               "zero_output_for_mask", "name", "trainable", "dtype", "input_shape",
               "batch_input_shape", "batch_size")


class CellLayer(RNN):
    """A recurrent layer that makes its own cell (``cell_class``) from its arguments:
    ``SimpleRNN(units, ...)`` is ``RNN(SimpleRNNCell(units, ...), ...)`` with the cell's
    arguments in its own configuration, as in Keras."""

    cell_class = None

    def __init__(self, units, **kwargs):
        layer_kwargs = {k: kwargs.pop(k) for k in _LAYER_ARGS if k in kwargs}
        cell = self.cell_class(units, dtype=layer_kwargs.get("dtype"), **kwargs)
        super().__init__(cell, **layer_kwargs)

    def get_config(self):
        cell_config = {k: v for k, v in self.cell.get_config().items()
                       if k not in ("name", "trainable", "dtype")}
        return {**super().get_config(), **cell_config}
