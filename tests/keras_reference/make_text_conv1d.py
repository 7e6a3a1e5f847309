"""Keras 3 outputs of Conv1D and the 1-D pooling layers, for tests/test_keras_conv1d.py.

Run under TensorFlow-Keras: ``/path/to/tf/bin/python tests/keras_reference/make_text_conv1d.py``.
"""

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from keras_reference import save  # noqa: E402

rng = np.random.default_rng(1)
x = rng.standard_normal((3, 11, 4)).astype("float32")
arrays = {"x": x}

CONV = [  # name, kwargs
    ("valid", dict(kernel_size=3)),
    ("same", dict(kernel_size=4, padding="same")),
    ("causal", dict(kernel_size=3, padding="causal")),
    ("causal_dilated", dict(kernel_size=3, padding="causal", dilation_rate=2)),
    ("strided_same", dict(kernel_size=3, strides=2, padding="same")),
    ("strided_valid", dict(kernel_size=2, strides=3)),
    ("dilated_same", dict(kernel_size=2, dilation_rate=3, padding="same")),
    ("causal_strided", dict(kernel_size=4, strides=2, padding="causal")),
]
for name, kwargs in CONV:
    layer = keras.layers.Conv1D(5, activation="relu", **kwargs)
    layer.build(x.shape)
    kernel = rng.standard_normal(layer.kernel.shape).astype("float32")
    bias = rng.standard_normal(5).astype("float32")
    layer.set_weights([kernel, bias])
    arrays[f"conv_{name}_kernel"] = kernel
    arrays[f"conv_{name}_bias"] = bias
    arrays[f"conv_{name}_out"] = np.asarray(layer(x))

POOL = [  # name, pool_size, strides, padding
    ("2", 2, None, "valid"),
    ("3_same", 3, None, "same"),
    ("3_2", 3, 2, "valid"),
    ("3_2_same", 3, 2, "same"),
    ("4_1_same", 4, 1, "same"),
]
for name, pool, strides, padding in POOL:
    for kind, cls in (("max", keras.layers.MaxPooling1D), ("avg", keras.layers.AveragePooling1D)):
        layer = cls(pool_size=pool, strides=strides, padding=padding)
        arrays[f"{kind}pool_{name}"] = np.asarray(layer(x))

mask = np.ones((3, 11), dtype=bool)
mask[0, 7:] = False
mask[1, :2] = False
mask[2, ::3] = False
arrays["mask"] = mask
arrays["gap"] = np.asarray(keras.layers.GlobalAveragePooling1D()(x))
arrays["gap_masked"] = np.asarray(keras.layers.GlobalAveragePooling1D()(x, mask=mask))
arrays["gap_keepdims"] = np.asarray(keras.layers.GlobalAveragePooling1D(keepdims=True)(x))
arrays["gmp"] = np.asarray(keras.layers.GlobalMaxPooling1D()(x))

# through an Embedding(mask_zero=True): the mask Keras builds from the zero ids
ids = np.array([[3, 1, 4, 0, 0], [5, 9, 2, 6, 5], [0, 0, 0, 7, 1]])
inputs = keras.Input((5,), dtype="int32")
emb = keras.layers.Embedding(10, 4, mask_zero=True)
out = keras.layers.GlobalAveragePooling1D()(emb(inputs))
model = keras.Model(inputs, out)
arrays["embedding_table"] = np.asarray(emb.get_weights()[0])
arrays["embedding_ids"] = ids
arrays["embedding_gap"] = np.asarray(model(ids))

save("text_conv1d", arrays)
print("wrote", len(arrays), "arrays")
