"""IMDB: 50,000 movie reviews (25,000 for training, 25,000 for testing), labelled positive
(1) or negative (0), as ``keras.datasets.imdb`` has them.

Each review is a list of word indices: a word's index is its rank by frequency in the
training set (1 the most frequent); :func:`get_word_index` gives ``word -> rank``. When
loading, indices are shifted by ``index_from`` (3) to leave 0 for padding, 1 for the start
of a review (``start_char``) and 2 for the words cut out (``oov_char``).

The two files (``imdb.npz``, ``imdb_word_index.json``) are found or downloaded as
:mod:`course.data.published` says, checked against the digests Keras publishes.
By Andrew Maas et al., "Learning Word Vectors for Sentiment Analysis" (ACL 2011).
"""

import json
from pathlib import Path

import numpy as np

from course.data.cache import Dataset
from course.data.npz_objects import load_npz
from course.data.published import PublishedFile, find_published

IMDB = Dataset(name="imdb", files=(),
               mirrors=("https://storage.googleapis.com/tensorflow/tf-keras-datasets/",))
REVIEWS = PublishedFile("imdb.npz", sha256="69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f")
WORD_INDEX = PublishedFile("imdb_word_index.json", md5="bfafd718b763782e994055a2d397834f")


def _find(file, path, verbose):
    """A ``path`` with a folder in it is looked for there first (Keras accepts a path too)."""
    path = Path(path)
    first = (path.parent,) if path.parent != Path(".") else ()
    return find_published(IMDB, file, first, verbose)


def load_data(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113,
              start_char=1, oov_char=2, index_from=3, verbose=False):
    """Load IMDB as ``keras.datasets.imdb.load_data`` does.

    Args:
        path: the file's name, or a path to it.
        num_words: keep the words of index below ``num_words`` (after the shift by
            ``index_from``); the others become ``oov_char``. None keeps every word.
        skip_top: indices below ``skip_top`` become ``oov_char`` too.
        maxlen: drop the reviews of ``maxlen`` indices or more (counting ``start_char``).
        seed: the shuffle of each split (``np.random.RandomState(seed)``, as Keras).
        start_char: put at the start of every review (None: nothing).
        oov_char: what cut words become (None: they are removed).
        index_from: added to every word index.
        verbose: print where the file was read from.

    Returns:
        ``((x_train, y_train), (x_test, y_test))``: ``x`` 1-D object arrays of lists of
        ints, ``y`` int arrays of 0/1.
    """
    arrays = load_npz(_find(REVIEWS, path, verbose))
    rng = np.random.RandomState(seed)
    splits = []
    for x_key, y_key in (("x_train", "y_train"), ("x_test", "y_test")):
        order = np.arange(len(arrays[x_key]))
        rng.shuffle(order)
        splits.append((arrays[x_key][order], arrays[y_key][order]))
    shifted = []
    for x, y in splits:
        head = [] if start_char is None else [start_char]
        seqs = [head + [w + index_from for w in review] for review in x]
        if maxlen:
            keep = [i for i, s in enumerate(seqs) if len(s) < maxlen]
            seqs, y = [seqs[i] for i in keep], y[keep]
            if not seqs:
                raise ValueError(f"After filtering for sequences shorter than maxlen={maxlen}, "
                                 f"no sequence was kept. Increase maxlen.")
        shifted.append((seqs, y))
    every = shifted[0][0] + shifted[1][0]
    if not num_words:
        num_words = max(max(s) for s in every)
    if oov_char is not None:
        every = [[w if skip_top <= w < num_words else oov_char for w in s] for s in every]
    else:
        every = [[w for w in s if skip_top <= w < num_words] for s in every]
    n_train = len(shifted[0][0])
    x_train, x_test = np.empty(n_train, dtype=object), np.empty(len(every) - n_train, dtype=object)
    x_train[:], x_test[:] = every[:n_train], every[n_train:]
    return (x_train, shifted[0][1]), (x_test, shifted[1][1])


def get_word_index(path="imdb_word_index.json", verbose=False):
    """``{word: rank}`` (1 the most frequent); add ``index_from`` (3) to match
    :func:`load_data`'s indices."""
    with open(_find(WORD_INDEX, path, verbose), encoding="utf-8") as f:
        return json.load(f)
