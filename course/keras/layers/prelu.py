"""``PReLU``: a leaky ReLU whose negative slopes ``alpha`` are learned."""

from course.keras import initializers, regularizers
from course.keras.layers.layer import Layer
from course.ops.prelu import prelu_backward, prelu_forward


class PReLU(Layer):
    """``PReLU(alpha_initializer="zeros", alpha_regularizer=None, shared_axes=None)``.

    The weight ``alpha`` has the shape of one sample, with 1 on ``shared_axes`` (axes
    counted with the batch axis as 0: ``shared_axes=[1, 2]`` shares one slope per channel
    over an image's height and width).
    """

    def __init__(self, alpha_initializer="zeros", alpha_regularizer=None,
                 alpha_constraint=None, shared_axes=None, **kwargs):
        super().__init__(**kwargs)
        if alpha_constraint is not None:
            raise ValueError("course.keras's PReLU does not support alpha_constraint")
        self.alpha_initializer = initializers.get(alpha_initializer)
        self.alpha_regularizer = regularizers.get(alpha_regularizer)
        self.shared_axes = None if shared_axes is None else \
            [shared_axes] if isinstance(shared_axes, int) else list(shared_axes)

    def build(self, input_shape):
        shape = list(input_shape[1:])
        for axis in self.shared_axes or []:
            if not 1 <= axis < len(input_shape):
                raise ValueError(f'Layer "{self.name}": shared axis {axis} is not an axis of '
                                 f"inputs of shape {tuple(input_shape)} (axis 0 is the batch)")
            shape[axis - 1] = 1
        if any(d is None for d in shape):
            raise ValueError(f'Layer "{self.name}" needs known sizes on its non-shared axes, '
                             f"got input shape {tuple(input_shape)}")
        self.alpha = self.add_weight(shape=tuple(shape), initializer=self.alpha_initializer,
                                     regularizer=self.alpha_regularizer, name='alpha')

    def forward(self, x, training=False):
        return prelu_forward(x, self.alpha.value)

    def backward(self, dout, cache, need_dx=True):
        dx, dalpha = prelu_backward(dout, cache)
        return dx, [dalpha]

    def get_config(self):
        return {**super().get_config(), "shared_axes": self.shared_axes,
                "alpha_initializer": initializers.name_of(self.alpha_initializer)}
