"""``{"class_name": "Dense", "config": {...}}`` <-> a layer (or a model, which is a layer)."""

from course.keras.saving.object_registration import get_registered, registered_names


def layer_to_config(layer):
    """A layer's entry in a saved configuration."""
    return {"class_name": type(layer).__name__, "config": layer.get_config()}


def layer_from_config(entry):
    """``{"class_name": "Dense", "config": {...}}`` -> a new layer.

    Raises:
        ValueError: the entry is not such a dict, or names a class that is not a layer.
    """
    if not isinstance(entry, dict) or not isinstance(entry.get("config"), dict):
        raise ValueError(f"a layer entry must be {{'class_name': ..., 'config': {{...}}}}, "
                         f"found {str(entry)[:200]}")
    name = entry.get("class_name")
    cls = get_registered(name) if isinstance(name, str) else None
    if cls is None:
        raise ValueError(f"Unknown layer class {name!r} in the saved configuration. "
                         f"Known: {', '.join(registered_names())}")
    return cls.from_config(entry["config"])
