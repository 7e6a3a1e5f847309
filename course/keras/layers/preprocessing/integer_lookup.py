"""``IntegerLookup``: integer tokens (e.g. ids, codes) to contiguous indices."""

import numpy as np

from course.keras.layers.preprocessing.index_lookup import IndexLookup


class IntegerLookup(IndexLookup):
    """``IntegerLookup(max_tokens=None, num_oov_indices=1, mask_token=None, oov_token=-1,
    vocabulary=None, invert=False, output_mode="int")``."""

    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None, oov_token=-1,
                 vocabulary=None, invert=False, output_mode="int", **kwargs):
        super().__init__(max_tokens, num_oov_indices, mask_token, oov_token, vocabulary,
                         invert, output_mode, **kwargs)

    def to_tokens(self, values):
        values = np.asarray(values)
        if values.dtype.kind not in "iu" and not (
                values.dtype.kind == "f" and np.all(values == np.round(values))):
            raise ValueError(f'Layer "{self.name}" (IntegerLookup) expects integers, received '
                             f"values of dtype {values.dtype}")
        return values.astype(np.int64)
