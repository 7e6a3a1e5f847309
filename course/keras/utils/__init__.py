"""Utilities: ``to_categorical``, ``normalize``, ``split_dataset``, ``plot_model``,
``set_random_seed``, ``Progbar``, ``Sequence``, ``pad_sequences``, datasets from folders of
image and text files and from series."""

from course.keras.utils.dataset_utils import split_dataset
from course.keras.utils.image_dataset_utils import image_dataset_from_directory
from course.keras.utils.image_utils import array_to_img, img_to_array, load_img, save_img
from course.keras.utils.model_visualization import plot_model
from course.keras.utils.numerical_utils import normalize, to_categorical
from course.keras.utils.progbar import Progbar
from course.keras.utils.random import set_random_seed
from course.keras.utils.sequence import Sequence
from course.keras.utils.sequence_utils import pad_sequences
from course.keras.utils.text_dataset_utils import text_dataset_from_directory
from course.keras.utils.timeseries_dataset_utils import timeseries_dataset_from_array

__all__ = ["normalize", "to_categorical", "split_dataset", "plot_model", "Progbar",
           "set_random_seed", "Sequence", "image_dataset_from_directory", "array_to_img",
           "img_to_array", "load_img", "save_img", "pad_sequences", "text_dataset_from_directory",
           "timeseries_dataset_from_array"]
