"""Exercise specs, one module per chapter: ``ch1_tensors``, ``ch2_autodiff``, ..."""
