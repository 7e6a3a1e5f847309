"""Keras 3's learning-rate schedules over steps 0..STEPS-1.

Run with TensorFlow-Keras: ``tf/bin/python tests/keras_reference/make_losses_schedules.py``.
Writes ``losses_schedules.npz``: ``cases`` (JSON: class name and arguments), ``steps`` and,
per case, the learning rate at every step and the schedule's ``get_config()`` (JSON).
"""

import json
import sys
from pathlib import Path

import numpy as np
import keras

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from keras_reference import save  # noqa: E402

STEPS = 60
CASES = [
    ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 7, "decay_rate": 0.5}),
    ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 7, "decay_rate": 0.5,
                          "staircase": True}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 5, "decay_rate": 0.5}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 5, "decay_rate": 0.5,
                          "staircase": True}),
    ("PiecewiseConstantDecay", {"boundaries": [10, 25, 40], "values": [1.0, 0.5, 0.1, 0.01]}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 20}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 20,
                         "end_learning_rate": 0.01, "power": 2.0, "cycle": True}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 20, "power": 0.5}),
    ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 30}),
    ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 30, "alpha": 0.2}),
    ("CosineDecay", {"initial_learning_rate": 0.0, "decay_steps": 30, "alpha": 0.1,
                     "warmup_target": 0.1, "warmup_steps": 10}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 7}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 6,
                             "t_mul": 1.0, "m_mul": 0.5, "alpha": 0.1}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 9,
                             "t_mul": 1.5, "m_mul": 0.8, "alpha": 0.05}),
]


def main():
    steps = np.arange(STEPS)
    out = {"cases": np.array(json.dumps(CASES)), "steps": steps}
    for i, (cls, kwargs) in enumerate(CASES):
        schedule = getattr(keras.optimizers.schedules, cls)(**kwargs)
        out[f"{i}/lr"] = np.array([float(schedule(int(s))) for s in steps], np.float32)
        out[f"{i}/config"] = np.array(json.dumps(schedule.get_config()))
    save("losses_schedules", out)
    print(f"{len(CASES)} cases, keras {keras.__version__}")


if __name__ == "__main__":
    main()
