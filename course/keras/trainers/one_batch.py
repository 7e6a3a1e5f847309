"""``train_on_batch``, ``test_on_batch``, ``predict_on_batch``: one batch, no loop (mixed
into ``Trainer``)."""

from course.keras import metrics as metrics_mod
from course.keras.trainers import data_adapter as da


class OneBatch:
    """Keras's one-batch methods, on ``Trainer``'s step, evaluate and inference."""

    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None,
                       return_dict=False):
        """One gradient step on one batch; returns that batch's loss (and metrics)."""
        self._assert_compiled()
        x, y, w = da.training_arrays(x, y, sample_weight, self.dtype, "train_on_batch()")
        w = da.with_class_weight(y, w, class_weight)
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
        return self.evaluate(x, y, batch_size=max(da.num_samples(x), 1), verbose=0,
                             sample_weight=sample_weight, return_dict=return_dict)

    def predict_on_batch(self, x):
        """Outputs for one batch ``x``."""
        x = da.as_float_inputs(x, "x", self.dtype)
        da.check_cardinality(x=x)
        self._prepare(x)
        return self._infer(x)
