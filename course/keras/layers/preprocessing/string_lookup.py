"""``StringLookup``: strings to integer indices (and back with ``invert=True``)."""

import numpy as np

from course.keras.layers.preprocessing.index_lookup import IndexLookup


class StringLookup(IndexLookup):
    """``StringLookup(max_tokens=None, num_oov_indices=1, mask_token=None,
    oov_token="[UNK]", vocabulary=None, invert=False, output_mode="int")``."""

    takes_text = True  # a model may start with it on strings (trainers/text_inputs.py)

    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None,
                 oov_token="[UNK]", vocabulary=None, invert=False, output_mode="int", **kwargs):
        super().__init__(max_tokens, num_oov_indices, mask_token, oov_token, vocabulary,
                         invert, output_mode, **kwargs)

    def to_tokens(self, values):
        values = np.asarray(values)
        if values.dtype.kind == "S":
            values = np.char.decode(values, "utf-8")
        if values.dtype.kind not in "UO":
            raise ValueError(f'Layer "{self.name}" (StringLookup) expects strings, received '
                             f"values of dtype {values.dtype}; use IntegerLookup for integers")
        return values.astype(str)
