"""Datasets as ``keras.datasets`` has them: ``mnist.load_data()``, ``fashion_mnist.load_data()``."""

from course.keras.datasets import fashion_mnist, mnist

__all__ = ["fashion_mnist", "mnist"]
