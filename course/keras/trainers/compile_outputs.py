"""The losses and metrics of a model with several outputs, as Keras 3 compiles them.

``compile(loss=..., loss_weights=..., metrics=...)`` each take one value for every output,
a list (in the order of ``model.outputs``) or a dict keyed by output name (the output
layers' names, or the keys of dict ``outputs``: ``model.output_keys``). The loss minimized is
``sum_i loss_weights[i] * loss_i``; the logs hold ``loss`` (that sum), ``<output>_loss``
(each unweighted) and ``<output>_<metric>``, sorted by name as Keras reports them.
"""

from course.keras import losses as losses_mod
from course.keras import metrics as metrics_mod
from course.keras.trainers.compile_utils import CompileLoss, fused_kind


def has_several_outputs(model):
    """Whether ``model`` is a functional model with more than one output."""
    return len(getattr(model, "outputs", None) or []) > 1 and hasattr(model, "output_keys")


def per_output(spec, names, what, default=None):
    """``spec`` spread over the outputs ``names``: one value, a list, or a dict by name."""
    if spec is None:
        return [default] * len(names)
    if isinstance(spec, dict):
        unknown = sorted(set(spec) - set(names))
        if unknown:
            raise ValueError(f"compile(): {what} has keys {unknown} that are not output names. "
                             f"The model's outputs are {names}")
        return [spec.get(name, default) for name in names]
    if isinstance(spec, (list, tuple)):
        if len(spec) != len(names):
            raise ValueError(f"compile(): {what} is a list of {len(spec)} entries, but the "
                             f"model has {len(names)} outputs {names}; give one per output "
                             f"or a dict keyed by output name")
        return list(spec)
    return [spec] * len(names)


def _metric_lists(metrics, names):
    """One list of metric specs per output: a dict by output name, or a list with one entry
    (a metric or a list of them) per output, as Keras 3 requires."""
    if metrics is None:
        return [[] for _ in names]
    if isinstance(metrics, dict) or (isinstance(metrics, (list, tuple))
                                     and len(metrics) == len(names)):
        return [[] if m is None else list(m) if isinstance(m, (list, tuple)) else [m]
                for m in per_output(metrics, names, "metrics")]
    raise ValueError(f"Invalid `metrics`. `metrics` should contain metrics objects and either "
                     f"be a dict or a list matching the output names of the functional model "
                     f"{names}. Received: metrics={metrics!r}")


class CompileOutputs:
    """A multi-output model's compiled loss: ``(y, outs, w) -> (total, y_preds, douts)``.

    It is called as :class:`CompileLoss` is, with ``y`` a list (or dict) of targets and
    ``out`` the model's list of outputs; ``logits`` tells the model which outputs to
    return as logits (their loss is fused with a softmax or sigmoid).
    """

    def __init__(self, model, loss, loss_weights=None, metrics=None):
        self.names = list(model.output_keys)
        self.losses = [None if spec is None else losses_mod.get(spec)
                       for spec in per_output(loss, self.names, "loss")]
        if all(loss is None for loss in self.losses):
            raise ValueError(f"compile() needs a loss for at least one of the outputs "
                             f"{self.names}")
        self.loss_weights = [float(w) for w in
                             per_output(loss_weights, self.names, "loss_weights", 1.0)]
        self.metric_specs = _metric_lists(metrics, self.names)
        self.parts = None
        self.last_losses = [0.0] * len(self.names)

    @property
    def logits(self):
        return [bool(part and part.kind) for part in self.parts]

    def targets(self, y):
        """The targets, one per output in the model's order, from a list or a dict."""
        if isinstance(y, dict):
            missing = [n for n in self.names if n not in y and self._has_loss(n)]
            if missing:
                raise ValueError(f'Missing data for output "{missing[0]}". You passed a data '
                                 f"dictionary with keys {list(y)}. Expected the following "
                                 f"keys: {self.names}")
            return [y.get(n) for n in self.names]
        flat = list(y) if isinstance(y, (list, tuple)) else [y]
        if len(flat) != len(self.names):
            raise ValueError(f"The model has {len(self.names)} outputs {self.names}, but "
                             f"received {len(flat)} target arrays; give one per output (a "
                             f"list in this order, or a dict keyed by output name)")
        return flat

    def _has_loss(self, name):
        return self.losses[self.names.index(name)] is not None

    def prepare(self, model, y):
        """Check the targets against the outputs, choose each fused loss, make the metrics.

        Returns the metric objects the logs show (per-output losses first, as Keras's
        ``evaluate()`` lists them).
        """
        ys = self.targets(y)
        shapes = [t.shape for t in model.outputs]
        self.parts = []
        for i, (loss, target, shape) in enumerate(zip(self.losses, ys, shapes)):
            if loss is None:
                self.parts.append(None)
                continue
            loss.check_targets(target.shape, shape)
            activation = getattr(model.outputs[i].layer, "activation", None)
            kind = "" if model.output_feeds_other_layers(i) else fused_kind(loss, activation,
                                                                              shape)
            self.parts.append(CompileLoss(loss, kind))
        trackers = [OutputLoss(self, i) for i, part in enumerate(self.parts) if part]
        metrics = []
        for i, specs in enumerate(self.metric_specs):
            loss_name = self.losses[i].name if self.losses[i] is not None else None
            for spec in specs:
                metric = metrics_mod.get(spec, loss_name=loss_name,
                                         y_true_shape=ys[i].shape, y_pred_shape=shapes[i])
                metrics.append(OutputMetric(self, i, metric))
        return trackers + metrics

    def __call__(self, y, out, w, need_grad=True):
        ys = self.targets(y)
        total, y_preds, douts = 0.0, [], []
        for i, (part, target, value) in enumerate(zip(self.parts, ys, out)):
            if part is None:
                y_preds.append(value)
                douts.append(None)
                continue
            loss, y_pred, dout = part(target, value, w, need_grad)
            self.last_losses[i] = float(loss)
            total += self.loss_weights[i] * float(loss)
            y_preds.append(y_pred)
            douts.append(None if dout is None else dout * self.loss_weights[i])
        return total, y_preds, douts


class OutputLoss:
    """The running mean of one output's (unweighted) loss: ``"<output>_loss"`` in the logs."""

    def __init__(self, compiled, index):
        self.compiled, self.index = compiled, index
        self.name = f"{compiled.names[index]}_loss"
        self.mean = metrics_mod.Mean(self.name)

    def update_state(self, y, y_pred, sample_weight=None):
        self.mean.update_state(self.compiled.last_losses[self.index],
                               sample_weight=len(y_pred[self.index]))

    def result(self):
        return self.mean.result()

    def reset_state(self):
        self.mean.reset_state()


class OutputMetric:
    """A metric of one output: ``"<output>_<metric>"`` in the logs."""

    def __init__(self, compiled, index, metric):
        self.compiled, self.index, self.metric = compiled, index, metric
        self.name = f"{compiled.names[index]}_{metric.name}"

    def update_state(self, y, y_pred, sample_weight=None):
        target = self.compiled.targets(y)[self.index]
        self.metric.update_state(target, y_pred[self.index], sample_weight)

    def result(self):
        return self.metric.result()

    def reset_state(self):
        self.metric.reset_state()
