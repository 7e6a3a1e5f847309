"""A compiled model's settings (optimizer, loss, metrics) as JSON, and back."""

from course.keras import losses, optimizers
from course.keras.saving.archive import SavedModelError

OPTIMIZERS = {cls.__name__: cls for cls in optimizers.OPTIMIZER_CLASSES}
LOSSES = {cls.__name__: cls for cls in losses.LOSS_CLASSES}


def compile_config(model):
    """``{"optimizer": ..., "loss": ..., "metrics": [...]}``, or None if not compiled."""
    if model.optimizer is None:
        return None
    opt = model.optimizer
    config = {
        "optimizer": {"class_name": type(opt).__name__, "config": opt.get_config()},
        "loss": _per_output(model.loss, _loss_entry),
        "metrics": _per_output(model._metric_specs, _metric_name),
    }
    weights = getattr(model._compile_loss, "loss_weights", None)
    if weights is not None:  # a model with several outputs
        config["loss_weights"] = weights
    return config


def _per_output(spec, entry):
    """``entry`` of each value of a list or dict (per output), or of the one value."""
    if isinstance(spec, dict):
        return {k: _per_output(v, entry) for k, v in spec.items()}
    if isinstance(spec, (list, tuple)):
        return [_per_output(v, entry) for v in spec]
    return None if spec is None else entry(spec)


def _loss_entry(loss):
    loss = losses.get(loss)
    return {"class_name": type(loss).__name__, "config": loss.get_config()}


def _metric_name(metric):
    return metric if isinstance(metric, str) else getattr(metric, "name", str(metric))


def _is_names(metrics):
    """A metric name, or a list/dict of them (nested per output), or None."""
    if metrics is None or isinstance(metrics, str):
        return True
    values = metrics.values() if isinstance(metrics, dict) else metrics
    return isinstance(metrics, (list, dict)) and all(_is_names(m) for m in values)


def _losses(loss, where):
    """The loss, or the losses of a list or dict (by output name) of entries."""
    if isinstance(loss, dict) and "class_name" not in loss:
        return {k: None if v is None else _losses(v, where) for k, v in loss.items()}
    if isinstance(loss, list):
        return [None if v is None else _losses(v, where) for v in loss]
    return _entry({"loss": loss}, "loss", LOSSES, where)


def _entry(config, key, known, where):
    entry = config.get(key)
    if not isinstance(entry, dict) or not isinstance(entry.get("config"), dict):
        raise SavedModelError(f"{where}: compile_config.{key} must be "
                              f"{{'class_name': ..., 'config': {{...}}}}, found {entry!r}")
    name = entry.get("class_name")
    if name not in known:
        raise SavedModelError(f"{where}: unknown {key} class {name!r} in compile_config "
                              f"(known: {', '.join(sorted(known))})")
    try:
        return known[name](**entry["config"])
    except (TypeError, ValueError) as err:
        raise SavedModelError(f"{where}: compile_config.{key} {name}: {err}") from None


def compile_arguments(config, where):
    """``compile()``'s keyword arguments from :func:`compile_config`'s output.

    ``where`` names the file and member in errors (unknown classes, wrong arguments).
    """
    if not isinstance(config, dict):
        raise SavedModelError(f"{where}: compile_config must be a JSON object, found "
                              f"{type(config).__name__}")
    metrics = config.get("metrics") or []
    if not isinstance(metrics, (list, dict)) or not _is_names(metrics):
        raise SavedModelError(f"{where}: compile_config.metrics must be a list of names (or "
                              f"one list or dict per output), found {metrics!r}")
    arguments = {"optimizer": _entry(config, "optimizer", OPTIMIZERS, where),
                 "loss": _losses(config.get("loss"), where), "metrics": metrics}
    if config.get("loss_weights") is not None:
        arguments["loss_weights"] = config["loss_weights"]
    return arguments
