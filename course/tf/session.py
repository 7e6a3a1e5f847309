"""``tf.Session`` that also fetches eager values: ``Session().run(eager_tensor)`` returns
its value, as TensorFlow 2's ``compat.v1.Session`` does for a constant."""

from course.autodiff import session
from course.autodiff.graph import Constant, Node


class Session(session.Session):
    """TensorFlow 1's Session (:class:`course.autodiff.session.Session`)."""

    def run(self, fetches, feed_dict=None):
        return super().run(_as_nodes(fetches), feed_dict)


def _as_nodes(fetches):
    if isinstance(fetches, Node):
        return fetches
    if isinstance(fetches, list):
        return [_as_nodes(f) for f in fetches]
    if isinstance(fetches, tuple):
        return tuple(_as_nodes(f) for f in fetches)
    if isinstance(fetches, dict):
        return {k: _as_nodes(f) for k, f in fetches.items()}
    if hasattr(fetches, "shape") and hasattr(fetches, "dtype"):
        return Constant(getattr(fetches, "value", fetches))
    return fetches
