"""``mnist.load_data()`` and ``fashion_mnist.load_data()``: their files, their result, offline.

The real files are not needed: the datasets are swapped for tiny ones with the same names.
"""

import dataclasses
import gzip
import hashlib
import re
import socket

import numpy as np
import pytest

from course.data.cache import DATA_DIR_VARIABLE, DatasetNotFoundError, IDXFile
from course.data.idx import encode_idx
from course.keras.datasets import fashion_mnist, mnist

PUBLISHED_NAMES = [
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
]
SHAPES = [(60000, 28, 28), (60000,), (10000, 28, 28), (10000,)]


def closed_port_url():
    """An http URL on 127.0.0.1 where nothing listens: connections are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


@pytest.fixture(autouse=True)
def clean_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(DATA_DIR_VARIABLE, raising=False)


@pytest.mark.parametrize("dataset", [mnist.MNIST, fashion_mnist.FASHION_MNIST])
def test_the_published_files(dataset):
    assert [file.name for file in dataset.files] == PUBLISHED_NAMES
    assert [file.shape for file in dataset.files] == SHAPES
    for file in dataset.files:
        assert re.fullmatch("[0-9a-f]{32}", file.md5)
        assert file.contents_md5 is None or re.fullmatch("[0-9a-f]{32}", file.contents_md5)
    assert dataset.mirrors and all(mirror.endswith("/") for mirror in dataset.mirrors)


def test_published_md5s():
    assert [file.md5 for file in mnist.MNIST.files] == [
        "f68b3c2dcbeaaa9fbdd348bbdeb94873",
        "d53e105ee54ea40749a09fcbcd1e9432",
        "9fb629c4189551a2d022fa330f9573f3",
        "ec29112dd5afa0611ce80d1b7f02629c",
    ]
    assert [file.md5 for file in fashion_mnist.FASHION_MNIST.files] == [
        "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
        "25c81989df183df01b3e8a0aad5dffbe",
        "bef4ecab320f06d8554ea6380940ec79",
        "bb300cfdad3c16e7a12a480ee83cd310",
    ]
    assert "/usr/share/datasets/fashion-mnist" in fashion_mnist.FASHION_MNIST.system_folders


def tiny_version(dataset, folder, mirrors):
    """``dataset`` with 4 training and 3 test images of 5x5 pixels, written into ``folder``.

    The files are gzip-compressed without the published gzip header, so they are
    accepted through their contents' md5, as Debian's Fashion-MNIST is.
    """
    rng = np.random.default_rng(0)
    arrays = [
        rng.integers(0, 256, (4, 5, 5), dtype=np.uint8),
        np.array([1, 0, 9, 3], np.uint8),
        rng.integers(0, 256, (3, 5, 5), dtype=np.uint8),
        np.array([7, 2, 1], np.uint8),
    ]
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for file, array in zip(dataset.files, arrays):
        contents = encode_idx(array)
        (folder / file.name).write_bytes(gzip.compress(contents, mtime=0))
        contents_md5 = hashlib.md5(contents).hexdigest()
        files.append(IDXFile(file.name, file.md5, array.shape, contents_md5=contents_md5))
    tiny = dataclasses.replace(dataset, files=tuple(files), mirrors=tuple(mirrors))
    return tiny, arrays


def assert_keras_layout(result, arrays):
    (x_train, y_train), (x_test, y_test) = result
    for got, expected in zip([x_train, y_train, x_test, y_test], arrays, strict=True):
        assert got.dtype == np.uint8
        np.testing.assert_array_equal(got, expected)


def test_mnist_load_data_from_a_folder_given_as_path(tmp_path, monkeypatch):
    tiny, arrays = tiny_version(mnist.MNIST, tmp_path / "mine", [closed_port_url()])
    monkeypatch.setattr(mnist, "MNIST", tiny)
    assert_keras_layout(mnist.load_data(path=tmp_path / "mine"), arrays)


def test_mnist_load_data_from_the_data_dir_variable(tmp_path, monkeypatch):
    tiny, arrays = tiny_version(mnist.MNIST, tmp_path / "data" / "mnist", [closed_port_url()])
    monkeypatch.setattr(mnist, "MNIST", tiny)
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path / "data"))
    assert_keras_layout(mnist.load_data(), arrays)
    assert_keras_layout(mnist.load_data(path="mnist.npz"), arrays)  # Keras's argument


def test_fashion_mnist_from_a_system_folder(tmp_path, monkeypatch):
    tiny, arrays = tiny_version(fashion_mnist.FASHION_MNIST, tmp_path / "usr", [closed_port_url()])
    tiny = dataclasses.replace(tiny, system_folders=(tmp_path / "usr",))
    monkeypatch.setattr(fashion_mnist, "FASHION_MNIST", tiny)
    assert_keras_layout(fashion_mnist.load_data(), arrays)


@pytest.mark.parametrize("module, attribute", [(mnist, "MNIST"), (fashion_mnist, "FASHION_MNIST")])
def test_offline_without_files(tmp_path, monkeypatch, module, attribute):
    offline = dataclasses.replace(
        getattr(module, attribute), mirrors=(closed_port_url(),), system_folders=()
    )
    monkeypatch.setattr(module, attribute, offline)
    with pytest.raises(DatasetNotFoundError) as error:
        module.load_data()
    message = str(error.value)
    for name in PUBLISHED_NAMES:
        assert f"  {name}  md5" in message
    assert message.count("[MISSING]") == 4
    assert str(tmp_path / "cache" / "course" / "datasets" / offline.name) in message
    assert DATA_DIR_VARIABLE in message
