"""``IndexLookup``: what StringLookup and IntegerLookup share, a vocabulary <-> index map.

Indices, as in Keras: the mask token first (when there is one), then ``num_oov_indices``
out-of-vocabulary indices, then the vocabulary in order. A token not in the vocabulary
gets an OOV index (the first, or with several, ``crc32(token) % num_oov_indices``: a
stable choice, but not TensorFlow's FarmHash, so those buckets differ from Keras's).
"""

import collections
import zlib

import numpy as np

from course.keras.layers.layer import Layer
from course.keras.layers.preprocessing.adapt_data import adapt_batches
from course.keras.layers.preprocessing.category_encoding import encode_categorical

OUTPUT_MODES = ("int", "one_hot", "multi_hot", "count")


class IndexLookup(Layer):
    """Base of the lookup layers; subclasses set ``token_kind`` and ``to_tokens``."""

    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None, oov_token=None,
                 vocabulary=None, invert=False, output_mode="int", **kwargs):
        super().__init__(**kwargs)
        if output_mode not in OUTPUT_MODES:
            raise ValueError(f"Unknown `output_mode` {output_mode!r} for {type(self).__name__}"
                             f"; expected one of {OUTPUT_MODES}")
        if invert and output_mode != "int":
            raise ValueError(f"`output_mode` must be 'int' when `invert` is true. Received: "
                             f"output_mode={output_mode!r}")
        if not isinstance(num_oov_indices, int) or num_oov_indices < 0:
            raise ValueError(f"`num_oov_indices` must be a non-negative integer, received "
                             f"num_oov_indices={num_oov_indices!r}")
        self.max_tokens, self.num_oov_indices = max_tokens, num_oov_indices
        self.mask_token, self.oov_token = mask_token, oov_token
        self.invert, self.output_mode = invert, output_mode
        self._vocabulary = []
        if vocabulary is not None:
            self.set_vocabulary(vocabulary)

    def _special(self):
        return ([] if self.mask_token is None else [self.mask_token]) + \
            [self.oov_token] * self.num_oov_indices

    def set_vocabulary(self, vocabulary):
        """Use ``vocabulary`` (a list, an array, or a text file with one token a line)."""
        if isinstance(vocabulary, str):
            with open(vocabulary, encoding="utf-8") as f:
                vocabulary = [line.rstrip("\n") for line in f]
        tokens = self.to_tokens(np.asarray(vocabulary)).tolist()
        special = [t for t in tokens if t in (self.mask_token, self.oov_token)]
        if special or len(set(tokens)) != len(tokens):
            repeated = [t for t, n in collections.Counter(tokens).items() if n > 1]
            raise ValueError(f'Layer "{self.name}": the vocabulary must hold each token once '
                             f"and neither the mask nor the OOV token; found "
                             f"{special + repeated}")
        self._vocabulary = tokens
        self._index = {t: i + len(self._special()) for i, t in enumerate(tokens)}

    def adapt(self, data):
        """The vocabulary of ``data``: its tokens by decreasing count (ties by decreasing
        token), at most ``max_tokens`` entries counting the mask and OOV ones."""
        counts = collections.Counter()
        for batch in adapt_batches(data, self.name):
            counts.update(self.to_tokens(batch).reshape(-1).tolist())
        counts.pop(self.mask_token, None)
        counts.pop(self.oov_token, None)
        ranked = sorted(counts.items(), key=lambda tc: (tc[1], tc[0]), reverse=True)
        if self.max_tokens is not None:
            ranked = ranked[:max(self.max_tokens - len(self._special()), 0)]
        self.set_vocabulary([t for t, _ in ranked])

    def get_vocabulary(self, include_special_tokens=True):
        return (self._special() if include_special_tokens else []) + list(self._vocabulary)

    def vocabulary_size(self):
        return len(self._special()) + len(self._vocabulary)

    def _lookup(self, token):
        index = self._index.get(token)
        if index is not None:
            return index
        if self.mask_token is not None and token == self.mask_token:
            return 0
        if self.num_oov_indices == 0:
            raise ValueError(f'Layer "{self.name}": token {token!r} is not in the vocabulary '
                             f"and num_oov_indices=0")
        start = 0 if self.mask_token is None else 1
        if self.num_oov_indices == 1:
            return start
        return start + zlib.crc32(str(token).encode()) % self.num_oov_indices

    def __call__(self, inputs, training=False):
        if isinstance(inputs, (list, tuple, np.ndarray, str, int)):
            inputs = np.asarray(inputs)
            self.build_for(inputs.shape)
            return self.call(inputs, training)
        return super().__call__(inputs, training)

    def compute_output_shape(self, input_shape):
        if self.output_mode == "int":
            return tuple(input_shape)
        return tuple(input_shape[:-1]) + (self.vocabulary_size(),)

    def forward(self, x, training=False):
        x = np.asarray(x)
        if self.invert:
            vocab = self.get_vocabulary()
            flat = [vocab[i] if 0 <= i < len(vocab) else self.oov_token
                    for i in x.astype(np.int64).reshape(-1).tolist()]
            return np.asarray(flat, dtype=self.to_tokens(np.asarray(vocab)).dtype
                              ).reshape(x.shape), None
        if not self._vocabulary and not self._special():
            raise ValueError(f'Layer "{self.name}" has no vocabulary: pass vocabulary= or call '
                             f"adapt(data)")
        tokens = self.to_tokens(x)
        indices = np.array([self._lookup(t) for t in tokens.reshape(-1).tolist()],
                           np.int64).reshape(x.shape)
        return encode_categorical(indices, self.output_mode, self.vocabulary_size(),
                                  self.name), None

    def backward(self, dout, cache, need_dx=True):
        return None, []

    def get_config(self):
        return {**super().get_config(), "max_tokens": self.max_tokens,
                "num_oov_indices": self.num_oov_indices, "mask_token": self.mask_token,
                "oov_token": self.oov_token, "vocabulary": self.get_vocabulary(False),
                "invert": self.invert, "output_mode": self.output_mode}
