"""The legacy ``keras.preprocessing.text``: ``Tokenizer``, ``text_to_word_sequence``,
``tokenizer_from_json``, with Keras 2's behaviour (Keras 3 keeps it only as
``keras._legacy.preprocessing.text``; its new API is the ``TextVectorization`` layer).

A :class:`Tokenizer` counts words, then numbers them by frequency::

    tok = Tokenizer(num_words=1000, oov_token="<OOV>")
    tok.fit_on_texts(["The cat sat.", "The dog sat down."])
    tok.word_index          # {"<OOV>": 1, "the": 2, "sat": 3, "cat": 4, "dog": 5, "down": 6}
    tok.texts_to_sequences(["the cat ran"])      # [[2, 4, 1]]

Index 0 is never a word (it is left for padding); the ``oov_token``, when given, is 1; then
the words by decreasing count, words of equal count in the order they were first seen.
``num_words`` does not shrink ``word_index``: it makes every use of the index drop (or map to
the ``oov_token``) the words whose index is ``num_words`` or more, so that only the
``num_words - 1`` most frequent words are kept.
"""

import json
from collections import OrderedDict, defaultdict

import numpy as np

FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'
"""Keras's default ``filters``: punctuation (not the apostrophe), tabs and newlines."""

MODES = ("binary", "count", "tfidf", "freq")


def text_to_word_sequence(input_text, filters=FILTERS, lower=True, split=" "):
    """``"Hello, World!"`` -> ``["hello", "world"]``.

    Lower-cases (when ``lower``), replaces every character of ``filters`` by ``split``, and
    splits on ``split`` (a string, or a function from a string to its tokens), dropping
    empty tokens.
    """
    if lower:
        input_text = input_text.lower()
    input_text = input_text.translate({ord(c): split for c in filters})
    tokens = split(input_text) if callable(split) else input_text.split(split)
    return [token for token in tokens if token]


class Tokenizer:
    """Turns texts into sequences of word indices, or into one row of a matrix each.

    Args:
        num_words: keep only the ``num_words - 1`` most frequent words (indices below
            ``num_words``) when converting; None keeps every word.
        filters: characters removed from the texts (replaced by ``split``).
        lower: lower-case the texts.
        split: the separator of words (a string or a function).
        char_level: every character is a token.
        oov_token: a token put at index 1 that stands for every word not kept.

    Attributes (after :meth:`fit_on_texts`): ``word_counts`` (word -> count, in the order
    first seen), ``word_docs`` (word -> number of texts it is in), ``word_index`` (word ->
    index from 1), ``index_word`` (its inverse), ``index_docs`` (index -> number of texts),
    ``document_count``.
    """

    def __init__(self, num_words=None, filters=FILTERS, lower=True, split=" ",
                 char_level=False, oov_token=None, document_count=0, **kwargs):
        if kwargs:
            raise TypeError(f"Unrecognized keyword arguments: {kwargs}")
        if num_words is not None and (not isinstance(num_words, (int, np.integer))
                                      or num_words < 0):
            raise ValueError(f"Tokenizer: num_words must be None or a non-negative int, "
                             f"got {num_words!r}")
        self.num_words = num_words
        self.filters = filters
        self.lower = lower
        self.split = split
        self.char_level = char_level
        self.oov_token = oov_token
        self.document_count = document_count
        self.word_counts = OrderedDict()
        self.word_docs = defaultdict(int)
        self.index_docs = defaultdict(int)
        self.word_index = {}
        self.index_word = {}

    def _tokens(self, text):
        """The tokens of one text: a list of tokens is taken as it is (lower-cased), a string
        is split into characters (``char_level``) or words."""
        if isinstance(text, list):
            return [t.lower() for t in text] if self.lower else text
        if self.char_level:
            return text.lower() if self.lower else text
        return text_to_word_sequence(text, self.filters, self.lower, self.split)

    def fit_on_texts(self, texts):
        """Count the words of ``texts`` (strings, or lists of tokens) and renumber them all."""
        for text in texts:
            self.document_count += 1
            tokens = self._tokens(text)
            for token in tokens:
                self.word_counts[token] = self.word_counts.get(token, 0) + 1
            for token in set(tokens):
                self.word_docs[token] += 1
        # a stable sort: words of equal count keep the order they were first seen in
        by_count = sorted(self.word_counts, key=self.word_counts.get, reverse=True)
        vocabulary = ([] if self.oov_token is None else [self.oov_token]) + by_count
        self.word_index = {word: i for i, word in enumerate(vocabulary, start=1)}
        self.index_word = {i: word for word, i in self.word_index.items()}
        for word, docs in self.word_docs.items():
            self.index_docs[self.word_index[word]] = docs

    def fit_on_sequences(self, sequences):
        """Count, for :meth:`sequences_to_matrix` in "tfidf" mode, the sequences each index is in."""
        self.document_count += len(sequences)
        for seq in sequences:
            for i in set(seq):
                self.index_docs[i] += 1

    def _kept(self, i):
        return not self.num_words or i < self.num_words

    def texts_to_sequences_generator(self, texts):
        """Yield, for each text, the list of its words' indices (see the module docstring)."""
        oov = self.word_index.get(self.oov_token)
        for text in texts:
            seq = []
            for token in self._tokens(text):
                i = self.word_index.get(token)
                if i is not None and self._kept(i):
                    seq.append(i)
                elif oov is not None:
                    seq.append(oov)
            yield seq

    def texts_to_sequences(self, texts):
        """``["the cat"]`` -> ``[[2, 4]]``: one list of indices per text."""
        return list(self.texts_to_sequences_generator(texts))

    def sequences_to_texts_generator(self, sequences):
        """Yield, for each sequence of indices, its words joined by spaces."""
        oov = self.word_index.get(self.oov_token)
        for seq in sequences:
            words = []
            for i in seq:
                word = self.index_word.get(i)
                if word is not None and self._kept(i):
                    words.append(word)
                elif oov is not None:
                    words.append(self.index_word[oov])
            yield " ".join(words)

    def sequences_to_texts(self, sequences):
        """``[[2, 4]]`` -> ``["the cat"]``."""
        return list(self.sequences_to_texts_generator(sequences))

    def texts_to_matrix(self, texts, mode="binary"):
        """One row per text, one column per index: see :meth:`sequences_to_matrix`."""
        return self.sequences_to_matrix(self.texts_to_sequences(texts), mode=mode)

    def sequences_to_matrix(self, sequences, mode="binary"):
        """A float64 matrix ``(len(sequences), num_words)`` (``len(word_index) + 1`` columns
        without ``num_words``); column ``j`` of row ``i``, for an index ``j`` that occurs
        ``c`` times in sequence ``i`` of length ``n``:

        - "binary": 1; "count": ``c``; "freq": ``c / n``;
        - "tfidf": ``(1 + log c) * log(1 + D / (1 + d_j))`` with ``D`` the number of texts
          fitted and ``d_j`` the number of them that hold ``j``.

        Column 0 stays zero (no word has index 0), as do the indices past the last column.
        """
        if mode not in MODES:
            raise ValueError(f"Unknown vectorization mode: {mode!r}; expected one of {MODES}")
        if self.num_words:
            columns = self.num_words
        elif self.word_index:
            columns = len(self.word_index) + 1
        else:
            raise ValueError("Specify a dimension (num_words argument), or fit on some text "
                             "data first.")
        if mode == "tfidf" and not self.document_count:
            raise ValueError("Fit the Tokenizer on some data before using tfidf mode.")
        x = np.zeros((len(sequences), columns))
        for row, seq in enumerate(sequences):
            if not len(seq):
                continue
            indices, counts = np.unique(np.array([j for j in seq if j < columns], dtype=np.int64),
                                        return_counts=True)
            if mode == "binary":
                x[row, indices] = 1
            elif mode == "count":
                x[row, indices] = counts
            elif mode == "freq":
                x[row, indices] = counts / len(seq)
            else:
                docs = np.array([self.index_docs.get(j, 0) for j in indices], dtype=float)
                x[row, indices] = ((1 + np.log(counts))
                                   * np.log(1 + self.document_count / (1 + docs)))
        return x

    def get_config(self):
        """The arguments and the counts; the dictionaries as JSON strings, as Keras has them."""
        return {
            "num_words": self.num_words, "filters": self.filters, "lower": self.lower,
            "split": self.split, "char_level": self.char_level, "oov_token": self.oov_token,
            "document_count": self.document_count,
            "word_counts": json.dumps(self.word_counts), "word_docs": json.dumps(self.word_docs),
            "index_docs": json.dumps(self.index_docs),
            "index_word": json.dumps(self.index_word),
            "word_index": json.dumps(self.word_index),
        }

    def to_json(self, **kwargs):
        """``{"class_name": "Tokenizer", "config": ...}`` as a string (``kwargs`` go to
        ``json.dumps``); :func:`tokenizer_from_json` reads it back."""
        return json.dumps({"class_name": type(self).__name__, "config": self.get_config()},
                          **kwargs)


def tokenizer_from_json(json_string):
    """The :class:`Tokenizer` that :meth:`Tokenizer.to_json` wrote (Keras's format)."""
    config = dict(json.loads(json_string)["config"])
    tables = {key: json.loads(config.pop(key)) for key in
              ("word_counts", "word_docs", "index_docs", "index_word", "word_index")}
    tokenizer = Tokenizer(**config)
    tokenizer.word_counts = tables["word_counts"]
    tokenizer.word_docs = tables["word_docs"]
    # JSON keys are strings: the indices come back as ints
    tokenizer.index_docs = {int(k): v for k, v in tables["index_docs"].items()}
    tokenizer.index_word = {int(k): v for k, v in tables["index_word"].items()}
    tokenizer.word_index = tables["word_index"]
    return tokenizer
