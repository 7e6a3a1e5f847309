"""Downloads (atomic, checksummed, mirrors) and the dataset cache's search and verification.

No network: a small HTTP server on 127.0.0.1, ``file://`` URLs, and a closed local port.
"""

import functools
import gzip
import hashlib
import http.server
import logging
import socket
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from course.data.cache import (
    DATA_DIR_VARIABLE,
    Dataset,
    DatasetNotFoundError,
    IDXFile,
    cache_folder,
    load_dataset,
    search_folders,
)
from course.data.download import ChecksumError, DownloadError, download, download_from_mirrors
from course.data.idx import encode_idx

PAYLOAD = b"some bytes worth downloading\n" * 1000
PAYLOAD_MD5 = hashlib.md5(PAYLOAD).hexdigest()
PAYLOAD_SHA256 = hashlib.sha256(PAYLOAD).hexdigest()


def md5(data):
    return hashlib.md5(data).hexdigest()


def closed_port_url():
    """An http URL on 127.0.0.1 where nothing listens: connections are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; ``/cut-short`` promises 1000 bytes and sends 10."""

    def do_GET(self):
        if self.path == "/cut-short":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"0123456789")
            return
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture
def server(tmp_path):
    """A local HTTP server: ``(base_url, folder_it_serves)``."""
    root = tmp_path / "served"
    root.mkdir()
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(root))
    )
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", root
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def leftovers(folder):
    """Names of the files in ``folder`` (temporary downloads included)."""
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


# ---------------------------------------------------------------- download


def test_download_over_http(server, tmp_path):
    url, root = server
    (root / "file.bin").write_bytes(PAYLOAD)
    path = download(url + "file.bin", tmp_path / "out" / "file.bin", md5=PAYLOAD_MD5)
    assert path.read_bytes() == PAYLOAD
    assert leftovers(tmp_path / "out") == ["file.bin"]


def test_download_file_url_and_sha256(tmp_path):
    source = tmp_path / "source.bin"
    source.write_bytes(PAYLOAD)
    path = download(source.as_uri(), tmp_path / "copy.bin", sha256=PAYLOAD_SHA256.upper())
    assert path.read_bytes() == PAYLOAD


def test_checksum_mismatch_leaves_nothing_and_keeps_the_old_file(server, tmp_path):
    url, root = server
    (root / "file.bin").write_bytes(PAYLOAD)
    out = tmp_path / "out"
    out.mkdir()
    (out / "file.bin").write_bytes(b"the old file")
    with pytest.raises(ChecksumError, match=f"md5 is {PAYLOAD_MD5}, expected 0+"):
        download(url + "file.bin", out / "file.bin", md5="0" * 32)
    assert leftovers(out) == ["file.bin"]
    assert (out / "file.bin").read_bytes() == b"the old file"


def test_both_checksums_are_checked(tmp_path):
    source = tmp_path / "source.bin"
    source.write_bytes(PAYLOAD)
    with pytest.raises(ChecksumError, match="sha256"):
        download(source.as_uri(), tmp_path / "out" / "x", md5=PAYLOAD_MD5, sha256="0" * 64)
    assert leftovers(tmp_path / "out") == []


def test_a_checksum_is_required(tmp_path):
    with pytest.raises(TypeError, match="md5 or a sha256"):
        download("file:///nowhere", tmp_path / "x")


@pytest.mark.parametrize("name", ["missing.bin", "cut-short"])
def test_failed_transfers_leave_no_partial_file(server, tmp_path, name):
    url, _ = server
    with pytest.raises(Exception):
        download(url + name, tmp_path / "out" / name, md5=PAYLOAD_MD5)
    assert leftovers(tmp_path / "out") == []


def test_timeout(tmp_path):
    with socket.socket() as silent:  # accepts connections (backlog) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/file.bin"
        start = time.monotonic()
        with pytest.raises(OSError):
            download(url, tmp_path / "out" / "file.bin", md5=PAYLOAD_MD5, timeout=0.2)
    assert time.monotonic() - start < 5
    assert leftovers(tmp_path / "out") == []


def test_mirrors_are_tried_in_order(server, tmp_path):
    url, root = server
    (root / "good").mkdir()
    (root / "good" / "file.bin").write_bytes(PAYLOAD)
    (root / "bad").mkdir()
    (root / "bad" / "file.bin").write_bytes(b"a mirror serving the wrong file")
    urls = [
        closed_port_url() + "file.bin",
        url + "nothing-here/file.bin",
        url + "bad/file.bin",
        url + "good/file.bin",
        "http://never-reached.invalid/file.bin",
    ]
    path = download_from_mirrors(urls, tmp_path / "out" / "file.bin", md5=PAYLOAD_MD5)
    assert path.read_bytes() == PAYLOAD
    assert leftovers(tmp_path / "out") == ["file.bin"]


def test_every_mirror_failing_names_each_reason(server, tmp_path):
    url, root = server
    (root / "file.bin").write_bytes(b"wrong")
    urls = [closed_port_url() + "file.bin", url + "missing.bin", url + "file.bin", "not a url"]
    with pytest.raises(DownloadError) as error:
        download_from_mirrors(urls, tmp_path / "out" / "file.bin", md5=PAYLOAD_MD5)
    message = str(error.value)
    assert "could not download file.bin" in message
    for each in urls:
        assert each in message
    assert "Connection refused" in message and "404" in message and "expected" in message
    assert leftovers(tmp_path / "out") == []


# ---------------------------------------------------------------- the cache


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A clean environment: HOME and XDG_CACHE_HOME in tmp_path, no COURSE_DATA_DIR."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv(DATA_DIR_VARIABLE, raising=False)
    return tmp_path


def tiny_arrays():
    """Arrays for a dataset of 3 training and 2 test images of 4x4 pixels."""
    rng = np.random.default_rng(1)
    return {
        "train-images-idx3-ubyte.gz": rng.integers(0, 256, (3, 4, 4), dtype=np.uint8),
        "train-labels-idx1-ubyte.gz": np.array([5, 0, 4], np.uint8),
        "t10k-images-idx3-ubyte.gz": rng.integers(0, 256, (2, 4, 4), dtype=np.uint8),
        "t10k-labels-idx1-ubyte.gz": np.array([7, 2], np.uint8),
    }


def published_bytes(array):
    """The file as a mirror would serve it: gzip with the file name in its header."""
    return gzip.compress(encode_idx(array), mtime=1504176627)


def tiny_dataset(mirrors, system_folders=(), contents_md5s=True):
    files = tuple(
        IDXFile(
            name,
            md5(published_bytes(array)),
            array.shape,
            contents_md5=md5(encode_idx(array)) if contents_md5s else None,
        )
        for name, array in tiny_arrays().items()
    )
    return Dataset("tiny", files, tuple(mirrors), tuple(system_folders))


def put_files(folder, compressed=True, names=None):
    """Write the tiny dataset's files into ``folder``: published .gz or uncompressed."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, array in tiny_arrays().items():
        if names is None or name in names:
            if compressed:
                (folder / name).write_bytes(published_bytes(array))
            else:
                (folder / name.removesuffix(".gz")).write_bytes(encode_idx(array))


def assert_is_tiny(arrays):
    for array, expected in zip(arrays, tiny_arrays().values(), strict=True):
        np.testing.assert_array_equal(array, expected)
        assert array.dtype == np.uint8


def test_cache_folder_follows_xdg_then_home(home, monkeypatch):
    assert cache_folder("mnist") == home / "xdg-cache" / "course" / "datasets" / "mnist"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_folder("mnist") == home / "home" / ".cache" / "course" / "datasets" / "mnist"


def test_search_order(home, monkeypatch):
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(home / "data"))
    dataset = tiny_dataset([], system_folders=["/usr/share/datasets/tiny"])
    assert search_folders(dataset, first_folders=[home / "mine"]) == [
        home / "mine",
        home / "data" / "tiny",
        home / "data",
        home / "xdg-cache" / "course" / "datasets" / "tiny",
        Path("/usr/share/datasets/tiny"),
    ]


@pytest.mark.parametrize("compressed", [True, False], ids=["gz", "uncompressed"])
@pytest.mark.parametrize("where", ["data/tiny", "data", "xdg-cache/course/datasets/tiny", "system"])
def test_files_are_found_in_each_folder(home, monkeypatch, where, compressed):
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(home / "data"))
    put_files(home / where, compressed=compressed)
    dataset = tiny_dataset([closed_port_url()], system_folders=[home / "system"])
    assert_is_tiny(load_dataset(dataset))


def test_earlier_folder_wins(home, monkeypatch, caplog):
    """Verified copies in every folder: the log line tells which folder was used."""
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(home / "data"))
    dataset = tiny_dataset([closed_port_url()])
    for folder in ["data/tiny", "data", "xdg-cache/course/datasets/tiny"]:
        put_files(home / folder, compressed=False)
    caplog.set_level(logging.INFO, logger="course.data")
    assert_is_tiny(load_dataset(dataset))
    assert_is_tiny(load_dataset(dataset, [home / "data"]))
    assert [r.getMessage() for r in caplog.records] == [
        f"tiny: 4 files read from {home / 'data' / 'tiny'}",
        f"tiny: 4 files read from {home / 'data'}"]


def test_right_shape_wrong_contents_is_refused_without_a_contents_digest(home, capsys):
    """A file of the right shape but other pixels (all zeros) is never used."""
    cache = home / "xdg-cache" / "course" / "datasets" / "tiny"
    put_files(cache)
    for name, array in tiny_arrays().items():
        (cache / name).write_bytes(published_bytes(np.zeros_like(array)))
    put_files(home / "other", compressed=False)
    dataset = tiny_dataset([closed_port_url()], contents_md5s=False)
    with pytest.warns(UserWarning, match=r"not the published train-images-idx3-ubyte.gz: its md5 "
                                         r"is [0-9a-f]+, expected"):
        with pytest.raises(DatasetNotFoundError):
            load_dataset(dataset)
    capsys.readouterr()
    put_files(home / "published")
    with pytest.warns(UserWarning, match="only the published .gz file is accepted"):
        assert_is_tiny(load_dataset(dataset, [home / "other", home / "published"], verbose=True))
    assert capsys.readouterr().out == f"tiny: 4 files read from {home / 'published'}\n"


def test_a_data_dir_that_is_a_file_is_called_a_file(home, monkeypatch):
    (home / "data.txt").write_text("not a folder")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(home / "data.txt"))
    with pytest.warns(UserWarning, match=r"COURSE_DATA_DIR=.*data.txt is a file, not a folder"):
        with pytest.raises(DatasetNotFoundError) as error:
            load_dataset(tiny_dataset([closed_port_url()]))
    assert f"  {home / 'data.txt'}  (a file, not a folder)" in str(error.value)


def test_gzip_compressed_again_is_accepted_by_its_contents(home):
    """Like Debian's Fashion-MNIST: same contents, another gzip header, another md5."""
    folder = home / "xdg-cache" / "course" / "datasets" / "tiny"
    folder.mkdir(parents=True)
    for name, array in tiny_arrays().items():
        (folder / name).write_bytes(gzip.compress(encode_idx(array), mtime=0))
    dataset = tiny_dataset([closed_port_url()])
    assert md5((folder / dataset.files[0].name).read_bytes()) != dataset.files[0].md5
    assert_is_tiny(load_dataset(dataset))


def test_without_contents_md5_a_wrong_shape_is_refused(home):
    folder = home / "xdg-cache" / "course" / "datasets" / "tiny"
    put_files(folder, compressed=False)
    (folder / "t10k-labels-idx1-ubyte").write_bytes(encode_idx(np.array([7, 2, 1], np.uint8)))
    dataset = tiny_dataset([closed_port_url()], contents_md5s=False)
    with pytest.warns(UserWarning, match=r"holds uint8 \(3,\), expected uint8 \(2,\)"):
        with pytest.raises(DatasetNotFoundError):
            load_dataset(dataset)


def test_a_corrupt_file_is_skipped_for_a_good_one_later(home, monkeypatch):
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(home / "data"))
    put_files(home / "data")
    put_files(home / "system")
    bad = home / "data" / "train-images-idx3-ubyte.gz"
    bad.write_bytes(bad.read_bytes()[:-20])
    dataset = tiny_dataset([closed_port_url()], system_folders=[home / "system"])
    with pytest.warns(UserWarning, match="train-images-idx3-ubyte.gz: corrupt or truncated gzip"):
        assert_is_tiny(load_dataset(dataset))


@pytest.mark.parametrize("damage", ["truncated", "other-contents"])
def test_a_corrupt_cached_file_is_replaced_by_a_download(home, server, damage):
    url, root = server
    put_files(root)
    cache = home / "xdg-cache" / "course" / "datasets" / "tiny"
    put_files(cache)
    bad = cache / "t10k-images-idx3-ubyte.gz"
    if damage == "truncated":
        bad.write_bytes(bad.read_bytes()[:-20])
    else:
        bad.write_bytes(published_bytes(np.zeros((2, 4, 4), np.uint8)))
    dataset = tiny_dataset([url])
    with pytest.warns(UserWarning, match="t10k-images-idx3-ubyte.gz"):
        assert_is_tiny(load_dataset(dataset))
    assert md5(bad.read_bytes()) == dataset.files[2].md5
    assert leftovers(cache) == sorted(tiny_arrays())


def test_a_corrupt_file_is_never_used_offline(home):
    cache = home / "xdg-cache" / "course" / "datasets" / "tiny"
    put_files(cache)
    bad = cache / "train-labels-idx1-ubyte.gz"
    bad.write_bytes(published_bytes(np.array([5, 0, 3], np.uint8)))
    with pytest.warns(UserWarning, match="not the published train-labels-idx1-ubyte.gz"):
        with pytest.raises(DatasetNotFoundError, match=r"train-labels-idx1-ubyte.gz .*MISSING"):
            load_dataset(tiny_dataset([closed_port_url()]))


def test_missing_files_are_downloaded_into_the_cache(home, server, tmp_path):
    url, root = server
    put_files(root)
    put_files(tmp_path / "mine", names=["train-images-idx3-ubyte.gz"])
    dataset = tiny_dataset([closed_port_url(), url])
    assert_is_tiny(load_dataset(dataset, [tmp_path / "mine"]))
    cache = home / "xdg-cache" / "course" / "datasets" / "tiny"
    assert leftovers(cache) == sorted(set(tiny_arrays()) - {"train-images-idx3-ubyte.gz"})
    offline = tiny_dataset([closed_port_url()])
    assert_is_tiny(load_dataset(offline, [tmp_path / "mine"]))


def test_offline_message_says_what_is_missing_and_where_to_put_it(home, monkeypatch):
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(home / "data"))
    (home / "data").mkdir()
    put_files(home / "system", names=["t10k-labels-idx1-ubyte.gz"])
    mirror = closed_port_url()
    dataset = tiny_dataset([mirror], system_folders=[home / "system"])
    with pytest.raises(DatasetNotFoundError) as error:
        load_dataset(dataset)
    message = str(error.value)
    for name in tiny_arrays():
        assert name in message
    assert "t10k-labels-idx1-ubyte.gz" in message.split("[found]")[0]
    assert message.count("MISSING") == 3
    cache = home / "xdg-cache" / "course" / "datasets" / "tiny"
    for folder in [home / "data" / "tiny", home / "data", cache, home / "system"]:
        assert f"  {folder}\n" in message or f"  {folder}  (does not exist)" in message
    assert f"{home / 'data' / 'tiny'}  (does not exist)" in message
    assert f"{home / 'data'}\n" in message
    assert mirror + "train-images-idx3-ubyte.gz" in message and "refused" in message
    assert mirror + "train-labels-idx1-ubyte.gz" not in message  # stopped at the first failure
    assert f"put them in {cache}" in message
    assert f"{DATA_DIR_VARIABLE}=/path/to/data" in message
    assert isinstance(error.value, FileNotFoundError)
