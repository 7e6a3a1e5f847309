"""``TextVectorization``: strings -> token indices (or one row of counts per string), with
Keras 3's vocabulary, indices and outputs.

Each string goes through four steps:

1. standardize: ``"lower_and_strip_punctuation"`` (default), ``"lower"``,
   ``"strip_punctuation"``, None, or a function of a numpy array of strings. Lower-casing
   is ASCII only, as TensorFlow's ``tf.strings.lower`` does ("École" stays "École");
   the punctuation removed is ``!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~'``.
2. split: ``"whitespace"`` (runs of whitespace; no empty tokens), ``"character"``, None
   (the whole string is one token), or a function of the array returning token lists.
3. ngrams: None, ``n`` (all 1..n-grams) or a tuple of widths: for each width in turn, the
   tokens ``width`` at a time joined by a space.
4. lookup: in ``output_mode="int"`` index 0 is the mask token ``""`` (padding), 1 is the
   OOV token ``"[UNK]"``, then the vocabulary; the other modes have no mask, ``[UNK]`` at 0.

``adapt(texts)`` learns the vocabulary: tokens by decreasing count, ties broken by the
token's UTF-8 bytes in *decreasing* order (Keras sorts with ``np.lexsort`` and reverses),
at most ``max_tokens`` entries counting the special ones. Outputs:

- ``"int"``: ``(N, L)`` int64, padded with 0 to the longest string, or cut/padded after
  the end to ``output_sequence_length``;
- ``"multi_hot"``, ``"count"``, ``"tf_idf"``: ``(N, V)`` float32 with ``V`` the vocabulary
  size (``max_tokens`` with ``pad_to_max_tokens``); tf-idf is ``count * idf`` with
  ``idf = log(1 + D / (1 + d))`` from adapt (D texts, d of them holding the token), and
  for ``[UNK]`` the mean idf of the vocabulary.
"""

import re

import numpy as np

from course.data.pipeline.eager_array import EagerArray
from course.keras.layers.layer import Layer
from course.keras.layers.preprocessing.adapt_data import adapt_batches

PUNCTUATION = re.compile(r'[!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\']')
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
STANDARDIZE = ("lower_and_strip_punctuation", "lower", "strip_punctuation")
MODES = ("int", "multi_hot", "count", "tf_idf")
MASK, OOV = "", "[UNK]"


class TextVectorization(Layer):
    """``TextVectorization(max_tokens=None, standardize="lower_and_strip_punctuation",
    split="whitespace", ngrams=None, output_mode="int", output_sequence_length=None,
    pad_to_max_tokens=False, vocabulary=None, idf_weights=None)``; see the module docstring."""

    takes_text = True  # a model may start with it on strings (trainers/text_inputs.py)

    def __init__(self, max_tokens=None, standardize="lower_and_strip_punctuation",
                 split="whitespace", ngrams=None, output_mode="int",
                 output_sequence_length=None, pad_to_max_tokens=False, vocabulary=None,
                 idf_weights=None, **kwargs):
        super().__init__(**kwargs)
        where = f'TextVectorization "{self.name}"'
        if not (standardize is None or callable(standardize) or standardize in STANDARDIZE):
            raise ValueError(f"{where}: standardize must be one of {STANDARDIZE}, None or a "
                             f"callable, received standardize={standardize!r}")
        if not (split is None or callable(split) or split in ("whitespace", "character")):
            raise ValueError(f"{where}: split must be 'whitespace', 'character', None or a "
                             f"callable, received split={split!r}")
        if output_mode not in MODES:
            raise ValueError(f"{where}: output_mode must be one of {MODES}, received "
                             f"output_mode={output_mode!r}")
        if isinstance(ngrams, int) and not isinstance(ngrams, bool):
            self._widths = tuple(range(1, ngrams + 1))
        elif ngrams is None or (isinstance(ngrams, tuple)
                                and all(isinstance(n, int) for n in ngrams)):
            self._widths = ngrams
        else:
            raise ValueError(f"{where}: `ngrams` must be None, an integer, or a tuple of "
                             f"integers. Received: ngrams={ngrams!r}")
        if output_sequence_length is not None and output_mode != "int":
            raise ValueError(f"{where}: output_sequence_length is only valid with "
                             f"output_mode='int', received output_mode={output_mode!r}")
        if max_tokens is not None and max_tokens <= 1:
            raise ValueError(f"{where}: max_tokens must be greater than 1 (it counts the "
                             f"special tokens), received max_tokens={max_tokens!r}")
        self.max_tokens = max_tokens
        self.standardize = standardize
        self.split = split
        self.ngrams = ngrams
        self.output_mode = output_mode
        self.output_sequence_length = output_sequence_length
        self.pad_to_max_tokens = pad_to_max_tokens
        self._special = [MASK, OOV] if output_mode == "int" else [OOV]
        self._tokens = []
        self._index = {}
        self.idf_weights = None
        if vocabulary is not None:
            self.set_vocabulary(vocabulary, idf_weights)

    # -- the four steps ------------------------------------------------------------------
    def _token_lists(self, texts):
        texts = np.asarray(texts, dtype=object)
        if texts.ndim == 2 and texts.shape[1] == 1:
            texts = texts[:, 0]
        if texts.ndim != 1:
            raise ValueError(f'TextVectorization "{self.name}": expected a list of strings '
                             f"(N,) or (N, 1), received shape {texts.shape}")
        texts = np.array([t.decode("utf-8") if isinstance(t, bytes) else str(t)
                          for t in texts], dtype=object)
        if self.standardize in ("lower", "lower_and_strip_punctuation"):
            texts = np.array([t.translate(ASCII_LOWER) for t in texts], dtype=object)
        if self.standardize in ("strip_punctuation", "lower_and_strip_punctuation"):
            texts = np.array([PUNCTUATION.sub("", t) for t in texts], dtype=object)
        if callable(self.standardize):
            texts = np.asarray(self.standardize(np.array(texts, dtype=str)), dtype=object)
        if self.split is None:
            lists = [[t] for t in texts]
        elif self.split == "whitespace":
            lists = [t.split() for t in texts]
        elif self.split == "character":
            lists = [list(t) for t in texts]
        else:
            lists = [list(tokens) for tokens in self.split(np.array(texts, dtype=str))]
        if self._widths is not None:
            lists = [[" ".join(tokens[i:i + n]) for n in self._widths
                      for i in range(len(tokens) - n + 1)] for tokens in lists]
        return lists

    # -- vocabulary ----------------------------------------------------------------------
    def adapt(self, data, batch_size=None, steps=None):
        """Learn the vocabulary (and the idf weights in "tf_idf" mode) from ``data``, a list
        or array of strings or a dataset of them; it replaces any vocabulary learned before."""
        counts, docs = {}, {}
        lists = [tokens for batch in adapt_batches(data, self.name)
                 for tokens in self._token_lists(batch.reshape(-1) if batch.ndim == 0 else batch)]
        for tokens in lists:
            for token in tokens:
                counts[token] = counts.get(token, 0) + 1
            for token in set(tokens):
                docs[token] = docs.get(token, 0) + 1
        for special in self._special:
            counts.pop(special, None)
        ranked = sorted(counts, key=lambda t: (counts[t], t.encode("utf-8")), reverse=True)
        if self.max_tokens:
            ranked = ranked[:self.max_tokens - len(self._special)]
        self._set_tokens(ranked)
        if self.output_mode == "tf_idf":
            d = np.array([docs[t] for t in ranked], dtype=np.float64)
            idf = np.log(1 + len(lists) / (1 + d)).astype(np.float32)
            self._set_idf(idf)

    def set_vocabulary(self, vocabulary, idf_weights=None):
        """Use ``vocabulary`` (a list of tokens, optionally led by the special tokens)."""
        tokens = [str(t) for t in vocabulary]
        for special in self._special:
            if tokens and tokens[0] == special:
                tokens = tokens[1:]
        if len(set(tokens)) != len(tokens):
            raise ValueError(f'TextVectorization "{self.name}": the vocabulary holds repeated '
                             f"tokens: {sorted({t for t in tokens if tokens.count(t) > 1})}")
        if self.output_mode == "tf_idf":
            if idf_weights is None:
                raise ValueError("`idf_weights` must be set if output_mode is 'tf_idf'.")
            idf = np.asarray(idf_weights, dtype=np.float32)
            if idf.shape != (len(tokens),):
                raise ValueError(f"`idf_weights` must be the same length as vocabulary: "
                                 f"{idf.shape[0] if idf.ndim else idf} against {len(tokens)}")
        elif idf_weights is not None:
            raise ValueError("`idf_weights` should only be set if output_mode is 'tf_idf'.")
        self._set_tokens(tokens)
        if self.output_mode == "tf_idf":
            self._set_idf(idf)

    def _set_tokens(self, tokens):
        self._tokens = self._special + list(tokens)
        self._index = {t: i for i, t in enumerate(self._tokens)}

    def _set_idf(self, idf):
        """The learned weights, with the mean for [UNK] in front (and zeros to max_tokens)."""
        weights = np.concatenate([[idf.mean() if idf.size else 0.0], idf])
        if self.pad_to_max_tokens and self.max_tokens:
            weights = np.pad(weights, (0, self.max_tokens - weights.size))
        self.idf_weights = weights.astype(np.float32)

    def get_vocabulary(self, include_special_tokens=True):
        """The tokens in index order (``["", "[UNK]", ...]`` in "int" mode)."""
        return list(self._tokens if include_special_tokens
                    else self._tokens[len(self._special):])

    def vocabulary_size(self):
        """The number of indices, special tokens included."""
        return len(self._tokens)

    # -- outputs -------------------------------------------------------------------------
    def forward(self, x, training=False):
        """Strings ``(N,)`` or ``(N, 1)`` -> ``(out, None)``: ids or counts (no gradient)."""
        return self._vectorize(x), None

    def backward(self, dout, cache, need_dx=True):
        return None, []

    def _vectorize(self, inputs):
        lists = self._token_lists(inputs)
        oov = self._index[OOV] if self._tokens else 0
        ids = [[self._index.get(t, oov) for t in tokens] for tokens in lists]
        if self.output_mode == "int":
            length = self.output_sequence_length
            if length is None:
                length = max((len(row) for row in ids), default=0)
            out = np.zeros((len(ids), length), dtype=np.int64)
            for r, row in enumerate(ids):
                row = row[:length]
                out[r, :len(row)] = row
            return out
        width = (self.max_tokens if self.pad_to_max_tokens and self.max_tokens
                 else len(self._tokens))
        out = np.zeros((len(ids), width), dtype=np.float32)
        for r, row in enumerate(ids):
            np.add.at(out[r], np.asarray(row, dtype=np.int64), 1.0)
        if self.output_mode == "multi_hot":
            return np.minimum(out, 1.0)
        if self.output_mode == "tf_idf":
            return out * self.idf_weights[:width]
        return out

    def __call__(self, inputs, training=False):
        if isinstance(inputs, (list, tuple, np.ndarray, str, bytes)):
            return self._vectorize(inputs).view(EagerArray)  # .numpy(), as Keras's tensors
        return super().__call__(inputs, training)

    def compute_output_shape(self, input_shape):
        if self.output_mode == "int":
            return (input_shape[0], self.output_sequence_length)
        width = (self.max_tokens if self.pad_to_max_tokens and self.max_tokens
                 else len(self._tokens))
        return (input_shape[0], width)

    def get_config(self):
        config = super().get_config()
        config.update(max_tokens=self.max_tokens, ngrams=self.ngrams,
                      output_mode=self.output_mode,
                      output_sequence_length=self.output_sequence_length,
                      pad_to_max_tokens=self.pad_to_max_tokens,
                      standardize=self.standardize if not callable(self.standardize) else None,
                      split=self.split if not callable(self.split) else None,
                      vocabulary=self.get_vocabulary(include_special_tokens=False))
        return config
