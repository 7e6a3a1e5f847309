"""Keras's numbers for fine-tuning a pretrained base: trainable and non-trainable counts
when the nested base is frozen and unfrozen, and the weights after one SGD step of each
phase (the base called with ``training=False``, so its batch norms stay in inference mode).

Run under TensorFlow-Keras: /work/venvs/tf/bin/python make_applications_finetune.py
"""

import os
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import keras  # noqa: E402

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from __init__ import save  # noqa: E402
from seeded_weights import set_seeded_weights  # noqa: E402


def counts(model):
    return [sum(int(np.prod(w.shape)) for w in model.trainable_weights),
            sum(int(np.prod(w.shape)) for w in model.non_trainable_weights)]


def main():
    rng = np.random.default_rng(1)
    images = rng.uniform(-1, 1, (4, 32, 32, 3)).astype(np.float32)
    labels = np.eye(3, dtype=np.float32)[[0, 1, 2, 1]]
    base = keras.applications.MobileNetV2(alpha=0.35, weights=None, include_top=False,
                                          input_shape=(32, 32, 3))
    inputs = keras.Input((32, 32, 3))
    x = base(inputs, training=False)
    x = keras.layers.GlobalAveragePooling2D()(x)
    outputs = keras.layers.Dense(3, activation="softmax", name="head")(x)
    model = keras.Model(inputs, outputs)
    set_seeded_weights(model)  # the nested base's layers too
    arrays = {"images": images, "labels": labels, "counts_open": counts(model)}
    arrays["output_training"] = model(images, training=True).numpy()
    base.trainable = False
    arrays["counts_frozen"] = counts(model)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="categorical_crossentropy")
    model.fit(images, labels, batch_size=4, epochs=1, shuffle=False, verbose=0)
    arrays["head_kernel_after_frozen_step"] = model.get_layer("head").kernel.numpy()
    arrays["moving_mean_after_frozen_step"] = base.get_layer("bn_Conv1").moving_mean.numpy()
    base.trainable = True
    arrays["counts_unfrozen"] = counts(model)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="categorical_crossentropy")
    model.fit(images, labels, batch_size=4, epochs=1, shuffle=False, verbose=0)
    arrays["conv1_kernel_after_unfrozen_step"] = base.get_layer("Conv1").kernel.numpy()
    arrays["depthwise_after_unfrozen_step"] = base.get_layer(
        "block_1_depthwise").kernel.numpy()
    arrays["moving_mean_after_unfrozen_step"] = base.get_layer("bn_Conv1").moving_mean.numpy()
    summary = []
    model.summary(print_fn=lambda line, **kwargs: summary.append(line))
    arrays["summary_totals"] = np.array([s for s in summary if "params" in s])
    print(arrays["counts_open"], arrays["counts_frozen"], arrays["summary_totals"])
    save("applications_finetune", arrays)


if __name__ == "__main__":
    main()
