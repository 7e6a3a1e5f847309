"""course: the reference library of a deep-learning course.

Subpackages (imported on demand, so ``import course`` stays cheap):

- ``course.ops``: every operation once, as a forward/backward pair of pure functions;
- ``course.keras``: a Keras-shaped API (Sequential, Dense, Conv2D, compile/fit/evaluate) on ``ops``;
- ``course.autodiff``: the teaching engine: scalar ``Value``, array ``Tensor``, a dataflow ``Graph``;
- ``course.data``: IDX files, checksummed downloads, the cache, batching;
- ``course.checks``: exercise specs and the checker that compares a student's code with ``ops``.
"""

__version__ = "0.1.0"
