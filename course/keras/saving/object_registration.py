"""Which class a saved ``"class_name"`` means: layers and models register themselves here.

Every subclass of ``Layer`` (and so every model) is registered under its class name when it
is defined, so loading a saved configuration never needs to import the layers or the
models (this module imports nothing of ``course.keras``).
"""

_REGISTRY = {}


def register(cls):
    """Remember ``cls`` under ``cls.__name__`` (the name a saved configuration uses)."""
    _REGISTRY[cls.__name__] = cls
    return cls


def register_keras_serializable(package="Custom", name=None):
    """``@keras.saving.register_keras_serializable(package=...)``: the class (or function)
    is known as ``"package>name"`` and by its own name (layers and models already are)."""
    def decorator(obj):
        _REGISTRY[f"{package}>{name or obj.__name__}"] = obj
        _REGISTRY[obj.__name__] = obj
        return obj
    return decorator


def get_registered(class_name):
    """The class registered as ``class_name``, or ``None``."""
    return _REGISTRY.get(class_name)


def registered_names():
    """The registered class names, sorted (for error messages)."""
    return sorted(_REGISTRY)
