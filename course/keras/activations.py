"""Activations by Keras name: ``get("relu")`` -> the ``(forward, backward)`` pair from ops.

The functions ``relu(x)``, ``softmax(x)``... apply an activation to an array, and may also
be passed as ``activation=`` (they are looked up by name).
"""

from course.ops.activations import ACTIVATIONS


def _apply(name):
    forward = ACTIVATIONS[name][0]

    def activation(x):
        return forward(x)[0]

    activation.__name__ = name
    activation.__doc__ = f"Apply ``{name}`` to an array (``course.ops.{name}_forward``)."
    return activation


linear = _apply("linear")
relu = _apply("relu")
leaky_relu = _apply("leaky_relu")
elu = _apply("elu")
sigmoid = _apply("sigmoid")
tanh = _apply("tanh")
softmax = _apply("softmax")
log_softmax = _apply("log_softmax")
softplus = _apply("softplus")
softsign = _apply("softsign")
silu = _apply("silu")
swish = _apply("swish")
selu = _apply("selu")
mish = _apply("mish")
exponential = _apply("exponential")
relu6 = _apply("relu6")
hard_sigmoid = _apply("hard_sigmoid")


def gelu(x, approximate=False):
    """Apply ``gelu`` to an array (``course.ops.gelu_forward``; exact erf form by default)."""
    return ACTIVATIONS["gelu"][0](x, approximate=approximate)[0]


def get(identifier):
    """Resolve ``None``, a name or one of the functions above to ``(name, forward, backward)``."""
    if identifier is None:
        identifier = "linear"
    name = identifier if isinstance(identifier, str) else getattr(identifier, "__name__", None)
    if name not in ACTIVATIONS:
        raise ValueError(f"Unknown activation: {identifier!r}. "
                         f"Known activations: {', '.join(sorted(ACTIVATIONS))}")
    forward, backward = ACTIVATIONS[name]
    return name, forward, backward
