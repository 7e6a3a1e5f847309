"""Preprocessing: ``preprocessing.image.ImageDataGenerator``."""

from course.keras.preprocessing import image  # noqa: F401
from course.keras.preprocessing.image import ImageDataGenerator  # noqa: F401
