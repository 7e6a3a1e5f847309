"""Loading a model or weights file that is damaged or built to do harm.

Every file here is made by the test: a real saved model with one member replaced, a byte
flipped, or an array larger than the model. Each must end in a ``SavedModelError`` (a
ValueError) that names the file, the member and what is wrong, without reading more than
the model needs.
"""

import io
import json
import zipfile

import numpy as np
import pytest

from course import keras
from course.keras import layers
from course.keras.saving import SavedModelError


def small_model(compiled=True):
    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    model = keras.Sequential([layers.Dense(4, activation="relu", input_shape=(3,)),
                              layers.Dense(2, activation="softmax")])
    if compiled:
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.train_on_batch(np.ones((2, 3), np.float32), np.eye(2, dtype=np.float32))
    return model


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "model.keras"
    small_model().save(path)
    return path


def replace_member(path, name, data, compress=zipfile.ZIP_DEFLATED):
    """Rewrite the zip at ``path`` with member ``name`` holding ``data``."""
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members[name] = data
    with zipfile.ZipFile(path, "w", compress) as archive:
        for member, content in members.items():
            archive.writestr(member, content)


def npz_bytes(**arrays):
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


@pytest.fixture
def no_array_reads(monkeypatch):
    """Fail the test if any array is loaded: the checks must come first."""
    def refuse(*args, **kwargs):
        raise AssertionError("an array was read before the checks refused the file")
    monkeypatch.setattr(np.lib.format, "read_array", refuse)


def test_a_config_that_expands_past_the_limit_is_not_read(saved):
    replace_member(saved, "config.json", b" " * (17 << 20))
    assert saved.stat().st_size < 1 << 20
    with pytest.raises(SavedModelError, match=r"model.keras: member config.json declares "
                                              r"17,825,792 bytes, more than"):
        keras.models.load_model(saved)


def test_a_config_with_an_extreme_compression_ratio_is_not_read(saved):
    replace_member(saved, "config.json", b"{" + b" " * (4 << 20) + b"}")
    with pytest.raises(SavedModelError, match=r"member config.json expands [\d,]+ times"):
        keras.models.load_model(saved)


def test_a_huge_weight_array_is_refused_before_it_is_read(saved, no_array_reads):
    big = npz_bytes(**{"0000:dense/kernel": np.zeros((1024, 1024), np.float32)})
    replace_member(saved, "model.weights.npz", big)
    assert saved.stat().st_size < 1 << 20
    with pytest.raises(SavedModelError, match=r"member model.weights.npz declares [\d,]+ bytes"):
        keras.models.load_model(saved)


def test_weight_shapes_are_checked_from_the_headers_before_loading(tmp_path, no_array_reads):
    path = tmp_path / "w.weights.npz"
    model = small_model(compiled=False)
    arrays = {f"{i:04d}:{w.path}": np.zeros(w.shape, np.float32)
              for i, w in enumerate(model.weights)}
    arrays["0000:dense/kernel"] = np.zeros((3, 5), np.float32)
    path.write_bytes(npz_bytes(**arrays))
    with pytest.raises(ValueError, match=r"Weight dense/kernel has shape \(3, 4\), but the file "
                                         r"holds shape \(3, 5\) .*w.weights.npz, member "
                                         r"0000:dense/kernel.npy"):
        model.load_weights(path)


def test_an_array_longer_than_its_header_says_is_refused(tmp_path, no_array_reads):
    model = small_model(compiled=False)
    good = npz_bytes(**{f"{i:04d}:{w.path}": np.zeros(w.shape, np.float32)
                        for i, w in enumerate(model.weights)})
    path = tmp_path / "w.weights.npz"
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["0000:dense/kernel.npy"] += b"\0" * 4096
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(SavedModelError, match=r"member 0000:dense/kernel.npy declares 4,"
                                              r"[\d,]+ bytes, but its header says float32"):
        model.load_weights(path)


def test_string_arrays_are_refused(tmp_path):
    model = small_model(compiled=False)
    arrays = {f"{i:04d}:{w.path}": np.zeros(w.shape, np.float32)
              for i, w in enumerate(model.weights)}
    arrays["0001:dense/bias"] = np.array(["a", "b", "c", "d"])
    path = tmp_path / "w.npz"
    path.write_bytes(npz_bytes(**arrays))
    with pytest.raises(SavedModelError, match=r"0001:dense/bias.npy holds an array of dtype "
                                              r"<U1; only numeric"):
        model.load_weights(path)


def test_a_corrupt_compressed_byte_names_the_member(saved):
    with zipfile.ZipFile(saved) as archive:
        info = archive.getinfo("config.json")
    raw = bytearray(saved.read_bytes())
    name_len, extra_len = (int.from_bytes(raw[info.header_offset + k:info.header_offset + k + 2],
                                          "little") for k in (26, 28))
    start = info.header_offset + 30 + name_len + extra_len
    raw[start + info.compress_size // 2] ^= 0xFF
    saved.write_bytes(bytes(raw))
    with pytest.raises(SavedModelError, match=r"model.keras: member config.json is corrupt"):
        keras.models.load_model(saved)


@pytest.mark.parametrize("member, content, message", [
    ("config.json", b'{"class_name": "Sequential",', r"member config.json is not valid JSON"),
    ("config.json", b"[1, 2]", r"member config.json must hold a JSON object, found list"),
    ("metadata.json", b"null", r"member metadata.json must hold a JSON object, found null"),
    ("metadata.json", b'{"format": "other"}', r"metadata.json: unsupported format"),
], ids=["invalid-json", "list", "null-metadata", "foreign-format"])
def test_malformed_json_members_name_the_file_and_member(saved, member, content, message):
    replace_member(saved, member, content)
    with pytest.raises(SavedModelError, match=r"model.keras: " + message):
        keras.models.load_model(saved)


def edit_config(path, edit):
    with zipfile.ZipFile(path) as archive:
        config = json.loads(archive.read("config.json"))
    edit(config)
    replace_member(path, "config.json", json.dumps(config).encode())


@pytest.mark.parametrize("key, message", [
    ("optimizer", r"unknown optimizer class 'Nadamax' in compile_config "
                  r"\(known: Adadelta, Adagrad, Adam"),
    ("loss", r"unknown loss class 'Nadamax' in compile_config \(known: BinaryCrossentropy"),
])
def test_unknown_optimizer_or_loss_class(saved, key, message):
    edit_config(saved, lambda c: c["compile_config"][key].update(class_name="Nadamax"))
    with pytest.raises(SavedModelError, match=r"model.keras: config.json: " + message):
        keras.models.load_model(saved)
    assert keras.models.load_model(saved, compile=False).optimizer is None


def test_unknown_layer_class_and_bad_layer_arguments(saved):
    edit_config(saved, lambda c: c["config"]["layers"][0].update(class_name="Dense3"))
    with pytest.raises(SavedModelError, match=r"config.json does not describe a model .*"
                                              r"Unknown layer class 'Dense3'.*Known: .*Conv2D"):
        keras.models.load_model(saved)
    edit_config(saved, lambda c: c["config"]["layers"][0].update(
        class_name="Dense", config={"units": 4, "colour": "red"}))
    with pytest.raises(SavedModelError, match=r"config.json does not describe a model .*colour"):
        keras.models.load_model(saved)


def test_optimizer_state_of_the_wrong_shape_is_refused(saved):
    replace_member(saved, "optimizer.npz", npz_bytes(
        iterations=np.asarray(1), **{"0000:0": np.zeros((3, 5), np.float32)}))
    with pytest.raises(SavedModelError, match=r"optimizer.npz: array 0000:0.npy has shape "
                                              r"\(3, 5\), the model needs \(3, 4\)"):
        keras.models.load_model(saved)


def test_an_intact_file_still_loads(saved):
    loaded = keras.models.load_model(saved)
    original = small_model()
    x = np.ones((2, 3), np.float32)
    np.testing.assert_array_equal(loaded.predict(x, verbose=0), original.predict(x, verbose=0))
    assert loaded.optimizer.iterations == 1
