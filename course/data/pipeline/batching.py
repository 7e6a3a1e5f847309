"""``Dataset.batch`` and ``Dataset.unbatch``: stacking elements, and slicing them apart."""

from course.data.pipeline.structure import leaves, map_structure, stack


def batched(elements, batch_size, drop_remainder):
    """Yield stacks of ``batch_size`` consecutive elements (a shorter last one unless dropped)."""
    batch = []
    for element in elements:
        batch.append(element)
        if len(batch) == batch_size:
            yield stack(batch)
            batch = []
    if batch and not drop_remainder:
        yield stack(batch)


def unbatched(elements):
    """Yield the rows of each element (every array of it split along its first axis)."""
    for element in elements:
        arrays = leaves(element)
        if any(a.ndim == 0 for a in arrays):
            raise ValueError("unbatch() needs elements of rank at least 1, received a scalar "
                             "component")
        n = len(arrays[0])
        if any(len(a) != n for a in arrays):
            raise ValueError(f"unbatch() needs components with the same first dimension, "
                             f"received sizes {[len(a) for a in arrays]}")
        for i in range(n):
            yield map_structure(lambda a, i=i: a[i], element)


def batched_cardinality(n, batch_size, drop_remainder):
    """How many batches ``n`` elements give (``n`` < 0: infinite/unknown stays so)."""
    if n < 0:
        return n
    return n // batch_size if drop_remainder else -(-n // batch_size)
