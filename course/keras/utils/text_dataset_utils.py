"""``text_dataset_from_directory``: a folder of class subfolders of ``.txt`` files as a
``Dataset`` of ``(texts, labels)`` batches, the texts as bytes strings as Keras gives them
(see :mod:`.directory_dataset`)."""

import functools

import numpy as np

from course.keras.utils.directory_dataset import files_dataset


def load_text(path, max_length):
    """A file's bytes (the first ``max_length`` of them when given), as a bytes scalar."""
    with open(path, "rb") as f:
        content = f.read()
    return np.array(content if max_length is None else content[:max_length], dtype=bytes)


def text_dataset_from_directory(directory, labels="inferred", label_mode="int",
                                class_names=None, batch_size=32, max_length=None,
                                shuffle=True, seed=None, validation_split=None, subset=None,
                                follow_links=False, **kwargs):
    """A ``Dataset`` of text batches from ``directory/<class>/<file>.txt``, as Keras's
    (aclImdb's layout: ``train/pos``, ``train/neg``); ``class_names`` and ``file_paths``
    as attributes; labels and splits as :func:`image_dataset_from_directory`."""
    if kwargs:
        raise TypeError(f"text_dataset_from_directory: unknown arguments {sorted(kwargs)}")
    load = functools.partial(load_text, max_length=max_length)
    return files_dataset(directory, load, (".txt",), "text files", labels, label_mode,
                         class_names, batch_size, shuffle, seed, validation_split, subset,
                         follow_links)
