"""Preprocessing: ``preprocessing.image.ImageDataGenerator``, ``preprocessing.sequence``
(``pad_sequences``) and the legacy ``preprocessing.text`` (``Tokenizer``)."""

from course.keras.preprocessing import image  # noqa: F401
from course.keras.preprocessing.image import ImageDataGenerator  # noqa: F401
from course.keras.preprocessing import sequence, text  # noqa: F401
