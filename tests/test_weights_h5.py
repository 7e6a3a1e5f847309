"""Keras HDF5 weight files: files written by Keras itself (legacy layout and Keras 3's
.weights.h5) load exactly; the cache, digest and download rules of Keras's files; clear
errors for a corrupt or truncated file, a digest mismatch and a missing file offline."""

from pathlib import Path

import numpy as np
import pytest

from keras_reference import HERE, load

from course import keras
from course.data.download import ChecksumError, file_checksum
from course.keras.applications import weights_cache, weights_file

REF = load("applications_models")
NAME = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"


def small_model():
    """The model of make_applications_models.small_model, in course.keras."""
    inputs = keras.Input((8, 8, 3))
    x = keras.layers.Conv2D(4, 3, name="conv")(inputs)
    x = keras.layers.BatchNormalization(epsilon=1.001e-5, name="bn")(x)
    x = keras.layers.DepthwiseConv2D(3, strides=2, padding="same", name="dw")(x)
    x = keras.layers.ReLU(6.0, name="relu6")(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    outputs = keras.layers.Dense(3, name="dense")(x)
    return keras.Model(inputs, outputs, name="small")


@pytest.mark.parametrize("file", ["applications_small_legacy.h5", "applications_small.weights.h5"])
def test_files_written_by_keras_load_exactly(file):
    model = small_model()
    weights_file.load_weights(model, HERE / file)
    np.testing.assert_allclose(model.predict(REF["small_images"], verbose=0),
                               REF["small_output"], rtol=1e-5, atol=1e-6)


def test_writer_round_trip_and_loading_by_order(tmp_path):
    model = small_model()
    weights_file.load_weights(model, HERE / "applications_small_legacy.h5")
    path = weights_file.save_weights(model, tmp_path / "w.h5")
    other = small_model()  # same layer names: matched by name
    weights_file.load_weights(other, path)
    assert all(np.array_equal(a, b) for a, b in zip(model.get_weights(), other.get_weights()))
    inputs = keras.Input((8, 8, 3))  # other names: matched by order, as Keras does
    x = keras.layers.Conv2D(4, 3)(inputs)
    x = keras.layers.BatchNormalization(epsilon=1.001e-5)(x)
    x = keras.layers.DepthwiseConv2D(3, strides=2, padding="same")(x)
    x = keras.layers.GlobalAveragePooling2D()(keras.layers.ReLU(6.0)(x))
    renamed = keras.Model(inputs, keras.layers.Dense(3)(x))
    weights_file.load_weights(renamed, path)
    np.testing.assert_allclose(renamed.predict(REF["small_images"], verbose=0),
                               REF["small_output"], rtol=1e-5, atol=1e-6)


def test_shape_and_count_mismatches_are_named(tmp_path):
    path = weights_file.save_weights(small_model(), tmp_path / "w.h5")
    inputs = keras.Input((8, 8, 3))
    wrong = keras.Model(inputs, keras.layers.Dense(3, name="dense")(
        keras.layers.GlobalAveragePooling2D()(keras.layers.Conv2D(5, 3, name="conv")(inputs))))
    with pytest.raises(ValueError, match="Layer count mismatch.*expected 2 layers"):
        weights_file.load_weights(wrong, path)


def test_corrupt_and_truncated_files_name_the_file(tmp_path):
    good = weights_file.save_weights(small_model(), tmp_path / "good.h5")
    truncated = tmp_path / "truncated.h5"
    truncated.write_bytes(good.read_bytes()[:1000])
    garbage = tmp_path / "garbage.h5"
    garbage.write_bytes(b"not an hdf5 file at all" * 50)
    for path in (truncated, garbage):
        with pytest.raises(ValueError, match=f"{path.name} is not a readable Keras HDF5"):
            weights_file.load_weights(small_model(), path)
    with pytest.raises(ValueError, match="The `weights` argument should be either"):
        keras.applications.VGG16(weights=str(tmp_path / "missing.h5"), include_top=False)
    with pytest.raises(ValueError, match=f"{garbage.name} is not a readable"):
        keras.applications.VGG16(weights=str(garbage), include_top=False)


def _offline(monkeypatch):
    def fail(url, path, md5):
        raise OSError("network is unreachable")
    monkeypatch.setattr(weights_cache, "_fetch", fail)


def test_missing_file_offline_names_file_size_and_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    _offline(monkeypatch)
    with pytest.raises(FileNotFoundError) as error:
        keras.applications.VGG16(weights="imagenet", include_top=False)
    message = str(error.value)
    assert NAME in message and "58,889,256 bytes" in message
    assert str(tmp_path / "models") in message


def test_digest_mismatch_names_both_digests(monkeypatch, tmp_path):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    _offline(monkeypatch)
    path = tmp_path / "models" / NAME
    path.parent.mkdir()
    path.write_bytes(b"an older or damaged copy")
    with pytest.raises(ChecksumError) as error:
        weights_cache.get_file(NAME)
    assert file_checksum(path) in str(error.value)
    assert "6d6bbae143d832006294945121d1f1fc" in str(error.value)


def test_download_checks_the_digest(monkeypatch, tmp_path):
    """The download path, from a local 'server' folder through file:// URLs."""
    server = tmp_path / "server"
    server.mkdir()
    (server / "imagenet_class_index.json").write_text('{"0": ["n0", "zero"]}')
    md5 = file_checksum(server / "imagenet_class_index.json")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "home"))
    name = "imagenet_class_index.json"
    monkeypatch.setitem(weights_cache.KNOWN_FILES, name, (server.as_uri() + "/", md5, 21))
    got = weights_cache.get_file(name)
    assert got == tmp_path / "home" / "models" / name and got.read_text().startswith('{"0"')
    (got).unlink()
    monkeypatch.setitem(weights_cache.KNOWN_FILES, name, (server.as_uri() + "/", "0" * 32, 21))
    with pytest.raises(ChecksumError, match="does not match Keras's digest"):
        weights_cache.get_file(name)
    assert not Path(got).exists()


def test_cache_folder_follows_keras_home(monkeypatch, tmp_path):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    assert weights_cache.cache_dir() == tmp_path / "models"
    monkeypatch.delenv("KERAS_HOME")
    assert weights_cache.cache_dir() == Path.home() / ".keras" / "models"
