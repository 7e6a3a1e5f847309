"""Find one published file (any format) of a dataset on this machine, or download it.

The folders are those of :mod:`course.data.cache` (the caller's, ``$COURSE_DATA_DIR/<name>/``,
``$COURSE_DATA_DIR/``, the user cache ``~/.cache/course/datasets/<name>/``, the dataset's
system folders). A copy is used only when its sha256 (or md5) is the published one; a copy
that is not is reported with a warning and skipped. A file found nowhere is downloaded into
the user cache; offline, :class:`~course.data.cache.DatasetNotFoundError` names the file,
its digest, the folders searched and where to put it.
"""

import warnings
from dataclasses import dataclass
from pathlib import Path

from course.data.cache import (DATA_DIR_VARIABLE, DatasetNotFoundError, cache_folder, logger,
                               search_folders)
from course.data.download import DownloadError, download_from_mirrors, file_checksum


@dataclass(frozen=True)
class PublishedFile:
    """A file as its publisher serves it: its name and its sha256 (or md5) digest."""

    name: str
    sha256: str | None = None
    md5: str | None = None

    def digest(self):
        """``("sha256", hex)`` or ``("md5", hex)``: the digest a copy must have."""
        return ("sha256", self.sha256) if self.sha256 else ("md5", self.md5)


def find_published(dataset, file, first_folders=(), verbose=False):
    """The path of a verified copy of ``file`` (a :class:`PublishedFile`) of ``dataset``
    (a :class:`course.data.cache.Dataset`: its name, mirrors and system folders)."""
    folders = search_folders(dataset, first_folders)
    algorithm, expected = file.digest()
    for folder in folders:
        path = folder / file.name
        if not path.is_file():
            continue
        actual = file_checksum(path, algorithm)
        if actual == expected:
            _report(dataset, path, verbose)
            return path
        warnings.warn(f"skipping {path}: not the published {file.name}: its {algorithm} is "
                      f"{actual}, expected {expected}")
    cache = cache_folder(dataset.name)
    print(f"Downloading {file.name} into {cache}")
    try:
        path = download_from_mirrors([m + file.name for m in dataset.mirrors], cache / file.name,
                                     **{algorithm: expected})
    except DownloadError as error:
        raise DatasetNotFoundError(_not_found(dataset, file, folders, error)) from None
    _report(dataset, path, verbose)
    return Path(path)


def _report(dataset, path, verbose):
    line = f"{dataset.name}: {Path(path).name} read from {Path(path).parent}"
    logger.info(line)
    if verbose:
        print(line)


def _not_found(dataset, file, folders, error):
    algorithm, expected = file.digest()
    lines = [f"Could not find or download {file.name} of the {dataset.name} dataset "
             f"({algorithm} {expected}).", "Searched these folders, in order:"]
    lines += [f"  {folder}" + ("" if folder.is_dir() else "  (does not exist)")
              for folder in folders]
    lines.append("Downloading failed:")
    lines += ["  " + line for line in str(error).splitlines()]
    lines.append(f"To fix it, download {file.name} on a machine that has a network, from one "
                 f"of: {', '.join(m + file.name for m in dataset.mirrors)}, then put it in "
                 f"{cache_folder(dataset.name)}, or in /path/to/data/{dataset.name}/ and set "
                 f"{DATA_DIR_VARIABLE}=/path/to/data.")
    return "\n".join(lines)
