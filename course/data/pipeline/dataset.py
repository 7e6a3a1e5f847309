"""``Dataset``: a re-iterable pipeline of elements, as ``tf.data.Dataset``.

A dataset is a recipe: ``make_iterator()`` starts a fresh pass over its elements, and each
method (``shuffle``, ``batch``, ``map``...) returns a new dataset wrapping the old one.
Elements are numpy arrays, or tuples/dicts of them (see :mod:`.structure`).
``cardinality()`` is the number of elements, or ``INFINITE_CARDINALITY`` (-1) after
``repeat()``, or ``UNKNOWN_CARDINALITY`` (-2) after ``filter()`` or ``unbatch()``.
"""

import glob
import itertools
import os

import numpy as np

from course.data.pipeline.batching import batched, batched_cardinality, unbatched
from course.data.pipeline.eager_array import eager, plain
from course.data.pipeline.padding import padded_batched, padded_spec
from course.data.pipeline.shuffle import ShuffleOrder, shuffled
from course.data.pipeline.spec import DatasetSpec, TensorSpec
from course.data.pipeline.structure import (as_array, as_structure, flatten_like, leaves,
                                            map_structure, stack)
from course.data.pipeline.windowing import interleaved, window_cardinality, windows

AUTOTUNE = -1
"""``prefetch(AUTOTUNE)``, ``map(..., num_parallel_calls=AUTOTUNE)``: accepted; the
pipeline runs in the caller's thread, one element when it is asked for."""
INFINITE_CARDINALITY = -1
UNKNOWN_CARDINALITY = -2


def _count(value, name, allow_minus_one=False):
    """A count argument: an integer >= 1 (or -1 where TensorFlow means "all")."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, received {name}={value!r} of type "
                        f"{type(value).__name__}")
    if value < (-1 if allow_minus_one else 1):
        raise ValueError(f"{name} must be {'>= 0 or -1' if allow_minus_one else '>= 1'}, "
                         f"received {name}={value}")
    return int(value)


def _call(fn, element):
    """``fn`` on an element: a tuple's components as separate arguments, as TensorFlow."""
    return fn(*element) if isinstance(element, tuple) else fn(element)


def _as_dataset(value, method):
    if not isinstance(value, Dataset):
        raise TypeError(f"{method}()'s function must return a Dataset, returned "
                        f"{type(value).__name__}")
    return value


class Dataset:
    """A pipeline of elements; build one with ``from_tensor_slices``, ``range``...

    Args:
        make_iterator: a function of no arguments that returns a fresh iterator.
        cardinality: the number of elements, or -1 (infinite) / -2 (unknown).
        spec: a function of no arguments giving ``element_spec``; by default the spec of
            the first element.
    """

    def __init__(self, make_iterator, cardinality, spec=None):
        self._make_iterator = make_iterator
        self._cardinality = int(cardinality)
        self._spec = spec

    def _derived(self, make_iterator, cardinality):
        """A dataset of the same element spec as this one."""
        return Dataset(make_iterator, cardinality, lambda: self.element_spec)

    @property
    def element_spec(self):
        """A :class:`TensorSpec` (or a tuple/dict of them) for every element."""
        if self._spec is not None:
            return self._spec()
        for element in self:
            return map_structure(TensorSpec.from_array, element)
        raise ValueError("element_spec of an empty dataset whose elements are not known "
                         "ahead: there is no element to read it from")

    # -- sources -------------------------------------------------------------------------
    @staticmethod
    def from_tensor_slices(tensors, name=None):
        """One element per row: arrays, a tuple or a dict of arrays sliced along axis 0."""
        structure = as_structure(tensors)
        arrays = leaves(structure)
        if any(a.ndim == 0 for a in arrays):
            raise ValueError("from_tensor_slices() needs arrays of rank at least 1 (it "
                             "slices the first axis), received a scalar")
        sizes = [len(a) for a in arrays]
        if len(set(sizes)) > 1:
            raise ValueError(f"from_tensor_slices(): all components must have the same first "
                             f"dimension, received sizes {sizes}")

        def rows():
            for i in range(sizes[0]):
                yield map_structure(lambda a: a[i], structure)
        return Dataset(rows, sizes[0], lambda: map_structure(
            lambda a: TensorSpec(a.shape[1:], a.dtype), structure))

    @staticmethod
    def from_tensors(tensors, name=None):
        """A dataset of one element: ``tensors`` whole."""
        structure = as_structure(tensors)
        return Dataset(lambda: iter([structure]), 1,
                       lambda: map_structure(TensorSpec.from_array, structure))

    @staticmethod
    def from_generator(generator, output_types=None, output_shapes=None, args=None,
                       output_signature=None, name=None):
        """The elements a generator yields; ``generator(*args)`` is called at every pass.

        ``output_signature`` (TensorSpecs), or the older ``output_types`` with
        ``output_shapes``, is the element spec, and each element is converted to its dtypes;
        without, the spec is read from the first element. The number of elements is unknown
        ahead.
        """
        if not callable(generator):
            raise TypeError(f"from_generator() expects a function returning a generator (a "
                            f"generator object cannot start again at every pass), received "
                            f"{generator!r}")
        args = tuple(args or ())
        if output_signature is None and output_types is not None and output_shapes is not None:
            shapes = iter(flatten_like(output_types, output_shapes, "output_shapes"))
            output_signature = map_structure(lambda t: TensorSpec(next(shapes), t),
                                             output_types)
        types = output_types if output_signature is None else map_structure(
            lambda s: s.dtype, output_signature)
        spec = None if output_signature is None else (lambda: output_signature)

        def elements():
            for element in generator(*args):
                element = as_structure(element)
                yield element if types is None else map_structure(
                    lambda a, t: np.asarray(a, dtype=t), element, types)
        return Dataset(elements, UNKNOWN_CARDINALITY, spec)

    @staticmethod
    def list_files(file_pattern, shuffle=None, seed=None, name=None):
        """The paths (bytes) of the files matching a glob pattern (or a list of them),
        sorted, then shuffled unless ``shuffle=False``."""
        patterns = [file_pattern] if isinstance(file_pattern, (str, bytes, os.PathLike)) \
            else list(file_pattern)
        files = sorted({path for p in patterns for path in glob.glob(os.fsdecode(p))})
        if not files:
            raise FileNotFoundError(f"list_files(): no files matched pattern: {file_pattern}")
        dataset = Dataset.from_tensor_slices(np.array(files))
        return dataset if shuffle is False else dataset.shuffle(len(files), seed=seed)

    @staticmethod
    def range(*args, output_type=np.int64, name=None):
        """``range(stop)``, ``range(start, stop[, step])`` as int64 scalars."""
        numbers = range(*args)
        return Dataset(lambda: (np.asarray(i, output_type) for i in numbers), len(numbers),
                       lambda: TensorSpec((), output_type))

    @staticmethod
    def zip(*args, datasets=None, name=None):
        """Elements of several datasets side by side: ``zip((a, b))``, ``zip(a, b)``, dicts."""
        if datasets is None:
            datasets = args[0] if len(args) == 1 else args
        structure = datasets if isinstance(datasets, (tuple, dict)) else None
        parts = list(datasets.values()) if isinstance(datasets, dict) else list(datasets) \
            if isinstance(datasets, (tuple, list)) else None
        if not parts or not all(isinstance(d, Dataset) for d in parts):
            raise TypeError(f"Dataset.zip() expects datasets (a tuple or dict of Dataset), "
                            f"received {datasets!r}")
        keys = list(structure) if isinstance(structure, dict) else None

        def elements():
            for row in zip(*parts):
                yield dict(zip(keys, row)) if keys else tuple(row)
        cards = [int(d.cardinality()) for d in parts]
        finite = [n for n in cards if n >= 0]
        n = UNKNOWN_CARDINALITY if UNKNOWN_CARDINALITY in cards else (
            min(finite) if finite else INFINITE_CARDINALITY)
        return Dataset(elements, n, lambda: dict(zip(keys, (d.element_spec for d in parts)))
                       if keys else tuple(d.element_spec for d in parts))

    # -- iteration -----------------------------------------------------------------------
    def __iter__(self):
        """The elements, their arrays with ``.numpy()`` (see :mod:`.eager_array`)."""
        return (eager(e) for e in self._make_iterator())

    def as_numpy_iterator(self):
        """The elements, as plain numpy arrays."""
        return (plain(e) for e in self._make_iterator())

    def reduce(self, initial_state, reduce_func, name=None):
        """``state = reduce_func(state, element)`` over every element; the last state."""
        state = as_structure(initial_state)
        for element in self:
            state = as_structure(reduce_func(state, element))
        return eager(state)

    def cardinality(self):
        """The number of elements, or -1 (infinite) / -2 (unknown), as an int64 scalar
        (``.numpy()`` as a tensor)."""
        return eager(np.int64(self._cardinality))

    def __len__(self):
        if self._cardinality == INFINITE_CARDINALITY:
            raise TypeError("The dataset is infinite.")
        if self._cardinality == UNKNOWN_CARDINALITY:
            raise TypeError("The dataset length is unknown.")
        return self._cardinality

    def __bool__(self):
        return True

    def __repr__(self):
        return f"<Dataset cardinality={self._cardinality}>"

    # -- transformations -----------------------------------------------------------------
    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=True, name=None):
        """Buffered random order (see :mod:`.shuffle`); ``buffer_size`` >= the data: uniform."""
        if buffer_size == AUTOTUNE:
            raise ValueError("shuffle() needs an explicit buffer_size; AUTOTUNE is not "
                             "supported")
        buffer_size = _count(buffer_size, "buffer_size")
        order = ShuffleOrder(seed, reshuffle_each_iteration)
        return self._derived(lambda: shuffled(iter(self), buffer_size, order.next_rng()),
                             self._cardinality)

    def batch(self, batch_size, drop_remainder=False, num_parallel_calls=None,
              deterministic=None, name=None):
        """Consecutive elements stacked along a new first axis."""
        batch_size = _count(batch_size, "batch_size")
        first = batch_size if drop_remainder else None
        result = Dataset(lambda: batched(iter(self), batch_size, drop_remainder),
                         batched_cardinality(self._cardinality, batch_size, drop_remainder),
                         lambda: map_structure(lambda s: TensorSpec((first,) + s.shape, s.dtype),
                                               self.element_spec))
        result._batch_size = batch_size  # read by keras.utils.split_dataset, as in tf.data
        return result

    def padded_batch(self, batch_size, padded_shapes=None, padding_values=None,
                     drop_remainder=False, name=None):
        """Like ``batch``, each component first padded at the end (see :mod:`.padding`)."""
        batch_size = _count(batch_size, "batch_size")
        first = batch_size if drop_remainder else None

        return Dataset(lambda: padded_batched(iter(self), batch_size, drop_remainder,
                                              padded_shapes, padding_values),
                       batched_cardinality(self._cardinality, batch_size, drop_remainder),
                       lambda: padded_spec(self.element_spec, padded_shapes, first))

    def window(self, size, shift=None, stride=1, drop_remainder=False, name=None):
        """A dataset of windows, each a Dataset of ``size`` elements (a tuple/dict of
        Datasets for tuple/dict elements); see :mod:`.windowing`."""
        size = _count(size, "size")
        shift = size if shift is None else _count(shift, "shift")
        stride = _count(stride, "stride")

        def as_datasets():
            for elements in windows(iter(self), size, shift, stride, drop_remainder):
                yield map_structure(Dataset.from_tensor_slices, stack(elements))
        return Dataset(as_datasets, window_cardinality(self._cardinality, size, shift, stride,
                                                       drop_remainder),
                       lambda: map_structure(DatasetSpec, self.element_spec))

    def flat_map(self, map_func, name=None):
        """The elements of the dataset ``map_func`` returns for each element, in order."""
        if not callable(map_func):
            raise TypeError(f"flat_map() expects a function, received {map_func!r}")
        return Dataset(lambda: itertools.chain.from_iterable(
            _as_dataset(_call(map_func, e), "flat_map") for e in self), UNKNOWN_CARDINALITY)

    def interleave(self, map_func, cycle_length=None, block_length=None,
                   num_parallel_calls=None, deterministic=None, name=None):
        """The datasets ``map_func`` returns, ``block_length`` elements from each of
        ``cycle_length`` at a time (see :mod:`.windowing`); ``cycle_length`` None or
        AUTOTUNE: the number of CPU cores, as tf.data."""
        if not callable(map_func):
            raise TypeError(f"interleave() expects a function, received {map_func!r}")
        cycle_length = os.cpu_count() or 1 if cycle_length in (None, AUTOTUNE) \
            else _count(cycle_length, "cycle_length")
        block_length = 1 if block_length is None else _count(block_length, "block_length")
        return Dataset(lambda: interleaved(
            iter(self), lambda e: _as_dataset(_call(map_func, e), "interleave"),
            cycle_length, block_length), UNKNOWN_CARDINALITY)

    def unbatch(self, name=None):
        """The inverse of ``batch``: every row of every element."""
        n = UNKNOWN_CARDINALITY if self._cardinality != INFINITE_CARDINALITY \
            else INFINITE_CARDINALITY
        return Dataset(lambda: unbatched(iter(self)), n, lambda: map_structure(
            lambda s: TensorSpec(s.shape[1:], s.dtype), self.element_spec))

    def map(self, map_func, num_parallel_calls=None, deterministic=None, name=None):
        """``map_func`` on each element (a tuple's components as separate arguments)."""
        if not callable(map_func):
            raise TypeError(f"map() expects a function, received {map_func!r}")
        return Dataset(lambda: (as_structure(_call(map_func, e)) for e in self),
                       self._cardinality)

    def filter(self, predicate, name=None):
        """The elements for which ``predicate`` is true (a boolean scalar)."""
        if not callable(predicate):
            raise TypeError(f"filter() expects a function, received {predicate!r}")

        def kept():
            for element in self:
                keep = as_array(_call(predicate, element))
                if keep.shape != () or keep.dtype != np.bool_:
                    raise ValueError(f"filter()'s predicate must return a scalar bool, "
                                     f"returned {keep.dtype} of shape {keep.shape}")
                if keep:
                    yield element
        n = INFINITE_CARDINALITY if self._cardinality == INFINITE_CARDINALITY \
            else UNKNOWN_CARDINALITY
        return self._derived(kept, n)

    def prefetch(self, buffer_size, name=None):
        """Accepted for compatibility: the same elements (see ``AUTOTUNE``)."""
        return self

    def repeat(self, count=None, name=None):
        """The dataset ``count`` times over; ``None`` or -1: forever."""
        count = -1 if count is None else _count(count, "count", allow_minus_one=True)
        n = self._cardinality
        if count == -1:
            card = 0 if n == 0 else INFINITE_CARDINALITY
        else:
            card = n * count if n >= 0 else (0 if count == 0 else n)
        passes = itertools.count() if count == -1 else range(count)
        return self._derived(lambda: itertools.chain.from_iterable(iter(self) for _ in passes),
                             card)

    def take(self, count, name=None):
        """The first ``count`` elements (-1: all)."""
        count = _count(count, "count", allow_minus_one=True)
        if count == -1:
            return self
        n = self._cardinality
        card = count if n == INFINITE_CARDINALITY else (min(n, count) if n >= 0 else n)
        return self._derived(lambda: itertools.islice(iter(self), count), card)

    def skip(self, count, name=None):
        """All but the first ``count`` elements (-1: none)."""
        count = _count(count, "count", allow_minus_one=True)
        n = self._cardinality
        if count == -1:
            return self._derived(lambda: iter(()), 0)
        card = max(n - count, 0) if n >= 0 else n
        return self._derived(lambda: itertools.islice(iter(self), count, None), card)

    def cache(self, filename="", name=None):
        """Keep the elements in memory after the first complete pass."""
        if filename:
            raise ValueError("cache() keeps elements in memory only; call cache() without "
                             f"a filename (received filename={filename!r})")
        store = {}

        def cached():
            if "elements" in store:
                yield from store["elements"]
                return
            seen = []
            for element in self:
                seen.append(element)
                yield element
            store["elements"] = seen
        return self._derived(cached, self._cardinality)

    def enumerate(self, start=0, name=None):
        """``(index, element)`` pairs, the index an int64 scalar counting from ``start``."""
        return Dataset(lambda: ((np.int64(start + i), e) for i, e in enumerate(self)),
                       self._cardinality, lambda: (TensorSpec((), np.int64), self.element_spec))
