"""Learning-rate schedules against Keras 3 over a range of steps; configs; bad arguments;
a schedule inside an optimizer survives get_config/from_config."""

import json

import numpy as np
import pytest

from course.keras import optimizers
from course.keras.optimizers import schedules
from keras_reference import load

REF = load("losses_schedules")
CASES = json.loads(str(REF["cases"]))


@pytest.mark.parametrize("i", range(len(CASES)), ids=[f"{c[0]}{c[1]}" for c in CASES])
def test_schedule_values_and_config_match_keras(i):
    cls, kwargs = CASES[i]
    schedule = getattr(schedules, cls)(**kwargs)
    values = np.array([schedule(int(s)) for s in REF["steps"]], np.float32)
    np.testing.assert_allclose(values, REF[f"{i}/lr"], rtol=1e-5, atol=1e-7)
    config = json.loads(str(REF[f"{i}/config"]))
    assert schedule.get_config() == config
    again = schedules.deserialize(schedules.serialize(schedule))
    assert type(again) is type(schedule) and again.get_config() == config


def test_an_optimizer_keeps_its_schedule_through_its_config():
    opt = optimizers.Adam(schedules.CosineDecay(0.1, 30, warmup_target=0.2, warmup_steps=5))
    again = optimizers.Adam.from_config(opt.get_config())
    assert isinstance(again.learning_rate, schedules.CosineDecay)
    assert again.get_config() == opt.get_config()
    assert again.current_learning_rate() == pytest.approx(0.1)


def test_bad_arguments_get_clear_errors():
    with pytest.raises(ValueError, match="decay_steps` must be > 0.*decay_steps=0"):
        schedules.PolynomialDecay(0.1, 0)
    with pytest.raises(ValueError, match="first_decay_steps"):
        schedules.CosineDecayRestarts(0.1, -1)
    with pytest.raises(ValueError, match="boundaries should be 1 less.*length 2.*length 2"):
        schedules.PiecewiseConstantDecay([1, 2], [0.1, 0.2])
    with pytest.raises(ValueError, match="Unknown learning rate schedule 'Nope'"):
        schedules.deserialize({"class_name": "Nope", "config": {}})
