"""Saving and loading models, in a documented format of numpy arrays and JSON (no HDF5).

``model.save(path)`` writes one zip archive holding:

- ``metadata.json``: ``{"format": "course.keras", "format_version": 1, ...}``;
- ``config.json``: the architecture (``{"class_name": "Sequential", "config": {...}}``) and
  the compile settings (optimizer, loss, metrics);
- ``model.weights.npz``: one array per weight, in ``model.weights`` order, named
  ``"0003:dense_1/kernel"`` (index, then the weight's path);
- ``optimizer.npz``: the optimizer's step count and state arrays (if compiled).

``model.save_weights(path)`` writes ``model.weights.npz``'s content alone. Every file is
read with ``allow_pickle=False`` and written atomically (a temporary file, then a rename).
Reading checks every size before it reads (see :mod:`course.keras.saving.archive`).
"""

import io
import json
import os
import tempfile
import zipfile

import numpy as np

from course import __version__
from course.keras.saving.archive import (NpzArchive, SavedModelError, npz_bound, open_archive,
                                         read_json_object, read_member)
from course.keras.saving.compile_config import compile_arguments, compile_config
from course.keras.saving.serialization import layer_from_config

FORMAT_VERSION = 1
WEIGHTS_MEMBER = "model.weights.npz"
OPTIMIZER_MEMBER = "optimizer.npz"


def _atomic_write(filepath, data, overwrite):
    filepath = os.fspath(filepath)
    if os.path.exists(filepath) and not overwrite:
        raise FileExistsError(f"{filepath} exists and overwrite=False")
    folder = os.path.dirname(os.path.abspath(filepath))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".save")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, filepath)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def _npz_bytes(arrays):
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def _weights_arrays(model):
    return {f"{i:04d}:{w.path}": w.value for i, w in enumerate(model.weights)}


def save_weights(model, filepath, overwrite=True):
    """Write ``model``'s weights to ``filepath`` as an ``.npz`` archive."""
    _atomic_write(filepath, _npz_bytes(_weights_arrays(model)), overwrite)


def load_weights(model, filepath):
    """Load weights into ``model`` (built, with the same architecture), checking every shape.

    The file is ``save_weights``'s ``.npz`` or ``save_model``'s zip. Every array's shape is
    read from its header and compared with the model's weight before any array is loaded.
    """
    filepath = os.fspath(filepath)
    if not os.path.exists(filepath):
        raise FileNotFoundError(f"No weights file at {filepath}")
    variables = model.weights
    if not model.built:  # a built model may have no weights (Input -> Dropout): none to load
        raise ValueError("Build the model (give it an input shape) before loading weights")
    with open_archive(filepath, "is not a course.keras weights file (not a zip/npz archive)") \
            as archive:
        if WEIGHTS_MEMBER in archive.namelist():
            bound = npz_bound([v.shape for v in variables])
            data = read_member(archive, filepath, WEIGHTS_MEMBER, bound)
            _load_npz_into(model, variables, io.BytesIO(data), f"{filepath}: {WEIGHTS_MEMBER}")
        else:
            _load_npz_into(model, variables, archive, filepath)


def _load_npz_into(model, variables, source, where):
    with (source if isinstance(source, zipfile.ZipFile) else
          _open_inner(source, where)) as archive:
        npz = NpzArchive(archive, where)
        keys = npz.keys
        if len(keys) != len(variables):
            raise ValueError(f"The file {where} holds {len(keys)} weight arrays but the model "
                             f"has {len(variables)} weights")
        for var, key in zip(variables, keys):
            shape, _ = npz.header(key)
            if shape != var.shape:
                raise ValueError(f"Weight {var.path} has shape {var.shape}, but the file holds "
                                 f"shape {shape} ({where}, member {key}.npy)")
        arrays = [npz.array(key) for key in keys]
    for var, value in zip(variables, arrays):
        var.assign(value)


def _open_inner(data, where):
    try:
        return zipfile.ZipFile(data)
    except zipfile.BadZipFile as err:
        raise SavedModelError(f"{where} is not an .npz archive ({err})") from None


def save_model(model, filepath, overwrite=True):
    """Write ``model`` (architecture, weights, compile settings, optimizer state) to a zip."""
    if not model.built:
        raise ValueError("Build the model (fit it, or give it an input shape) before saving it")
    config = {"class_name": type(model).__name__, "config": model.get_config(),
              "compile_config": compile_config(model)}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("metadata.json", json.dumps(
            {"format": "course.keras", "format_version": FORMAT_VERSION,
             "course_version": __version__}))
        archive.writestr("config.json", json.dumps(config, indent=1))
        archive.writestr(WEIGHTS_MEMBER, _npz_bytes(_weights_arrays(model)))
        if model.optimizer is not None:
            archive.writestr(OPTIMIZER_MEMBER, _npz_bytes(_optimizer_arrays(model)))
    _atomic_write(filepath, buf.getvalue(), overwrite)


def _optimizer_arrays(model):
    opt = model.optimizer
    arrays = {"iterations": np.asarray(opt.iterations)}
    for i, var in enumerate(model.weights):
        for j, slot in enumerate(opt._state.get(var, [])):
            arrays[f"{i:04d}:{j}"] = slot
    return arrays


def load_model(filepath, compile=True):
    """Rebuild a model written by :func:`save_model`; ``compile=True`` restores the optimizer.

    Raises:
        FileNotFoundError: no file at ``filepath``.
        SavedModelError: (a ValueError) the file is not such a model, or is damaged; the
            message names the file, the member and what is wrong.
    """
    filepath = os.fspath(filepath)
    if not os.path.exists(filepath):
        raise FileNotFoundError(f"No model file at {filepath}")
    with open_archive(filepath, "is not a model saved by course.keras (not a zip archive)") \
            as archive:
        names = archive.namelist()
        if "metadata.json" not in names or "config.json" not in names:
            raise SavedModelError(f"{filepath} is not a model saved by course.keras (it has no "
                                  f"metadata.json and config.json)")
        meta = read_json_object(archive, filepath, "metadata.json")
        config = read_json_object(archive, filepath, "config.json")
        if meta.get("format") != "course.keras" or not isinstance(
                meta.get("format_version"), int) or meta["format_version"] > FORMAT_VERSION:
            raise SavedModelError(f"{filepath}: metadata.json: unsupported format {meta}")
        try:
            model = layer_from_config(config)
        except (KeyError, TypeError, ValueError) as err:
            raise SavedModelError(f"{filepath}: config.json does not describe a model "
                                  f"({type(err).__name__}: {err})") from None
        load_weights(model, filepath)
        compile_config = config.get("compile_config")
        if compile and compile_config:
            model.compile(**compile_arguments(compile_config, f"{filepath}: config.json"))
            if OPTIMIZER_MEMBER in names:
                bound = npz_bound([()] + [v.shape for v in model.weights] * len(
                    model.optimizer.slots))
                data = read_member(archive, filepath, OPTIMIZER_MEMBER, bound)
                _restore_optimizer(model, data, f"{filepath}: {OPTIMIZER_MEMBER}")
    return model


def _restore_optimizer(model, data, where):
    opt, variables = model.optimizer, model.weights
    expected = {"iterations": ()}
    for i, var in enumerate(variables):
        expected.update({f"{i:04d}:{j}": var.shape for j in range(len(opt.slots))})
    with _open_inner(io.BytesIO(data), where) as archive:
        npz = NpzArchive(archive, where)
        for key in npz.keys:
            if key not in expected:
                raise SavedModelError(f"{where}: unexpected array {key}.npy for this model")
            shape, _ = npz.header(key)
            if shape != expected[key]:
                raise SavedModelError(f"{where}: array {key}.npy has shape {shape}, the model "
                                      f"needs {expected[key]}")
        if "iterations" in npz.members:
            opt.iterations = int(npz.array("iterations"))
        for i, var in enumerate(variables):
            keys = [f"{i:04d}:{j}" for j in range(len(opt.slots))]
            if all(key in npz.members for key in keys):
                opt._state[var] = [np.ascontiguousarray(npz.array(key), dtype=var.dtype)
                                   for key in keys]
