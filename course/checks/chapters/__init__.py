"""Exercise specs, one package per chapter (``ch1_tensors``, ``ch2_autodiff``, ...), one
module per exercise in it, named after the exercise (``ch4_backprop/relu_backward.py``).

A catalogued mistake's mutant is named ``<exercise name>__<mistake name as an identifier>``;
case helpers that every chapter uses are in :mod:`course.checks.cases`, the call adapters'
helpers in :mod:`course.checks.calls`.
"""
