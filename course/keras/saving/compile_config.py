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
    return {
        "optimizer": {"class_name": type(opt).__name__, "config": opt.get_config()},
        "loss": {"class_name": type(model.loss).__name__, "config": model.loss.get_config()},
        "metrics": [m if isinstance(m, str) else getattr(m, "name", str(m))
                    for m in model._metric_specs],
    }


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
    if not isinstance(metrics, list) or not all(isinstance(m, str) for m in metrics):
        raise SavedModelError(f"{where}: compile_config.metrics must be a list of names, "
                              f"found {metrics!r}")
    return {"optimizer": _entry(config, "optimizer", OPTIMIZERS, where),
            "loss": _entry(config, "loss", LOSSES, where), "metrics": metrics}
