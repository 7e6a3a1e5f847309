"""Reading a saved model's zip archive without trusting it.

A file handed to ``load_model`` or ``load_weights`` may be damaged or built to do harm (a
small zip whose ``config.json`` expands to a gigabyte, an array far larger than the model).
So nothing is read before its declared size is checked: JSON members against a fixed limit
and a compression ratio, ``.npy`` arrays against the shapes the architecture expects (read
from each array's header, before any array is loaded). ``zipfile`` never returns more than a
member's declared size, so the check bounds the memory used. Every failure is a
:class:`SavedModelError` naming the file, the member and what is wrong.
"""

import json
import math
import zipfile
import zlib

import numpy as np

MAX_JSON_BYTES = 16 << 20
"""The largest ``config.json`` or ``metadata.json`` read (a model's is a few kilobytes)."""

MAX_COMPRESSION_RATIO = 100
"""A JSON member expanding more than this many times (and past 1 MiB) is refused."""

NPY_OVERHEAD_BYTES = 1 << 16
"""Room per array for its ``.npy`` header and its zip entry, above the data itself."""


class SavedModelError(ValueError):
    """A model or weights file that cannot be loaded; the message names file and member."""


def open_archive(filepath, not_ours):
    """``zipfile.ZipFile(filepath)``; ``not_ours`` is the message for a file that is no zip."""
    try:
        return zipfile.ZipFile(filepath)
    except (zipfile.BadZipFile, EOFError, OSError) as err:
        if isinstance(err, FileNotFoundError):
            raise
        raise SavedModelError(f"{filepath} {not_ours} ({err})") from None


def member_info(archive, where, name, max_bytes, check_ratio=False):
    """The ``ZipInfo`` of ``name``, once its declared size (and ratio) are within bounds."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise SavedModelError(f"{where}: the member {name} is missing "
                              f"(it holds {sorted(archive.namelist())})") from None
    if info.file_size > max_bytes:
        raise SavedModelError(f"{where}: member {name} declares {info.file_size:,} bytes, more "
                              f"than the {max_bytes:,} it may hold; refusing to read it")
    ratio = info.file_size / max(info.compress_size, 1)
    if check_ratio and ratio > MAX_COMPRESSION_RATIO and info.file_size > (1 << 20):
        raise SavedModelError(f"{where}: member {name} expands {ratio:,.0f} times (from "
                              f"{info.compress_size:,} to {info.file_size:,} bytes); refusing "
                              f"to read it")
    return info


def _corrupt(where, name, err):
    return SavedModelError(f"{where}: member {name} is corrupt ({type(err).__name__}: {err})")


def read_member(archive, where, name, max_bytes, check_ratio=False):
    """The bytes of member ``name``, at most ``max_bytes`` (checked before reading)."""
    info = member_info(archive, where, name, max_bytes, check_ratio)
    try:
        with archive.open(info) as f:
            return f.read()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as err:
        raise _corrupt(where, name, err) from None


def read_json_object(archive, where, name):
    """Member ``name`` parsed as a JSON object (a dict); anything else is an error."""
    data = read_member(archive, where, name, MAX_JSON_BYTES, check_ratio=True)
    try:
        value = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise SavedModelError(f"{where}: member {name} is not valid JSON ({err})") from None
    if not isinstance(value, dict):
        raise SavedModelError(f"{where}: member {name} must hold a JSON object, found "
                              f"{type(value).__name__ if value is not None else 'null'}")
    return value


def npz_bound(shapes, dtype=np.float32):
    """The most bytes an ``.npz`` of arrays of ``shapes`` can take (data plus overhead)."""
    itemsize = np.dtype(dtype).itemsize
    return sum(math.prod(s) * itemsize + NPY_OVERHEAD_BYTES for s in shapes) + NPY_OVERHEAD_BYTES


class NpzArchive:
    """The arrays of an ``.npz`` (a zip of ``.npy`` files), read only after checks.

    ``keys`` lists the arrays; :meth:`header` reads one array's shape and dtype from its
    ``.npy`` header (and checks that the member's declared size is exactly that array's);
    :meth:`array` loads it, numeric only, never with pickle.
    """

    def __init__(self, archive, where):
        self.archive, self.where = archive, where
        self.members = {}
        for info in archive.infolist():
            if not info.filename.endswith(".npy"):
                raise SavedModelError(f"{where}: member {info.filename} is not a .npy array")
            self.members[info.filename[:-4]] = info

    @property
    def keys(self):
        return sorted(self.members)

    def _read_header(self, f, name):
        version = np.lib.format.read_magic(f)
        if version == (1, 0):
            return np.lib.format.read_array_header_1_0(f)
        if version in ((2, 0), (3, 0)):
            return np.lib.format.read_array_header_2_0(f)
        raise ValueError(f"unknown .npy format version {version}")

    def header(self, key):
        """``(shape, dtype)`` of array ``key``, from its header alone."""
        info = self.members[key]
        try:
            with self.archive.open(info) as f:
                shape, _, dtype = self._read_header(f, info.filename)
                header_bytes = f.tell()
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as err:
            raise _corrupt(self.where, info.filename, err) from None
        if dtype.kind not in "biuf":
            raise SavedModelError(f"{self.where}: member {info.filename} holds an array of dtype "
                                  f"{dtype}; only numeric arrays are loaded")
        expected_size = header_bytes + math.prod(shape) * dtype.itemsize
        if info.file_size != expected_size:
            raise SavedModelError(f"{self.where}: member {info.filename} declares "
                                  f"{info.file_size:,} bytes, but its header says {dtype} "
                                  f"{shape} ({expected_size:,} bytes)")
        return tuple(shape), dtype

    def array(self, key):
        """The array ``key`` (call :meth:`header` first to check it)."""
        info = self.members[key]
        try:
            with self.archive.open(info) as f:
                return np.lib.format.read_array(f, allow_pickle=False)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as err:
            raise _corrupt(self.where, info.filename, err) from None
