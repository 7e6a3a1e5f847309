"""Keras's downloaded files (application weights, the ImageNet class index): where they
are cached, their published digests, and the error that says what to put where offline.

A file is looked for in ``$KERAS_HOME/models`` (else ``~/.keras/models``), as
``keras.utils.get_file(..., cache_subdir="models")`` keeps it. A file found there is
checked against the digest Keras publishes (md5, from ``keras/src/applications/*.py``);
a missing or mismatched file is downloaded (when online) and checked before it is used.
"""

import os
import urllib.request
from pathlib import Path

from course.data.download import ChecksumError, download, file_checksum

_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/"

# file name -> (URL, md5 published by Keras or None where Keras publishes none, size in bytes)
KNOWN_FILES = {
    "vgg16_weights_tf_dim_ordering_tf_kernels.h5":
        (_BASE + "vgg16/", "64373286793e3c8b2b4e3219cbf3544b", 553467096),
    "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5":
        (_BASE + "vgg16/", "6d6bbae143d832006294945121d1f1fc", 58889256),
    "vgg19_weights_tf_dim_ordering_tf_kernels.h5":
        (_BASE + "vgg19/", "cbe5617147190e668d6c5d5026f83318", 574710816),
    "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5":
        (_BASE + "vgg19/", "253f8cb515780f3b799900260a226db6", 80134624),
    "resnet50_weights_tf_dim_ordering_tf_kernels.h5":
        (_BASE + "resnet/", "2cb95161c43110f7111970584f804107", 102967424),
    "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5":
        (_BASE + "resnet/", "4d473c1dd8becc155b73f8504c6f6626", 94765736),
    "resnet50v2_weights_tf_dim_ordering_tf_kernels.h5":
        (_BASE + "resnet/", "3ef43a0b657b3be2300d5770ece849e0", 102869336),
    "resnet50v2_weights_tf_dim_ordering_tf_kernels_notop.h5":
        (_BASE + "resnet/", "fac2f116257151a9d068a22e544a4917", 94668760),
    "imagenet_class_index.json":
        ("https://storage.googleapis.com/download.tensorflow.org/data/",
         "c2c37ea517e94d9795004a39431a14cb", 35363),
}


def mobilenet_v2_file(alpha, rows, include_top):
    """Register and return the name of a MobileNetV2 weights file (Keras publishes no digest)."""
    name = (f"mobilenet_v2_weights_tf_dim_ordering_tf_kernels_{float(alpha)}_{rows}"
            f"{'' if include_top else '_no_top'}.h5")
    size = {(1.0, 224, True): 14536120, (1.0, 224, False): 9406464}.get(
        (float(alpha), rows, include_top))
    KNOWN_FILES.setdefault(name, (_BASE + "mobilenet_v2/", None, size))
    return name


def cache_dir():
    """``$KERAS_HOME/models``, else ``~/.keras/models``: where Keras keeps these files."""
    home = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    return Path(home) / "models"


def _fetch(url, path, md5):
    """Download ``url`` to ``path`` (checked against ``md5`` when there is one)."""
    if md5:
        return download(url, path, md5=md5)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.part")
    try:
        with urllib.request.urlopen(url, timeout=30) as response, open(part, "wb") as out:
            while chunk := response.read(1 << 20):
                out.write(chunk)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    return path


def _size_text(size):
    return "size unknown" if size is None else f"{size:,} bytes, about {size / 1e6:.0f} MB"


def get_file(name):
    """The path of Keras file ``name`` in the cache, checked; downloaded if missing.

    Raises:
        FileNotFoundError: the file is missing and cannot be downloaded (offline); the
            message names the file, its size, the folder to put it in and the URL.
        ChecksumError: the file's md5 is not Keras's (both digests are named).
    """
    base, md5, size = KNOWN_FILES[name]
    url, path = base + name, cache_dir() / name
    found = None
    if path.exists():
        found = file_checksum(path, "md5") if md5 else None
        if found == md5:
            return path
    try:
        return _fetch(url, path, md5)
    except ChecksumError as error:
        raise ChecksumError(f"{name}: the downloaded file does not match Keras's digest "
                            f"({error})") from None
    except OSError as error:
        if found is not None:
            raise ChecksumError(f"{path}: md5 is {found}, but Keras publishes {md5} for "
                                f"{name}; the file is corrupt or another version. Delete it "
                                f"or replace it with the file from {url}") from None
        raise FileNotFoundError(
            f"The weights file {name} ({_size_text(size)}) is not in {path.parent} and could "
            f"not be downloaded ({error}). Offline, copy it from a machine that has it (Keras "
            f"keeps it in ~/.keras/models) or download {url}, and put it in {path.parent} "
            f"(or set KERAS_HOME to the folder above a 'models' folder holding it).") from None


__all__ = ["ChecksumError", "KNOWN_FILES", "cache_dir", "get_file", "mobilenet_v2_file"]
