"""Keras's text preprocessing on a small corpus, for tests/test_text_preprocessing.py:
``pad_sequences``, the legacy ``Tokenizer`` (Keras 3 keeps Keras 2's as
``keras._legacy.preprocessing.text``) and the ``TextVectorization`` layer.

Run under TensorFlow-Keras: ``/path/to/tf/bin/python tests/keras_reference/make_text_preprocessing.py``.
Strings are saved as unicode arrays; a JSON document is saved as a one-element array.
"""

import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras.src.legacy.preprocessing.text import Tokenizer  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from keras_reference import save  # noqa: E402

TEXTS = [
    "The cat sat on the mat.",
    "The dog ate my homework!  Really, it did.",
    "A dog and a cat: friends?",
    "Zebras & zebu don't sit; they stand.",
    "ÉCOLE école Ecole -- the end",
    "tab\tseparated\nlines and  double  spaces",
    "",
    "it's the cat's mat, isn't it?",
]
QUERIES = ["the cat and the zebra", "unknown words only", "Dog dog DOG!", "", "a b c d e f g"]
arrays = {"texts": np.array(TEXTS), "queries": np.array(QUERIES)}

# pad_sequences
SEQS = [[1], [2, 3], [4, 5, 6, 7, 8], [], [9, 10, 11]]
for name, kwargs in {
    "default": {}, "post": dict(padding="post"), "maxlen3": dict(maxlen=3),
    "maxlen3_post_post": dict(maxlen=3, padding="post", truncating="post"),
    "value_float": dict(value=-1.5, dtype="float32", maxlen=6),
}.items():
    arrays[f"pad_{name}"] = keras.utils.pad_sequences(SEQS, **kwargs)
arrays["pad_samples"] = keras.utils.pad_sequences([np.ones((2, 3)), np.arange(9).reshape(3, 3)],
                                                  maxlen=4)

# Tokenizer
TOKENIZERS = {
    "default": {}, "num_words": dict(num_words=5), "oov": dict(num_words=6, oov_token="<OOV>"),
    "no_lower": dict(lower=False), "char": dict(char_level=True, oov_token="?"),
    "filters": dict(filters="", split=" "),
}
for name, kwargs in TOKENIZERS.items():
    tok = Tokenizer(**kwargs)
    tok.fit_on_texts(TEXTS)
    tok.fit_on_texts(["the end of the corpus", ["The", "Extra", "tokens"]])
    sequences = tok.texts_to_sequences(QUERIES + TEXTS)
    arrays[f"tok_{name}_json"] = np.array([tok.to_json()])
    arrays[f"tok_{name}_sequences"] = np.array([json.dumps(sequences)])
    arrays[f"tok_{name}_texts"] = np.array(tok.sequences_to_texts(sequences))
    for mode in ("binary", "count", "tfidf", "freq"):
        arrays[f"tok_{name}_{mode}"] = tok.texts_to_matrix(QUERIES + TEXTS, mode=mode)

# TextVectorization
VECTORIZERS = {
    "int": dict(),
    "int_len6": dict(output_sequence_length=6),
    "max_tokens": dict(max_tokens=8),
    "bigrams": dict(ngrams=2, max_tokens=30),
    "ngrams_tuple": dict(ngrams=(1, 3)),
    "character": dict(split="character", max_tokens=20, output_sequence_length=12),
    "no_standardize": dict(standardize=None),
    "lower": dict(standardize="lower"),
    "strip_punctuation": dict(standardize="strip_punctuation"),
    "multi_hot": dict(output_mode="multi_hot"),
    "multi_hot_pad": dict(output_mode="multi_hot", max_tokens=12, pad_to_max_tokens=True),
    "count": dict(output_mode="count", max_tokens=10),
    "count_bigrams": dict(output_mode="count", ngrams=2),
    "tf_idf": dict(output_mode="tf_idf"),
    "tf_idf_max": dict(output_mode="tf_idf", max_tokens=9, pad_to_max_tokens=True),
}
for name, kwargs in VECTORIZERS.items():
    layer = keras.layers.TextVectorization(**kwargs)
    layer.adapt(TEXTS)
    arrays[f"tv_{name}_vocab"] = np.array(layer.get_vocabulary())
    arrays[f"tv_{name}_out"] = np.asarray(layer(np.array(QUERIES + TEXTS)))
    arrays[f"tv_{name}_size"] = np.array(layer.vocabulary_size())
    if kwargs.get("output_mode") == "tf_idf":
        arrays[f"tv_{name}_idf"] = np.asarray(layer._lookup_layer.idf_weights)

fixed = keras.layers.TextVectorization(vocabulary=["zebra", "cat", "the", "dog"])
arrays["tv_fixed_vocab"] = np.array(fixed.get_vocabulary())
arrays["tv_fixed_out"] = np.asarray(fixed(np.array(QUERIES)))
fixed_mh = keras.layers.TextVectorization(vocabulary=["zebra", "cat", "the", "dog"],
                                          output_mode="multi_hot")
arrays["tv_fixed_mh_vocab"] = np.array(fixed_mh.get_vocabulary())
arrays["tv_fixed_mh_out"] = np.asarray(fixed_mh(np.array(QUERIES)))
fixed_idf = keras.layers.TextVectorization(vocabulary=["zebra", "cat", "the"],
                                           idf_weights=[0.5, 1.0, 2.0], output_mode="tf_idf")
arrays["tv_fixed_idf_vocab"] = np.array(fixed_idf.get_vocabulary())
arrays["tv_fixed_idf_out"] = np.asarray(fixed_idf(np.array(QUERIES)))

save("text_preprocessing", arrays)
print("wrote", len(arrays), "arrays")
