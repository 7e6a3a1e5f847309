"""``Dataset.window`` and ``Dataset.interleave``: the orders ``tf.data`` produces.

A window holds ``size`` elements, ``stride`` apart in the input; window ``i`` starts at
input element ``i * shift``. Windows that the input cuts short come at the end unless
``drop_remainder`` (``range(7).window(3, shift=2)``: [0 1 2] [2 3 4] [4 5 6] [6]).

``interleave`` keeps ``cycle_length`` datasets open, one per input element, and takes
``block_length`` elements from each in turn; a finished dataset's slot is given to the next
input element when the cycle comes back to it.
"""

import collections

_END = object()


def windows(elements, size, shift, stride, drop_remainder):
    """Yield each window as a list of elements."""
    span = (size - 1) * stride + 1
    buffer, skip = collections.deque(), 0
    for element in elements:
        if skip:
            skip -= 1
            continue
        buffer.append(element)
        if len(buffer) == span:
            yield [buffer[k * stride] for k in range(size)]
            skip = max(shift - len(buffer), 0)
            for _ in range(min(shift, len(buffer))):
                buffer.popleft()
    while buffer and not drop_remainder:
        yield [buffer[k] for k in range(0, len(buffer), stride)]
        for _ in range(min(shift, len(buffer))):
            buffer.popleft()


def window_cardinality(n, size, shift, stride, drop_remainder):
    """How many windows ``n`` elements give (``n`` < 0: infinite/unknown stays so)."""
    if n < 0:
        return n
    span = (size - 1) * stride + 1
    if drop_remainder:
        return 0 if n < span else (n - span) // shift + 1
    return -(-n // shift)


def interleaved(elements, make_dataset, cycle_length, block_length):
    """Yield the elements of ``make_dataset(e)`` for every input ``e``, interleaved."""
    inputs = iter(elements)
    slots, open_count, end_of_input = [None] * cycle_length, 0, False
    cycle, block = 0, 0
    while not end_of_input or open_count:
        if slots[cycle] is not None:
            try:
                value = next(slots[cycle])
            except StopIteration:
                slots[cycle], open_count, block = None, open_count - 1, 0
                cycle = (cycle + 1) % cycle_length
                continue
            block += 1
            if block == block_length:
                block, cycle = 0, (cycle + 1) % cycle_length
            yield value
        elif not end_of_input:
            element = next(inputs, _END)
            if element is _END:
                end_of_input = True
                continue
            slots[cycle] = iter(make_dataset(element))
            open_count += 1
        else:
            block, cycle = 0, (cycle + 1) % cycle_length
