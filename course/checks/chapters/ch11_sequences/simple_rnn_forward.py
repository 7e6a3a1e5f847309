"""ch11.simple_rnn_forward: a SimpleRNN over a sequence, masked steps carrying the state."""

import numpy as np

from course.checks.calls import first_of_pair
from course.checks.chapters.ch11_sequences.shared import rnn_cases
from course.checks.spec import Exercise, Mistake
from course.ops.simple_rnn import simple_rnn_forward


def _cases(rng, hidden):
    return rnn_cases(rng, hidden)


def _call(obj, args):
    return first_of_pair(obj(args["x"], args["kernel"], args["recurrent_kernel"],
                             bias=args["bias"], mask=args["mask"]), "simple_rnn_forward")


def simple_rnn_forward__forgot_the_recurrent_term(x, kernel, recurrent_kernel, bias=None,
                                                  mask=None):
    n, t, _ = x.shape
    h = np.zeros((n, kernel.shape[1]), x.dtype)
    outputs = np.zeros((n, t, kernel.shape[1]), x.dtype)
    for step in range(t):
        z = x[:, step] @ kernel
        if bias is not None:
            z = z + bias
        keep = np.ones((n, 1), bool) if mask is None else mask[:, step, None]
        h = np.where(keep, np.tanh(z), h)
        outputs[:, step] = h
    return (outputs, h), None


def simple_rnn_forward__recurrent_kernel_transposed(x, kernel, recurrent_kernel, bias=None,
                                                    mask=None):
    n, t, _ = x.shape
    h = np.zeros((n, kernel.shape[1]), x.dtype)
    outputs = np.zeros((n, t, kernel.shape[1]), x.dtype)
    for step in range(t):
        z = x[:, step] @ kernel + h @ recurrent_kernel.T
        if bias is not None:
            z = z + bias
        keep = np.ones((n, 1), bool) if mask is None else mask[:, step, None]
        h = np.where(keep, np.tanh(z), h)
        outputs[:, step] = h
    return (outputs, h), None


def simple_rnn_forward__ignored_the_mask(x, kernel, recurrent_kernel, bias=None, mask=None):
    n, t, _ = x.shape
    h = np.zeros((n, kernel.shape[1]), x.dtype)
    outputs = np.zeros((n, t, kernel.shape[1]), x.dtype)
    for step in range(t):
        z = x[:, step] @ kernel + h @ recurrent_kernel
        if bias is not None:
            z = z + bias
        h = np.tanh(z)
        outputs[:, step] = h
    return (outputs, h), None


def simple_rnn_forward__reset_the_state_at_masked_steps(x, kernel, recurrent_kernel, bias=None,
                                                        mask=None):
    n, t, _ = x.shape
    h = np.zeros((n, kernel.shape[1]), x.dtype)
    outputs = np.zeros((n, t, kernel.shape[1]), x.dtype)
    for step in range(t):
        z = x[:, step] @ kernel + h @ recurrent_kernel
        if bias is not None:
            z = z + bias
        keep = np.ones((n, 1), bool) if mask is None else mask[:, step, None]
        h = np.where(keep, np.tanh(z), 0.0).astype(x.dtype)
        outputs[:, step] = h
    return (outputs, h), None


SIMPLE_RNN_FORWARD = Exercise(
    id="ch11.simple_rnn_forward", name="simple_rnn_forward", reference=simple_rnn_forward,
    make_cases=_cases, call=_call, output_names=("outputs", "h"), rtol=1e-4, atol=1e-6,
    points=2,
    mistakes=[
        Mistake("forgot the recurrent term",
                "Without h_{t-1} @ recurrent_kernel each step sees only its own input: that is "
                "a Dense layer applied at every step, with no memory. "
                "h_t = tanh(x_t @ kernel + h_{t-1} @ recurrent_kernel + bias).",
                simple_rnn_forward__forgot_the_recurrent_term),
        Mistake("recurrent kernel transposed",
                "Keras's weights multiply from the right: recurrent_kernel is (H, H) with "
                "row j for the previous state's unit j, so the term is "
                "h_prev @ recurrent_kernel, not h_prev @ recurrent_kernel.T (the shapes agree "
                "either way, only the numbers tell).",
                simple_rnn_forward__recurrent_kernel_transposed),
        Mistake("ignored the mask",
                "Where mask[n, t] is False (a padding step) the layer must skip the step: "
                "the state keeps its previous value, and the output repeats the previous one.",
                simple_rnn_forward__ignored_the_mask),
        Mistake("reset the state at masked steps",
                "A masked step CARRIES the state: h_t = h_{t-1} there (and the output repeats "
                "it), so that a sequence padded at the end reports the state after its last "
                "real token. Setting h to 0 forgets the whole sequence.",
                simple_rnn_forward__reset_the_state_at_masked_steps),
    ],
    summary="SimpleRNN forward over a sequence with a padding mask")
