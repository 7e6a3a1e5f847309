"""``pad_sequences``: a list of sequences of different lengths -> one array, as Keras does."""

import numpy as np


def pad_sequences(sequences, maxlen=None, dtype="int32", padding="pre", truncating="pre",
                  value=0.0):
    """Pad (or cut) every sequence to one length: ``(len(sequences), maxlen) + sample_shape``.

    Args:
        sequences: a list of sequences (lists or arrays); each element may itself be an
            array, of the same shape in every sequence (``sample_shape``).
        maxlen: the length; None means the longest sequence's.
        dtype: of the result (``object`` or a string dtype to pad strings).
        padding: "pre" puts the ``value``s before a short sequence, "post" after it.
        truncating: "pre" cuts a long sequence's beginning (keeps its last ``maxlen``),
            "post" its end.
        value: what padding holds.

    Examples: ``pad_sequences([[1], [2, 3], [4, 5, 6]])`` is
    ``[[0, 0, 1], [0, 2, 3], [4, 5, 6]]``; with ``maxlen=2`` it is ``[[0, 1], [2, 3], [5, 6]]``.
    (As in Keras, ``maxlen=0`` keeps whole sequences in "pre" truncation, since ``s[-0:]``
    is all of ``s``, and then fails to fit them.)
    """
    if not hasattr(sequences, "__len__"):
        raise ValueError("`sequences` must be iterable.")
    lengths = []
    sample_shape = ()
    found_sample = False
    for s in sequences:
        try:
            lengths.append(len(s))
        except TypeError:
            raise ValueError(f"`sequences` must be a list of iterables. Found non-iterable: "
                             f"{s}") from None
        if not found_sample and len(s):
            sample_shape = np.asarray(s).shape[1:]
            found_sample = True
    if maxlen is None:
        maxlen = int(np.max(lengths)) if lengths else 0
    is_string_dtype = np.issubdtype(dtype, np.str_) or np.issubdtype(dtype, np.bytes_)
    if isinstance(value, str) and dtype is not object and not is_string_dtype:
        raise ValueError(f"`dtype` {dtype} is not compatible with `value`'s type: "
                         f"{type(value)}\nYou should set `dtype=object` for variable length "
                         f"strings.")
    if truncating not in ("pre", "post"):
        raise ValueError(f'Truncating type "{truncating}" not understood')
    if padding not in ("pre", "post"):
        raise ValueError(f'Padding type "{padding}" not understood')
    x = np.full((len(sequences), maxlen) + sample_shape, value, dtype=dtype)
    for row, s in enumerate(sequences):
        if not len(s):
            continue
        kept = np.asarray(s[-maxlen:] if truncating == "pre" else s[:maxlen], dtype=dtype)
        if kept.shape[1:] != sample_shape:
            raise ValueError(f"Shape of sample {kept.shape[1:]} of sequence at position {row} "
                             f"is different from expected shape {sample_shape}")
        if padding == "post":
            x[row, :len(kept)] = kept
        else:
            x[row, -len(kept):] = kept
    return x
