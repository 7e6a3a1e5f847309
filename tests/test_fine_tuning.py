"""Fine-tuning as in Keras 3 (checked against Keras's numbers): freezing a nested base
model, a frozen BatchNormalization in inference mode, ``base(x, training=False)`` (which
Keras 3 applies only when the model runs without a training value),
recompiling after unfreezing, the summary's counts, and the tutorial's legacy arguments."""

import numpy as np
import pytest

from keras_reference import load
from keras_reference.seeded_weights import set_seeded_weights

from course import keras
from course.keras.preprocessing.image import ImageDataGenerator

REF = load("applications_finetune")


def _counts(model):
    return [sum(w.value.size for w in model.trainable_weights),
            sum(w.value.size for w in model.non_trainable_weights)]


def _model():
    base = keras.applications.MobileNetV2(alpha=0.35, weights=None, include_top=False,
                                          input_shape=(32, 32, 3))
    inputs = keras.Input((32, 32, 3))
    x = base(inputs, training=False)
    x = keras.layers.GlobalAveragePooling2D()(x)
    outputs = keras.layers.Dense(3, activation="softmax", name="head")(x)
    model = keras.Model(inputs, outputs)
    set_seeded_weights(model)  # the nested base's layers too
    return base, model


def test_freeze_train_unfreeze_recompile_matches_keras():
    base, model = _model()
    images, labels = REF["images"], REF["labels"]
    assert _counts(model) == list(REF["counts_open"])
    # Keras 3: the model's own training=True replaces the training=False the base was called
    # with in the graph (keras-team/keras#20285); only model(x) keeps it
    # (batch statistics of 4 images on 1x1 maps in the last blocks: float32 rounding shows)
    np.testing.assert_allclose(model(images, training=True), REF["output_training"],
                               rtol=2e-3, atol=1e-5)
    base.trainable = False
    assert _counts(model) == list(REF["counts_frozen"])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="categorical_crossentropy")
    model.fit(images, labels, batch_size=4, epochs=1, shuffle=False, verbose=0)
    np.testing.assert_allclose(model.get_layer("head").kernel.value,
                               REF["head_kernel_after_frozen_step"], rtol=1e-4, atol=1e-6)
    np.testing.assert_array_equal(base.get_layer("bn_Conv1").moving_mean.value,
                                  REF["moving_mean_after_frozen_step"])
    base.trainable = True
    assert _counts(model) == list(REF["counts_unfrozen"])
    before = {name: base.get_layer(name).kernel.value.copy()
              for name in ("Conv1", "block_1_depthwise")}
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="categorical_crossentropy")
    model.fit(images, labels, batch_size=4, epochs=1, shuffle=False, verbose=0)
    # the step's change of the base's kernels (through batch norms on batch statistics of 4
    # images, an ill-conditioned gradient: compared to 1% of its largest entry)
    for layer, key in (("Conv1", "conv1_kernel_after_unfrozen_step"),
                       ("block_1_depthwise", "depthwise_after_unfrozen_step")):
        step, keras_step = base.get_layer(layer).kernel.value - before[layer], REF[key] - before[layer]
        np.testing.assert_allclose(step, keras_step, rtol=0, atol=1e-2 * np.abs(keras_step).max())
    # unfrozen, the base's batch norms train under fit (as in Keras 3.15): the moving
    # statistics moved as Keras's did
    np.testing.assert_allclose(base.get_layer("bn_Conv1").moving_mean.value,
                               REF["moving_mean_after_unfrozen_step"], rtol=1e-4, atol=1e-6)


def test_training_false_in_the_graph_applies_when_the_model_gets_no_training_value():
    base, model = _model()
    images = REF["images"]
    inference = model(images, training=False)
    np.testing.assert_array_equal(model(images), inference)
    assert not np.allclose(model(images, training=True), inference, atol=1e-3)


def test_training_in_the_graph_is_kept_by_config_and_saving(tmp_path):
    """Keras 3 writes a call's ``training`` in its node's ``kwargs``. Rebuilt from the config
    or from a ``.keras`` file, a layer called with ``training=True`` (Monte Carlo dropout)
    still runs in training when the model gets no training value, and not under predict."""
    base, model = _model()
    (entry,) = [e for e in model.get_config()["layers"] if e["name"] == base.name]
    assert entry["inbound_nodes"][0]["kwargs"] == {"training": False}
    (head,) = [e for e in model.get_config()["layers"] if e["name"] == "head"]
    assert head["inbound_nodes"][0]["kwargs"] == {}
    inputs = keras.Input((64,))
    outputs = keras.layers.Dropout(0.5, seed=0)(inputs, training=True)
    mc = keras.Model(inputs, outputs)
    ones = np.ones((2, 64), np.float32)
    mc.save(tmp_path / "mc.keras")
    for made in (mc, keras.Model.from_config(mc.get_config()),
                 keras.models.load_model(tmp_path / "mc.keras")):
        dropped = made(ones)
        assert set(np.unique(dropped)) == {0.0, 2.0}
        np.testing.assert_array_equal(made.predict(ones, verbose=0), ones)


def test_fit_does_not_differentiate_a_frozen_base(monkeypatch):
    """Under a new head, a frozen base costs its forward pass alone; unfrozen, it is
    differentiated again (and a tape asking for its weights' gradients gets them)."""
    base, model = _model()
    base.trainable = False
    calls = []
    real_backward = type(base).backward
    monkeypatch.setattr(type(base), "backward",
                        lambda self, *a, **k: calls.append(self.name) or real_backward(self, *a, **k))
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="categorical_crossentropy")
    model.fit(REF["images"], REF["labels"], batch_size=4, epochs=1, verbose=0)
    assert base.name not in calls
    _, grads = model.backward(np.ones((4, 3), np.float32),
                              model.forward(REF["images"], training=True)[1], need_dx=True)
    kernel = base.get_layer("Conv1").kernel  # need_dx: everything below is differentiated
    assert [g for w, g in zip(model.weights, grads) if w is kernel][0] is not None
    base.trainable = True
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="categorical_crossentropy")
    model.fit(REF["images"], REF["labels"], batch_size=4, epochs=1, verbose=0)
    assert base.name in calls


def test_summary_counts_match_keras():
    base, model = _model()
    lines = []
    model.summary(print_fn=lines.append)
    keras_lines = str(REF["summary_totals"][0]).splitlines()
    # (Keras's total also counts a compiled optimizer's 2 variables: this model is not compiled)
    for label in (" Trainable params:", " Non-trainable params:"):
        ours = [line for line in lines if line.startswith(label)]
        theirs = [line for line in keras_lines if line.startswith(label)]
        assert ours == theirs


def test_frozen_batch_normalization_runs_in_inference_mode():
    bn = keras.layers.BatchNormalization()
    x = np.random.default_rng(0).normal(3, 2, (16, 4)).astype(np.float32)
    bn(x)
    bn.trainable = False
    assert bn.trainable_weights == [] and len(bn.non_trainable_weights) == 4
    out, _ = bn.forward(x, training=True)
    np.testing.assert_allclose(out, x / np.sqrt(1 + bn.epsilon), rtol=1e-6)
    assert np.all(bn.moving_mean.value == 0)


def test_frozen_layer_keeps_its_weights_while_the_rest_trains():
    model = keras.Sequential([keras.layers.Dense(4, activation="relu", input_shape=(3,)),
                              keras.layers.Dense(2, activation="softmax")])
    model.layers[0].trainable = False
    before = model.layers[0].get_weights()
    head = model.layers[1].get_weights()
    x = np.random.default_rng(0).standard_normal((32, 3)).astype(np.float32)
    model.compile("adam", "sparse_categorical_crossentropy")
    model.fit(x, (x[:, 0] > 0).astype(int), epochs=2, verbose=0)
    assert all(np.array_equal(a, b) for a, b in zip(before, model.layers[0].get_weights()))
    assert not np.array_equal(head[0], model.layers[1].get_weights()[0])


def test_legacy_lr_and_float_steps_per_epoch():
    with pytest.warns(DeprecationWarning, match="use `learning_rate`"):
        adam = keras.optimizers.Adam(lr=0.01)
    assert adam.learning_rate == 0.01
    x = np.random.default_rng(0).standard_normal((70, 4, 4, 1)).astype(np.float32)
    y = np.eye(2, dtype=np.float32)[np.arange(70) % 2]
    model = keras.Sequential([keras.layers.Flatten(input_shape=(4, 4, 1)),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(adam, "categorical_crossentropy")
    batches = []
    model.fit(ImageDataGenerator().flow(x, y, batch_size=32), steps_per_epoch=len(x) / 32,
              epochs=2, verbose=0,
              callbacks=[keras.callbacks.LambdaCallback(
                  on_train_batch_end=lambda batch, logs: batches.append(batch))])
    assert batches == [0, 1, 2, 0, 1, 2]  # 70 / 32 = 2.19 steps, rounded up to 3
    for bad in (0, -1.5, float("nan"), "3"):
        with pytest.raises(ValueError, match="steps_per_epoch must be None or a positive"):
            model.fit(x, y, steps_per_epoch=bad, verbose=0)
