"""Which models take text: strings pass the trainer's input checks only into a model whose
input is ``keras.Input(shape=(1,), dtype="string")`` or whose first layer turns text into
numbers (``TextVectorization``, ``StringLookup``: ``takes_text = True``), as in keras.io's
end-to-end text models; any other model gets Keras's "must be numeric" error."""

import numpy as np


def takes_text(model):
    """Whether ``model`` reads strings."""
    inputs = getattr(model, "inputs", None) or []
    if any(str(getattr(t, "dtype", "")) in ("object", "string") for t in inputs):
        return True
    layers = getattr(model, "layers", None) or []
    return bool(layers) and getattr(layers[0], "takes_text", False)


def check_text_input(model, x, name="x"):
    """A TypeError when ``x`` (an array, list or dict of them) holds text ``model`` cannot
    read."""
    arrays = x.values() if isinstance(x, dict) else x if isinstance(x, (list, tuple)) else [x]
    for a in arrays:
        dtype = np.asarray(a).dtype
        if dtype.kind in "SUO" and not takes_text(model):
            raise TypeError(f"{name} must be numeric, got an array of dtype {dtype} (text goes "
                            f"into a model whose input is keras.Input(dtype=\"string\") or "
                            f"whose first layer is TextVectorization or StringLookup)")
