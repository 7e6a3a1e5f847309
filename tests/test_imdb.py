"""imdb.load_data / get_word_index: Keras's shuffles, shifts and cuts on a tiny imdb.npz in
Keras's format (tests/keras_reference/make_text_imdb.py), found by digest in
COURSE_DATA_DIR, never unpickling anything but arrays, and a clear error offline."""

import hashlib
import json
import pickle

import numpy as np
import pytest

from course.data.cache import DatasetNotFoundError
from course.data.npz_objects import load_npz
from course.keras.datasets import imdb
from keras_reference import load

REF = load("text_imdb")
CASES = {
    "default": {}, "num_words": dict(num_words=20), "skip_top": dict(skip_top=6, num_words=30),
    "maxlen": dict(maxlen=8), "no_oov": dict(oov_char=None, num_words=15),
    "no_start": dict(start_char=None, index_from=0), "seed": dict(seed=1, index_from=2),
}


def unflat(prefix):
    flat, lengths = REF[f"{prefix}_flat"], REF[f"{prefix}_lengths"]
    return [list(map(int, part)) for part in np.split(flat, np.cumsum(lengths)[:-1])]


def objects(lists):
    a = np.empty(len(lists), dtype=object)
    a[:] = lists
    return a


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A COURSE_DATA_DIR holding a tiny imdb.npz and word index, with their digests known."""
    folder = tmp_path / "imdb"
    folder.mkdir()
    np.savez(folder / "imdb.npz", x_train=objects(unflat("raw_x_train")),
             x_test=objects(unflat("raw_x_test")), y_train=REF["raw_y_train"],
             y_test=REF["raw_y_test"])
    (folder / "imdb_word_index.json").write_text(json.dumps({"the": 1, "and": 2, "film": 3}))
    digest = hashlib.sha256((folder / "imdb.npz").read_bytes()).hexdigest()
    md5 = hashlib.md5((folder / "imdb_word_index.json").read_bytes()).hexdigest()
    monkeypatch.setattr(imdb, "REVIEWS", imdb.PublishedFile("imdb.npz", sha256=digest))
    monkeypatch.setattr(imdb, "WORD_INDEX", imdb.PublishedFile("imdb_word_index.json", md5=md5))
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(imdb, "IMDB", imdb.Dataset("imdb", (), (f"file://{tmp_path}/nowhere/",)))
    return folder


@pytest.mark.parametrize("name", sorted(CASES))
def test_load_data_matches_keras(data_dir, name):
    (x_train, y_train), (x_test, y_test) = imdb.load_data(**CASES[name])
    for split, x, y in (("train", x_train, y_train), ("test", x_test, y_test)):
        assert x.dtype == object and x.ndim == 1
        assert [list(s) for s in x] == unflat(f"{name}_{split}")
        np.testing.assert_array_equal(y, REF[f"{name}_{split}_y"])


def test_word_index_and_explicit_path(data_dir):
    assert imdb.get_word_index() == {"the": 1, "and": 2, "film": 3}
    (x_train, _), _ = imdb.load_data(path=str(data_dir / "imdb.npz"))
    assert x_train[0][0] == 1


def test_a_file_with_another_digest_is_refused_and_offline_error_says_where(data_dir,
                                                                           monkeypatch):
    monkeypatch.setattr(imdb, "REVIEWS", imdb.PublishedFile("imdb.npz", sha256="0" * 64))
    with pytest.warns(UserWarning, match="not the published imdb.npz"):
        with pytest.raises(DatasetNotFoundError) as error:
            imdb.load_data()
    message = str(error.value)
    assert "imdb.npz" in message and str(data_dir) in message and "COURSE_DATA_DIR" in message


def test_a_pickle_that_names_code_is_refused(tmp_path):
    class Evil:
        def __reduce__(self):
            return (print, ("pwned",))

    path = tmp_path / "evil.npz"
    np.savez(path, x=np.array([Evil()], dtype=object))
    with pytest.raises(pickle.UnpicklingError, match="refusing to load builtins.print"):
        load_npz(path)
