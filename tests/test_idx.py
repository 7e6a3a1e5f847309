"""IDX files: round trips, the bytes of the format, and every kind of broken file."""

import gzip

import numpy as np
import pytest

from course.data.idx import IDXFormatError, encode_idx, parse_idx, read_idx, write_idx

DTYPES = ["uint8", "int8", "int16", "int32", "float32", "float64"]


def mnist_like_images(count=3):
    """A few 28x28 uint8 'images', shape ``(count, 28, 28)``."""
    return np.random.default_rng(0).integers(0, 256, size=(count, 28, 28), dtype=np.uint8)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(5,), (3, 4), (2, 3, 4), (2, 1, 3, 2)])
@pytest.mark.parametrize("file_name", ["a.idx", "a.idx.gz"])
def test_round_trip_every_type_and_rank(tmp_path, dtype, shape, file_name):
    array = (np.arange(np.prod(shape)) - 3).astype(dtype).reshape(shape)
    write_idx(tmp_path / file_name, array)
    result = read_idx(tmp_path / file_name)
    assert result.dtype == np.dtype(dtype) and result.dtype.isnative
    assert result.shape == shape
    np.testing.assert_array_equal(result, array)
    result[...] = 0  # a writable array, as Keras gives


def test_mnist_headers_are_the_published_magic_numbers():
    images = encode_idx(mnist_like_images(3))
    labels = encode_idx(np.array([7, 2, 1], np.uint8))
    assert images[:16] == bytes.fromhex("00000803" "00000003" "0000001c" "0000001c")
    assert labels[:8] == bytes.fromhex("00000801" "00000003")
    assert labels[8:] == bytes([7, 2, 1])


def test_values_are_big_endian_in_the_file():
    data = bytes.fromhex("00000B01" "00000002" "0102" "FFFE")  # int16: 258, -2
    np.testing.assert_array_equal(parse_idx(data), np.array([258, -2], np.int16))
    assert encode_idx(np.array([258, -2], np.int16)) == data


def test_gzip_is_told_by_content_not_by_name(tmp_path):
    images = mnist_like_images()
    write_idx(tmp_path / "compressed.idx", images, compress=True)
    write_idx(tmp_path / "plain.gz", images, compress=False)
    assert (tmp_path / "compressed.idx").read_bytes()[:2] == b"\x1f\x8b"
    np.testing.assert_array_equal(read_idx(tmp_path / "compressed.idx"), images)
    np.testing.assert_array_equal(read_idx(tmp_path / "plain.gz"), images)


def test_gzip_written_twice_is_byte_identical(tmp_path):
    write_idx(tmp_path / "a.gz", mnist_like_images())
    write_idx(tmp_path / "b.gz", mnist_like_images())
    assert (tmp_path / "a.gz").read_bytes() == (tmp_path / "b.gz").read_bytes()


GOOD = encode_idx(mnist_like_images(2))  # header 16 bytes + 2 * 784 bytes


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", ["0 bytes", "too short"]),
        (b"\x00\x00\x08", ["3 bytes", "too short"]),
        (b"\x01\x00" + GOOD[2:], ["magic number 0x01000803", "two zero bytes"]),
        (b"PK\x03\x04" + GOOD[4:], ["magic number 0x504B0304"]),
        (b"\x00\x00\x07\x03" + GOOD[4:], ["type code 0x07"]),
        (b"\x00\x00\x08\x00" + GOOD[4:], ["0 dimensions"]),
        (b"\x00\x00\x08\x05" + GOOD[4:], ["5 dimensions"]),
        (GOOD[:10], ["truncated header"]),
        (GOOD[:-1], ["truncated", "needs 1568 bytes", "found 1567"]),
        (GOOD[:16], ["truncated", "found 0"]),
        (GOOD + b"\x00" * 7, ["7 unexpected bytes"]),
        (GOOD[:4] + (3).to_bytes(4, "big") + GOOD[8:], ["truncated", "(3, 28, 28)"]),
    ],
    ids=[
        "empty",
        "too-short",
        "nonzero-first-byte",
        "zip-file",
        "unknown-type",
        "zero-dims",
        "five-dims",
        "truncated-header",
        "one-byte-short",
        "no-data",
        "trailing-garbage",
        "header-says-more",
    ],
)
def test_broken_files_raise_a_clear_error(tmp_path, data, words):
    path = tmp_path / "broken-idx3-ubyte"
    path.write_bytes(data)
    with pytest.raises(IDXFormatError) as error:
        read_idx(path)
    assert isinstance(error.value, ValueError)
    message = str(error.value)
    assert str(path) in message
    for word in words:
        assert word in message


def test_broken_idx_inside_a_good_gzip_is_caught(tmp_path):
    path = tmp_path / "broken.gz"
    path.write_bytes(gzip.compress(GOOD[:-100]))
    with pytest.raises(IDXFormatError, match="truncated"):
        read_idx(path)


GOOD_GZIP = gzip.compress(GOOD, mtime=0)
MIDDLE = len(GOOD_GZIP) // 2


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(GOOD_GZIP[:MIDDLE], id="cut-in-the-middle"),
        pytest.param(GOOD_GZIP[:-3], id="cut-in-the-trailer"),
        pytest.param(
            GOOD_GZIP[:MIDDLE] + bytes([GOOD_GZIP[MIDDLE] ^ 0xFF]) + GOOD_GZIP[MIDDLE + 1 :],
            id="a-byte-flipped",
        ),
        pytest.param(GOOD_GZIP + b"garbage", id="garbage-after-the-stream"),
        pytest.param(GOOD_GZIP[:2], id="magic-only"),
    ],
)
def test_corrupt_gzip_raises(tmp_path, data):
    path = tmp_path / "t10k-images-idx3-ubyte.gz"
    path.write_bytes(data)
    with pytest.raises(IDXFormatError, match="corrupt or truncated gzip") as error:
        read_idx(path)
    assert str(path) in str(error.value)


@pytest.mark.parametrize(
    "array, words",
    [
        (np.zeros(3, np.int64), "dtype int64"),
        (np.zeros(3, bool), "dtype bool"),
        (np.array(5, np.uint8), "shape ()"),
        (np.zeros((1, 1, 1, 1, 1), np.uint8), "shape (1, 1, 1, 1, 1)"),
    ],
)
def test_writing_what_idx_cannot_hold_raises(tmp_path, array, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        write_idx(tmp_path / "x.idx", array)
    assert not (tmp_path / "x.idx").exists()
