"""Chapter 11, sequence models: padding token sequences, the embedding lookup and its
scatter-add backward, a SimpleRNN over masked sequences and backpropagation through time,
clipping a gradient by its norm, the LSTM cell forward and backward, and the GRU cell.

Every reference is a function of the library: ``keras.utils.sequence_utils.pad_sequences``,
``ops.embedding.embedding_forward`` / ``embedding_backward``,
``ops.simple_rnn.simple_rnn_forward`` / ``simple_rnn_backward``,
``ops.clipping.clip_by_norm``, ``ops.lstm.lstm_cell_forward`` / ``lstm_cell_backward`` and
``ops.gru.gru_cell_forward``. Backward exercises are called as ``obj(dout, cache)`` with
the cache built by the reference forward; their gradients are compared flat, one name each.

Every mutant (one module per exercise) is a self-contained wrong answer (numpy only, the
exercise's signature); their diagnoses speak to the student.
"""

from course.checks.chapters.ch11_sequences.clip_by_norm import CLIP_BY_NORM
from course.checks.chapters.ch11_sequences.embedding_backward import EMBEDDING_BACKWARD
from course.checks.chapters.ch11_sequences.embedding_forward import EMBEDDING_FORWARD
from course.checks.chapters.ch11_sequences.gru_cell_forward import GRU_CELL_FORWARD
from course.checks.chapters.ch11_sequences.lstm_cell_backward import LSTM_CELL_BACKWARD
from course.checks.chapters.ch11_sequences.lstm_cell_forward import LSTM_CELL_FORWARD
from course.checks.chapters.ch11_sequences.pad_sequences import PAD_SEQUENCES
from course.checks.chapters.ch11_sequences.simple_rnn_backward import SIMPLE_RNN_BACKWARD
from course.checks.chapters.ch11_sequences.simple_rnn_forward import SIMPLE_RNN_FORWARD

EXERCISES = [PAD_SEQUENCES, EMBEDDING_FORWARD, EMBEDDING_BACKWARD, SIMPLE_RNN_FORWARD,
             SIMPLE_RNN_BACKWARD, CLIP_BY_NORM, LSTM_CELL_FORWARD, LSTM_CELL_BACKWARD,
             GRU_CELL_FORWARD]
