"""Download a file with a checksum, atomically, trying mirrors in order.

The file appears at its final path only once it is complete and its checksum matches:
we write to a temporary file in the same folder, flush it to disk, check it, and
rename it into place with ``os.replace`` (atomic on one file system). Whatever goes
wrong, the temporary file is deleted, so no partial file is ever left behind.

Standard library only (``urllib``), so ``file://`` URLs work too.
"""

import hashlib
import http.client
import os
import tempfile
import urllib.request
from pathlib import Path

CHUNK_SIZE = 1 << 20
DEFAULT_TIMEOUT = 30.0


class ChecksumError(ValueError):
    """A file whose checksum is not the expected one."""


class DownloadError(OSError):
    """No URL of a list gave the file (each one's reason is in the message)."""


def file_checksum(path, algorithm="md5"):
    """Hex digest of a file's bytes, e.g. ``file_checksum(p, "sha256")``."""
    digest = hashlib.new(algorithm)
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def download(url, path, *, md5=None, sha256=None, timeout=DEFAULT_TIMEOUT):
    """Download ``url`` to ``path``, atomically, checking its checksum first.

    Args:
        url: an ``http(s)://`` or ``file://`` URL.
        path: where the file goes; its folder is created if needed; an existing file is
            replaced only by a complete, verified download.
        md5, sha256: expected hex digests; give at least one (both are checked if given).
        timeout: seconds to wait for the connection and for each read (not for the
            whole download).

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        ChecksumError: the downloaded bytes do not have the expected checksum.
        OSError: the download failed (``urllib.error.URLError`` is one, and so is a timeout).
        http.client.HTTPException: the server broke off the transfer.
        ValueError: ``url`` is not a URL urllib knows.
    """
    expected = {name: value.lower() for name, value in (("md5", md5), ("sha256", sha256)) if value}
    if not expected:
        raise TypeError("download() needs an md5 or a sha256 checksum to verify the file")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    digests = {name: hashlib.new(name) for name in expected}
    temp = tempfile.NamedTemporaryFile(
        dir=path.parent, prefix=f".{path.name}.", suffix=".part", delete=False
    )
    try:
        with temp, urllib.request.urlopen(url, timeout=timeout) as response:
            while chunk := response.read(CHUNK_SIZE):
                temp.write(chunk)
                for digest in digests.values():
                    digest.update(chunk)
            temp.flush()
            os.fsync(temp.fileno())
        for name, value in expected.items():
            if digests[name].hexdigest() != value:
                raise ChecksumError(
                    f"{url}: {name} is {digests[name].hexdigest()}, expected {value}"
                )
        os.replace(temp.name, path)
    except BaseException:
        os.unlink(temp.name)
        raise
    return path


def download_from_mirrors(urls, path, *, md5=None, sha256=None, timeout=DEFAULT_TIMEOUT):
    """Try :func:`download` from each URL in order until one gives a verified file.

    A mirror that fails (no connection, an HTTP error, a timeout, a cut-off transfer, a
    malformed URL) or serves a file with the wrong checksum is skipped.

    Args:
        urls: the same file at several addresses, best first.
        path, md5, sha256, timeout: as for :func:`download`.

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        DownloadError: every URL failed; the message gives each URL's reason.
    """
    reasons = []
    for url in urls:
        try:
            return download(url, path, md5=md5, sha256=sha256, timeout=timeout)
        except (OSError, ValueError, http.client.HTTPException) as error:
            reasons.append(f"{url}: {error}")
    raise DownloadError(f"could not download {Path(path).name}:\n  " + "\n  ".join(reasons))
