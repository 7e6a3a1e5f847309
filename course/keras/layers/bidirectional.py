"""``Bidirectional``: a recurrent layer run forwards and a copy run backwards, merged.

As in Keras: the backward layer is a fresh copy of the layer's configuration with
``go_backwards`` flipped (or ``backward_layer``), named ``forward_<name>`` and
``backward_<name>``; when returning sequences its outputs are flipped back into time order
and both layers output zeros at masked steps (``zero_output_for_mask``). The weights are the
forward layer's, then the backward layer's.
"""

import numpy as np

from course.keras.layers.layer import Layer
from course.keras.layers.rnn import RNN
from course.keras.saving.serialization import layer_from_config, layer_to_config

MERGE_MODES = ("concat", "sum", "mul", "ave", None)


class Bidirectional(Layer):
    """``Bidirectional(layer, merge_mode="concat", backward_layer=None)``.

    Output: both directions merged by ``merge_mode``: ``"concat"`` (last axis ``2H``),
    ``"sum"``, ``"mul"``, ``"ave"``, or ``None`` (the list ``[forward, backward]``); with
    ``return_state`` the merged output is followed by the forward then backward states.
    """

    uses_mask = True

    def __init__(self, layer, merge_mode="concat", weights=None, backward_layer=None,
                 **kwargs):
        if not isinstance(layer, RNN):
            raise ValueError(f"Please initialize `Bidirectional` layer with a recurrent "
                             f"layer (SimpleRNN, LSTM, GRU, RNN). Received: {layer!r}")
        if merge_mode not in MERGE_MODES:
            raise ValueError(f"Invalid merge mode. Received: {merge_mode!r}. Merge mode "
                             f"should be one of {MERGE_MODES}")
        super().__init__(**kwargs)
        if backward_layer is None:
            config = {**layer.get_config(), "go_backwards": not layer.go_backwards}
            config["name"] = "backward_" + layer.name
            config.pop("batch_input_shape", None)
            backward_layer = type(layer).from_config(config)
        elif not isinstance(backward_layer, RNN) or \
                backward_layer.go_backwards == layer.go_backwards:
            raise ValueError("`backward_layer` must be a recurrent layer with the opposite "
                             "`go_backwards` of `layer`")
        layer.name = "forward_" + layer.name
        self.forward_layer, self.backward_layer = layer, backward_layer
        for sub in (layer, backward_layer):
            sub.zero_output_for_mask = sub.return_sequences
        self.merge_mode = merge_mode
        self.return_sequences = layer.return_sequences
        self.return_state = layer.return_state
        self.supports_masking = True
        self._initial_weights = weights

    def build(self, input_shape):
        self.forward_layer.build_for(input_shape)
        self.backward_layer.build_for(input_shape)
        self._weights = self.forward_layer._weights + self.backward_layer._weights
        if self._initial_weights is not None:
            self.set_weights(self._initial_weights)
            self._initial_weights = None

    def compute_output_shape(self, input_shape):
        shape = self.forward_layer.compute_output_shape(input_shape)
        states = []
        if self.return_state:
            shape, states = shape[0], shape[1:] * 2
        if self.merge_mode == "concat":
            shape = tuple(shape[:-1]) + (2 * shape[-1],)
        elif self.merge_mode is None:
            shape = [shape, shape]
        return [shape] + states if self.return_state else shape

    def compute_mask(self, inputs, mask=None):
        out_mask = mask if self.return_sequences else None
        if self.merge_mode is None:
            out_mask = [out_mask, out_mask]
        if self.return_state:
            count = 2 * self.forward_layer.cell.state_count
            return [out_mask] + [None] * count
        return out_mask

    def forward(self, x, training=False, mask=None):
        y, f_cache = self.forward_layer.forward(x, training, mask=mask)
        y_rev, b_cache = self.backward_layer.forward(x, training, mask=mask)
        states = []
        if self.return_state:
            states = y[1:] + y_rev[1:]
            y, y_rev = y[0], y_rev[0]
        if self.return_sequences:
            y_rev = y_rev[:, ::-1]
        out = _merge(self.merge_mode, y, y_rev)
        cache = (f_cache, b_cache, y, y_rev)
        return ([out] + states if self.return_state else out), cache

    def backward(self, dout, cache, need_dx=True):
        f_cache, b_cache, y, y_rev = cache
        dstates = []
        if self.return_state:
            dout, dstates = dout[0], list(dout[1:])
        dy, dy_rev = _merge_backward(self.merge_mode, dout, y, y_rev)
        if self.return_sequences and dy_rev is not None:
            dy_rev = dy_rev[:, ::-1]
        count = self.forward_layer.cell.state_count
        if self.return_state:
            dy, dy_rev = [dy] + dstates[:count], [dy_rev] + dstates[count:]
        dx_f, grads_f = self.forward_layer.backward(dy, f_cache)
        dx_b, grads_b = self.backward_layer.backward(dy_rev, b_cache)
        return dx_f + dx_b, grads_f + grads_b

    def get_config(self):
        config = {**super().get_config(), "merge_mode": self.merge_mode}
        config["layer"] = layer_to_config(self.forward_layer)
        config["backward_layer"] = layer_to_config(self.backward_layer)
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        layer = layer_from_config(config.pop("layer"))
        backward = layer_from_config(config.pop("backward_layer"))
        for sub in (layer, backward):
            sub.name = sub.name.removeprefix("forward_")
        return cls(layer, backward_layer=backward, **config)


def _merge(mode, y, y_rev):
    if mode == "concat":
        return np.concatenate([y, y_rev], axis=-1)
    if mode == "sum":
        return y + y_rev
    if mode == "mul":
        return y * y_rev
    if mode == "ave":
        return (y + y_rev) / 2
    return [y, y_rev]


def _merge_backward(mode, dout, y, y_rev):
    """The gradients of the forward and (time-ordered) backward outputs."""
    if mode == "concat":
        h = y.shape[-1]
        return dout[..., :h], dout[..., h:]
    if mode == "sum":
        return dout, dout
    if mode == "mul":
        return dout * y_rev, dout * y
    if mode == "ave":
        return dout / 2, dout / 2
    return dout[0], dout[1]
