"""Trainable and non-trainable counts from a plain description of the layers: the numbers
``model.summary()`` prints, with frozen layers, a frozen model and batch normalization."""

from course import keras
from course.keras.models.param_counts import layer_specs, trainable_count


def _model():
    return keras.Sequential([keras.Input(shape=(8, 8, 1)), keras.layers.Conv2D(4, 3),
                             keras.layers.BatchNormalization(), keras.layers.Flatten(),
                             keras.layers.Dense(3)])


def _counts(model):
    trainable = int(sum(w.value.size for w in model.trainable_weights))
    return trainable, model.count_params() - trainable


def test_batch_norm_moving_statistics_are_never_trainable():
    model = _model()
    # conv 3*3*1*4 + 4 = 40; bn 4 + 4 trainable, 8 not; dense 144*3 + 3 = 435
    assert trainable_count(layer_specs(model)) == (40 + 8 + 435, 8) == _counts(model)


def test_frozen_layers_and_a_frozen_model():
    model = _model()
    model.layers[0].trainable = False
    model.layers[1].trainable = False
    assert trainable_count(layer_specs(model)) == (435, 40 + 16) == _counts(model)
    model.trainable = False
    assert trainable_count(layer_specs(model), model_trainable=False) == (0, 491)
    assert _counts(model) == (0, 491)


def test_summary_prints_the_same_numbers():
    model = _model()
    model.layers[0].trainable = False
    lines = []
    model.summary(print_fn=lines.append)
    trainable, frozen = trainable_count(layer_specs(model))
    assert f" Trainable params: {trainable:,} " in "\n".join(lines)
    assert f" Non-trainable params: {frozen:,} " in "\n".join(lines)


def test_a_nested_base_is_described_by_its_own_layers():
    base = _model()
    base.layers[0].trainable = False
    outer = keras.Sequential([base, keras.layers.Dense(2)])
    specs = layer_specs(outer)
    assert [s["name"] for s in specs] == [layer.name for layer in base.layers] + \
        [outer.layers[1].name]
    assert trainable_count(specs) == _counts(outer) == (8 + 435 + 8, 40 + 8)
    base.trainable = False
    assert trainable_count(layer_specs(outer)) == _counts(outer) == (8, 491)
