"""``CategoryEncoding``: integer tokens to one-hot, multi-hot or count vectors."""

import numpy as np

from course.keras.layers.layer import Layer

OUTPUT_MODES = ("one_hot", "multi_hot", "count")


def encode_categorical(indices, output_mode, depth, layer_name):
    """``indices`` ints in ``[0, depth)`` -> float32 encodings.

    ``one_hot``: ``(N,)`` or ``(N, 1)`` -> ``(N, depth)`` (``(N, k)`` -> ``(N, k, depth)``);
    ``multi_hot`` / ``count``: ``(N, k)`` -> ``(N, depth)`` (1 / the number of times each
    token occurs in a row); ``int`` returns ``indices`` unchanged.
    """
    indices = np.asarray(indices)
    if output_mode == "int":
        return indices
    if output_mode not in OUTPUT_MODES:
        raise ValueError(f'Layer "{layer_name}": unknown output_mode {output_mode!r}; expected '
                         f"one of {('int',) + OUTPUT_MODES}")
    if indices.size and (indices.min() < 0 or indices.max() >= depth):
        raise ValueError(f'Layer "{layer_name}": input values must be in the range '
                         f"0 <= values < num_tokens={depth}, received values from "
                         f"{indices.min()} to {indices.max()}")
    if output_mode == "one_hot":
        if indices.ndim > 1 and indices.shape[-1] == 1:
            indices = indices[..., 0]
        return np.eye(depth, dtype=np.float32)[indices]
    rows = indices.reshape(-1, 1) if indices.ndim <= 1 else indices
    out = np.zeros(rows.shape[:-1] + (depth,), np.float32)
    flat = out.reshape(-1, depth)
    for r, row in enumerate(rows.reshape(-1, rows.shape[-1])):
        np.add.at(flat[r], row, 1)
    return np.minimum(out, 1) if output_mode == "multi_hot" else out


class CategoryEncoding(Layer):
    """``CategoryEncoding(num_tokens, output_mode="multi_hot")``; ``output_mode`` is
    ``"one_hot"``, ``"multi_hot"`` or ``"count"``. Inputs are integer token ids."""

    def __init__(self, num_tokens=None, output_mode="multi_hot", sparse=False, **kwargs):
        super().__init__(**kwargs)
        if output_mode not in OUTPUT_MODES:
            raise ValueError(f"Unknown arg for output_mode: {output_mode!r}; expected one of "
                             f"{OUTPUT_MODES}")
        if num_tokens is None or num_tokens < 1:
            raise ValueError(f"`num_tokens` for CategoryEncoding must be a positive integer. "
                             f"Received: num_tokens={num_tokens}")
        if sparse:
            raise ValueError("course.keras's CategoryEncoding returns dense arrays only")
        self.num_tokens, self.output_mode = int(num_tokens), output_mode

    def compute_output_shape(self, input_shape):
        if self.output_mode == "one_hot" and input_shape[-1] != 1:
            return tuple(input_shape) + (self.num_tokens,)
        return tuple(input_shape[:-1]) + (self.num_tokens,) if len(input_shape) > 1 \
            else (input_shape[0], self.num_tokens)

    def forward(self, x, training=False):
        x = np.asarray(x)
        if x.dtype.kind == "f" and not np.all(x == np.round(x)):
            raise ValueError(f'Layer "{self.name}" expects integer token ids, received '
                             f"values of dtype {x.dtype}")
        return encode_categorical(x.astype(np.int64), self.output_mode, self.num_tokens,
                                  self.name), None

    def backward(self, dout, cache, need_dx=True):
        return None, []

    def get_config(self):
        return {**super().get_config(), "num_tokens": self.num_tokens,
                "output_mode": self.output_mode}
