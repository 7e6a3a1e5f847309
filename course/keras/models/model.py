"""``Model``: a layer graph that trains, as Keras 3's ``keras/src/models/model.py``.

A model is a layer (its forward/backward run its layers) and a
:class:`~course.keras.trainers.trainer.Trainer` (compile, fit, evaluate, predict).
Subclasses (``Sequential``, the functional ``Model``) provide the structure:
``forward(x, training, logits) -> (out, cache)`` and ``backward(dout, cache) -> (dx, grads)``
with ``grads`` aligned with ``self.weights``.
"""

from course.keras.layers.layer import Layer
from course.keras.models.json_io import model_to_json
from course.keras.layers.tape_layer import sublayers
from course.keras.models.subclassing import (build_by_calling, functional_arguments,
                                             functional_subclass)
from course.keras.models.summary import print_summary
from course.keras.saving import saving_lib
from course.keras.saving.object_registration import get_registered
from course.keras.trainers.trainer import Trainer


class Model(Trainer, Layer):
    """Base of trainable models. ``Model(inputs, outputs)`` builds a functional model."""

    keeps_unset_training = True

    def __new__(cls, *args, **kwargs):
        if cls is Model and (args or "inputs" in kwargs):
            return super().__new__(get_registered("Functional"))  # __init__ runs once, next
        if cls is not Model and functional_arguments(args, kwargs):
            return super().__new__(functional_subclass(cls, get_registered("Functional")))
        return super().__new__(cls)

    def __init__(self, name=None, trainable=True, **kwargs):
        Layer.__init__(self, name=name, trainable=trainable, **kwargs)
        Trainer.__init__(self)

    # -- structure (subclasses) --------------------------------------------------------------
    @property
    def layers(self):
        """A subclassed model's layers: those held in its attributes."""
        return sublayers(self)

    @property
    def output_layer(self):
        """The layer whose output is the model's output (unknown for a subclassed model)."""
        return None

    def check_model_input(self, batch_shape):
        """Raise the first layer's Keras-style error if the data does not fit the model."""

    def build(self, input_shape):
        """A subclassed model builds by calling itself on one sample of zeros."""
        build_by_calling(self, input_shape)

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        """As Keras: freezing (or unfreezing) a model sets every layer in it alike."""
        self._trainable = bool(value)
        for layer in self.layers:
            layer.trainable = value

    @property
    def weights(self):
        seen, out = set(), []
        for layer in self.layers:
            for w in layer.weights:
                if id(w) not in seen:
                    seen.add(id(w))
                    out.append(w)
        return out

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        ids = {id(w) for layer in self.layers for w in layer.trainable_weights}
        return [w for w in self.weights if id(w) in ids]

    @property
    def non_trainable_weights(self):
        ids = {id(w) for w in self.trainable_weights}
        return [w for w in self.weights if id(w) not in ids]

    def count_params(self):
        return int(sum(w.value.size for w in self.weights))

    def get_weights(self):
        return [w.value.copy() for w in self.weights]

    def set_weights(self, weights):
        weights, variables = list(weights), self.weights
        if len(weights) != len(variables):
            raise ValueError(f'Model "{self.name}" expects {len(variables)} weight arrays, '
                             f"but received {len(weights)}")
        for var, value in zip(variables, weights):
            var.assign(value)

    def compute_output_shape(self, input_shape):
        return self.output_shape

    def get_layer(self, name=None, index=None):
        if index is not None:
            return self.layers[index]
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError(f"No such layer: {name}. Existing layers are: "
                         f"{[layer.name for layer in self.layers]}")

    def summary(self, line_length=None, positions=None, print_fn=None, expand_nested=False,
                show_trainable=False, layer_range=None):
        """Print Keras's table: Layer (type), Output Shape, Param #, and the totals."""
        print_summary(self, line_length=line_length, print_fn=print_fn,
                      show_trainable=show_trainable)

    def __call__(self, inputs, training=None, mask=None, **kwargs):
        return super().__call__(inputs, training, mask, **kwargs)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """``Model.from_config(functional_model.get_config())`` rebuilds the functional model."""
        if cls is Model and "input_layers" in config:
            return get_registered("Functional").from_config(config, custom_objects)
        return super().from_config(config)

    def to_json(self, **kwargs):
        """The architecture as JSON text (``keras.models.model_from_json`` reads it back)."""
        return model_to_json(self, **kwargs)

    # -- saving ----------------------------------------------------------------------------
    def save(self, filepath, overwrite=True):
        """Save architecture, weights and optimizer state to one file (see ``course.keras.saving``)."""
        saving_lib.save_model(self, filepath, overwrite=overwrite)

    def save_weights(self, filepath, overwrite=True):
        """Save the weights alone (a numpy ``.npz`` archive, whatever the file's extension)."""
        saving_lib.save_weights(self, filepath, overwrite=overwrite)

    def load_weights(self, filepath):
        """Load weights saved by :meth:`save_weights` (or :meth:`save`) into this model."""
        saving_lib.load_weights(self, filepath)
