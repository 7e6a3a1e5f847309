"""The errors a ``Session.run`` raises, with TensorFlow 1's names (``tf.errors.*``)."""


class InvalidArgumentError(ValueError):
    """A node needs an input the run did not get, e.g. a placeholder nobody fed."""


class FailedPreconditionError(RuntimeError):
    """The graph was run before its state was ready, e.g. a variable read before its initializer."""
