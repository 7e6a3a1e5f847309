"""Five steps of every Keras 3 optimizer on two variables and a given gradient sequence.

Run with TensorFlow-Keras: ``tf/bin/python tests/keras_reference/make_losses_optimizers.py``.
Writes ``losses_optimizers.npz``: ``cases`` (JSON: class name and arguments; a learning
rate given as ``{"class_name": ..., "config": ...}`` is a schedule), the float32 starting
values ``w0``, ``b0``, the gradients ``gw``, ``gb`` (5 steps each) and, per case, the
variables after each step.
"""

import json
import sys
from pathlib import Path

import numpy as np
import keras

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from keras_reference import save  # noqa: E402

STEPS = 5
CASES = [
    ("SGD", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("SGD", {"learning_rate": 0.1, "gradient_accumulation_steps": 2}),
    ("Adam", {"learning_rate": 0.01, "clipnorm": 1.0}),
    ("Adam", {"learning_rate": 0.01, "global_clipnorm": 0.5}),
    ("Adam", {"learning_rate": 0.01, "loss_scale_factor": 4.0}),
    ("Adam", {"learning_rate": 0.05, "use_ema": True, "ema_momentum": 0.9,
              "ema_overwrite_frequency": 3}),
    ("Adam", {"learning_rate": {"class_name": "ExponentialDecay", "config": {
        "initial_learning_rate": 0.01, "decay_steps": 2, "decay_rate": 0.5}}}),
    ("RMSprop", {"learning_rate": 0.01, "clipvalue": 0.1}),
    ("RMSprop", {"learning_rate": 0.01, "momentum": 0.9}),
    ("RMSprop", {"learning_rate": 0.01, "momentum": 0.5, "centered": True, "rho": 0.8}),
    ("Adam", {"learning_rate": 0.01, "amsgrad": True}),
    ("AdamW", {"learning_rate": 0.01, "amsgrad": True, "beta_2": 0.9}),
    ("Adagrad", {"learning_rate": 0.05, "weight_decay": 0.1}),
    ("Nadam", {}),
    ("Nadam", {"learning_rate": 0.01, "beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-5}),
    ("Adamax", {}),
    ("Adamax", {"learning_rate": 0.01, "beta_1": 0.8, "weight_decay": 0.05}),
    ("AdamW", {}),
    ("AdamW", {"learning_rate": 0.01, "weight_decay": 0.1}),
    ("Adadelta", {}),
    ("Adadelta", {"learning_rate": 1.0, "rho": 0.9, "epsilon": 1e-6}),
    ("Lion", {}),
    ("Lion", {"learning_rate": 0.01, "beta_1": 0.95, "beta_2": 0.98, "weight_decay": 0.1}),
]


def build(cls, kwargs):
    kwargs = dict(kwargs)
    lr = kwargs.get("learning_rate")
    if isinstance(lr, dict):
        kwargs["learning_rate"] = getattr(keras.optimizers.schedules, lr["class_name"])(
            **lr["config"])
    return getattr(keras.optimizers, cls)(**kwargs)


def main():
    rng = np.random.default_rng(20261205)
    w0 = rng.standard_normal((3, 4)).astype(np.float32)
    b0 = rng.standard_normal(4).astype(np.float32)
    gw = rng.standard_normal((STEPS, 3, 4)).astype(np.float32)
    gb = rng.standard_normal((STEPS, 4)).astype(np.float32)
    out = {"cases": np.array(json.dumps(CASES)), "w0": w0, "b0": b0, "gw": gw, "gb": gb}
    for i, (cls, kwargs) in enumerate(CASES):
        opt = build(cls, kwargs)
        w, b = keras.Variable(w0), keras.Variable(b0)
        ws, bs = [], []
        for step in range(STEPS):
            opt.apply([gw[step], gb[step]], [w, b])
            ws.append(w.numpy())
            bs.append(b.numpy())
        out[f"{i}/w"], out[f"{i}/b"] = np.stack(ws), np.stack(bs)
    save("losses_optimizers", out)
    print(f"{len(CASES)} cases, keras {keras.__version__}")


if __name__ == "__main__":
    main()
