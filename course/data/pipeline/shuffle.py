"""``Dataset.shuffle``'s buffer: the algorithm ``tf.data`` uses.

A buffer holds the next ``buffer_size`` elements; each output is a uniformly random element
of the buffer, whose slot is then refilled with the next input element. A buffer as large as
the data gives a uniform permutation; a smaller one only mixes elements that are near each
other (an element can come out at most ``buffer_size - 1`` places early).
"""

import numpy as np


def shuffled(elements, buffer_size, rng):
    """Yield ``elements`` (an iterator) in buffered-random order drawn from ``rng``."""
    buffer = []
    for element in elements:
        if len(buffer) < buffer_size:
            buffer.append(element)
            continue
        i = int(rng.integers(len(buffer)))
        yield buffer[i]
        buffer[i] = element
    while buffer:
        i = int(rng.integers(len(buffer)))
        buffer[i], buffer[-1] = buffer[-1], buffer[i]
        yield buffer.pop()


class ShuffleOrder:
    """The random generators for a shuffled dataset's passes.

    With ``reshuffle_each_iteration`` every pass draws on from one generator (a new order
    each epoch, the same sequence of orders for the same seed); without, every pass starts
    a fresh generator from the seed (the same order each epoch).
    """

    def __init__(self, seed, reshuffle_each_iteration):
        self.seed = np.random.SeedSequence().entropy if seed is None else int(seed)
        self.reshuffle = bool(reshuffle_each_iteration)
        self._rng = np.random.default_rng(self.seed)

    def next_rng(self):
        return self._rng if self.reshuffle else np.random.default_rng(self.seed)
