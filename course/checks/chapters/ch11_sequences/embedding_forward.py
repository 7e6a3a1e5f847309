"""ch11.embedding_forward: one row of the table per token id."""

from course.checks.calls import first_of_pair
from course.checks.chapters.ch11_sequences.shared import embedding_cases
from course.checks.spec import Exercise, Mistake
from course.ops.embedding import embedding_forward


def _call(obj, args):
    return first_of_pair(obj(args["ids"], args["embeddings"]), "embedding_forward")


def embedding_forward__flattened_the_batch_axes(ids, embeddings):
    return embeddings[ids.reshape(-1)], (ids, embeddings.shape[0])


def embedding_forward__ids_counted_from_1(ids, embeddings):
    return embeddings[ids - 1], (ids, embeddings.shape[0])


def embedding_forward__zeroed_the_padding_id(ids, embeddings):
    out = embeddings[ids]
    out[ids == 0] = 0
    return out, (ids, embeddings.shape[0])


EMBEDDING_FORWARD = Exercise(
    id="ch11.embedding_forward", name="embedding_forward", reference=embedding_forward,
    make_cases=embedding_cases, call=_call, output_names=("out",), rtol=0, atol=0, points=1,
    mistakes=[
        Mistake("flattened the batch axes",
                "The output keeps the ids' shape and adds the embedding axis: ids (N, T) give "
                "(N, T, E). embeddings[ids] does exactly that; a one-hot product over "
                "ids.reshape(-1) must be reshaped back to ids.shape + (E,).",
                embedding_forward__flattened_the_batch_axes),
        Mistake("ids counted from 1",
                "Token ids index the table's rows from 0: id 0 is row 0 (Keras's padding id, "
                "a row like the others), and the vocabulary is [0, input_dim). No shift.",
                embedding_forward__ids_counted_from_1),
        Mistake("zeroed the padding id",
                "The lookup returns row 0 for id 0 like any other row, even with "
                "mask_zero=True: the mask only tells the layers after the embedding which "
                "steps to skip; it does not change the embedding's output.",
                embedding_forward__zeroed_the_padding_id),
    ],
    summary="embedding lookup: out[..., :] = embeddings[ids[...]]")
