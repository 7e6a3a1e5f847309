"""Chapter 1, Tensors: creation and dtype, shape, indexing, broadcasting, reductions,
matmul and einsum, TensorFlow's vocabulary in numpy. Every exercise is done without
Python loops.

The operations of this chapter are not layers, so they have no ``(out, cache)`` pair: each
reference is a plain numpy function of ``course.ops``, in the module of its idea
(``indexing``, ``layout``, ``reductions``, ``distances``, ``bilinear``). Each catalogued
mistake is a self-contained wrong version with the exercise's signature (its mutant).
"""

from course.checks.chapters.ch1_tensors.bilinear_scores import BILINEAR_SCORES
from course.checks.chapters.ch1_tensors.gather_scores import GATHER_SCORES
from course.checks.chapters.ch1_tensors.logsumexp import LOGSUMEXP
from course.checks.chapters.ch1_tensors.masked_mean import MASKED_MEAN
from course.checks.chapters.ch1_tensors.nchw_to_nhwc import NCHW_TO_NHWC
from course.checks.chapters.ch1_tensors.one_hot import ONE_HOT
from course.checks.chapters.ch1_tensors.pairwise_sq_dists import PAIRWISE_SQ_DISTS
from course.checks.chapters.ch1_tensors.standardize import STANDARDIZE


EXERCISES = [ONE_HOT, NCHW_TO_NHWC, GATHER_SCORES, STANDARDIZE, PAIRWISE_SQ_DISTS, LOGSUMEXP,
             BILINEAR_SCORES, MASKED_MEAN]
