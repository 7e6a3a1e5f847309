"""Chapter 8, convolutional networks: the arithmetic of windows (output sizes, padding,
receptive fields), convolution by loops and then as im2col and one matrix product, its
backward pass, and max pooling forward and backward.

Every reference is a function of ``course.ops``: ``windows.window_geometry`` and
``windows.receptive_field``, ``conv2d_naive_forward`` / ``conv2d_naive_backward``,
``conv.image_to_columns``, ``conv2d_forward``, ``max_pool2d_forward`` /
``max_pool2d_backward``. Backward exercises are called as ``obj(dout, cache)`` with the
cache built by the reference forward from the case's plain arrays.

Every mutant (one module per exercise) is a self-contained wrong answer (numpy only, the
exercise's signature); their diagnoses speak to the student.
"""

from course.checks.chapters.ch8_convolution.conv2d_forward import CONV2D_FORWARD
from course.checks.chapters.ch8_convolution.conv2d_naive_backward import CONV2D_NAIVE_BACKWARD
from course.checks.chapters.ch8_convolution.conv2d_naive_forward import CONV2D_NAIVE_FORWARD
from course.checks.chapters.ch8_convolution.image_to_columns import IMAGE_TO_COLUMNS
from course.checks.chapters.ch8_convolution.max_pool2d_backward import MAX_POOL2D_BACKWARD
from course.checks.chapters.ch8_convolution.max_pool2d_forward import MAX_POOL2D_FORWARD
from course.checks.chapters.ch8_convolution.receptive_field import RECEPTIVE_FIELD
from course.checks.chapters.ch8_convolution.window_geometry import WINDOW_GEOMETRY

EXERCISES = [WINDOW_GEOMETRY, RECEPTIVE_FIELD, CONV2D_NAIVE_FORWARD, IMAGE_TO_COLUMNS,
             CONV2D_FORWARD, CONV2D_NAIVE_BACKWARD, MAX_POOL2D_FORWARD, MAX_POOL2D_BACKWARD]
