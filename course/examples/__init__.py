"""Worked examples that run from a terminal (``python -m course.examples.mnist_mlp``)."""
