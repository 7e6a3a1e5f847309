"""Keras's merge layers: ``Add``, ``Subtract``, ``Multiply``, ``Average``, ``Maximum``,
``Minimum`` and ``Concatenate`` (``Dot`` is in :mod:`.dot`), called on a list of tensors.

The elementwise merges accept inputs whose axes agree or are 1 (broadcast), as Keras's
``Merge`` base layer; the forward and backward passes are :mod:`course.ops.merge`'s.
"""

from course.keras.layers.layer import Layer
from course.ops import merge


def _shape_without_batch(shape):
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


class Merge(Layer):
    """Base of the merge layers: ``forward(xs)`` on a list of arrays, ``backward`` -> list.

    A subclass names its ``ops``: the ``(x_forward, x_backward)`` pair of
    :mod:`course.ops.merge` it runs.
    """

    min_inputs, max_inputs = 1, None
    ops = None

    def forward(self, xs, training=False):
        return self.ops[0](xs)

    def backward(self, dout, cache, need_dx=True):
        return self.ops[1](dout, cache), []

    def build(self, input_shape):
        kind = type(self).__name__
        if not isinstance(input_shape, list):
            raise ValueError(f'Layer "{self.name}" ({kind}) should be called on a list of '
                             f"inputs. Received: input_shape={input_shape} (not a list of "
                             f"shapes)")
        count = len(input_shape)
        if count < self.min_inputs or (self.max_inputs and count > self.max_inputs):
            wanted = (f"exactly {self.min_inputs}" if self.min_inputs == self.max_inputs
                      else f"at least {self.min_inputs}")
            raise ValueError(f'Layer "{self.name}" ({kind}) should be called on a list of '
                             f"{wanted} inputs. Received: {count} inputs with "
                             f"input_shape={[tuple(s) for s in input_shape]}")

    def compute_output_shape(self, input_shape):
        out = tuple(input_shape[0])
        for shape in input_shape[1:]:
            out = self._broadcast(out, tuple(shape))
        return out

    def _broadcast(self, a, b):
        """The shape of ``a op b``, or the error naming this layer and both shapes."""
        if len(a) != len(b):
            self._incompatible(a, b)
        out = [None if None in (a[0], b[0]) else max(a[0], b[0])]
        for i, j in zip(a[1:], b[1:]):
            if i is None or j is None:
                out.append(j if i in (None, 1) else i)
            elif i == 1 or j == 1 or i == j:
                out.append(max(i, j))
            else:
                self._incompatible(a, b)
        return tuple(out)

    def _incompatible(self, a, b):
        raise ValueError(f'Layer "{self.name}" ({type(self).__name__}) requires inputs of the '
                         f"same shape (or of size 1 along an axis, to broadcast). Inputs have "
                         f"incompatible shapes. Received shapes {_shape_without_batch(a[1:])} "
                         f"and {_shape_without_batch(b[1:])}")


class Add(Merge):
    """Elementwise sum of the inputs."""

    ops = (merge.add_forward, merge.add_backward)


class Subtract(Merge):
    """``inputs[0] - inputs[1]``, for exactly two inputs."""

    min_inputs = max_inputs = 2
    ops = (merge.subtract_forward, merge.subtract_backward)


class Multiply(Merge):
    """Elementwise product of the inputs."""

    ops = (merge.multiply_forward, merge.multiply_backward)


class Average(Merge):
    """Elementwise mean of the inputs."""

    ops = (merge.average_forward, merge.average_backward)


class Maximum(Merge):
    """Elementwise maximum of the inputs (the gradient goes to the first largest)."""

    ops = (merge.maximum_forward, merge.maximum_backward)


class Minimum(Merge):
    """Elementwise minimum of the inputs (the gradient goes to the first smallest)."""

    ops = (merge.minimum_forward, merge.minimum_backward)


class Concatenate(Merge):
    """Join inputs along ``axis`` (-1): shapes must agree on every other axis."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def compute_output_shape(self, input_shape):
        shapes = [tuple(s) for s in input_shape]
        rank = len(shapes[0])
        axis = self.axis % rank
        for s in shapes[1:]:
            if len(s) != rank or any(a != b for i, (a, b) in enumerate(zip(s, shapes[0]))
                                     if i not in (0, axis) and None not in (a, b)):
                raise ValueError(f'Layer "{self.name}" (Concatenate) requires inputs with '
                                 f"matching shapes except for the concatenation axis "
                                 f"{self.axis}. Received: input_shape={shapes}")
        sizes = [s[axis] for s in shapes]
        out = list(shapes[0])
        out[axis] = None if None in sizes else sum(sizes)
        return tuple(out)

    def forward(self, xs, training=False):
        return merge.concatenate_forward(xs, self.axis)

    def backward(self, dout, cache, need_dx=True):
        return merge.concatenate_backward(dout, cache), []

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}
