"""``RecurrentCell``: what SimpleRNNCell, LSTMCell and GRUCell share.

A cell owns the weights of one recurrent step (``kernel`` ``(D, G*H)``,
``recurrent_kernel`` ``(H, G*H)``, ``bias``) and its settings, and runs whole sequences
through its ``course.ops`` pair (:meth:`sequence_forward` / :meth:`sequence_backward`);
the :class:`~course.keras.layers.rnn.RNN` layer decides what to return. Called on its own,
``cell(x_t, states)`` computes one step, as Keras's cells do.
"""

import numpy as np

from course.keras import backend, initializers, regularizers
from course.keras.layers.layer import Layer
from course.ops.recurrence import recurrence_dropout_masks


class RecurrentCell(Layer):
    """Base of the cells. Subclasses set ``gates`` (G), ``state_count``, the op pair
    ``forward_op``/``backward_op``, and may override :meth:`bias_shape` and :meth:`op_kwargs`.
    """

    gates = 1
    state_count = 1

    def __init__(self, units, activation="tanh", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, dropout=0.0, recurrent_dropout=0.0, seed=None,
                 **kwargs):
        if not isinstance(units, int) or isinstance(units, bool) or units <= 0:
            raise ValueError(f"Received an invalid value for argument `units`, expected a "
                             f"positive integer, got {units!r}")
        for arg, rate in (("dropout", dropout), ("recurrent_dropout", recurrent_dropout)):
            if not 0.0 <= rate < 1.0:
                raise ValueError(f"`{arg}` must be in [0, 1), got {rate!r}")
        super().__init__(**kwargs)
        self.units = units
        self.activation = "linear" if activation is None else activation
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.dropout, self.recurrent_dropout = float(dropout), float(recurrent_dropout)
        self.seed = seed
        self._rng = np.random.default_rng(seed) if seed is not None else None

    @property
    def state_size(self):
        return [self.units] * self.state_count

    def bias_shape(self):
        return (self.gates * self.units,)

    def bias_initial_value(self, shape, dtype=None):
        return self.bias_initializer(shape, dtype=self.dtype)

    def build(self, input_shape):
        d = input_shape[-1]
        if d is None:
            raise ValueError(f'Layer "{self.name}" needs inputs with a known last axis, '
                             f"received shape {input_shape}")
        width = self.gates * self.units
        self.kernel = self.add_weight(shape=(d, width), initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, name='kernel')
        self.recurrent_kernel = self.add_weight(shape=(self.units, width),
                                                initializer=self.recurrent_initializer,
                                                regularizer=self.recurrent_regularizer,
                                                name='recurrent_kernel')
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(shape=self.bias_shape(),
                                        initializer=self.bias_initial_value,
                                        regularizer=self.bias_regularizer, name='bias')

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.units,)

    def op_kwargs(self):
        """The op's settings beyond weights, masks and states."""
        return {"activation": self.activation}

    def dropout_masks(self, n, d, training):
        """Training's ``(dropout_mask (N, D), recurrent_dropout_mask (N, H))`` or Nones."""
        if not training or (self.dropout == 0.0 and self.recurrent_dropout == 0.0):
            return None, None
        return recurrence_dropout_masks(self.dropout, self.recurrent_dropout, n, d,
                                        self.units, self._rng or backend.rng(), self.dtype)

    def sequence_forward(self, x, initial_state=None, mask=None, training=False,
                         go_backwards=False, zero_output_for_mask=False):
        """``x`` ``(N, T, D)`` -> ``((outputs (N, T, H), *states (N, H)), cache)``."""
        dmask, rmask = self.dropout_masks(x.shape[0], x.shape[2], training)
        return self.forward_op(
            x, self.kernel.value, self.recurrent_kernel.value,
            self.bias.value if self.use_bias else None, initial_state=initial_state,
            mask=mask, go_backwards=go_backwards, zero_output_for_mask=zero_output_for_mask,
            dropout_mask=dmask, recurrent_dropout_mask=rmask, **self.op_kwargs())

    def sequence_backward(self, douts, cache):
        """``douts = (doutputs, *dstates)`` -> ``(dx, dinitial_states, weight grads)``."""
        dx, dstates, dkernel, drecurrent, dbias = self.backward_op(douts, cache)
        return dx, dstates, [dkernel, drecurrent] + ([dbias] if self.use_bias else [])

    def call(self, inputs, states=None, training=False):
        """One step: ``inputs`` ``(N, D)`` and ``states`` -> ``(output, new_states)``."""
        x = np.asarray(inputs)[:, None, :]
        (outputs, *new_states), _ = self.sequence_forward(x, states, training=training)
        return outputs[:, 0], new_states

    def __call__(self, inputs, states=None, training=False):
        x = np.asarray(inputs, self.dtype)
        self.build_for(x.shape)
        return self.call(x, states, training)

    def get_config(self):
        config = super().get_config()
        config.update(
            units=self.units, activation=self.activation, use_bias=self.use_bias,
            kernel_initializer=initializers.name_of(self.kernel_initializer),
            recurrent_initializer=initializers.name_of(self.recurrent_initializer),
            bias_initializer=initializers.name_of(self.bias_initializer),
            dropout=self.dropout, recurrent_dropout=self.recurrent_dropout, seed=self.seed)
        return config


class GatedCell(RecurrentCell):
    """A cell with gates (LSTMCell, GRUCell): ``recurrent_activation`` ("sigmoid") for them."""

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", **kwargs):
        super().__init__(units, activation=activation, **kwargs)
        self.recurrent_activation = recurrent_activation

    def op_kwargs(self):
        return {**super().op_kwargs(), "recurrent_activation": self.recurrent_activation}

    def get_config(self):
        return {**super().get_config(), "recurrent_activation": self.recurrent_activation}
