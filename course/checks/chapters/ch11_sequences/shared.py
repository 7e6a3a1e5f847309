"""What several exercises of ch11_sequences use: token ids, recurrent cases (sequences
with masks, one step of a cell) and the taking apart of a recurrent backward's gradients."""

import numpy as np

from course.checks.cases import randn
from course.checks.spec import Case


def embedding_cases(rng, hidden, with_dout=False):
    """Token ids (N, T) with repeats and the padding id 0, 1-D ids, one id, float32 tables,
    a vocabulary larger than the ids used; ``with_dout``: the gradient of the output and
    the vocabulary size instead of a table."""
    def case(group, ids, v, e, dtype=np.float64):
        ids = np.asarray(ids, dtype=np.int64)
        if with_dout:
            args = {"dout": randn(rng, *ids.shape, e, dtype=dtype), "ids": ids, "input_dim": v}
        else:
            args = {"ids": ids, "embeddings": randn(rng, v, e, dtype=dtype)}
        return Case(group, args)
    cases = []
    for _ in range(4 if hidden else 2):
        n, t, v, e = (int(x) for x in rng.integers(2, 7, size=4))
        cases.append(case("a batch of sequences (N, T), ids repeated", rng.integers(0, v, (n, t)),
                          v, e))
    cases += [case("padding id 0 at the end of short sequences",
                   [[4, 2, 2, 0, 0], [1, 3, 0, 0, 0], [2, 4, 1, 3, 2]], 5, 3),
              case("a single sequence (1-D ids)", [3, 0, 3, 3, 1], 4, 2),
              case("one id, used throughout the batch", np.full((3, 4), 2), 5, 3),
              case("a vocabulary larger than the ids used", rng.integers(0, 4, (2, 6)), 9, 4),
              case("float32", rng.integers(0, 6, (3, 5)), 6, 4, dtype=np.float32)]
    if hidden:
        cases.append(case("a large vocabulary", rng.integers(0, 1000, (32, 40)), 1000, 16))
    return cases


def rnn_cases(rng, hidden, masks=True, with_douts=False):
    """Sequences ``x`` (N, T, D) with SimpleRNN weights: random sizes, a batch of 1, one
    step, no bias, float32, and (``masks``) padding masks, at the end ("post"), at the
    start ("pre") and anywhere."""
    def case(group, n, t, d, h, bias=True, dtype=np.float64, mask=None):
        args = {"x": randn(rng, n, t, d, dtype=dtype),
                "kernel": randn(rng, d, h, scale=0.7, dtype=dtype),
                "recurrent_kernel": randn(rng, h, h, scale=0.7, dtype=dtype),
                "bias": randn(rng, h, scale=0.3, dtype=dtype) if bias else None}
        if masks:
            args["mask"] = mask
        if with_douts:
            args["doutputs"] = randn(rng, n, t, h, dtype=dtype)
            args["dh"] = randn(rng, n, h, dtype=dtype)
        return Case(group, args)

    def lengths_mask(n, t, post):
        lengths = rng.integers(1, t + 1, size=n)
        lengths[0] = t - 1                          # one sequence padded, whatever the draw
        steps = np.arange(t)[None, :]
        return steps < lengths[:, None] if post else steps >= (t - lengths)[:, None]

    cases = []
    for _ in range(4 if hidden else 2):
        n, t, d, h = (int(v) for v in rng.integers(2, 6, size=4))
        cases.append(case("random sizes", n, t, d, h))
    cases += [case("a batch of 1", 1, 5, 3, 4), case("one time step", 3, 1, 2, 3),
              case("no bias", 2, 4, 3, 2, bias=False),
              case("float32", 3, 6, 4, 5, dtype=np.float32)]
    if masks:
        cases += [case("padding at the end (masked steps carry the state)", 4, 6, 3, 3,
                       mask=lengths_mask(4, 6, post=True)),
                  case("padding at the start (outputs 0 until the first step)", 4, 6, 2, 3,
                       mask=lengths_mask(4, 6, post=False)),
                  case("masked steps anywhere", 3, 7, 2, 4, mask=rng.random((3, 7)) < 0.6)]
    else:
        cases.append(case("no gradient of the final state (dh None)", 3, 5, 2, 3))
        cases[-1].args["dh"] = None
    if hidden:
        cases.append(case("a longer sequence", 8, 30, 6, 10))
    return cases


def cell_cases(rng, hidden, gates, bias_shape, carry=False, with_douts=False):
    """One step of a cell with ``gates`` gates: ``x`` (N, D), ``h_prev`` (and ``c_prev``)
    (N, H), weights (D, G*H), (H, G*H) and a bias of ``bias_shape(H)``; random sizes, a
    batch of 1, one unit, no bias, float32, large inputs (saturated gates)."""
    def case(group, n, d, h, bias=True, dtype=np.float64, scale=1.0):
        args = {"x": randn(rng, n, d, scale=scale, dtype=dtype),
                "h_prev": randn(rng, n, h, dtype=dtype)}
        if carry:
            args["c_prev"] = randn(rng, n, h, dtype=dtype)
        args.update({"kernel": randn(rng, d, gates * h, scale=0.7, dtype=dtype),
                     "recurrent_kernel": randn(rng, h, gates * h, scale=0.7, dtype=dtype),
                     "bias": randn(rng, *bias_shape(h), scale=0.5, dtype=dtype) if bias else None})
        if with_douts:
            args["dh"] = randn(rng, n, h, dtype=dtype)
            if carry:
                args["dc"] = randn(rng, n, h, dtype=dtype)
        return Case(group, args)
    cases = []
    for _ in range(4 if hidden else 2):
        n, d, h = (int(v) for v in rng.integers(2, 6, size=3))
        cases.append(case("random sizes", n, d, h))
    cases += [case("a batch of 1", 1, 3, 4), case("one unit", 3, 2, 1),
              case("no bias", 2, 3, 3, bias=False),
              case("float32", 4, 5, 3, dtype=np.float32),
              case("large inputs (saturated gates)", 3, 4, 3, scale=5.0)]
    if hidden:
        cases.append(case("a larger layer", 16, 20, 32))
    return cases


def recurrent_gradients(result, name, state_names):
    """``(dx, [dstate, ...], dkernel, drecurrent_kernel, dbias)`` as one flat tuple
    ``(dx, dstate..., dkernel, drecurrent_kernel, dbias)``, or a TypeError saying the form
    (``state_names``: the states' gradients, ``("dh0",)``)."""
    form = f"(dx, [{', '.join(state_names)}], dkernel, drecurrent_kernel, dbias)"
    if not (isinstance(result, (tuple, list)) and len(result) == 5
            and isinstance(result[1], (tuple, list)) and len(result[1]) == len(state_names)):
        raise TypeError(f"{name} should return {form}")
    dx, dstates, dkernel, drecurrent, dbias = result
    return (dx, *dstates, dkernel, drecurrent, dbias)
