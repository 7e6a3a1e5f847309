"""Datasets as ``keras.datasets`` has them: ``mnist.load_data()``, ``fashion_mnist.load_data()``,
``imdb.load_data()``."""

from course.keras.datasets import fashion_mnist, imdb, mnist

__all__ = ["fashion_mnist", "imdb", "mnist"]
