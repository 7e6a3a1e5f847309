"""Keras 3 outputs of the deterministic preprocessing layers: Rescaling, Normalization,
Resizing, CenterCrop, CategoryEncoding, Discretization, StringLookup and IntegerLookup.

Run with TensorFlow-Keras: ``tf/bin/python tests/keras_reference/make_layers_preprocessing.py``.
"""

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras_reference import save  # noqa: E402

rng = np.random.default_rng(11)
images = rng.uniform(0, 255, size=(2, 6, 9, 3)).astype("float32")
features = rng.normal(3.0, 2.0, size=(20, 4)).astype("float32")
out = {"images": images, "features": features}
L = keras.layers


def np_(t):
    return keras.ops.convert_to_numpy(t)


out["rescaling"] = np_(L.Rescaling(1 / 127.5, offset=-1)(images))
norm = L.Normalization()
norm.adapt(features)
out["norm_adapt"] = np_(norm(features))
out["norm_adapt_mean"], out["norm_adapt_var"] = np_(norm.mean), np_(norm.variance)
norm_img = L.Normalization(axis=-1)
norm_img.adapt(images)
out["norm_images"] = np_(norm_img(images))
norm_none = L.Normalization(axis=None)
norm_none.adapt(features)
out["norm_axis_none"] = np_(norm_none(features))
out["norm_given"] = np_(L.Normalization(mean=[1.0, 2, 3, 4], variance=[4.0, 1, 9, 2])(features))
out["norm_invert"] = np_(L.Normalization(mean=[1.0, 2, 3, 4], variance=[4.0, 1, 9, 2],
                                         invert=True)(features))
for name, (h, w) in {"down": (4, 5), "up": (9, 13), "mixed": (3, 14)}.items():
    for interp in ("bilinear", "nearest"):
        out[f"resize_{name}_{interp}"] = np_(L.Resizing(h, w, interpolation=interp)(images))
out["resize_crop"] = np_(L.Resizing(5, 5, crop_to_aspect_ratio=True)(images))
out["resize_crop_tall"] = np_(L.Resizing(8, 3, crop_to_aspect_ratio=True)(images))
out["center_crop"] = np_(L.CenterCrop(4, 5)(images))
out["center_crop_up"] = np_(L.CenterCrop(8, 8)(images))
tokens = np.array([[0, 1, 3], [2, 2, 4]])
out["tokens"] = tokens
for mode in ("multi_hot", "count"):
    out[f"category_{mode}"] = np_(L.CategoryEncoding(num_tokens=6, output_mode=mode)(tokens))
out["category_one_hot"] = np_(L.CategoryEncoding(num_tokens=6, output_mode="one_hot")(
    np.array([3, 0, 5])))
values = rng.normal(size=(5, 3)).astype("float32")
out["values"] = values
out["discretize_bounds"] = np_(L.Discretization(bin_boundaries=[-1.0, 0.0, 0.5])(values))
disc = L.Discretization(num_bins=4)
disc.adapt(features)
out["discretize_adapt"] = np_(disc(features))
out["discretize_adapt_bounds"] = np.array(disc.bin_boundaries, dtype="float32")

vocab = ["a", "b", "c", "d"]
words = np.array([["a", "c", "z"], ["d", "", "b"]])
out["words"] = words
out["string_int"] = np_(L.StringLookup(vocabulary=vocab)(words))
out["string_mask"] = np_(L.StringLookup(vocabulary=vocab, mask_token="")(words))
out["string_multi_hot"] = np_(L.StringLookup(vocabulary=vocab, output_mode="multi_hot")(words))
out["string_one_hot"] = np_(L.StringLookup(vocabulary=vocab, output_mode="one_hot")(
    np.array(["b", "q", "d"])))
out["string_count"] = np_(L.StringLookup(vocabulary=vocab, output_mode="count")(words))
inv = L.StringLookup(vocabulary=vocab, invert=True)
out["string_invert"] = np_(inv(np.array([[1, 4, 0], [2, 3, 3]]))).astype(str)
corpus = np.array(["the", "cat", "the", "dog", "a", "cat", "the", "bird"])
adapted = L.StringLookup()
adapted.adapt(corpus)
out["string_adapt_vocab"] = np.array(adapted.get_vocabulary())
out["string_adapt_size"] = np.array(adapted.vocabulary_size())
limited = L.StringLookup(max_tokens=4)
limited.adapt(corpus)
out["string_adapt_limited_vocab"] = np.array(limited.get_vocabulary())

ints = np.array([[12, 7, 99], [3, 0, 12]])
out["ints"] = ints
out["integer_int"] = np_(L.IntegerLookup(vocabulary=[12, 3, 7])(ints))
out["integer_mask"] = np_(L.IntegerLookup(vocabulary=[12, 3, 7], mask_token=0)(ints))
out["integer_multi_hot"] = np_(L.IntegerLookup(vocabulary=[12, 3, 7],
                                               output_mode="multi_hot")(ints))
iadapt = L.IntegerLookup()
iadapt.adapt(np.array([5, 5, 9, 1, 9, 9, 2]))
out["integer_adapt_vocab"] = np.array(iadapt.get_vocabulary())
out["integer_invert"] = np_(L.IntegerLookup(vocabulary=[12, 3, 7], invert=True)(
    np.array([0, 1, 3])))
save("layers_preprocessing", out)
print(f"saved {len(out)} arrays")
