"""Chapter 1, Tensors: creation and dtype, shape, indexing, broadcasting, reductions,
matmul and einsum, TensorFlow's vocabulary in numpy. Every exercise is done without
Python loops.

The operations of this chapter are not layers, so they have no pair in ``course.ops``:
the references are defined here, each a few lines of numpy. Each catalogued mistake is a
self-contained wrong version with the exercise's signature (its mutant).
"""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake


def _dims(rng, low, high, n):
    return tuple(int(d) for d in rng.integers(low, high + 1, size=n))


# -- 1. one_hot: creation, dtype, integer-array indexing ------------------------------------

def one_hot(labels, num_classes):
    """Integer labels ``(N,)`` -> float32 one-hot rows ``(N, num_classes)``."""
    out = np.zeros((len(labels), num_classes), dtype=np.float32)
    out[np.arange(len(labels)), labels] = 1
    return out


def _call_one_hot(obj, args):
    out = obj(**args)
    return out, np.asarray(out).dtype.name


def _one_hot_classes_from_labels(labels, num_classes):
    return np.eye(labels.max() + 1, dtype=np.float32)[labels]


def _one_hot_float64(labels, num_classes):
    return np.eye(num_classes)[labels]


def _one_hot_integer(labels, num_classes):
    out = np.zeros((len(labels), num_classes), dtype=labels.dtype)
    out[np.arange(len(labels)), labels] = 1
    return out


def _one_hot_transposed(labels, num_classes):
    out = np.zeros((num_classes, len(labels)), dtype=np.float32)
    out[labels, np.arange(len(labels))] = 1
    return out


def _one_hot_cases(rng, hidden):
    cases = []
    for _ in range(8 if hidden else 3):
        n, k = int(rng.integers(2, 40 if hidden else 12)), int(rng.integers(3, 11))
        cases.append(Case("random labels", {"labels": rng.integers(0, k, n), "num_classes": k}))
    k = int(rng.integers(4, 10))
    cases.append(Case("largest class absent from the batch",
                      {"labels": rng.integers(0, k - 2, 6), "num_classes": k}))
    cases.append(Case("as many samples as classes",
                      {"labels": rng.permutation(5), "num_classes": 5}))
    cases.append(Case("batch of 1", {"labels": np.array([2]), "num_classes": 4}))
    cases.append(Case("int32 labels",
                      {"labels": rng.integers(0, 3, 7).astype(np.int32), "num_classes": 3}))
    if hidden:
        cases.append(Case("large", {"labels": rng.integers(0, 100, 5000), "num_classes": 100}))
    return cases


ONE_HOT = Exercise(
    id="ch1.one_hot", name="one_hot", reference=one_hot, make_cases=_one_hot_cases,
    call=_call_one_hot, output_names=("one-hot array", "its dtype"), points=1,
    summary="integer labels -> float32 one-hot matrix",
    mistakes=[
        Mistake("number of classes taken from the labels",
                "You sized the matrix from the labels (labels.max() + 1). A batch need not "
                "contain the largest class: use num_classes.", _one_hot_classes_from_labels),
        Mistake("float64 instead of float32",
                "np.eye and np.zeros make float64 unless told otherwise; the course (like "
                "Keras) works in float32: pass dtype=np.float32.", _one_hot_float64),
        Mistake("integer dtype",
                "Your one-hot array inherited the labels' integer dtype. One-hot targets are "
                "floats (float32): they are multiplied with probabilities.", _one_hot_integer),
        Mistake("transposed",
                "Your matrix is (num_classes, N): one row per sample is wanted, "
                "shape (N, num_classes).", _one_hot_transposed),
    ])


# -- 2. nchw_to_nhwc: shape, transpose versus reshape -----------------------------------------

def nchw_to_nhwc(x):
    """Images ``(N, C, H, W)`` (channels first) -> ``(N, H, W, C)`` (channels last)."""
    return x.transpose(0, 2, 3, 1)


def _nchw_reshape(x):
    n, c, h, w = x.shape
    return x.reshape(n, h, w, c)


def _nchw_swapaxes(x):
    return x.swapaxes(1, 3)


def _nchw_inverse_permutation(x):
    return x.transpose(0, 3, 1, 2)


def _nchw_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        n, c = int(rng.integers(1, 5)), int(rng.integers(2, 5))
        h, w = int(rng.integers(2, 7)), int(rng.integers(2, 7))
        while h == w:
            w = int(rng.integers(2, 7))
        cases.append(Case("random shapes", {"x": rng.standard_normal((n, c, h, w))}))
    cases.append(Case("square images", {"x": rng.standard_normal((2, 3, 4, 4))}))
    cases.append(Case("as many channels as rows and columns",
                      {"x": rng.standard_normal((2, 3, 3, 3))}))
    cases.append(Case("batch of 1", {"x": rng.standard_normal((1, 2, 3, 5))}))
    cases.append(Case("integers", {"x": rng.integers(0, 256, (2, 3, 2, 5)).astype(np.uint8)}))
    cases.append(Case("non-contiguous input",
                      {"x": np.asfortranarray(rng.standard_normal((3, 2, 5, 4)))}))
    if hidden:
        cases.append(Case("large", {"x": rng.standard_normal((16, 3, 28, 32)).astype(np.float32)}))
    return cases


NCHW_TO_NHWC = Exercise(
    id="ch1.nchw_to_nhwc", name="nchw_to_nhwc", reference=nchw_to_nhwc,
    make_cases=_nchw_cases, points=1, exact_dtype=True,
    summary="channels-first images -> channels-last, by a transpose",
    mistakes=[
        Mistake("reshape instead of transpose",
                "A reshape keeps the elements in memory order and only re-cuts them: the "
                "shape is right, the pixels are scrambled. Moving an axis needs "
                "transpose (or np.moveaxis).", _nchw_reshape),
        Mistake("swapped channels with columns",
                "swapaxes(1, 3) gives (N, W, H, C): rows and columns end up exchanged. "
                "The new order of the axes is (0, 2, 3, 1).", _nchw_swapaxes),
        Mistake("inverse permutation",
                "transpose(0, 3, 1, 2) turns NHWC into NCHW, the other way round. "
                "transpose(axes) says, for each new axis, which old axis it is: "
                "new axis 1 (H) is old axis 2.", _nchw_inverse_permutation),
    ])


# -- 3. gather_scores: one entry per row ------------------------------------------------------

def gather_scores(scores, labels):
    """``scores`` ``(N, K)``, ``labels`` ``(N,)`` -> ``scores[n, labels[n]]`` for each n: ``(N,)``."""
    return scores[np.arange(scores.shape[0]), labels]


def _gather_all_columns(scores, labels):
    return scores[:, labels]


def _gather_rows(scores, labels):
    return scores[labels]


def _gather_take_flat(scores, labels):
    return np.take(scores, labels)


def _gather_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        n, k = int(rng.integers(3, 30 if hidden else 10)), int(rng.integers(3, 10))
        cases.append(Case("random scores",
                          {"scores": rng.standard_normal((n, k)), "labels": rng.integers(0, k, n)}))
    cases.append(Case("as many samples as classes",
                      {"scores": rng.standard_normal((4, 4)), "labels": rng.integers(0, 4, 4)}))
    cases.append(Case("batch of 1", {"scores": rng.standard_normal((1, 5)),
                                     "labels": np.array([3])}))
    cases.append(Case("large magnitudes", {"scores": rng.standard_normal((5, 3)) * 1e6,
                                           "labels": rng.integers(0, 3, 5)}))
    if hidden:
        cases.append(Case("large", {"scores": rng.standard_normal((3000, 50)),
                                    "labels": rng.integers(0, 50, 3000)}))
    return cases


GATHER_SCORES = Exercise(
    id="ch1.gather_scores", name="gather_scores", reference=gather_scores,
    make_cases=_gather_cases, points=1,
    summary="pick scores[n, labels[n]] for every row n, by integer-array indexing",
    mistakes=[
        Mistake("every row's labels",
                "scores[:, labels] takes, for every row, the columns of all the labels: an "
                "(N, N) matrix. Pair the row indices with the labels: "
                "scores[np.arange(N), labels].", _gather_all_columns),
        Mistake("rows picked by label",
                "scores[labels] picks whole rows (the labels are used as row numbers). "
                "Index both axes at once, with two integer arrays.", _gather_rows),
        Mistake("np.take without an axis",
                "np.take(scores, labels) indexes the flattened array, so it reads from the "
                "first row only. Use scores[np.arange(N), labels] (or np.take_along_axis).",
                _gather_take_flat),
    ])


# -- 4. standardize: reductions along the batch axis, broadcasting -------------------------------

def standardize(x, eps=1e-8):
    """Each column (feature) of ``x`` ``(N, D)`` to mean 0 and variance 1:
    ``(x - mean) / sqrt(var + eps)``, statistics over the batch axis 0."""
    mean = x.mean(axis=0)
    var = x.var(axis=0)
    return (x - mean) / np.sqrt(var + eps)


def _standardize_rows(x, eps=1e-8):
    mean = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps)


def _standardize_sample_std(x, eps=1e-8):
    return (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0, ddof=1) + eps)


def _standardize_no_eps(x, eps=1e-8):
    return (x - x.mean(axis=0)) / x.std(axis=0)


def _standardize_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        n, d = int(rng.integers(3, 60 if hidden else 20)), int(rng.integers(2, 8))
        x = rng.normal(rng.uniform(-5, 5, d), rng.uniform(0.5, 3, d), (n, d))
        cases.append(Case("random features", {"x": x}))
    x = rng.standard_normal((6, 3))
    x[:, 1] = 7.0
    cases.append(Case("a constant feature", {"x": x}))
    cases.append(Case("given eps", {"x": rng.standard_normal((5, 4)), "eps": 1e-3}))
    cases.append(Case("zeros", {"x": np.zeros((4, 3))}))
    cases.append(Case("large magnitudes", {"x": 1e6 + rng.standard_normal((8, 3)) * 1e3}))
    cases.append(Case("batch of 1", {"x": rng.standard_normal((1, 4))}))
    cases.append(Case("non-contiguous input",
                      {"x": np.asfortranarray(rng.standard_normal((7, 5)))}))
    if hidden:
        cases.append(Case("large", {"x": rng.standard_normal((4000, 30)) * 3 + 1}))
    return cases


STANDARDIZE = Exercise(
    id="ch1.standardize", name="standardize", reference=standardize,
    make_cases=_standardize_cases, points=2, rtol=1e-5, atol=1e-6,
    summary="per-feature zero mean and unit variance over the batch axis",
    mistakes=[
        Mistake("statistics per row",
                "You took the mean and variance of each row (axis=1): each sample was "
                "standardized on its own. A feature's statistics come from all the samples: "
                "reduce over axis 0.", _standardize_rows),
        Mistake("sample standard deviation",
                "You divided by the sample variance (ddof=1, divide by N - 1). The "
                "standardization of this exercise (as batch normalization) uses the "
                "population variance: np.var's default, divide by N.", _standardize_sample_std),
        Mistake("no eps",
                "A constant feature has variance 0, and 0 / 0 is nan. Divide by "
                "np.sqrt(var + eps), as the formula says.", _standardize_no_eps),
    ])


# -- 5. pairwise_sq_dists: broadcasting to three axes ---------------------------------------------

def pairwise_sq_dists(a, b):
    """``a`` ``(N, D)``, ``b`` ``(M, D)`` -> ``d[i, j] = ||a[i] - b[j]||^2``, shape ``(N, M)``."""
    diff = a[:, None, :] - b[None, :, :]
    return (diff * diff).sum(axis=-1)


def _pairwise_dists_sqrt(a, b):
    diff = a[:, None, :] - b[None, :, :]
    return np.sqrt((diff * diff).sum(axis=-1))


def _pairwise_transposed(a, b):
    diff = a[None, :, :] - b[:, None, :]
    return (diff * diff).sum(axis=-1)


def _pairwise_missing_two(a, b):
    return (a * a).sum(axis=1)[:, None] + (b * b).sum(axis=1)[None, :] - a @ b.T


def _pairwise_wrong_axis(a, b):
    diff = a[:, None, :] - b[None, :, :]
    return (diff * diff).sum(axis=1)


def _pairwise_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        n, m, d = _dims(rng, 2, 12 if hidden else 7, 3)
        while n == m or m == d:
            m = int(rng.integers(2, 13))
        cases.append(Case("random points", {"a": rng.standard_normal((n, d)),
                                            "b": rng.standard_normal((m, d))}))
    cases.append(Case("as many points in a and b", {"a": rng.standard_normal((4, 3)),
                                                    "b": rng.standard_normal((4, 3))}))
    a = rng.standard_normal((5, 2))
    cases.append(Case("distances of a set to itself", {"a": a, "b": a.copy()}))
    cases.append(Case("points at the origin", {"a": np.zeros((2, 3)),
                                               "b": rng.standard_normal((3, 3))}))
    cases.append(Case("one point", {"a": rng.standard_normal((1, 3)),
                                    "b": rng.standard_normal((6, 3))}))
    cases.append(Case("one dimension", {"a": rng.standard_normal((3, 1)),
                                        "b": rng.standard_normal((5, 1))}))
    cases.append(Case("far from the origin", {"a": 300 + rng.standard_normal((4, 3)),
                                              "b": 300 + rng.standard_normal((2, 3))}))
    if hidden:
        cases.append(Case("large", {"a": rng.standard_normal((400, 32)),
                                    "b": rng.standard_normal((300, 32))}))
    return cases


PAIRWISE_SQ_DISTS = Exercise(
    id="ch1.pairwise_sq_dists", name="pairwise_sq_dists", reference=pairwise_sq_dists,
    make_cases=_pairwise_cases, points=2, rtol=1e-6, atol=1e-6,
    summary="all squared Euclidean distances between two sets of points",
    mistakes=[
        Mistake("distances, not squared distances",
                "You took the square root: these are the distances. The exercise asks for "
                "squared distances (no sqrt).", _pairwise_dists_sqrt),
        Mistake("transposed",
                "Your result is indexed [j, i] (b's points along the rows). Put a's points "
                "on axis 0: a[:, None, :] - b[None, :, :].", _pairwise_transposed),
        Mistake("missing factor 2 in the expansion",
                "||a - b||^2 = ||a||^2 + ||b||^2 - 2 a.b: the cross term has a factor 2.",
                _pairwise_missing_two),
        Mistake("summed over the wrong axis",
                "The coordinates are on the last axis of the (N, M, D) differences: sum over "
                "axis=-1, not over one of the point axes.", _pairwise_wrong_axis),
    ])


# -- 6. logsumexp: a stable reduction along an axis ------------------------------------------------

def logsumexp(x, axis=-1):
    """``log(sum(exp(x), axis))``, computed without overflow or underflow (no keepdims)."""
    m = np.max(x, axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(x - m), axis=axis))


def _logsumexp_naive(x, axis=-1):
    return np.log(np.sum(np.exp(x), axis=axis))


def _logsumexp_max_not_added_back(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    return np.log(np.sum(np.exp(x - m), axis=axis))


def _logsumexp_no_keepdims(x, axis=-1):
    m = np.max(x, axis=axis)
    return m + np.log(np.sum(np.exp(x - m), axis=axis))


def _logsumexp_axis_ignored(x, axis=-1):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m), axis=-1))


def _logsumexp_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        n, k = _dims(rng, 2, 9, 2)
        while n == k:
            k = int(rng.integers(2, 10))
        cases.append(Case("random, last axis", {"x": rng.standard_normal((n, k)) * 3}))
    cases.append(Case("axis 0", {"x": rng.standard_normal((3, 5)), "axis": 0}))
    cases.append(Case("square matrix", {"x": rng.standard_normal((4, 4)) * 2}))
    cases.append(Case("three axes, axis 1", {"x": rng.standard_normal((2, 3, 4)), "axis": 1}))
    cases.append(Case("zeros", {"x": np.zeros((2, 5))}))
    cases.append(Case("huge values", {"x": rng.standard_normal((3, 4)) + 1000.0}))
    cases.append(Case("very negative values", {"x": rng.standard_normal((4, 3)) - 1000.0}))
    cases.append(Case("mixed magnitudes", {"x": np.array([[800.0, -800.0, 0.0],
                                                           [-5.0, 1e-3, 2.0]])}))
    cases.append(Case("one row", {"x": rng.standard_normal((1, 6))}))
    if hidden:
        cases.append(Case("large", {"x": rng.standard_normal((2000, 100)) * 50}))
        cases.append(Case("a vector", {"x": rng.standard_normal(7), "axis": 0}))
    return cases


LOGSUMEXP = Exercise(
    id="ch1.logsumexp", name="logsumexp", reference=logsumexp, make_cases=_logsumexp_cases,
    points=2, rtol=1e-6, atol=1e-8,
    summary="log(sum(exp(x), axis)) without overflow",
    mistakes=[
        Mistake("overflow",
                "exp(1000) overflows to inf (and exp(-1000) underflows to 0, whose log is "
                "-inf). Subtract the maximum first: logsumexp(x) = m + "
                "log(sum(exp(x - m))).", _logsumexp_naive),
        Mistake("maximum not added back",
                "You subtracted the maximum m before the exp but forgot to add it back: "
                "log(sum(exp(x))) = m + log(sum(exp(x - m))).", _logsumexp_max_not_added_back),
        Mistake("maximum without keepdims",
                "x - x.max(axis) lines the maxima up with the wrong axis (numpy aligns shapes "
                "at the right). Keep the reduced axis: x.max(axis, keepdims=True), and "
                "squeeze it when you add it back.", _logsumexp_no_keepdims),
        Mistake("axis ignored",
                "Your function does not use its axis argument (it always reduces the last "
                "axis, or takes one maximum for the whole array).", _logsumexp_axis_ignored),
    ])


# -- 7. bilinear_scores: einsum, a diagonal without the matrix -----------------------------------

def bilinear_scores(x, A, y):
    """``x`` ``(N, D)``, ``A`` ``(D, E)``, ``y`` ``(N, E)`` -> ``s[n] = x[n] @ A @ y[n]``, ``(N,)``."""
    return np.einsum("nd,de,ne->n", x, A, y)


def _bilinear_full_matrix(x, A, y):
    return x @ A @ y.T


def _bilinear_A_transposed(x, A, y):
    return np.einsum("nd,ed,ne->n", x, A, y)


def _bilinear_summed(x, A, y):
    return np.einsum("nd,de,ne->", x, A, y)


def _bilinear_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        n, d, e = _dims(rng, 2, 8, 3)
        while n in (d, e) or d == e:
            n, d, e = _dims(rng, 2, 8, 3)
        cases.append(Case("random shapes", {"x": rng.standard_normal((n, d)),
                                            "A": rng.standard_normal((d, e)),
                                            "y": rng.standard_normal((n, e))}))
    cases.append(Case("square A", {"x": rng.standard_normal((5, 3)),
                                   "A": rng.standard_normal((3, 3)),
                                   "y": rng.standard_normal((5, 3))}))
    cases.append(Case("batch of 1", {"x": rng.standard_normal((1, 4)),
                                     "A": rng.standard_normal((4, 2)),
                                     "y": rng.standard_normal((1, 2))}))
    cases.append(Case("zero A", {"x": rng.standard_normal((3, 2)), "A": np.zeros((2, 4)),
                                 "y": rng.standard_normal((3, 4))}))
    cases.append(Case("identity A (dot products)", {"x": rng.standard_normal((6, 4)),
                                                     "A": np.eye(4),
                                                     "y": rng.standard_normal((6, 4))}))
    cases.append(Case("non-contiguous input", {
        "x": np.asfortranarray(rng.standard_normal((4, 3))),
        "A": np.asfortranarray(rng.standard_normal((3, 5))),
        "y": rng.standard_normal((4, 5))}))
    if hidden:
        cases.append(Case("large", {"x": rng.standard_normal((2000, 64)),
                                    "A": rng.standard_normal((64, 32)),
                                    "y": rng.standard_normal((2000, 32))}))
    return cases


BILINEAR_SCORES = Exercise(
    id="ch1.bilinear_scores", name="bilinear_scores", reference=bilinear_scores,
    make_cases=_bilinear_cases, points=2, rtol=1e-6, atol=1e-8,
    summary="x[n] @ A @ y[n] for every n, by einsum (no N x N matrix)",
    mistakes=[
        Mistake("all pairs",
                "x @ A @ y.T scores every x[n] against every y[m]: an (N, N) matrix whose "
                "diagonal is the answer. Pair row n with row n: "
                "np.einsum('nd,de,ne->n', x, A, y), or ((x @ A) * y).sum(axis=1).",
                _bilinear_full_matrix),
        Mistake("A transposed",
                "You used A's axes the other way round (A[e, d]): x's index d goes with A's "
                "first axis, y's index e with its second.", _bilinear_A_transposed),
        Mistake("summed over the batch",
                "Your einsum (or sum) also summed over n: the output subscripts must keep "
                "n ('...->n').", _bilinear_summed),
    ])


# -- 8. masked_mean: TensorFlow's reduce_sum and cast, in numpy -------------------------------------

def masked_mean(x, mask):
    """Mean of each row of ``x`` ``(N, T)`` over the positions where ``mask`` ``(N, T)`` is
    True; 0 for a row with no such position. Shape ``(N,)``."""
    kept = np.where(mask, x, 0).sum(axis=1)
    count = mask.sum(axis=1)
    return kept / np.maximum(count, 1)


def _masked_mean_ignores_mask(x, mask):
    return x.mean(axis=1)


def _masked_mean_divides_by_length(x, mask):
    return np.where(mask, x, 0).sum(axis=1) / x.shape[1]


def _masked_mean_wrong_axis(x, mask):
    return np.where(mask, x, 0).sum(axis=0) / np.maximum(mask.sum(axis=0), 1)


def _lengths_mask(rng, n, t, allow_empty=False):
    """A padding mask: row i is True on its first ``length[i]`` positions."""
    lengths = rng.integers(0 if allow_empty else 1, t + 1, n)
    return np.arange(t)[None, :] < lengths[:, None]


def _masked_mean_cases(rng, hidden):
    cases = []
    for _ in range(6 if hidden else 2):
        n, t = _dims(rng, 2, 9, 2)
        while n == t:
            t = int(rng.integers(2, 10))
        mask = _lengths_mask(rng, n, t)
        x = np.where(mask, rng.standard_normal((n, t)), rng.uniform(-1e6, 1e6, (n, t)))
        cases.append(Case("padded sequences", {"x": x, "mask": mask}))
    mask = _lengths_mask(rng, 4, 4)
    cases.append(Case("as many rows as positions", {"x": rng.standard_normal((4, 4)),
                                                     "mask": mask}))
    mask = rng.random((5, 6)) < 0.5
    mask[2] = False
    cases.append(Case("a row with nothing to average",
                      {"x": rng.standard_normal((5, 6)), "mask": mask}))
    cases.append(Case("nothing masked", {"x": rng.standard_normal((3, 5)),
                                         "mask": np.ones((3, 5), dtype=bool)}))
    cases.append(Case("one sequence", {"x": rng.standard_normal((1, 7)),
                                       "mask": _lengths_mask(rng, 1, 7)}))
    if hidden:
        mask = rng.random((2000, 80)) < 0.7
        cases.append(Case("large", {"x": rng.standard_normal((2000, 80)), "mask": mask}))
    return cases


MASKED_MEAN = Exercise(
    id="ch1.masked_mean", name="masked_mean", reference=masked_mean,
    make_cases=_masked_mean_cases, points=2, rtol=1e-6, atol=1e-8,
    summary="mean over the unmasked positions of each row (padded sequences)",
    mistakes=[
        Mistake("mask ignored",
                "You averaged every position, padding included. Sum only where the mask is "
                "True (np.where(mask, x, 0), or x * mask) and divide by the number of True "
                "positions of the row.", _masked_mean_ignores_mask),
        Mistake("divided by the full length",
                "You divided by the length T of the rows; divide each row by the number of "
                "its True positions: mask.sum(axis=1).", _masked_mean_divides_by_length),
        Mistake("reduced over the wrong axis",
                "You reduced over axis 0 (across the batch). Each sequence is a row: "
                "reduce over axis=1.", _masked_mean_wrong_axis),
    ])


EXERCISES = [ONE_HOT, NCHW_TO_NHWC, GATHER_SCORES, STANDARDIZE, PAIRWISE_SQ_DISTS, LOGSUMEXP,
             BILINEAR_SCORES, MASKED_MEAN]
