"""course.keras.applications against Keras 3: the architectures (names, parameter counts,
outputs with the same weights), the arguments, preprocess_input, and the tutorial's
transfer-learning code run with only the import prefix replaced."""

import json

import numpy as np
import pytest

from keras_reference import load
from keras_reference.seeded_weights import set_seeded_weights

from course.keras import applications
from course.keras.applications import weights_cache, weights_file
from course.data.download import file_checksum

REF = load("applications_models")

CASES = {
    "vgg16": lambda w: applications.VGG16(weights=w, include_top=False, input_shape=(32, 32, 3)),
    "vgg19": lambda w: applications.VGG19(weights=w, include_top=False, input_shape=(32, 32, 3),
                                          pooling="max"),
    "resnet50": lambda w: applications.ResNet50(weights=w, include_top=False,
                                                input_shape=(32, 32, 3), pooling="avg"),
    "resnet50v2": lambda w: applications.ResNet50V2(weights=w, include_top=False,
                                                    input_shape=(32, 32, 3)),
    "mobilenetv2": lambda w: applications.MobileNetV2(weights=w, include_top=True, classes=5,
                                                      input_shape=(32, 32, 3)),
}


def _close(out, ref):
    np.testing.assert_allclose(out, ref, rtol=1e-4, atol=1e-5 * np.abs(ref).max())


@pytest.mark.parametrize("name", sorted(CASES))
def test_architecture_matches_keras_with_the_same_weights(name, tmp_path):
    """Seeded weights, written as a Keras-layout .h5 file and loaded by ``weights=path``."""
    model = CASES[name](None)
    assert model.count_params() == REF[f"{name}_params"]
    assert sorted(layer.name for layer in model.layers if layer.weights) == \
        sorted(REF[f"{name}_layers"])
    set_seeded_weights(model)
    path = weights_file.save_weights(model, tmp_path / f"{name}.h5")
    loaded = CASES[name](str(path))
    _close(loaded.predict(REF["images"], verbose=0), REF[f"{name}_output"])


@pytest.mark.parametrize("build, params", [
    (lambda: applications.ResNet50(weights=None), 25_636_712),
    (lambda: applications.ResNet50V2(weights=None), 25_613_800),
    (lambda: applications.MobileNetV2(weights=None), 3_538_984),
    (lambda: applications.VGG16(weights=None, include_top=False), 14_714_688),
])
def test_full_size_parameter_counts_are_keras(build, params):
    assert build().count_params() == params


def test_keras_layer_names():
    names = [layer.name for layer in applications.ResNet50(weights=None, include_top=False,
                                                           input_shape=(64, 64, 3)).layers]
    assert {"conv1_pad", "conv1_conv", "conv1_bn", "pool1_pool", "conv2_block1_0_conv",
            "conv2_block1_1_conv", "conv2_block3_out", "conv5_block3_add"} <= set(names)
    mobile = applications.MobileNetV2(weights=None, include_top=False, input_shape=(64, 64, 3))
    names = {layer.name for layer in mobile.layers}
    assert {"Conv1", "bn_Conv1", "Conv1_relu", "expanded_conv_depthwise",
            "expanded_conv_project_BN", "block_1_pad", "block_2_add", "Conv_1", "out_relu"} <= names
    assert mobile.get_layer("Conv1_relu").max_value == 6.0
    assert mobile.get_layer("bn_Conv1").epsilon == 1e-3
    resnet = applications.ResNet50(weights=None, include_top=False, input_shape=(32, 32, 3))
    assert resnet.get_layer("conv1_bn").epsilon == 1.001e-5


def test_input_tensor_pooling_and_shapes():
    from course.keras import Input
    x = Input((48, 48, 3))
    model = applications.VGG16(weights=None, include_top=False, input_tensor=x, pooling="avg")
    assert model.inputs[0] is x and model.output_shape == (None, 512)
    free = applications.VGG16(weights=None, include_top=False)
    assert free.input_shape == (None, None, None, 3)
    assert free.predict(np.zeros((1, 40, 40, 3), np.float32), verbose=0).shape == (1, 1, 1, 512)


def test_bad_arguments_get_keras_messages():
    with pytest.raises(ValueError, match=r"When setting `include_top=True` and loading "
                       r"`imagenet` weights, `input_shape` should be \(224, 224, 3\)"):
        applications.VGG16(weights="imagenet", include_top=True, input_shape=(64, 64, 3))
    with pytest.raises(ValueError, match="`classes` should be 1000"):
        applications.ResNet50(weights="imagenet", classes=10)
    with pytest.raises(ValueError, match="The `weights` argument should be either"):
        applications.MobileNetV2(weights="no_such_file.h5")
    with pytest.raises(ValueError, match="Input size must be at least 32x32"):
        applications.VGG16(weights=None, include_top=False, input_shape=(16, 16, 3))
    with pytest.raises(ValueError, match="pooling must be None, 'avg' or 'max'"):
        applications.VGG16(weights=None, include_top=False, pooling="mean")


def test_preprocess_input_modes():
    x = np.arange(2 * 3, dtype=np.float32).reshape(1, 2, 3) * 40
    caffe = applications.vgg16.preprocess_input(x.copy())
    np.testing.assert_allclose(caffe[..., 0], x[..., 2] - 103.939, rtol=1e-6)
    np.testing.assert_allclose(caffe[..., 2], x[..., 0] - 123.68, rtol=1e-6)
    np.testing.assert_allclose(applications.mobilenet_v2.preprocess_input(x.copy()),
                               x / 127.5 - 1, rtol=1e-6)
    torch = applications.imagenet_utils.preprocess_input(x.copy(), mode="torch")
    np.testing.assert_allclose(torch[..., 1], (x[..., 1] / 255 - 0.456) / 0.224, rtol=1e-5)
    ints = applications.resnet50.preprocess_input(np.full((2, 2, 3), 255, np.uint8))
    assert ints.dtype == np.float32
    with pytest.raises(ValueError, match="mode"):
        applications.imagenet_utils.preprocess_input(x, mode="caffe2")


def _fake_known_file(monkeypatch, tmp_path, name, content):
    """Put ``content`` in a KERAS_HOME as Keras file ``name``, registered with its own md5."""
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    path = tmp_path / "keras" / "models" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    content(path) if callable(content) else path.write_bytes(content)
    base, _, size = weights_cache.KNOWN_FILES[name]
    monkeypatch.setitem(weights_cache.KNOWN_FILES, name, (base, file_checksum(path), size))
    return path


def test_decode_predictions(monkeypatch, tmp_path):
    index = {str(i): [f"n{i:08d}", f"class_{i}"] for i in range(1000)}
    _fake_known_file(monkeypatch, tmp_path, "imagenet_class_index.json",
                     json.dumps(index).encode())
    monkeypatch.setattr(applications.imagenet_utils, "_class_index", None)
    preds = np.zeros((2, 1000), np.float32)
    preds[0, [7, 3]] = [0.9, 0.1]
    preds[1, 999] = 1.0
    decoded = applications.vgg16.decode_predictions(preds, top=2)
    assert decoded[0] == [("n00000007", "class_7", np.float32(0.9)),
                          ("n00000003", "class_3", np.float32(0.1))]
    assert decoded[1][0][:2] == ("n00000999", "class_999")
    with pytest.raises(ValueError, match=r"shape \(samples, 1000\)"):
        applications.vgg16.decode_predictions(preds[:, :10])


SEED_CODE = """
from tensorflow.keras.applications import VGG16
from tensorflow.keras.layers import Dense, GlobalAveragePooling2D
from tensorflow.keras.models import Model
from tensorflow.keras.optimizers import Adam
from tensorflow.keras.preprocessing.image import ImageDataGenerator
base_model = VGG16(weights='imagenet', include_top=False, input_shape=(224, 224, 3))
x = base_model.output
x = GlobalAveragePooling2D()(x)
x = Dense(1024, activation='relu')(x)
output = Dense(num_classes, activation='softmax')(x)
model = Model(inputs=base_model.input, outputs=output)
for layer in base_model.layers: layer.trainable = False
model.compile(optimizer=Adam(lr=0.0001), loss='categorical_crossentropy', metrics=['accuracy'])
model.fit(ImageDataGenerator().flow(x_train, y_train, batch_size=32), steps_per_epoch=len(x_train) / 32, epochs=10)
"""


@pytest.mark.parametrize("prefix", ["course.keras", "course.tf.keras"])
def test_tutorial_transfer_learning_code_runs(prefix, monkeypatch, tmp_path, capsys):
    """The tutorial's code with only its import prefix replaced (and 32x32 inputs, to be
    fast). Its 'imagenet' file is one written here in Keras's layout from seeded weights and
    registered with its own digest: the base then computes Keras's features for them."""
    def write(path):
        base = applications.VGG16(weights=None, include_top=False, input_shape=(32, 32, 3))
        set_seeded_weights(base)
        weights_file.save_weights(base, path)
    _fake_known_file(monkeypatch, tmp_path, "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
                     write)
    rng = np.random.default_rng(0)
    num_classes, x_train = 3, rng.uniform(0, 255, (40, 32, 32, 3)).astype(np.float32)
    y_train = np.eye(num_classes, dtype=np.float32)[rng.integers(0, num_classes, 40)]
    code = SEED_CODE.replace("tensorflow.keras", prefix).replace("(224, 224, 3)", "(32, 32, 3)")
    names = {"num_classes": num_classes, "x_train": x_train, "y_train": y_train}
    with pytest.warns(DeprecationWarning, match="`lr` argument is deprecated"):
        exec(compile(code, "seed_code", "exec"), names)
    assert names["VGG16"] is applications.VGG16  # course.tf.keras is course.keras, no copy
    base_model, model = names["base_model"], names["model"]
    _close(base_model.predict(REF["images"], verbose=0), REF["vgg16_output"])  # Keras's
    optimizer = model.optimizer
    assert optimizer.learning_rate == 0.0001
    assert len(model.history.history["loss"]) == 10
    assert capsys.readouterr().out.count("Epoch ") == 10
    assert optimizer.iterations == 20  # 40 / 32 = 1.25 steps per epoch, rounded up to 2
    assert not base_model.trainable_weights and len(model.trainable_weights) == 4
    loaded = applications.VGG16(weights="imagenet", include_top=False, input_shape=(32, 32, 3))
    assert all(np.array_equal(w.value, f.value) for w, f in zip(base_model.weights,
                                                                 loaded.weights))


@pytest.mark.parametrize("build", [applications.FashionVGG, applications.FashionMobileNet])
def test_shipped_fashion_mnist_networks(build):
    """The course's pretrained networks load offline and classify Fashion-MNIST: the test
    images the package ships with them (50 of each class, never trained on)."""
    x_test, y_test = applications.fashion.load_sample()
    assert x_test.shape == (500, 28, 28) and x_test.dtype == np.uint8
    assert np.bincount(y_test, minlength=10).tolist() == [50] * 10
    x = x_test[..., None].astype(np.float32) / 255
    model = build(weights="fashion_mnist")
    accuracy = np.mean(model.predict(x, verbose=0).argmax(axis=1) == y_test)
    assert accuracy > 0.8
    base = build(weights="fashion_mnist", include_top=False, pooling="avg")
    assert base.output_shape[-1] == model.get_layer("predictions").kernel.shape[0]
    for layer in base.layers:
        if layer.weights:
            assert all(np.array_equal(a, b) for a, b in
                       zip(layer.get_weights(), model.get_layer(layer.name).get_weights()))
    with pytest.raises(ValueError, match="`classes` should be 10"):
        build(weights="fashion_mnist", classes=5)


def test_shipped_weights_are_checked(monkeypatch):
    monkeypatch.setitem(applications.fashion.WEIGHTS_MD5, "fashion_vgg.h5", "0" * 32)
    with pytest.raises(weights_cache.ChecksumError, match="expected 0000"):
        applications.FashionVGG()
    monkeypatch.setattr(applications.fashion, "SAMPLE_MD5", "1" * 32)
    with pytest.raises(weights_cache.ChecksumError, match="fashion_mnist_test_sample.npz: md5"):
        applications.fashion.load_sample()
