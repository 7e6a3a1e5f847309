"""IDX files: the format MNIST and Fashion-MNIST are published in.

An IDX file is a header followed by the array's values, everything big-endian::

    bytes 0-1   zero
    byte  2     type code: 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32,
                0x0D float32, 0x0E float64
    byte  3     number of dimensions, ndim (1 to 4 here)
    then        ndim sizes, each a 4-byte unsigned integer
    then        the values, row-major, exactly the product of the sizes

So MNIST images start with the magic number 0x00000803 (uint8, 3-D: count, rows,
columns) and labels with 0x00000801 (uint8, 1-D: count). Files are often
gzip-compressed; we tell by the gzip magic bytes, not by the file name.
"""

import gzip
import math
import zlib
from pathlib import Path

import numpy as np

# type code -> numpy dtype as stored in the file (big-endian)
FILE_DTYPES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
MAX_NDIM = 4
GZIP_MAGIC = b"\x1f\x8b"


class IDXFormatError(ValueError):
    """A file that is not a valid IDX file (or not a valid gzip stream around one)."""


def read_idx(path):
    """Read an IDX file, plain or gzip-compressed.

    Args:
        path: the file.

    Returns:
        a native-endian array with the shape and dtype the header gives,
        e.g. uint8 ``(10000, 28, 28)`` for MNIST test images, uint8 ``(10000,)`` for labels.

    Raises:
        IDXFormatError: naming the file and what is wrong with it.
    """
    return parse_idx(read_contents(path), source=str(path))


def read_contents(path):
    """The bytes of a file, decompressed if it is gzip-compressed.

    Raises:
        IDXFormatError: the gzip stream is truncated or corrupt.
    """
    return gunzip_if_compressed(Path(path).read_bytes(), source=str(path))


def gunzip_if_compressed(data, source="<bytes>"):
    """``data`` decompressed if it starts with the gzip magic bytes, else ``data`` itself.

    Raises:
        IDXFormatError: the gzip stream is truncated or corrupt (``source`` names it).
    """
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as error:
        raise IDXFormatError(f"{source}: corrupt or truncated gzip data ({error})") from None


def parse_idx(data, source="<bytes>"):
    """Turn the bytes of an (uncompressed) IDX file into an array.

    Args:
        data: the whole file, header included.
        source: what to call the data in error messages, usually its file name.

    Returns:
        a native-endian array, shape ``(d1, ..., d_ndim)`` from the header.

    Raises:
        IDXFormatError: bad magic number, unknown type code, ndim outside 1..4, or a data
            size that is not exactly the product of the sizes (truncated file, trailing bytes).
    """
    if len(data) < 4:
        raise IDXFormatError(f"{source}: only {len(data)} bytes, too short for an IDX header")
    zero1, zero2, type_code, ndim = data[:4]
    magic = int.from_bytes(data[:4], "big")
    if zero1 != 0 or zero2 != 0:
        raise IDXFormatError(
            f"{source}: bad magic number 0x{magic:08X}: an IDX file starts with two zero bytes"
        )
    if type_code not in FILE_DTYPES:
        known = ", ".join(f"0x{code:02X}" for code in FILE_DTYPES)
        raise IDXFormatError(
            f"{source}: unknown type code 0x{type_code:02X} in magic number 0x{magic:08X}"
            f" (known: {known})"
        )
    if not 1 <= ndim <= MAX_NDIM:
        raise IDXFormatError(
            f"{source}: {ndim} dimensions in magic number 0x{magic:08X}, expected 1 to {MAX_NDIM}"
        )
    header_size = 4 + 4 * ndim
    if len(data) < header_size:
        raise IDXFormatError(
            f"{source}: truncated header: {ndim} dimensions need {header_size} bytes,"
            f" the file has {len(data)}"
        )
    shape = tuple(int(size) for size in np.frombuffer(data, ">u4", count=ndim, offset=4))
    dtype = FILE_DTYPES[type_code]
    expected = math.prod(shape) * dtype.itemsize
    found = len(data) - header_size
    if found < expected:
        raise IDXFormatError(
            f"{source}: truncated: shape {shape} of {dtype.name} needs {expected} bytes of data,"
            f" found {found}"
        )
    if found > expected:
        raise IDXFormatError(
            f"{source}: {found - expected} unexpected bytes after the data"
            f" (shape {shape} of {dtype.name} needs {expected} bytes)"
        )
    values = np.frombuffer(data, dtype, count=expected // dtype.itemsize, offset=header_size)
    return values.astype(dtype.newbyteorder("=")).reshape(shape)


def encode_idx(array):
    """The bytes of an (uncompressed) IDX file holding ``array``.

    Args:
        array: 1 to 4 dimensions, dtype uint8, int8, int16, int32, float32 or float64.

    Raises:
        ValueError: the array has a dtype or a number of dimensions IDX cannot hold.
    """
    array = np.asarray(array)
    type_code = next(
        (code for code, dtype in FILE_DTYPES.items() if dtype.newbyteorder("=") == array.dtype),
        None,
    )
    if type_code is None:
        raise ValueError(f"IDX cannot store dtype {array.dtype}")
    if not 1 <= array.ndim <= MAX_NDIM:
        raise ValueError(f"IDX files here hold 1 to {MAX_NDIM} dimensions, got shape {array.shape}")
    header = bytes([0, 0, type_code, array.ndim]) + np.array(array.shape, ">u4").tobytes()
    return header + array.astype(FILE_DTYPES[type_code]).tobytes()


def write_idx(path, array, compress=None):
    """Write ``array`` to an IDX file.

    Args:
        path: the file to write.
        array: see :func:`encode_idx`.
        compress: gzip the file; by default, when ``path`` ends with ``.gz``.
    """
    path = Path(path)
    if compress is None:
        compress = path.suffix == ".gz"
    data = encode_idx(array)
    path.write_bytes(gzip.compress(data, mtime=0) if compress else data)
