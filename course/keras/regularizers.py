"""Weight penalties ``L1``, ``L2``, ``L1L2`` as Keras has them, on ``course.ops.regularizers``.

A regularizer is called on a weight array and returns the penalty added to the loss;
``gradient(w)`` returns its gradient, added to the weight's gradient in ``fit``.
"""

from course.ops.regularizers import l1_l2_backward, l1_l2_forward


class L1L2:
    """``l1 * sum(|w|) + l2 * sum(w**2)``."""

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = float(l1)
        self.l2 = float(l2)

    def __call__(self, w):
        return l1_l2_forward(w, self.l1, self.l2)[0]

    def gradient(self, w):
        """``l1 * sign(w) + 2 * l2 * w``, shape of ``w``."""
        return l1_l2_backward(1.0, (w, self.l1, self.l2))

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


class L1(L1L2):
    """``l1 * sum(|w|)``; Keras's default factor 0.01."""

    def __init__(self, l1=0.01):
        super().__init__(l1=l1)


class L2(L1L2):
    """``l2 * sum(w**2)``; Keras's default factor 0.01."""

    def __init__(self, l2=0.01):
        super().__init__(l2=l2)


l1 = L1
l2 = L2


def l1_l2(l1=0.01, l2=0.01):
    """Both penalties, Keras's defaults 0.01 each."""
    return L1L2(l1, l2)


def get(identifier):
    """None, ``"l1"``, ``"l2"``, ``"l1_l2"`` or a regularizer -> regularizer (or None)."""
    if identifier is None or isinstance(identifier, L1L2):
        return identifier
    by_name = {"l1": L1, "l2": L2, "l1_l2": l1_l2}
    if isinstance(identifier, str) and identifier in by_name:
        return by_name[identifier]()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret regularizer: {identifier!r}")
