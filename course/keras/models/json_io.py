"""``model.to_json()`` and ``keras.models.model_from_json(text)``: the architecture alone
(no weights) as JSON text, in Keras 3's ``{"module", "class_name", "config",
"registered_name"}`` envelope."""

import json

from course.keras.saving.object_registration import get_registered
from course.keras.saving.serialization import layer_from_config

MODULES = {"Functional": "keras.src.models.functional", "Sequential": "keras.src.models.sequential"}


def model_to_json(model, **kwargs):
    """``model``'s class and ``get_config()`` as JSON text (``kwargs`` go to ``json.dumps``)."""
    name = type(model).__name__
    return json.dumps({"module": MODULES.get(name, "keras.src.models.model"), "class_name": name,
                       "config": model.get_config(), "registered_name": name}, **kwargs)


def model_from_json(json_string, custom_objects=None):
    """A new model (fresh weights) from :func:`model_to_json`'s text.

    ``custom_objects`` maps class names to classes (layers of your own that a functional
    model holds, or the model's own class).

    Raises:
        ValueError: the text is not JSON of a model's configuration.
    """
    try:
        entry = json.loads(json_string)
    except (TypeError, json.JSONDecodeError) as err:
        raise ValueError(f"model_from_json: the text is not valid JSON ({err})") from None
    if not isinstance(entry, dict) or "class_name" not in entry or "config" not in entry:
        raise ValueError(f"model_from_json: expected {{'class_name': ..., 'config': {{...}}}}, "
                         f"found {str(entry)[:200]}")
    custom_objects = custom_objects or {}
    cls = custom_objects.get(entry["class_name"])
    if cls is None and entry["class_name"] in ("Functional", "Model"):
        cls = get_registered("Functional")
    if cls is not None and entry["class_name"] in ("Functional", "Model") or (
            cls is not None and "input_layers" in entry["config"]):
        return cls.from_config(entry["config"], custom_objects=custom_objects)
    if cls is not None:
        return cls.from_config(entry["config"])
    return layer_from_config(entry)
