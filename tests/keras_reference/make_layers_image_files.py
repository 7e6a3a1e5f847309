"""Keras 3's ``image_dataset_from_directory`` on a small folder of PNG files: the order of
files and labels (unshuffled, and shuffled with a seed and split for validation) and the
images it loads, resized bilinear and nearest.

The PNGs are written from the seeded arrays saved here (``pixels_<class>_<i>``), so a test
rebuilds the same folder with Pillow (PNG is lossless). Run with TensorFlow-Keras:
``tf/bin/python tests/keras_reference/make_layers_image_files.py``.
"""

import os
import sys
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras_reference import save  # noqa: E402

CLASSES = {"cats": 5, "dogs": 4, "birds": 3}
rng = np.random.default_rng(5)
out = {}
root = tempfile.mkdtemp()
for name, count in CLASSES.items():
    os.makedirs(os.path.join(root, name))
    for i in range(count):
        pixels = rng.integers(0, 256, size=(6 + i, 9 - i, 3), dtype=np.uint8)
        out[f"pixels_{name}_{i}"] = pixels
        tf.io.write_file(os.path.join(root, name, f"img_{i}.png"), tf.io.encode_png(pixels))


def relative(paths):
    return np.array([os.path.relpath(p, root) for p in paths])


plain = keras.utils.image_dataset_from_directory(root, image_size=(5, 7), shuffle=False,
                                                 batch_size=32)
out["plain_paths"] = relative(plain.file_paths)
out["class_names"] = np.array(plain.class_names)
images, labels = next(iter(plain))
out["plain_images"], out["plain_labels"] = images.numpy(), labels.numpy()
nearest = keras.utils.image_dataset_from_directory(root, image_size=(5, 7), shuffle=False,
                                                   interpolation="nearest",
                                                   label_mode="categorical")
images, labels = next(iter(nearest))
out["nearest_images"], out["nearest_labels"] = images.numpy(), labels.numpy()
for subset in ("training", "validation"):
    split = keras.utils.image_dataset_from_directory(root, image_size=(5, 7), seed=42,
                                                     validation_split=0.3, subset=subset)
    out[f"{subset}_paths"] = relative(split.file_paths)
save("layers_image_files", out)
print(f"saved {len(out)} arrays")
