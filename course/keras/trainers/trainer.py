"""``Trainer``: compile, fit, evaluate, predict, as Keras 3's ``keras/src/trainers/trainer.py``.

A model (``course.keras.models.Model``) is a layer graph with ``forward(x, training,
logits) -> (out, cache)`` and ``backward(dout, cache, need_dx) -> (dx, grads)`` (``grads``
aligned with ``weights``); this mixin owns what turns that into training: the optimizer
step, the compiled loss (:mod:`.compile_utils`), the metrics, the callbacks, and the data
adapters (:mod:`.data_adapter`) that cut arrays or generators into batches.
"""

import math
import warnings

import numpy as np

from course.keras import backend
from course.keras import losses as losses_mod
from course.keras import metrics as metrics_mod
from course.keras import optimizers as optimizers_mod
from course.keras.callbacks import CallbackList, History, ProgbarLogger
from course.keras.callbacks.callback import as_callbacks as _callbacks
from course.keras.trainers import batch_split, custom_step
from course.keras.trainers import data_adapter as da
from course.keras.trainers.one_batch import OneBatch
from course.keras.trainers.compile_outputs import CompileOutputs, has_several_outputs
from course.keras.trainers.compile_utils import (CompileLoss, as_metric_list, fused_kind,
                                                 resolve_metrics, resolve_weighted_metrics)
from course.keras.trainers.dataset_adapter import (DatasetBatches, check_dataset_arguments,
                                                   is_dataset, num_batches)
from course.keras.trainers.outputs import concatenate_outputs
from course.keras.trainers.text_inputs import check_text_input

INFERENCE_BYTES = 8 << 20
"""Inference runs a batch in chunks whose activations (as the layers' output shapes count
them) take about this many bytes: the outputs are the same, the memory traffic smaller.
Measured on the MNIST convnet at batch 1000 (the two halves of a batch on two cores, the
first block fused, :mod:`course.keras.models.layer_fusion`): 2 MB 24,000 images/s, 4 MB
28,900, 8 MB 31,600, 16 MB 31,800, 64 MB 31,400; the whole batch at once was 1.6x slower
than 4 MB chunks before the fusion."""


class Trainer(custom_step.CustomSteps, OneBatch):
    """The training half of a model (mixed into ``Model``)."""

    def __init__(self):
        self.optimizer = None
        self.loss = None
        self.compiled_metrics = []
        self._metric_specs = self._weighted_specs = []
        self._n_unweighted = 0
        self.stop_training = False
        self.history = None
        self._compile_loss = None

    # -- compile -------------------------------------------------------------------------
    def compile(self, optimizer="rmsprop", loss=None, metrics=None, loss_weights=None,
                weighted_metrics=None, run_eagerly=None, jit_compile=None, **kwargs):
        """Choose the optimizer, the loss and the metrics (names or objects, as in Keras)."""
        if kwargs:
            raise TypeError(f"compile() got unexpected arguments: {sorted(kwargs)}")
        if loss is None:
            raise ValueError("compile() needs a loss, e.g. loss='categorical_crossentropy'")
        self.optimizer = optimizers_mod.get(optimizer)
        self._weighted_specs = as_metric_list(weighted_metrics)
        self._n_unweighted = math.inf  # compiled_metrics[i] gets sample weights if i >= this
        self.compiled_metrics = []
        self._compile_loss = None
        if has_several_outputs(self):  # per-output losses, weights, metrics
            self.loss, self._metric_specs = loss, metrics
            self._compile_loss = CompileOutputs(self, loss, loss_weights, metrics)
            return
        self.loss = losses_mod.get(loss)
        self._metric_specs = as_metric_list(metrics)

    @property
    def metrics_names(self):
        return ["loss"] + [m.name for m in self.compiled_metrics]

    def compiled_loss(self):
        """The :class:`CompileLoss` for this model's output (chosen once, when built)."""
        if self._compile_loss is None:
            activation = getattr(self.output_layer, "activation", None)
            self._compile_loss = CompileLoss(
                self.loss, fused_kind(self.loss, activation, self.output_shape))
        return self._compile_loss

    def _assert_compiled(self):
        if self.optimizer is None or self.loss is None:
            raise RuntimeError("You must call compile() before using the model for training "
                               "or evaluation, e.g. model.compile(optimizer='adam', "
                               "loss='sparse_categorical_crossentropy', metrics=['accuracy'])")

    # -- building and checking -----------------------------------------------------------
    def _prepare(self, x, y=None):
        """Build on the data's shape if needed, and check x (and y) against the model."""
        check_text_input(self, x)
        batch_shape = da.batch_shape(x)
        if not self.built:
            self.build(batch_shape)
        else:
            self.check_model_input(batch_shape)
        if y is not None and isinstance(self._compile_loss, CompileOutputs):
            if self._compile_loss.parts is None:
                self.compiled_metrics = self._compile_loss.prepare(self, y)
        elif y is not None:
            self.loss.check_targets(y.shape, self.output_shape)
            if (self._metric_specs or self._weighted_specs) and not self.compiled_metrics:
                plain = resolve_metrics(self._metric_specs, self.loss.name, y.shape,
                                        self.output_shape)
                self._n_unweighted = len(plain)
                self.compiled_metrics = plain + resolve_weighted_metrics(
                    self._weighted_specs, ["loss"] + [m.name for m in plain], self.loss.name,
                    y.shape, self.output_shape)

    # -- one step ------------------------------------------------------------------------
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
        loss, y_pred, grads = batch_split.forward_backward(self, self.compiled_loss(), x, y, w)
        loss = float(loss) + self._regularization(grads)
        self.optimizer.apply([grads[i] for i in trainable_index], variables)
        return loss, y_pred

    def _trainable_plan(self):
        ids = {id(v) for v in self.trainable_weights}
        index = [i for i, v in enumerate(self.weights) if id(v) in ids]
        return index, [self.weights[i] for i in index]

    def _update_metrics(self, loss_tracker, loss, y, y_pred, w, n):
        loss_tracker.update_state(loss, sample_weight=n)
        for i, metric in enumerate(self.compiled_metrics):  # only weighted_metrics get w
            metric.update_state(y, y_pred, w if i >= self._n_unweighted else None)
        logs = {"loss": loss_tracker.result()}
        logs.update((m.name, m.result()) for m in self.compiled_metrics)
        if isinstance(self._compile_loss, CompileOutputs):  # Keras reports them by name
            logs = dict(sorted(logs.items()))
        return logs

    # -- fit -------------------------------------------------------------------------------
    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None,
            validation_split=0.0, validation_data=None, shuffle=True, class_weight=None,
            sample_weight=None, initial_epoch=0, steps_per_epoch=None, validation_steps=None,
            validation_batch_size=None, validation_freq=1):
        """Train for ``epochs`` epochs; returns a ``History`` (``.history`` has one list per metric).

        Arguments as in Keras: ``validation_split`` holds out the *last* fraction of the
        arrays before any shuffling; ``class_weight`` maps class -> weight;
        ``sample_weight`` is ``(N,)``; ``steps_per_epoch`` makes an epoch that many batches
        (the next epoch goes on where it stopped). If the loss becomes NaN or infinite,
        training stops at that batch with a warning saying so.
        """
        self._assert_compiled()
        verbose = 1 if verbose == "auto" else int(verbose)
        if is_dataset(x):
            check_dataset_arguments(y, sample_weight, batch_size, validation_split)
        batch_size = da.check_batch_size(batch_size, "batch_size")
        steps_per_epoch = da.check_steps(steps_per_epoch, "steps_per_epoch")
        train, val = self._training_sources(x, y, sample_weight, class_weight, batch_size,
                                            shuffle, steps_per_epoch, validation_split,
                                            validation_data, validation_steps,
                                            validation_batch_size)
        steps = num_batches(train)
        history = History()
        cbs = _callbacks(callbacks)
        params = {"epochs": epochs, "steps": steps, "verbose": verbose, "in_fit": True}
        callback_list = CallbackList(([ProgbarLogger(verbose)] if verbose else []) + cbs
                                     + [history], self, params)
        trainable_index, variables = self._trainable_plan()
        loss_tracker = metrics_mod.Mean("loss")
        custom = custom_step.overrides_train_step(self)
        self.stop_training = False
        callback_list.on_train_begin()
        for epoch in range(initial_epoch, epochs):
            loss_tracker.reset_state()
            for m in self.metrics:
                m.reset_state()
            callback_list.on_epoch_begin(epoch)
            logs = {}
            for step, (xb, yb, wb) in enumerate(train.epoch()):
                callback_list.on_train_batch_begin(step)
                if custom:
                    logs = custom_step.run_train_step(self, xb, yb, wb)
                    loss = logs.get("loss", 0.0)
                else:
                    loss, y_pred = self._train_step(xb, yb, wb, trainable_index, variables)
                if not math.isfinite(loss):
                    warnings.warn(
                        f"Epoch {epoch + 1}, batch {step}: the loss is {loss}; training stopped. "
                        f"Usual causes: a learning rate too high, unscaled inputs (e.g. pixels "
                        f"0-255 instead of 0-1), or labels that do not fit the loss.",
                        RuntimeWarning, stacklevel=2)
                    self.stop_training = True
                if not custom:
                    logs = self._update_metrics(loss_tracker, loss, yb, y_pred, wb,
                                                da.num_samples(xb))
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
        self.optimizer.finalize_variable_values(self._trainable_plan()[1])  # use_ema
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
        if is_dataset(x):
            train = DatasetBatches(x, steps_per_epoch, class_weight)
            self._prepare(*train.peek()[:2])
        elif da.is_batch_source(x):
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
            x, y, sample_weight = da.training_arrays(x, y, sample_weight, self.dtype, "fit()")
            if validation_split and validation_data is None:
                batch = da.check_batch_size(validation_batch_size or batch_size,
                                            "validation_batch_size")
                x, y, sample_weight, val = da.split_validation(x, y, sample_weight,
                                                               validation_split, batch)
            sample_weight = da.with_class_weight(y, sample_weight, class_weight)
            if da.num_samples(x) == 0:
                raise ValueError("fit() got no training samples")
            self._prepare(x, y)
            train = da.ArrayBatches(x, y, sample_weight, batch_size, shuffle, backend.rng(),
                                    steps=steps_per_epoch)
        if validation_data is not None:
            val = self._evaluation_source(
                validation_data, da.check_batch_size(validation_batch_size or batch_size,
                                                     "validation_batch_size"),
                validation_steps, "validation_data")
        return train, val

    def _evaluation_source(self, data, batch_size, steps=None, name="validation_data"):
        """``(x, y[, sample_weight])`` arrays or a batch source -> batches for evaluation."""
        if is_dataset(data):
            return DatasetBatches(data, da.check_steps(steps, "validation_steps"),
                                  steps_name="validation_steps")
        if da.is_batch_source(data):
            return da.GeneratorBatches(data, steps)
        if not isinstance(data, (tuple, list)) or len(data) not in (2, 3):
            raise ValueError(f"{name} must be (x, y) or (x, y, sample_weight), or a "
                             f"generator of batches")
        prefix = "validation " if name == "validation_data" else ""
        vx = da.as_float_inputs(data[0], f"{prefix}x", self.dtype)
        if data[1] is None:
            raise ValueError(f"{name}: targets y are needed together with the array x "
                             f"(to compute the loss)")
        vy = da.as_targets(data[1], f"{prefix}y")
        vw = da.as_sample_weight(data[2] if len(data) > 2 else None)
        da.check_cardinality(x=vx, y=vy, sample_weight=vw)
        if da.num_samples(vx) == 0:
            raise ValueError(f"{name}: x has no samples, so there is no loss to report")
        self._prepare(vx, vy)
        return da.ArrayBatches(vx, vy, vw, batch_size)

    # -- evaluate and predict ------------------------------------------------------------
    def _inference_chunk(self):
        """Samples per chunk of an inference forward pass (see ``INFERENCE_BYTES``)."""
        per_sample = 0
        for layer in self.layers:
            shape = layer.output_shape
            shapes = shape if isinstance(shape, list) else [shape]
            per_sample += sum(int(np.prod([d or 1 for d in s[1:]])) for s in shapes if s)
        return max(1, INFERENCE_BYTES // (4 * max(per_sample, 1)))

    def _infer(self, x, logits=False):
        """``forward(x, training=False)`` in cache-sized chunks, concatenated (the two halves
        of ``x`` on two cores where :mod:`.batch_split` allows)."""
        return batch_split.infer(self, x, lambda part: self._infer_chunks(part, logits))

    def _infer_chunks(self, x, logits):
        n, chunk = da.num_samples(x), self._inference_chunk()
        if n <= chunk:
            return self.forward(x, training=False, logits=logits)[0]
        return concatenate_outputs([self.forward(da.take(x, slice(i, i + chunk)),
                                                 training=False, logits=logits)[0]
                                    for i in range(0, n, chunk)])

    def _evaluate_source(self, source, callback_list=None):
        loss_tracker = metrics_mod.Mean("loss")
        for m in self.compiled_metrics:
            m.reset_state()
        if callback_list is not None:
            callback_list.on_test_begin()
        logs = {}
        reg = self._regularization()
        compiled = self.compiled_loss()
        custom = custom_step.overrides_train_step(self, "test_step")
        for m in self.metrics if custom else ():
            m.reset_state()
        for step, (xb, yb, wb) in enumerate(source.epoch()):
            if custom:
                logs = custom_step.run_train_step(self, xb, yb, wb, "test_step")
                if callback_list is not None:
                    callback_list.on_test_batch_end(step, logs)
                continue
            out = self._infer(xb, logits=compiled.logits)
            loss, y_pred, _ = compiled(yb, out, wb, need_grad=False)
            logs = self._update_metrics(loss_tracker, float(loss) + reg, yb, y_pred, wb,
                                        da.num_samples(xb))
            if callback_list is not None:
                callback_list.on_test_batch_end(step, logs)
        if callback_list is not None:
            callback_list.on_test_end(logs)
        if not logs:
            raise ValueError("evaluate() got no batches to evaluate (an empty generator, or "
                             "steps=0)")
        return logs

    def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None,
                 steps=None, callbacks=None, return_dict=False):
        """The loss (a float), or ``[loss, *metrics]`` when metrics were compiled."""
        self._assert_compiled()
        verbose = 1 if verbose == "auto" else int(verbose)
        if x is None:
            raise ValueError("evaluate() needs data x (and targets y)")
        if is_dataset(x):
            check_dataset_arguments(y, sample_weight, batch_size)
            source = DatasetBatches(x, da.check_steps(steps, "steps"), steps_name="steps")
            self._prepare(*source.peek()[:2])
        elif da.is_batch_source(x):
            source = da.GeneratorBatches(x, da.check_steps(steps, "steps"))
        else:
            source = self._evaluation_source((x, y, sample_weight),
                                             da.check_batch_size(batch_size), name="evaluate()")
        params = {"steps": num_batches(source), "verbose": verbose}
        callback_list = CallbackList(([ProgbarLogger(verbose)] if verbose else [])
                                     + _callbacks(callbacks), self, params)
        logs = self._evaluate_source(source, callback_list)
        if return_dict:
            return logs
        values = [logs[k] for k in self.metrics_names]
        return values[0] if len(values) == 1 else values

    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
        """Outputs for ``x`` in batches (32), concatenated: ``(N, ...)``."""
        verbose = 1 if verbose == "auto" else int(verbose)
        if is_dataset(x):
            check_dataset_arguments(batch_size=batch_size)
            source = DatasetBatches(x, da.check_steps(steps, "steps"), steps_name="steps")
            self._prepare(source.peek()[0])
        elif da.is_batch_source(x):
            source = da.GeneratorBatches(x, da.check_steps(steps, "steps"))
        else:
            batch_size = da.check_batch_size(batch_size, "batch_size")
            x = da.as_float_inputs(x, "x", self.dtype)
            da.check_cardinality(x=x)
            self._prepare(x)
            source = da.ArrayBatches(x, batch_size=batch_size)
        callback_list = CallbackList(([ProgbarLogger(verbose)] if verbose else [])
                                     + _callbacks(callbacks), self,
                                     {"steps": num_batches(source), "verbose": verbose})
        callback_list.on_predict_begin()
        outputs = []
        for step, (xb, _, _) in enumerate(source.epoch()):
            outputs.append(self._infer(xb))
            callback_list.on_predict_batch_end(step)
        callback_list.on_predict_end()
        if not outputs:
            return np.zeros((0,) + self.output_shape[1:])
        out = concatenate_outputs(outputs)
        return self.pack_outputs(out) if isinstance(out, list) else out
