"""``timeseries_dataset_from_array``: sliding windows over a series as a ``Dataset`` of
batches, as Keras 3 builds it (keras.io's weather and temperature forecasting examples).

Window ``i`` starts at ``start_index + start_positions[i]`` and holds ``sequence_length``
steps ``sampling_rate`` apart; ``start_positions`` are ``0, sequence_stride, ...`` below
``end_index - start_index - (sequence_length - 1) * sampling_rate`` (and below
``len(targets)``), permuted by ``np.random.RandomState(seed)`` when ``shuffle``. The target
of window ``i`` is ``targets[start_index + start_positions[i]]``.
"""

import numpy as np

from course.data.pipeline import Dataset


def _check(name, value, data_length, low=0):
    if value <= low:
        raise ValueError(f"`{name}` must be higher than {low}. Received: {name}={value}")
    if value >= data_length:
        raise ValueError(f"`{name}` must be lower than the length of the data. Received: "
                         f"{name}={value}, for data of length {data_length}")


def timeseries_dataset_from_array(data, targets, sequence_length, sequence_stride=1,
                                  sampling_rate=1, batch_size=128, shuffle=False, seed=None,
                                  start_index=None, end_index=None):
    """A Dataset of ``(windows, targets)`` batches (``windows`` alone when ``targets`` is
    None): ``(batch, sequence_length) + data.shape[1:]``."""
    data = np.asarray(data)
    if start_index:
        if start_index < 0 or start_index >= len(data):
            raise ValueError(f"`start_index` must be 0 or greater and lower than the length "
                             f"of the data. Received: start_index={start_index}, for data of "
                             f"length {len(data)}")
    if end_index:
        if (start_index and end_index <= start_index) or end_index >= len(data) or \
                end_index <= 0:
            raise ValueError(f"`end_index` must be higher than 0 and `start_index`, and lower "
                             f"than the length of the data. Received: start_index="
                             f"{start_index}, end_index={end_index}, for data of length "
                             f"{len(data)}")
    _check("sampling_rate", sampling_rate, len(data))
    _check("sequence_stride", sequence_stride, len(data))
    start_index = start_index or 0
    end_index = len(data) if end_index is None else end_index
    num_seqs = end_index - start_index - (sequence_length - 1) * sampling_rate
    if targets is not None:
        targets = np.asarray(targets)
        num_seqs = min(num_seqs, len(targets))
    start_positions = np.arange(0, num_seqs, sequence_stride, dtype=np.int64)
    if shuffle:
        if seed is None:
            seed = np.random.randint(1e6)
        np.random.RandomState(seed).shuffle(start_positions)
    steps = data[start_index:end_index]
    offsets = np.arange(sequence_length) * sampling_rate

    def window(position):
        return steps[int(position) + offsets]

    if targets is None:
        dataset = Dataset.from_tensor_slices(start_positions).map(window)
    else:
        later = targets[start_index:]
        dataset = Dataset.from_tensor_slices(start_positions).map(
            lambda position: (window(position), later[int(position)]))
    if shuffle:
        dataset = dataset.shuffle(batch_size * 8 if batch_size is not None else 1024,
                                  seed=seed)
    return dataset.batch(batch_size) if batch_size is not None else dataset
