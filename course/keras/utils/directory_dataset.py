"""A folder of class subfolders of files as a ``Dataset`` of batches, as Keras builds it
for ``image_dataset_from_directory`` and ``text_dataset_from_directory``.

Keras lists the files (classes are the sorted subfolder names, files sorted within each
class), shuffles the list with ``np.random.RandomState(seed)``, keeps the last
``int(validation_split * n)`` files for validation, and returns
``Dataset.from_tensor_slices((paths, labels))``, shuffled again each epoch with a buffer of
``8 * batch_size`` (the training part only), mapped through the file loader and batched;
``class_names`` and ``file_paths`` are attributes of the returned dataset.
"""

import os

import numpy as np

from course.data.pipeline import Dataset


def index_directory(directory, labels="inferred", class_names=None, follow_links=False,
                    formats=None):
    """``(file_paths, labels, class_names)`` as Keras lists them: classes are the sorted
    subfolder names (or ``class_names``), files sorted within each class, classes in order;
    only names ending in one of ``formats`` (lower-case, e.g. ``(".png", ".jpg")``)."""
    if not os.path.isdir(directory):
        raise FileNotFoundError(f"Could not find directory {directory}")
    if labels != "inferred":
        subdirs = [""]
    else:
        subdirs = sorted(d for d in os.listdir(directory)
                         if os.path.isdir(os.path.join(directory, d)))
        if class_names is not None:
            if sorted(class_names) != sorted(set(class_names)) or \
                    not set(class_names) <= set(subdirs):
                raise ValueError(f"The `class_names` passed did not match the names of the "
                                 f"subdirectories of the target directory. Expected: "
                                 f"{subdirs}, but received: {class_names}")
            subdirs = list(class_names)
    paths, indices = [], []
    for index, sub in enumerate(subdirs):
        root = os.path.join(directory, sub)
        for folder, _, files in sorted(os.walk(root, followlinks=follow_links)):
            for name in sorted(files):
                if formats is None or name.lower().endswith(formats):
                    paths.append(os.path.join(folder, name))
                    indices.append(index)
    return paths, np.array(indices, dtype="int32"), subdirs if labels == "inferred" else None


def check_split(label_mode, validation_split, subset):
    if label_mode not in ("int", "categorical", "binary", None):
        raise ValueError(f'`label_mode` argument must be one of "int", "categorical", '
                         f'"binary", or None. Received: label_mode={label_mode!r}')
    if subset not in (None, "training", "validation", "both") or (
            (subset is None) != (validation_split is None)):
        raise ValueError(f"`validation_split` and `subset` go together; subset must be "
                         f'"training", "validation" or "both". Received: subset={subset!r}, '
                         f"validation_split={validation_split}")


def files_dataset(directory, load, formats, kind, labels, label_mode, class_names,
                  batch_size, shuffle, seed, validation_split, subset, follow_links):
    """The Dataset (or, for ``subset="both"``, the pair) of ``(load(path), label)``
    batches; ``kind`` ("images", "text files") is named when the folder holds none."""
    check_split(label_mode, validation_split, subset)
    if shuffle and seed is None:
        seed = np.random.randint(1e6)
    paths, inferred, names = index_directory(directory, labels, class_names, follow_links,
                                             formats)
    if labels not in ("inferred", None):
        inferred = np.asarray(labels)
        if len(inferred) != len(paths):
            raise ValueError(f"Expected the lengths of `labels` to match the number of files "
                             f"in the target directory. len(labels) is {len(inferred)} while "
                             f"we found {len(paths)} files in directory {directory}.")
    if not paths:
        raise ValueError(f"No {kind} found in directory {directory}. Allowed formats: "
                         f"{formats}")
    print(f"Found {len(paths)} files" + (f" belonging to {len(names)} classes." if names
                                          else "."))
    if shuffle:
        np.random.RandomState(seed).shuffle(paths)
        np.random.RandomState(seed).shuffle(inferred)
    num_classes = len(names) if names else int(inferred.max()) + 1
    if label_mode == "binary" and num_classes != 2:
        raise ValueError(f'When passing `label_mode="binary"`, there must be exactly 2 '
                         f"class_names. Received: class_names={names}")
    targets = {"int": inferred.astype("int32"),
               "categorical": np.eye(num_classes, dtype="float32")[inferred],
               "binary": inferred.astype("float32").reshape(-1, 1),
               None: None}[label_mode if labels is not None else None]

    def load_element(path, *label):
        path = os.fsdecode(np.asarray(path).item())  # a bytes scalar, as tf.data has it
        return (load(path),) + label if label else load(path)

    def dataset(rows, shuffled):
        files = [paths[i] for i in rows]
        if targets is None:
            ds = Dataset.from_tensor_slices(np.array(files))
        else:
            ds = Dataset.from_tensor_slices((np.array(files), targets[rows]))
        if shuffled:
            ds = ds.shuffle(8 * batch_size if batch_size else 1024, seed=seed)
        ds = ds.map(load_element)
        ds = ds.batch(batch_size) if batch_size is not None else ds
        ds.class_names, ds.file_paths = names, files
        return ds

    everything = np.arange(len(paths))
    if validation_split is None:
        return dataset(everything, shuffle)
    num_val = int(validation_split * len(paths))
    training, validation = everything[:len(paths) - num_val], everything[len(paths) - num_val:]
    if subset in ("training", "both"):
        print(f"Using {len(training)} files for training.")
    if subset in ("validation", "both"):
        print(f"Using {len(validation)} files for validation.")
    if subset == "both":
        return dataset(training, shuffle), dataset(validation, False)
    return dataset(training if subset == "training" else validation, shuffle)
