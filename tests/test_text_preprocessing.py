"""pad_sequences, the legacy Tokenizer and TextVectorization give Keras's results on the
same texts (tests/keras_reference/make_text_preprocessing.py)."""

import json

import numpy as np
import pytest

from course.keras import layers, preprocessing, utils
from course.keras.preprocessing.text import Tokenizer, text_to_word_sequence, tokenizer_from_json
from keras_reference import load

REF = load("text_preprocessing")
TEXTS = [str(t) for t in REF["texts"]]
QUERIES = [str(t) for t in REF["queries"]]
SEQS = [[1], [2, 3], [4, 5, 6, 7, 8], [], [9, 10, 11]]


@pytest.mark.parametrize("name, kwargs", [
    ("default", {}), ("post", dict(padding="post")), ("maxlen3", dict(maxlen=3)),
    ("maxlen3_post_post", dict(maxlen=3, padding="post", truncating="post")),
    ("value_float", dict(value=-1.5, dtype="float32", maxlen=6)),
])
def test_pad_sequences_matches_keras(name, kwargs):
    out = utils.pad_sequences(SEQS, **kwargs)
    expected = REF[f"pad_{name}"]
    assert out.dtype == expected.dtype
    np.testing.assert_array_equal(out, expected)
    assert preprocessing.sequence.pad_sequences is utils.pad_sequences


def test_pad_sequences_samples_and_errors():
    out = utils.pad_sequences([np.ones((2, 3)), np.arange(9).reshape(3, 3)], maxlen=4)
    np.testing.assert_array_equal(out, REF["pad_samples"])
    with pytest.raises(ValueError, match="Padding type"):
        utils.pad_sequences(SEQS, padding="middle")
    with pytest.raises(ValueError, match="Truncating type"):
        utils.pad_sequences(SEQS, truncating="middle")
    with pytest.raises(ValueError, match="non-iterable"):
        utils.pad_sequences([[1], 2])
    with pytest.raises(ValueError, match="dtype=object"):
        utils.pad_sequences([["a"]], value="x")
    with pytest.raises(ValueError, match="different from expected shape"):
        utils.pad_sequences([np.ones((2, 3)), np.ones((2, 2))])


TOKENIZERS = {
    "default": {}, "num_words": dict(num_words=5), "oov": dict(num_words=6, oov_token="<OOV>"),
    "no_lower": dict(lower=False), "char": dict(char_level=True, oov_token="?"),
    "filters": dict(filters="", split=" "),
}


@pytest.mark.parametrize("name", sorted(TOKENIZERS))
def test_tokenizer_matches_keras(name):
    tok = Tokenizer(**TOKENIZERS[name])
    tok.fit_on_texts(TEXTS)
    tok.fit_on_texts(["the end of the corpus", ["The", "Extra", "tokens"]])
    expected = json.loads(str(REF[f"tok_{name}_json"][0]))["config"]
    config = json.loads(tok.to_json())["config"]
    for key in ("word_counts", "word_docs", "index_docs", "index_word", "word_index"):
        assert json.loads(config.pop(key)) == json.loads(expected.pop(key)), key
    assert config == expected
    # word_counts keeps the order words were first seen in, as Keras's OrderedDict does
    assert list(tok.word_counts) == list(json.loads(json.loads(
        str(REF[f"tok_{name}_json"][0]))["config"]["word_counts"]))
    sequences = tok.texts_to_sequences(QUERIES + TEXTS)
    assert sequences == json.loads(str(REF[f"tok_{name}_sequences"][0]))
    assert tok.sequences_to_texts(sequences) == [str(t) for t in REF[f"tok_{name}_texts"]]
    for mode in ("binary", "count", "tfidf", "freq"):
        np.testing.assert_allclose(tok.texts_to_matrix(QUERIES + TEXTS, mode=mode),
                                   REF[f"tok_{name}_{mode}"], rtol=1e-12, err_msg=mode)
    again = tokenizer_from_json(tok.to_json())
    assert again.texts_to_sequences(QUERIES) == tok.texts_to_sequences(QUERIES)
    np.testing.assert_array_equal(again.texts_to_matrix(QUERIES, "tfidf"),
                                  tok.texts_to_matrix(QUERIES, "tfidf"))


def test_tokenizer_basics_and_errors():
    assert text_to_word_sequence("Hello, World!  it's") == ["hello", "world", "it's"]
    tok = Tokenizer(oov_token="<OOV>")
    tok.fit_on_texts(["The cat sat.", "The dog sat down."])
    assert tok.word_index == {"<OOV>": 1, "the": 2, "sat": 3, "cat": 4, "dog": 5, "down": 6}
    assert tok.texts_to_sequences(["the cat ran"]) == [[2, 4, 1]]
    with pytest.raises(ValueError, match="Unknown vectorization mode"):
        tok.texts_to_matrix(["the"], mode="onehot")
    with pytest.raises(ValueError, match="fit on some text data first"):
        Tokenizer().texts_to_matrix(["the"])
    with pytest.raises(TypeError, match="Unrecognized keyword"):
        Tokenizer(words=3)


VECTORIZERS = {
    "int": dict(), "int_len6": dict(output_sequence_length=6), "max_tokens": dict(max_tokens=8),
    "bigrams": dict(ngrams=2, max_tokens=30), "ngrams_tuple": dict(ngrams=(1, 3)),
    "character": dict(split="character", max_tokens=20, output_sequence_length=12),
    "no_standardize": dict(standardize=None), "lower": dict(standardize="lower"),
    "strip_punctuation": dict(standardize="strip_punctuation"),
    "multi_hot": dict(output_mode="multi_hot"),
    "multi_hot_pad": dict(output_mode="multi_hot", max_tokens=12, pad_to_max_tokens=True),
    "count": dict(output_mode="count", max_tokens=10),
    "count_bigrams": dict(output_mode="count", ngrams=2),
    "tf_idf": dict(output_mode="tf_idf"),
    "tf_idf_max": dict(output_mode="tf_idf", max_tokens=9, pad_to_max_tokens=True),
}


@pytest.mark.parametrize("name", sorted(VECTORIZERS))
def test_text_vectorization_matches_keras(name):
    layer = layers.TextVectorization(**VECTORIZERS[name])
    layer.adapt(TEXTS)
    assert layer.get_vocabulary() == [str(t) for t in REF[f"tv_{name}_vocab"]]
    assert layer.vocabulary_size() == int(REF[f"tv_{name}_size"])
    out = layer(QUERIES + TEXTS)
    expected = REF[f"tv_{name}_out"]
    assert out.shape == expected.shape
    np.testing.assert_allclose(out, expected, rtol=1e-6)
    if f"tv_{name}_idf" in REF:
        np.testing.assert_allclose(layer.idf_weights, REF[f"tv_{name}_idf"], rtol=1e-6)


def test_text_vectorization_with_a_given_vocabulary():
    fixed = layers.TextVectorization(vocabulary=["zebra", "cat", "the", "dog"])
    assert fixed.get_vocabulary() == [str(t) for t in REF["tv_fixed_vocab"]]
    np.testing.assert_array_equal(fixed(QUERIES), REF["tv_fixed_out"])
    mh = layers.TextVectorization(vocabulary=["zebra", "cat", "the", "dog"],
                                  output_mode="multi_hot")
    assert mh.get_vocabulary() == [str(t) for t in REF["tv_fixed_mh_vocab"]]
    np.testing.assert_array_equal(mh(QUERIES), REF["tv_fixed_mh_out"])
    idf = layers.TextVectorization(vocabulary=["zebra", "cat", "the"], idf_weights=[0.5, 1, 2],
                                   output_mode="tf_idf")
    np.testing.assert_allclose(idf(QUERIES), REF["tv_fixed_idf_out"], rtol=1e-6)
    with pytest.raises(ValueError, match="idf_weights` must be set"):
        layers.TextVectorization(vocabulary=["a"], output_mode="tf_idf")
    with pytest.raises(ValueError, match="output_mode must be one of"):
        layers.TextVectorization(output_mode="one_hot_words")
    with pytest.raises(ValueError, match="repeated tokens"):
        layers.TextVectorization(vocabulary=["a", "b", "a"])


def test_text_vectorization_callables():
    layer = layers.TextVectorization(standardize=lambda a: np.char.upper(a),
                                     split=lambda a: [s.split("-") for s in a])
    layer.adapt(["a-b-b", "c-b"])
    assert layer.get_vocabulary() == ["", "[UNK]", "B", "C", "A"]
    np.testing.assert_array_equal(layer(["b-a-x"]), [[2, 4, 1]])
