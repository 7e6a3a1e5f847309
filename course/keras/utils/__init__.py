"""Utilities: ``to_categorical``, ``set_random_seed``, ``Progbar``, ``Sequence``,
``pad_sequences``."""

from course.keras.utils.numerical_utils import normalize, to_categorical
from course.keras.utils.progbar import Progbar
from course.keras.utils.random import set_random_seed
from course.keras.utils.sequence import Sequence
from course.keras.utils.sequence_utils import pad_sequences

__all__ = ["normalize", "to_categorical", "Progbar", "set_random_seed", "Sequence",
           "pad_sequences"]
