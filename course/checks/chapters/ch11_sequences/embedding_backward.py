"""ch11.embedding_backward: the scatter-add of the output gradient into the table's rows."""

import numpy as np

from course.checks.calls import backward_reading_cache
from course.checks.chapters.ch11_sequences.shared import embedding_cases
from course.checks.spec import Exercise, Mistake
from course.ops.embedding import embedding_backward, embedding_forward


def _cases(rng, hidden):
    return embedding_cases(rng, hidden, with_dout=True)


def _call(obj, args):
    dout = args["dout"]
    _, cache = embedding_forward(args["ids"], np.zeros((args["input_dim"], dout.shape[-1]),
                                                       dout.dtype))
    return backward_reading_cache(obj, "embedding_backward", dout, cache)


def embedding_backward__assigned_repeated_ids_once(dout, cache):
    ids, input_dim = cache
    dtable = np.zeros((input_dim, dout.shape[-1]), dout.dtype)
    dtable[ids] += dout
    return dtable


def embedding_backward__table_sized_by_the_largest_id(dout, cache):
    ids, input_dim = cache
    dtable = np.zeros((ids.max() + 1, dout.shape[-1]), dout.dtype)
    np.add.at(dtable, ids, dout)
    return dtable


def embedding_backward__averaged_repeated_ids(dout, cache):
    ids, input_dim = cache
    dtable = np.zeros((input_dim, dout.shape[-1]), dout.dtype)
    np.add.at(dtable, ids, dout)
    counts = np.bincount(ids.reshape(-1), minlength=input_dim)
    return dtable / np.maximum(counts, 1)[:, None]


EMBEDDING_BACKWARD = Exercise(
    id="ch11.embedding_backward", name="embedding_backward", reference=embedding_backward,
    make_cases=_cases, call=_call, output_names=("dembeddings",), rtol=1e-6, atol=1e-12,
    points=2,
    mistakes=[
        Mistake("assigned repeated ids once",
                "dtable[ids] += dout is a fancy-index assignment: numpy reads dtable[ids], adds, "
                "and writes each row back, so a token that occurs twice keeps only ONE of its "
                "gradients (the last write wins). Every use of a token adds to its row: "
                "np.add.at(dtable, ids, dout), or a loop over the ids.",
                embedding_backward__assigned_repeated_ids_once),
        Mistake("table sized by the largest id",
                "The gradient has the table's shape (input_dim, E), the size in the cache, "
                "whatever ids this batch happens to use: the rows of unused tokens get "
                "0, they do not disappear.",
                embedding_backward__table_sized_by_the_largest_id),
        Mistake("averaged repeated ids",
                "A token used k times contributed k times to the loss, so its row's gradient "
                "is the SUM of the k output gradients, not their mean.",
                embedding_backward__averaged_repeated_ids),
    ],
    summary="embedding backward: scatter-add, repeated ids add up")
