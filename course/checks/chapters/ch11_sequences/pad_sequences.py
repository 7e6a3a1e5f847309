"""ch11.pad_sequences: sequences of different lengths -> one (N, maxlen) array, as Keras."""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.keras.utils.sequence_utils import pad_sequences


def _cases(rng, hidden):
    def sequences(count, low, high):
        return [[int(v) for v in rng.integers(1, 50, size=int(rng.integers(low, high + 1)))]
                for _ in range(count)]

    def case(group, seqs, **options):
        return Case(group, {"sequences": seqs, "maxlen": options.get("maxlen"),
                            "padding": options.get("padding", "pre"),
                            "truncating": options.get("truncating", "pre"),
                            "value": options.get("value", 0)})
    cases = [case("Keras's defaults (the longest length, padding 'pre')", sequences(4, 1, 6)),
             case("maxlen cuts long sequences (truncating 'pre': the end is kept)",
                  sequences(5, 2, 9), maxlen=4),
             case("padding 'post'", sequences(4, 1, 6), padding="post"),
             case("truncating 'post'", sequences(4, 3, 8), maxlen=3, truncating="post"),
             case("'post' and 'post'", sequences(5, 1, 9), maxlen=5, padding="post",
                  truncating="post"),
             case("a padding value of -1", sequences(3, 1, 5), maxlen=6, value=-1),
             case("an empty sequence", [[], [3, 1], [4, 1, 5]], maxlen=4),
             case("maxlen longer than every sequence", sequences(3, 1, 4), maxlen=7)]
    for _ in range(3 if hidden else 0):
        cases.append(case("random", sequences(20, 0, 30), maxlen=int(rng.integers(1, 25)),
                          padding=str(rng.choice(["pre", "post"])),
                          truncating=str(rng.choice(["pre", "post"])),
                          value=int(rng.integers(-2, 3))))
    return cases


def _call(obj, args):
    return obj(args["sequences"], maxlen=args["maxlen"], padding=args["padding"],
               truncating=args["truncating"], value=args["value"])


def pad_sequences__padded_after_the_sequence(sequences, maxlen=None, padding="pre",
                                             truncating="pre", value=0):
    if maxlen is None:
        maxlen = max(len(s) for s in sequences)
    out = np.full((len(sequences), maxlen), value, dtype="int32")
    for i, s in enumerate(sequences):
        kept = s[-maxlen:] if truncating == "pre" else s[:maxlen]
        out[i, :len(kept)] = kept
    return out


def pad_sequences__cut_the_end_of_long_sequences(sequences, maxlen=None, padding="pre",
                                                 truncating="pre", value=0):
    if maxlen is None:
        maxlen = max(len(s) for s in sequences)
    out = np.full((len(sequences), maxlen), value, dtype="int32")
    for i, s in enumerate(sequences):
        kept = s[:maxlen]
        if not kept:
            continue
        if padding == "post":
            out[i, :len(kept)] = kept
        else:
            out[i, -len(kept):] = kept
    return out


def pad_sequences__padded_with_zeros_whatever_value(sequences, maxlen=None, padding="pre",
                                                    truncating="pre", value=0):
    if maxlen is None:
        maxlen = max(len(s) for s in sequences)
    out = np.zeros((len(sequences), maxlen), dtype="int32")
    for i, s in enumerate(sequences):
        kept = s[-maxlen:] if truncating == "pre" else s[:maxlen]
        if not kept:
            continue
        if padding == "post":
            out[i, :len(kept)] = kept
        else:
            out[i, -len(kept):] = kept
    return out


PAD_SEQUENCES = Exercise(
    id="ch11.pad_sequences", name="pad_sequences", reference=pad_sequences, make_cases=_cases,
    call=_call, output_names=("padded",), rtol=0, atol=0, points=1,
    mistakes=[
        Mistake("padded after the sequence",
                "Keras's default is padding='pre': the padding values go BEFORE a short "
                "sequence, so that its last real token is the last step, the one a recurrent "
                "layer without return_sequences reports. Pad after it only with "
                "padding='post'.",
                pad_sequences__padded_after_the_sequence),
        Mistake("cut the end of long sequences",
                "truncating='pre' (the default) drops the BEGINNING of a sequence longer than "
                "maxlen and keeps its last maxlen tokens, s[-maxlen:]; s[:maxlen] is "
                "truncating='post'.",
                pad_sequences__cut_the_end_of_long_sequences),
        Mistake("padded with zeros whatever value",
                "The padding holds `value` (0 by default, but -1 or any other number when "
                "asked): start from np.full(..., value), not np.zeros.",
                pad_sequences__padded_with_zeros_whatever_value),
    ],
    summary="pad_sequences: 'pre'/'post' padding and truncation to maxlen")
