"""Benchmarks: scripts that print seconds and ratios side by side (``python -m course.benchmarks.mlp``)."""
