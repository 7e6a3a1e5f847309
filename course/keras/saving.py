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
"""

import io
import json
import os
import tempfile
import zipfile

import numpy as np

FORMAT_VERSION = 1


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


def _read_weight_arrays(filepath):
    filepath = os.fspath(filepath)
    if not os.path.exists(filepath):
        raise FileNotFoundError(f"No weights file at {filepath}")
    try:
        with zipfile.ZipFile(filepath) as archive:
            names = archive.namelist()
            if "model.weights.npz" in names:
                data = archive.read("model.weights.npz")
            else:
                data = None
    except zipfile.BadZipFile:
        raise ValueError(f"{filepath} is not a course.keras weights file (not a zip/npz archive)")
    if data is None:
        with open(filepath, "rb") as f:
            data = f.read()
    with np.load(io.BytesIO(data), allow_pickle=False) as npz:
        return [npz[k] for k in sorted(npz.files)]


def load_weights(model, filepath):
    """Load weights into ``model`` (built, with the same architecture), checking every shape."""
    arrays = _read_weight_arrays(filepath)
    variables = model.weights
    if not model.built or not variables:
        raise ValueError("Build the model (give it an input shape) before loading weights")
    if len(arrays) != len(variables):
        raise ValueError(f"The file {filepath} holds {len(arrays)} weight arrays but the model "
                         f"has {len(variables)} weights")
    for var, value in zip(variables, arrays):
        if value.shape != var.shape:
            raise ValueError(f"Weight {var.path} has shape {var.shape}, but the file holds "
                             f"shape {value.shape}")
    for var, value in zip(variables, arrays):
        var.assign(value)


def _compile_config(model):
    if model.optimizer is None:
        return None
    opt = model.optimizer
    return {
        "optimizer": {"class_name": type(opt).__name__, "config": opt.get_config()},
        "loss": {"class_name": type(model.loss).__name__,
                 "config": {"from_logits": model.loss.from_logits}},
        "metrics": [m if isinstance(m, str) else getattr(m, "name", str(m))
                    for m in model._metric_specs],
    }


def save_model(model, filepath, overwrite=True):
    """Write ``model`` (architecture, weights, compile settings, optimizer state) to a zip."""
    from course import __version__
    if not model.built:
        raise ValueError("Build the model (fit it, or give it an input shape) before saving it")
    config = {"class_name": type(model).__name__, "config": model.get_config(),
              "compile_config": _compile_config(model)}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("metadata.json", json.dumps(
            {"format": "course.keras", "format_version": FORMAT_VERSION,
             "course_version": __version__}))
        archive.writestr("config.json", json.dumps(config, indent=1))
        archive.writestr("model.weights.npz", _npz_bytes(_weights_arrays(model)))
        if model.optimizer is not None:
            archive.writestr("optimizer.npz", _npz_bytes(_optimizer_arrays(model)))
    _atomic_write(filepath, buf.getvalue(), overwrite)


def _optimizer_arrays(model):
    opt = model.optimizer
    arrays = {"iterations": np.asarray(opt.iterations)}
    for i, var in enumerate(model.weights):
        for j, slot in enumerate(opt._state.get(var, [])):
            arrays[f"{i:04d}:{j}"] = slot
    return arrays


def layer_from_config(entry):
    """``{"class_name": "Dense", "config": {...}}`` -> a new layer."""
    from course.keras import layers, models
    from course.keras.models.functional import Functional
    name = entry["class_name"]
    cls = getattr(layers, name, None) or getattr(models, name, None) or (
        Functional if name == "Functional" else None)
    if cls is None:
        raise ValueError(f"Unknown layer class {name!r} in the saved configuration")
    return cls.from_config(entry["config"])


def load_model(filepath, compile=True):
    """Rebuild a model written by :func:`save_model`; ``compile=True`` restores the optimizer."""
    from course.keras import losses, optimizers
    filepath = os.fspath(filepath)
    if not os.path.exists(filepath):
        raise FileNotFoundError(f"No model file at {filepath}")
    try:
        with zipfile.ZipFile(filepath) as archive:
            meta = json.loads(archive.read("metadata.json"))
            config = json.loads(archive.read("config.json"))
            opt_data = (archive.read("optimizer.npz")
                        if "optimizer.npz" in archive.namelist() else None)
    except (zipfile.BadZipFile, KeyError) as err:
        raise ValueError(f"{filepath} is not a model saved by course.keras ({err})") from None
    if meta.get("format") != "course.keras" or meta.get("format_version", 0) > FORMAT_VERSION:
        raise ValueError(f"{filepath}: unsupported format {meta}")
    model = layer_from_config(config)
    load_weights(model, filepath)
    compile_config = config.get("compile_config")
    if compile and compile_config:
        opt_entry = compile_config["optimizer"]
        opt_cls = getattr(optimizers, opt_entry["class_name"])
        opt_config = {k: v for k, v in opt_entry["config"].items() if k != "name"}
        loss_entry = compile_config["loss"]
        model.compile(optimizer=opt_cls(**opt_config),
                      loss=getattr(losses, loss_entry["class_name"])(**loss_entry["config"]),
                      metrics=compile_config["metrics"])
        if opt_data is not None:
            _restore_optimizer(model, opt_data)
    return model


def _restore_optimizer(model, data):
    opt = model.optimizer
    with np.load(io.BytesIO(data), allow_pickle=False) as npz:
        opt.iterations = int(npz["iterations"])
        for i, var in enumerate(model.weights):
            slots = [npz[f"{i:04d}:{j}"] for j in range(len(opt.slots)) if f"{i:04d}:{j}" in npz]
            if slots:
                opt._state[var] = [np.ascontiguousarray(s) for s in slots]
