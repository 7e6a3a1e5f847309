"""``Discretization``: bucket numbers by boundaries (given, or quantiles from ``adapt``)."""

import numpy as np

from course.keras.layers.layer import Layer
from course.keras.layers.preprocessing.adapt_data import adapt_batches
from course.keras.layers.preprocessing.category_encoding import encode_categorical


def compress_summary(summary, epsilon):
    """A quantile summary ``(2, k)`` (values; weights) reduced to about ``1 / epsilon``
    points by interpolating its cumulative weights, as Keras does."""
    if summary.shape[1] * epsilon < 1:
        return summary
    percents = epsilon + np.arange(0.0, 1.0, epsilon)
    cum_weights = summary[1].cumsum()
    cum_percents = cum_weights / cum_weights[-1]
    new_bins = np.interp(percents, cum_percents, summary[0])
    cum_weights = np.interp(percents, cum_percents, cum_weights)
    new_weights = cum_weights - np.concatenate(([0], cum_weights[:-1]))
    return np.stack((new_bins, new_weights)).astype(np.float32)


def summarize(values, epsilon):
    """Every ``len / (1 / epsilon)``-th sorted value with its weight: a ``(2, k)`` summary."""
    values = np.sort(np.reshape(values, -1))
    step = max(values.size * epsilon, 1)
    boundaries = values[int(step - 1)::int(step)]
    return np.stack([boundaries, np.ones_like(boundaries) * step])


class Discretization(Layer):
    """``Discretization(bin_boundaries=None, num_bins=None, epsilon=0.01, output_mode="int")``.

    Bucket ``i`` holds ``bin_boundaries[i-1] <= x < bin_boundaries[i]``. With ``num_bins``,
    ``adapt(data)`` finds ``num_bins - 1`` boundaries at quantiles of the data (Keras's
    approximate quantile summary, so the numbers agree).
    """

    def __init__(self, bin_boundaries=None, num_bins=None, epsilon=0.01, output_mode="int",
                 sparse=False, **kwargs):
        super().__init__(**kwargs)
        if (bin_boundaries is None) == (num_bins is None):
            raise ValueError(f"Discretization needs exactly one of `num_bins` or "
                             f"`bin_boundaries`. Received: bin_boundaries={bin_boundaries} "
                             f"and num_bins={num_bins}")
        if output_mode not in ("int", "one_hot", "multi_hot", "count"):
            raise ValueError(f"Unknown output_mode {output_mode!r}; expected one of "
                             f"('int', 'one_hot', 'multi_hot', 'count')")
        self.bin_boundaries = None if bin_boundaries is None else list(bin_boundaries)
        self.num_bins, self.epsilon, self.output_mode = num_bins, float(epsilon), output_mode

    def adapt(self, data):
        if self.num_bins is None:
            raise ValueError("Cannot adapt a Discretization layer that has been initialized "
                             "with `bin_boundaries`, use `num_bins` instead.")
        summary = np.zeros((2, 0), np.float32)
        for batch in adapt_batches(data, self.name):
            merged = np.concatenate((summary, summarize(batch.astype(np.float32),
                                                        self.epsilon)), axis=1)
            summary = compress_summary(merged[:, np.argsort(merged[0], kind="stable")],
                                       self.epsilon)
        self.bin_boundaries = compress_summary(summary, 1.0 / self.num_bins)[0, :-1].tolist()

    def compute_output_shape(self, input_shape):
        if self.output_mode == "int":
            return tuple(input_shape)
        return tuple(input_shape[:-1]) + (len(self.bin_boundaries or [0] * self.num_bins) + 1,)

    def forward(self, x, training=False):
        if self.bin_boundaries is None:
            raise ValueError(f'Layer "{self.name}": pass `bin_boundaries` or call '
                             f"adapt(dataset) before using the Discretization layer")
        indices = np.digitize(np.asarray(x), np.asarray(self.bin_boundaries, np.float32))
        return encode_categorical(indices.astype(np.int32), self.output_mode,
                                  len(self.bin_boundaries) + 1, self.name), None

    def backward(self, dout, cache, need_dx=True):
        return None, []

    def get_config(self):
        return {**super().get_config(), "bin_boundaries": self.bin_boundaries,
                "num_bins": self.num_bins, "epsilon": self.epsilon,
                "output_mode": self.output_mode}
