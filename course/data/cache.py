"""Find a dataset's IDX files on this machine, or download them into the cache.

For each file of a dataset named, say, ``mnist``, the folders are searched in this order:

1. folders the caller names first (``mnist.load_data(path=...)``);
2. ``$COURSE_DATA_DIR/mnist/``, then ``$COURSE_DATA_DIR/`` itself, when that variable is set;
3. the user cache, ``$XDG_CACHE_HOME/course/datasets/mnist/``
   (``~/.cache/course/datasets/mnist/`` when ``XDG_CACHE_HOME`` is not set);
4. the dataset's system folders, e.g. ``/usr/share/datasets/fashion-mnist/`` where
   Debian's package ``dataset-fashion-mnist`` puts Fashion-MNIST.

In each folder the published name (``train-images-idx3-ubyte.gz``) is tried first, then
the uncompressed name (``train-images-idx3-ubyte``). Whether a file is compressed is told
by its content, not its name. A file that is not found anywhere is downloaded into the
user cache from the dataset's mirrors, in order.

A file is used only when its contents are a valid IDX file of the expected shape and dtype
and it matches a known digest, wherever it was found:

- its bytes have the published md5 (the ``.gz`` exactly as the mirrors serve it);
- or its uncompressed contents have the known md5 of the contents (this accepts an
  uncompressed copy, or one gzip-compressed again, as Debian's package is).

Where no md5 of the contents is known (MNIST's training files: we had no copy to compute
it from), only the published ``.gz`` itself is accepted.

A file that fails is reported with a warning and skipped; the search goes on, and ends
in a fresh download into the cache. Each load logs (on the ``course.data`` logger, and
prints with ``verbose=True``) one line naming the folders its files were read from. Offline, a :class:`DatasetNotFoundError` says which
files are missing, where we looked, and where to put the files.
"""

import hashlib
import logging
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from course.data.download import ChecksumError, DownloadError, download_from_mirrors
from course.data.idx import IDXFormatError, gunzip_if_compressed, parse_idx

DATA_DIR_VARIABLE = "COURSE_DATA_DIR"

logger = logging.getLogger("course.data")


class DatasetNotFoundError(FileNotFoundError):
    """A dataset's files are neither on this machine nor downloadable."""


@dataclass(frozen=True)
class IDXFile:
    """One published file of a dataset.

    Attributes:
        name: the published name, e.g. ``"train-images-idx3-ubyte.gz"``.
        md5: md5 of the published (gzip-compressed) file.
        shape: shape of the array inside, e.g. ``(60000, 28, 28)``.
        contents_md5: md5 of the uncompressed IDX contents, or ``None`` where unknown.
        dtype: dtype of the array inside.
    """

    name: str
    md5: str
    shape: tuple
    contents_md5: str | None = None
    dtype: str = "uint8"

    @property
    def uncompressed_name(self):
        """The name without ``.gz``, e.g. ``"train-images-idx3-ubyte"``."""
        return self.name.removesuffix(".gz")


@dataclass(frozen=True)
class Dataset:
    """A dataset published as IDX files.

    Attributes:
        name: names its folders, e.g. ``"mnist"`` -> ``~/.cache/course/datasets/mnist/``.
        files: its files, in the order :func:`load_dataset` returns their arrays.
        mirrors: base URLs (ending in ``/``) that serve every file under its ``name``,
            best first.
        system_folders: folders where system packages install the files.
    """

    name: str
    files: tuple
    mirrors: tuple
    system_folders: tuple = ()


def cache_folder(dataset_name):
    """The user cache for one dataset: ``$XDG_CACHE_HOME/course/datasets/<dataset_name>``."""
    cache_home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache_home) / "course" / "datasets" / dataset_name


def search_folders(dataset, first_folders=()):
    """The folders searched for ``dataset``'s files, in order (see the module docstring)."""
    folders = [Path(folder) for folder in first_folders]
    data_dir = os.environ.get(DATA_DIR_VARIABLE)
    if data_dir and Path(data_dir).is_file():
        warnings.warn(f"{DATA_DIR_VARIABLE}={data_dir} is a file, not a folder: set it to the "
                      f"folder that holds the dataset files")
    if data_dir:
        folders += [Path(data_dir) / dataset.name, Path(data_dir)]
    folders.append(cache_folder(dataset.name))
    folders += [Path(folder) for folder in dataset.system_folders]
    return folders


def read_verified(path, file):
    """Read ``path`` as the dataset file ``file``, verified as the module docstring says.

    Returns:
        the array, native-endian, shape ``file.shape``.

    Raises:
        ChecksumError: the file is not the one published.
        IDXFormatError: the file is not a valid (gzip-compressed) IDX file.
    """
    data = Path(path).read_bytes()
    contents = gunzip_if_compressed(data, source=str(path))
    array = parse_idx(contents, source=str(path))
    if array.shape != file.shape or array.dtype != file.dtype:
        raise ChecksumError(
            f"{path}: not the published {file.name}: holds {array.dtype} {array.shape},"
            f" expected {file.dtype} {file.shape}"
        )
    if hashlib.md5(data).hexdigest() == file.md5:
        return array
    if file.contents_md5 is None:
        raise ChecksumError(
            f"{path}: not the published {file.name}: its md5 is {hashlib.md5(data).hexdigest()},"
            f" expected {file.md5}; no digest of its uncompressed contents is known, so only"
            f" the published .gz file is accepted"
        )
    contents_md5 = hashlib.md5(contents).hexdigest()
    if contents_md5 != file.contents_md5:
        raise ChecksumError(
            f"{path}: not the published {file.name}: md5 of the contents is {contents_md5},"
            f" expected {file.contents_md5} (or md5 {file.md5} for the .gz file)"
        )
    return array


def find_file(file, folders):
    """``(array, path)`` of the first verified copy of ``file`` in ``folders``, or ``None``.

    Copies that fail verification are reported with a warning and skipped.
    """
    for folder in folders:
        for name in (file.name, file.uncompressed_name):
            path = folder / name
            if not path.is_file():
                continue
            try:
                return read_verified(path, file), path
            except (ChecksumError, IDXFormatError, OSError) as error:
                warnings.warn(f"skipping {error}")
    return None


def load_dataset(dataset, first_folders=(), verbose=False):
    """Load every file of ``dataset``, from this machine or downloaded into the cache.

    Args:
        dataset: a :class:`Dataset`.
        first_folders: folders to search before the usual ones.
        verbose: print the line naming where the files came from (it is always logged on
            the ``course.data`` logger).

    Returns:
        a list with one array per file of ``dataset.files``, in that order.

    Raises:
        DatasetNotFoundError: a file was found nowhere and could not be downloaded (we stop
            at the first such file: offline, the others would fail the same way).
    """
    folders = search_folders(dataset, first_folders)
    found = [find_file(file, folders) for file in dataset.files]
    arrays = [None if each is None else each[0] for each in found]
    paths = [None if each is None else each[1] for each in found]
    cache = cache_folder(dataset.name)
    for i, file in enumerate(dataset.files):
        if arrays[i] is not None:
            continue
        urls = [mirror + file.name for mirror in dataset.mirrors]
        print(f"Downloading {file.name} into {cache}")
        try:
            path = download_from_mirrors(urls, cache / file.name, md5=file.md5)
        except DownloadError as error:
            missing = [each for each, array in zip(dataset.files, arrays) if array is None]
            message = not_found_message(dataset, missing, folders, error)
            raise DatasetNotFoundError(message) from None
        arrays[i], paths[i] = read_verified(path, file), path
    report_source(dataset, paths, verbose)
    return arrays


def report_source(dataset, paths, verbose):
    """Log (and print when ``verbose``) one line: the folder or folders the files came from."""
    folders = list(dict.fromkeys(str(Path(path).parent) for path in paths))
    line = f"{dataset.name}: {len(paths)} files read from {', '.join(folders)}"
    logger.info(line)
    if verbose:
        print(line)


def not_found_message(dataset, missing, folders, download_error):
    """What to tell a user whose dataset files are neither here nor downloadable.

    Args:
        dataset: the :class:`Dataset`.
        missing: its files found nowhere (the others were found).
        folders: the folders searched, in order.
        download_error: the :class:`DownloadError` of the first file that failed to download.
    """
    lines = [f"Could not find or download the {dataset.name} dataset."]
    lines.append("Its files (md5 of the .gz as published; uncompressed copies work too):")
    for file in dataset.files:
        status = "MISSING" if file in missing else "found"
        lines.append(f"  {file.name}  md5 {file.md5}  [{status}]")
    lines.append("Searched these folders, in order:")
    for folder in folders:
        state = "" if folder.is_dir() else "  (a file, not a folder)" if folder.exists() else \
            "  (does not exist)"
        lines.append(f"  {folder}{state}")
    lines.append("Downloading failed:")
    lines += ["  " + line for line in str(download_error).splitlines()]
    lines.append(
        "To fix it, download the files on a machine that has a network, from one of: "
        + ", ".join(dataset.mirrors)
    )
    lines.append("then do one of these:")
    lines.append(f"  - put them in {cache_folder(dataset.name)}")
    lines.append(
        f"  - or put them in a folder of your own, say /path/to/data/{dataset.name}, and set the"
        f" environment variable {DATA_DIR_VARIABLE}=/path/to/data"
        " (the files may also sit directly in /path/to/data)."
    )
    return "\n".join(lines)
