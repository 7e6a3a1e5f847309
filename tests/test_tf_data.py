"""course.tf.data.Dataset: orders, shapes and cardinalities as tf.data's (numbers from
tests/keras_reference/make_tfdata_pipeline.py), shuffle's buffer semantics, bad input."""

import numpy as np
import pytest

from course.tf import data
from keras_reference import load

D = data.Dataset
REF = load("tfdata_pipeline")
x = np.arange(24, dtype=np.float32).reshape(12, 2)
y = np.arange(12, dtype=np.float32)


def pipelines():
    return {
        "batch": D.range(10).batch(3),
        "batch_drop": D.range(10).batch(3, drop_remainder=True),
        "unbatch": D.from_tensor_slices((x, y)).batch(5).unbatch().map(lambda a, b: a[0] + b),
        "repeat_take_skip": D.range(5).repeat(3).take(12).skip(2),
        "filter_map": D.range(10).filter(lambda v: v % 3 == 0).map(lambda v: v * 2),
        "zip": D.zip((D.range(3), D.range(10, 15))).map(lambda a, b: a * 100 + b),
        "enumerate": D.range(4, 8).enumerate(start=5).map(lambda i, v: i * 10 + v),
        "map_tuple": D.from_tensor_slices((x, y)).map(lambda a, b: (a * 2, b + 1))
                      .batch(4).map(lambda a, b: a.sum(axis=1) + b),
        "dict": D.from_tensor_slices({"a": x, "b": y}).batch(5).map(lambda d: d["b"]),
        "cache_repeat": D.range(3).cache().repeat(2),
        "take_all": D.range(4).take(-1),
        "skip_all": D.range(4).skip(-1),
        "repeat_batch_take": D.range(5).repeat().batch(2).take(4),
    }


CARDINALITY_ONLY = {
    "card_repeat": D.range(4).repeat(),
    "card_filter": D.range(4).filter(lambda v: v > 1),
    "card_unbatch": D.range(4).batch(2).unbatch(),
    "card_repeat_take": D.range(4).repeat().take(7),
    "card_repeat_skip": D.range(4).repeat().skip(3),
    "card_zip_inf": D.zip((D.range(4).repeat(), D.range(6))),
    "card_zip_unknown": D.zip((D.range(4).filter(lambda v: v > 0), D.range(6))),
    "card_repeat_zero": D.range(4).repeat(0),
    "card_batch_inf": D.range(4).repeat().batch(3),
    "card_skip_more": D.range(4).skip(9),
    "card_from_tensors": D.from_tensors(x),
    "card_range_step": D.range(2, 11, 3),
    "card_filter_repeat": D.range(4).filter(lambda v: v > 1).repeat(),
}


@pytest.mark.parametrize("name", sorted(pipelines()))
def test_elements_and_cardinality_match_tf_data(name):
    ds = pipelines()[name]
    elements = [np.asarray(e) for e in ds.as_numpy_iterator()]
    flat = np.concatenate([e.reshape(-1) for e in elements]) if elements else np.zeros(0)
    np.testing.assert_allclose(flat, REF[name], rtol=0, atol=1e-6)
    assert [e.size for e in elements] == REF[name + "_sizes"].tolist()
    assert int(ds.cardinality()) == int(REF[name + "_card"])


@pytest.mark.parametrize("name", sorted(CARDINALITY_ONLY))
def test_cardinality_matches_tf_data(name):
    assert int(CARDINALITY_ONLY[name].cardinality()) == int(REF[name])


def test_constants_and_len():
    assert (data.INFINITE_CARDINALITY, data.UNKNOWN_CARDINALITY) == (-1, -2)
    assert data.AUTOTUNE == -1
    assert len(D.range(10).batch(4)) == 3
    with pytest.raises(TypeError, match="infinite"):
        len(D.range(3).repeat())
    with pytest.raises(TypeError, match="unknown"):
        len(D.range(3).filter(lambda v: v > 0))


def test_slices_of_tuples_and_dicts_keep_their_structure_and_dtypes():
    labels = np.arange(12)
    first = next(iter(D.from_tensor_slices(({"a": x, "b": y}, labels))))
    assert isinstance(first, tuple) and set(first[0]) == {"a", "b"}
    np.testing.assert_array_equal(first[0]["a"], x[0])
    assert first[1].dtype == labels.dtype
    batch = next(iter(D.from_tensor_slices((x, labels)).batch(5)))
    assert batch[0].shape == (5, 2) and batch[1].shape == (5,)
    assert next(iter(D.from_tensor_slices([1.5, 2.5]))).dtype == np.float32
    assert next(iter(D.from_tensors([1, 2]))).tolist() == [1, 2]


def test_map_gets_components_as_arguments_and_prefetch_passes_through():
    ds = D.from_tensor_slices((x, y)).map(lambda a, b: (a, b * 2),
                                          num_parallel_calls=data.AUTOTUNE)
    assert ds.prefetch(data.AUTOTUNE) is ds
    assert [float(b) for _, b in ds.take(3)] == [0.0, 2.0, 4.0]


def test_shuffle_with_a_full_buffer_is_a_seeded_permutation_reshuffled_each_epoch():
    ds = D.range(100).shuffle(100, seed=3)
    first, second = [int(v) for v in ds], [int(v) for v in ds]
    assert sorted(first) == list(range(100)) and sorted(second) == list(range(100))
    assert first != second and first != list(range(100))
    again = D.range(100).shuffle(100, seed=3)
    assert [int(v) for v in again] == first and [int(v) for v in again] == second
    assert [int(v) for v in D.range(100).shuffle(100, seed=4)] != first


def test_shuffle_without_reshuffling_repeats_its_order():
    ds = D.range(50).shuffle(50, seed=1, reshuffle_each_iteration=False)
    assert [int(v) for v in ds] == [int(v) for v in ds]


def test_a_small_buffer_only_mixes_neighbours():
    buffer = 5
    for seed in range(20):
        order = [int(v) for v in D.range(200).shuffle(buffer, seed=seed)]
        assert sorted(order) == list(range(200))
        # an element leaves the buffer no earlier than buffer - 1 places before its index
        assert all(position >= value - (buffer - 1) for position, value in enumerate(order))
    assert [int(v) for v in D.range(10).shuffle(1, seed=0)] == list(range(10))


def test_shuffle_then_batch_then_repeat_keeps_every_element_each_epoch():
    ds = D.range(10).shuffle(10, seed=0).batch(4).repeat(2)
    batches = [b.tolist() for b in ds]
    assert [len(b) for b in batches] == [4, 4, 2, 4, 4, 2]
    assert sorted(sum(batches[:3], [])) == list(range(10))
    assert sorted(sum(batches[3:], [])) == list(range(10))


def test_cache_reads_the_source_once():
    calls = []
    ds = D.range(4).map(lambda v: calls.append(int(v)) or v).cache()
    assert [int(v) for v in ds] == [int(v) for v in ds] == [0, 1, 2, 3]
    assert calls == [0, 1, 2, 3]


@pytest.mark.parametrize("make, error, message", [
    (lambda: D.from_tensor_slices((np.zeros(3), np.zeros(4))), ValueError, "same first"),
    (lambda: D.from_tensor_slices(np.float32(1.0)), ValueError, "rank at least 1"),
    (lambda: D.range(4).batch(0), ValueError, "batch_size must be >= 1"),
    (lambda: D.range(4).batch(2.5), TypeError, "batch_size must be an integer"),
    (lambda: D.range(4).shuffle(None), TypeError, "buffer_size must be an integer"),
    (lambda: D.range(4).take(-3), ValueError, "count must be >= 0 or -1"),
    (lambda: D.range(4).map("double"), TypeError, "map\\(\\) expects a function"),
    (lambda: D.zip((D.range(3), [1, 2])), TypeError, "Dataset.zip"),
    (lambda: D.from_tensor_slices([object(), object()]), TypeError, "arrays, numbers"),
    (lambda: list(D.range(4).filter(lambda v: v * 2)), ValueError, "scalar bool"),
    (lambda: D.range(4).window(0), ValueError, "size must be >= 1"),
    (lambda: D.range(4).window(2, shift=0), ValueError, "shift must be >= 1"),
    (lambda: list(D.range(4).flat_map(lambda v: [v])), TypeError, "must return a Dataset"),
    (lambda: list(D.range(4).interleave(lambda v: v, cycle_length=2)), TypeError,
     r"interleave\(\)'s function must return a Dataset"),
    (lambda: D.range(4).interleave(lambda v: D.range(2), block_length=0), ValueError,
     "block_length must be >= 1"),
    (lambda: list(D.from_tensor_slices((np.zeros((2, 3)), np.zeros(2))).padded_batch(
        2, padded_shapes={"a": [None]})), ValueError, "structure of the elements"),
    (lambda: list(D.from_tensor_slices(np.zeros((2, 3))).padded_batch(2, padded_shapes=[2])),
     ValueError, "larger than its padded_shapes"),
    (lambda: list(D.from_tensor_slices(np.zeros((2, 3))).padded_batch(
        2, padded_shapes=[3, 1])), ValueError, "rank 2 but the component has rank 1"),
])
def test_bad_input_is_named(make, error, message):
    with pytest.raises(error, match=message):
        make()


SPECS = {
    "spec_slices": lambda: D.from_tensor_slices((x, {"a": y})),
    "spec_batch": lambda: D.from_tensor_slices((x, y)).batch(5),
    "spec_batch_drop": lambda: D.from_tensor_slices((x, y)).batch(5, drop_remainder=True),
    "spec_unbatch": lambda: D.from_tensor_slices(x).batch(5).unbatch(),
    "spec_range_enumerate": lambda: D.range(3).enumerate(),
    "spec_zip_shuffle_repeat": lambda: D.zip((D.range(3), D.from_tensors(x))).shuffle(3)
                                        .repeat(2),
    "spec_map": lambda: D.from_tensor_slices((x, y)).map(lambda a, b: a.reshape(1, 2)),
}


@pytest.mark.parametrize("name", sorted(SPECS))
def test_element_spec_matches_tf_data(name):
    from course.data.pipeline.structure import leaves

    specs = leaves(SPECS[name]().element_spec)
    assert [f"{s.shape} {s.dtype.name}" for s in specs] == REF[name].tolist()


def test_from_generator_restarts_its_generator_at_every_pass():
    def pairs(n):
        for i in range(n):
            yield np.full(2, i, np.float32), i

    ds = D.from_generator(pairs, args=(5,)).batch(2)
    assert int(ds.cardinality()) == data.UNKNOWN_CARDINALITY
    first = [b[1].tolist() for b in ds]
    assert first == [b[1].tolist() for b in ds] == [[0, 1], [2, 3], [4]]
    with pytest.raises(TypeError, match="cannot start again"):
        D.from_generator(pairs(3))
