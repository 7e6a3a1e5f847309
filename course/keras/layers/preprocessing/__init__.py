"""Preprocessing layers: rescaling and normalization, image resizing and cropping, random
augmentation (active while training), categorical encodings and vocabulary lookups."""

from course.keras.layers.preprocessing.category_encoding import CategoryEncoding
from course.keras.layers.preprocessing.center_crop import CenterCrop
from course.keras.layers.preprocessing.discretization import Discretization
from course.keras.layers.preprocessing.integer_lookup import IntegerLookup
from course.keras.layers.preprocessing.normalization import Normalization
from course.keras.layers.preprocessing.random_contrast import RandomContrast
from course.keras.layers.preprocessing.random_crop import RandomCrop
from course.keras.layers.preprocessing.random_flip import RandomFlip
from course.keras.layers.preprocessing.random_rotation import RandomRotation
from course.keras.layers.preprocessing.random_translation import RandomTranslation
from course.keras.layers.preprocessing.random_zoom import RandomZoom
from course.keras.layers.preprocessing.rescaling import Rescaling
from course.keras.layers.preprocessing.resizing import Resizing
from course.keras.layers.preprocessing.string_lookup import StringLookup

__all__ = ["CategoryEncoding", "CenterCrop", "Discretization", "IntegerLookup",
           "Normalization", "RandomContrast", "RandomCrop", "RandomFlip", "RandomRotation",
           "RandomTranslation", "RandomZoom", "Rescaling", "Resizing", "StringLookup"]
