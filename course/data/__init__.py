"""Data: IDX files, checksummed downloads, the dataset cache, minibatches.

- :mod:`course.data.idx`: read and write IDX files (MNIST's format), plain or gzip;
- :mod:`course.data.download`: download atomically, verify a checksum, try mirrors;
- :mod:`course.data.cache`: find a dataset's files on this machine or download them;
- :mod:`course.ops.minibatch`: seeded minibatch indices for a training loop.

The datasets themselves are in :mod:`course.keras.datasets` (``mnist.load_data()``).
"""

from course.ops.minibatch import minibatch_indices
from course.data.cache import DatasetNotFoundError, load_dataset
from course.data.download import ChecksumError, DownloadError, download, download_from_mirrors
from course.data.idx import IDXFormatError, read_idx, write_idx

__all__ = [
    "ChecksumError",
    "DatasetNotFoundError",
    "DownloadError",
    "IDXFormatError",
    "download",
    "download_from_mirrors",
    "load_dataset",
    "minibatch_indices",
    "read_idx",
    "write_idx",
]
