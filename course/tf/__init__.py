"""The stand-in for ``import tensorflow as tf``: ``tf.data`` (more namespaces join it)."""

from course.tf import data
