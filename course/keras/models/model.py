"""``Model``: compile, fit, evaluate, predict, on top of a layer graph's forward/backward.

A model is itself a layer: subclasses (``Sequential``, the functional ``Model``) provide
``forward(x, training, logits) -> (out, cache)`` and ``backward(dout, cache) -> (dx, grads)``
with ``grads`` aligned with ``self.weights``; this class owns the training loop.

When the output layer ends in a softmax (sigmoid) and the loss is a categorical (binary)
cross-entropy on probabilities, the step computes the loss from the logits with
``course.ops.softmax_cross_entropy`` (or the binary from-logits loss): exact for any logits
and faster. Keras does the same.
"""

import math
import warnings

import numpy as np

from course.keras import backend
from course.keras import losses as losses_mod
from course.keras import metrics as metrics_mod
from course.keras import optimizers as optimizers_mod
from course.keras.callbacks import CallbackList, History, ProgbarLogger
from course.keras.layers.layer import Layer
from course.keras.models import data_adapter as da
from course.keras.saving import saving_lib
from course.ops.activations import sigmoid_forward
from course.ops.losses import (binary_crossentropy_from_logits_backward,
                               binary_crossentropy_from_logits_forward)
from course.ops.softmax_cross_entropy import (softmax_cross_entropy_backward,
                                              softmax_cross_entropy_forward)


INFERENCE_BYTES = 4 << 20
"""Inference runs a batch in chunks whose activations fit in about this many bytes (a CPU's
cache): the outputs are the same, the memory traffic much smaller (the MNIST convnet
predicts 1.6x faster at batch 1000)."""


class Model(Layer):
    """Base of trainable models. ``Model(inputs, outputs)`` builds a functional model."""

    def __new__(cls, *args, **kwargs):
        if cls is Model and (args or "inputs" in kwargs):
            from course.keras.models.functional import Functional
            return Functional(*args, **kwargs)
        return super().__new__(cls)

    def __init__(self, name=None, trainable=True, **kwargs):
        super().__init__(name=name, trainable=trainable, **kwargs)
        self.optimizer = None
        self.loss = None
        self.compiled_metrics = []
        self.stop_training = False
        self.history = None
        self._fused = None

    # -- structure (subclasses) --------------------------------------------------------------
    @property
    def layers(self):
        raise NotImplementedError

    @property
    def output_layer(self):
        """The layer whose output is the model's output."""
        raise NotImplementedError

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
        from course.keras.models.summary import print_summary
        print_summary(self, line_length=line_length, print_fn=print_fn,
                      show_trainable=show_trainable)

    # -- compile -------------------------------------------------------------------------
    def compile(self, optimizer="rmsprop", loss=None, metrics=None, loss_weights=None,
                weighted_metrics=None, run_eagerly=None, jit_compile=None, **kwargs):
        """Choose the optimizer, the loss and the metrics (names or objects, as in Keras)."""
        if kwargs:
            raise TypeError(f"compile() got unexpected arguments: {sorted(kwargs)}")
        if loss is None:
            raise ValueError("compile() needs a loss, e.g. loss='categorical_crossentropy'")
        self.optimizer = optimizers_mod.get(optimizer)
        self.loss = losses_mod.get(loss)
        self._metric_specs = list(metrics or [])
        self.compiled_metrics = []
        self._fused = None

    def _resolve_metrics(self, y, y_pred_shape):
        if self.compiled_metrics or not self._metric_specs:
            return
        self.compiled_metrics = [
            metrics_mod.get(m, loss_name=self.loss.name, y_true_shape=y.shape,
                            y_pred_shape=y_pred_shape) for m in self._metric_specs]

    @property
    def metrics_names(self):
        return ["loss"] + [m.name for m in self.compiled_metrics]

    def _fused_kind(self):
        if self._fused is None:
            act = getattr(self.output_layer, "activation", None)
            loss = self.loss
            self._fused = ""
            if not loss.from_logits and len(self.output_shape) == 2:
                if act == "softmax" and isinstance(loss, (losses_mod.CategoricalCrossentropy,
                                                          losses_mod.SparseCategoricalCrossentropy)):
                    self._fused = "softmax"
                elif act == "sigmoid" and isinstance(loss, losses_mod.BinaryCrossentropy):
                    self._fused = "sigmoid"
        return self._fused

    def _assert_compiled(self):
        if self.optimizer is None or self.loss is None:
            raise RuntimeError("You must call compile() before using the model for training "
                               "or evaluation, e.g. model.compile(optimizer='adam', "
                               "loss='sparse_categorical_crossentropy', metrics=['accuracy'])")

    # -- building and checking -----------------------------------------------------------
    def _prepare(self, x, y=None):
        """Build on the data's shape if needed, and check x (and y) against the model."""
        shapes = [a.shape for a in x] if isinstance(x, list) else x.shape
        batch_shape = ([(None,) + s[1:] for s in shapes] if isinstance(x, list)
                       else (None,) + shapes[1:])
        if not self.built:
            self.build(batch_shape)
        else:
            self.check_model_input(batch_shape)
        if y is not None:
            self.loss.check_targets(y.shape, self.output_shape)
            self._resolve_metrics(y, self.output_shape)

    def check_model_input(self, batch_shape):
        """Raise the first layer's Keras-style error if the data does not fit the model."""
        raise NotImplementedError

    # -- one step ------------------------------------------------------------------------
    def _loss_and_output_grad(self, y, out, w):
        """``(loss, y_pred, dloss/dout)`` for a batch, using the fused forms when they apply."""
        kind = self._fused_kind()
        if kind == "softmax":
            loss, cache = softmax_cross_entropy_forward(y, out, w)
            return loss, cache[0], softmax_cross_entropy_backward(1.0, cache)
        if kind == "sigmoid":
            y2 = y.reshape(out.shape).astype(out.dtype, copy=False)
            loss, cache = binary_crossentropy_from_logits_forward(y2, out, w)
            return loss, sigmoid_forward(out)[0], binary_crossentropy_from_logits_backward(1.0, cache)
        loss, cache = self.loss.forward(y, out, w)
        return loss, out, self.loss.backward(cache)

    def _loss_only(self, y, out, w):
        kind = self._fused_kind()
        if kind == "softmax":
            loss, cache = softmax_cross_entropy_forward(y, out, w)
            return loss, cache[0]
        if kind == "sigmoid":
            y2 = y.reshape(out.shape).astype(out.dtype, copy=False)
            return (binary_crossentropy_from_logits_forward(y2, out, w)[0],
                    sigmoid_forward(out)[0])
        return self.loss.forward(y, out, w)[0], out

    def _regularization(self, grads=None):
        """The weight penalties' sum; adds their gradients into ``grads`` when given."""
        total = 0.0
        for i, var in enumerate(self.weights):
            if var.regularizer is not None:
                total += float(var.regularizer(var.value))
                if grads is not None and grads[i] is not None:
                    grads[i] = grads[i] + var.regularizer.gradient(var.value)
        return total

    def _train_step(self, x, y, w, trainable_index, variables):
        out, cache = self.forward(x, training=True, logits=bool(self._fused_kind()))
        loss, y_pred, dout = self._loss_and_output_grad(y, out, w)
        _, grads = self.backward(dout, cache, need_dx=False)
        loss = float(loss) + self._regularization(grads)
        self.optimizer.apply([grads[i] for i in trainable_index], variables)
        return loss, y_pred

    def _trainable_plan(self):
        ids = {id(v) for v in self.trainable_weights}
        index = [i for i, v in enumerate(self.weights) if id(v) in ids]
        return index, [self.weights[i] for i in index]

    def _update_metrics(self, loss_tracker, loss, y, y_pred, w, n):
        loss_tracker.update_state(loss, sample_weight=n)
        for metric in self.compiled_metrics:
            metric.update_state(y, y_pred, w)
        logs = {"loss": loss_tracker.result()}
        logs.update((m.name, m.result()) for m in self.compiled_metrics)
        return logs

    # -- fit -------------------------------------------------------------------------------
    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None,
            validation_split=0.0, validation_data=None, shuffle=True, class_weight=None,
            sample_weight=None, initial_epoch=0, steps_per_epoch=None, validation_steps=None,
            validation_batch_size=None, validation_freq=1):
        """Train for ``epochs`` epochs; returns a ``History`` (``.history`` has one list per metric).

        Arguments as in Keras: ``validation_split`` holds out the *last* fraction of the
        arrays before any shuffling; ``class_weight`` maps class -> weight;
        ``sample_weight`` is ``(N,)``. If the loss becomes NaN or infinite, training stops
        at that batch with a warning saying so.
        """
        self._assert_compiled()
        verbose = 1 if verbose == "auto" else int(verbose)
        batch_size = batch_size or 32
        train, val = self._training_sources(x, y, sample_weight, class_weight, batch_size,
                                            shuffle, steps_per_epoch, validation_split,
                                            validation_data, validation_steps,
                                            validation_batch_size)
        steps = len(train)
        history = History()
        cbs = list(callbacks or [])
        params = {"epochs": epochs, "steps": steps, "verbose": verbose, "in_fit": True}
        callback_list = CallbackList(([ProgbarLogger(verbose)] if verbose else []) + cbs
                                     + [history], self, params)
        trainable_index, variables = self._trainable_plan()
        loss_tracker = metrics_mod.Mean("loss")
        self.stop_training = False
        callback_list.on_train_begin()
        for epoch in range(initial_epoch, epochs):
            loss_tracker.reset_state()
            for m in self.compiled_metrics:
                m.reset_state()
            callback_list.on_epoch_begin(epoch)
            logs = {}
            for step, (xb, yb, wb) in enumerate(train.epoch()):
                callback_list.on_train_batch_begin(step)
                loss, y_pred = self._train_step(xb, yb, wb, trainable_index, variables)
                if not math.isfinite(loss):
                    warnings.warn(
                        f"Epoch {epoch + 1}, batch {step}: the loss is {loss}; training stopped. "
                        f"Usual causes: a learning rate too high, unscaled inputs (e.g. pixels "
                        f"0-255 instead of 0-1), or labels that do not fit the loss.",
                        RuntimeWarning, stacklevel=2)
                    self.stop_training = True
                logs = self._update_metrics(loss_tracker, loss, yb, y_pred, wb, da.num_samples(xb))
                callback_list.on_train_batch_end(step, logs)
                if self.stop_training:
                    break
            epoch_logs = dict(logs)
            if val is not None and (epoch + 1) % validation_freq == 0 and math.isfinite(
                    epoch_logs.get("loss", 0.0)):
                val_logs = self._evaluate_source(val, callback_list)
                epoch_logs.update({f"val_{k}": v for k, v in val_logs.items()})
            callback_list.on_epoch_end(epoch, epoch_logs)
            if self.stop_training:
                break
        callback_list.on_train_end()
        self.history = history
        history.params = params
        history.model = self
        return history

    def _training_sources(self, x, y, sample_weight, class_weight, batch_size, shuffle,
                          steps_per_epoch, validation_split, validation_data,
                          validation_steps, validation_batch_size):
        if x is None:
            raise ValueError("fit() needs training data x")
        val = None
        if da.is_batch_source(x):
            if validation_split:
                raise ValueError("validation_split is only supported for arrays; "
                                 "pass validation_data with a generator")
            train = da.GeneratorBatches(x, steps_per_epoch, class_weight)
            if train.indexable:
                xb, yb, _ = train.peek()
                self._prepare(xb, yb)
            elif not self.built:
                raise ValueError("Build the model (give the first layer an input_shape) before "
                                 "fitting it on a generator without a length")
        else:
            x = da.as_float_inputs(x, "x", self.dtype)
            if y is None:
                raise ValueError("fit() needs targets y together with the array x")
            y = da.as_targets(y, "y")
            if sample_weight is not None:
                sample_weight = np.asarray(sample_weight, dtype=np.float32).reshape(-1)
            da.check_cardinality(x=x, y=y, sample_weight=sample_weight)
            if validation_split and validation_data is None:
                x, y, sample_weight, val = self._split_validation(
                    x, y, sample_weight, validation_split, validation_batch_size or batch_size)
            if class_weight is not None:
                cw = da.class_weights_to_sample_weights(y, class_weight)
                sample_weight = cw if sample_weight is None else sample_weight * cw
            if da.num_samples(x) == 0:
                raise ValueError("fit() got no training samples")
            self._prepare(x, y)
            train = da.ArrayBatches(x, y, sample_weight, batch_size, shuffle, backend.rng())
        if validation_data is not None:
            val = self._evaluation_source(validation_data, validation_batch_size or batch_size,
                                          validation_steps)
        return train, val

    @staticmethod
    def _split_validation(x, y, sample_weight, validation_split, batch_size):
        """Hold out the last ``validation_split`` of the samples, as Keras does."""
        if not 0 < validation_split < 1:
            raise ValueError(f"validation_split must be in (0, 1), got {validation_split}")
        split = int(math.ceil(da.num_samples(x) * (1.0 - validation_split)))
        if split >= da.num_samples(x):
            raise ValueError("validation_split left no samples for validation")
        head, tail = slice(0, split), slice(split, None)
        w_head = None if sample_weight is None else sample_weight[head]
        w_tail = None if sample_weight is None else sample_weight[tail]
        val = da.ArrayBatches(da.take(x, tail), y[tail], w_tail, batch_size)
        return da.take(x, head), y[head], w_head, val

    def _evaluation_source(self, data, batch_size, steps=None):
        """``(x, y[, sample_weight])`` arrays or a batch source -> batches for evaluation."""
        if da.is_batch_source(data):
            return da.GeneratorBatches(data, steps)
        if not isinstance(data, (tuple, list)) or len(data) not in (2, 3):
            raise ValueError("validation data must be (x, y) or (x, y, sample_weight), or a "
                             "generator of batches")
        vx = da.as_float_inputs(data[0], "validation x", self.dtype)
        vy = da.as_targets(data[1], "validation y")
        vw = None if len(data) < 3 or data[2] is None else \
            np.asarray(data[2], np.float32).reshape(-1)
        da.check_cardinality(x=vx, y=vy, sample_weight=vw)
        self._prepare(vx, vy)
        return da.ArrayBatches(vx, vy, vw, batch_size)

    # -- evaluate and predict ------------------------------------------------------------
    def _inference_chunk(self):
        """Samples per chunk of an inference forward pass (see ``INFERENCE_BYTES``)."""
        per_sample = 0
        for layer in self.layers:
            shape = layer.output_shape
            shapes = shape if isinstance(shape, list) else [shape]
            per_sample += sum(int(np.prod([d or 1 for d in s[1:]])) for s in shapes)
        return max(1, INFERENCE_BYTES // (4 * max(per_sample, 1)))

    def _infer(self, x, logits=False):
        """``forward(x, training=False)`` in cache-sized chunks, concatenated."""
        n, chunk = da.num_samples(x), self._inference_chunk()
        if n <= chunk:
            return self.forward(x, training=False, logits=logits)[0]
        return np.concatenate([self.forward(da.take(x, slice(i, i + chunk)), training=False,
                                            logits=logits)[0] for i in range(0, n, chunk)])

    def _evaluate_source(self, source, callback_list=None):
        loss_tracker = metrics_mod.Mean("loss")
        for m in self.compiled_metrics:
            m.reset_state()
        if callback_list is not None:
            callback_list.on_test_begin()
        logs = {}
        reg = self._regularization()
        for step, (xb, yb, wb) in enumerate(source.epoch()):
            out = self._infer(xb, logits=bool(self._fused_kind()))
            loss, y_pred = self._loss_only(yb, out, wb)
            logs = self._update_metrics(loss_tracker, float(loss) + reg, yb, y_pred, wb,
                                        da.num_samples(xb))
            if callback_list is not None:
                callback_list.on_test_batch_end(step, logs)
        if callback_list is not None:
            callback_list.on_test_end(logs)
        return logs

    def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None,
                 steps=None, callbacks=None, return_dict=False):
        """The loss (a float), or ``[loss, *metrics]`` when metrics were compiled."""
        self._assert_compiled()
        verbose = 1 if verbose == "auto" else int(verbose)
        if da.is_batch_source(x):
            source = da.GeneratorBatches(x, steps)
        else:
            source = self._evaluation_source((x, y, sample_weight), batch_size or 32)
        params = {"steps": len(source), "verbose": verbose}
        callback_list = CallbackList(([ProgbarLogger(verbose)] if verbose else [])
                                     + list(callbacks or []), self, params)
        logs = self._evaluate_source(source, callback_list)
        if return_dict:
            return logs
        values = [logs[k] for k in self.metrics_names]
        return values[0] if len(values) == 1 else values

    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
        """Outputs for ``x`` in batches (32), concatenated: ``(N, ...)``."""
        verbose = 1 if verbose == "auto" else int(verbose)
        if da.is_batch_source(x):
            source = da.GeneratorBatches(x, steps)
        else:
            x = da.as_float_inputs(x, "x", self.dtype)
            self._prepare(x)
            source = da.ArrayBatches(x, batch_size=batch_size or 32)
        callback_list = CallbackList(([ProgbarLogger(verbose)] if verbose else [])
                                     + list(callbacks or []), self,
                                     {"steps": len(source), "verbose": verbose})
        callback_list.on_predict_begin()
        outputs = []
        for step, (xb, _, _) in enumerate(source.epoch()):
            outputs.append(self._infer(xb))
            callback_list.on_predict_batch_end(step)
        callback_list.on_predict_end()
        return np.concatenate(outputs) if outputs else np.zeros((0,) + self.output_shape[1:])

    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None,
                       return_dict=False):
        """One gradient step on one batch; returns that batch's loss (and metrics)."""
        self._assert_compiled()
        x = da.as_float_inputs(x, "x", self.dtype)
        y = da.as_targets(y, "y")
        da.check_cardinality(x=x, y=y)
        w = None if sample_weight is None else np.asarray(sample_weight, np.float32).reshape(-1)
        if class_weight is not None:
            cw = da.class_weights_to_sample_weights(y, class_weight)
            w = cw if w is None else w * cw
        self._prepare(x, y)
        for m in self.compiled_metrics:
            m.reset_state()
        tracker = metrics_mod.Mean("loss")
        loss, y_pred = self._train_step(x, y, w, *self._trainable_plan())
        logs = self._update_metrics(tracker, loss, y, y_pred, w, da.num_samples(x))
        if return_dict:
            return logs
        values = [logs[k] for k in self.metrics_names]
        return values[0] if len(values) == 1 else values

    def test_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
        """The loss (and metrics) on one batch, without training."""
        return self.evaluate(x, y, batch_size=da.num_samples(x), verbose=0,
                             sample_weight=sample_weight, return_dict=return_dict)

    def predict_on_batch(self, x):
        """Outputs for one batch ``x``."""
        x = da.as_float_inputs(x, "x", self.dtype)
        self._prepare(x)
        return self._infer(x)

    def __call__(self, inputs, training=False):
        return super().__call__(inputs, training)

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
